package io.github.tmux4j.junit;

import io.github.tmux4j.CommandResult;
import io.github.tmux4j.Session;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.opentest4j.AssertionFailedError;

/**
 * Assertions about the result of one command run by {@link SessionAssert#runs(String)}. Each assertion
 * returns this object, so they chain. Immutable and thread-safe. Failures show the session's screen, so
 * the command's echo and any error the program printed are in the message.
 */
public final class RunAssert {
  private final Session session;
  private final CommandResult result;

  RunAssert(Session session, CommandResult result) {
    this.session = session;
    this.result = result;
  }

  /**
   * Asserts that the command's output is exactly {@code expected} (lines joined with {@code \n}, trailing
   * whitespace of each line removed, see {@link CommandResult#output()}).
   *
   * @param expected the expected output
   * @return this
   * @throws AssertionFailedError if the output differs; with expected and actual values and the screen
   */
  public RunAssert andOutputs(String expected) {
    Objects.requireNonNull(expected, "expected");
    if (!result.output().equals(expected)) {
      throw new AssertionFailedError(describe() + " to output \"" + expected + "\", but it output \""
          + result.output() + "\".\n" + screen(), expected, result.output());
    }
    return this;
  }

  /**
   * Asserts that the command's output contains {@code text}.
   *
   * @param text the literal text
   * @return this
   * @throws AssertionError if it does not; with the screen
   */
  public RunAssert andOutputsContaining(String text) {
    Objects.requireNonNull(text, "text");
    if (!result.output().contains(text)) {
      throw new AssertionError(describe() + " to output something containing \"" + text + "\", but it output \""
          + result.output() + "\".\n" + screen());
    }
    return this;
  }

  /**
   * Asserts that {@code pattern} is found in the command's output.
   *
   * @param pattern the pattern; {@code find()} semantics, anchor it to match the whole output
   * @return this
   * @throws AssertionError if it is not found; with the screen
   */
  public RunAssert andOutputsMatching(Pattern pattern) {
    Objects.requireNonNull(pattern, "pattern");
    if (!pattern.matcher(result.output()).find()) {
      throw new AssertionError(describe() + " to output a match of /" + pattern + "/, but it output \""
          + result.output() + "\".\n" + screen());
    }
    return this;
  }

  /**
   * Asserts the command's exit code, as the prompt reports it (shell sessions do).
   *
   * @param expected the expected exit code
   * @return this
   * @throws AssertionError if it differs or the session's prompt reports no exit code; with the screen
   */
  public RunAssert andExitsWith(int expected) {
    if (result.exitCode().isEmpty()) {
      throw new AssertionError(describe() + " to exit with " + expected + ", but the session's prompt reports "
          + "no exit code (only shell sessions, or prompts with a group named 'exit', do)");
    }
    int actual = result.exitCode().getAsInt();
    if (actual != expected) {
      throw new AssertionFailedError(describe() + " to exit with " + expected + ", but it exited with " + actual
          + ". Output:\n" + Screens.indent(result.output(), Screens.MESSAGE_LINES) + screen(), expected, actual);
    }
    return this;
  }

  /**
   * The result, for assertions this class does not offer.
   *
   * @return the command's result
   */
  public CommandResult result() {
    return result;
  }

  private String describe() {
    return "Expected `" + result.command().strip() + "` in tmux session '" + session.name() + "'";
  }

  private String screen() {
    return Screens.format(List.of(Screens.read(session)));
  }

  /**
   * Describes the assertions.
   *
   * @return e.g. {@code "RunAssert[py, print(1)]"}
   */
  @Override
  public String toString() {
    return "RunAssert[" + session.name() + ", " + result.command() + "]";
  }
}

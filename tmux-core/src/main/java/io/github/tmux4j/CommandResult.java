package io.github.tmux4j;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * What {@link Session#run} returns: the output of one command, without the echo of the command and
 * without the prompt that followed it.
 *
 * @param command the command as sent
 * @param output the command's output; lines separated by {@code \n}, trailing whitespace of each line
 *     removed, no trailing newline
 * @param elapsed the time from sending the command to seeing the next prompt
 * @param exitCode the command's exit code, when the prompt reports one (shell sessions do)
 * @param truncation what was left out of {@code output}: {@link Truncation#NONE} when nothing was
 */
public record CommandResult(String command, String output, Duration elapsed, OptionalInt exitCode,
    Truncation truncation) {

  /** Validates the components. */
  public CommandResult {
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(elapsed, "elapsed");
    Objects.requireNonNull(exitCode, "exitCode");
    Objects.requireNonNull(truncation, "truncation");
  }

  /**
   * A result with nothing left out.
   *
   * @param command the command as sent
   * @param output the output
   * @param elapsed the time it took
   * @param exitCode the exit code, if known
   */
  public CommandResult(String command, String output, Duration elapsed, OptionalInt exitCode) {
    this(command, output, elapsed, exitCode, Truncation.NONE);
  }

  /**
   * What a result left out of a command's output. Output beyond the client's limit
   * ({@link TmuxClientBuilder#outputLimit}) keeps its first and last parts, and the lines between are
   * counted here; output that tmux dropped for a control client that fell behind is marked as a gap.
   * Per-call caps ({@link ExecutionOptions.Builder#maxLines}, {@link ExecutionOptions.Builder#maxBytes})
   * keep the first and last halves of what is left and count what they cut separately; the output then
   * has one line {@code [... N lines (M bytes) cut ...]} where they cut.
   *
   * @param droppedLines lines the client's output limit left out between head and tail
   * @param droppedChars characters in them (line breaks counted)
   * @param gap whether tmux dropped output for the control client (then the counts are a lower bound)
   * @param cutLines whole lines the per-call caps cut (besides {@code droppedLines})
   * @param cutBytes UTF-8 bytes the per-call caps cut, line breaks counted (a line cut within itself
   *     counts here only)
   */
  public record Truncation(long droppedLines, long droppedChars, boolean gap, long cutLines, long cutBytes) {
    /** Nothing left out. */
    public static final Truncation NONE = new Truncation(0, 0, false, 0, 0);

    /**
     * What the client's output limit and tmux left out, with no per-call caps.
     *
     * @param droppedLines lines left out between head and tail
     * @param droppedChars characters in them (line breaks counted)
     * @param gap whether tmux dropped output for the control client
     */
    public Truncation(long droppedLines, long droppedChars, boolean gap) {
      this(droppedLines, droppedChars, gap, 0, 0);
    }

    /**
     * Whether anything was left out, cut or lost.
     *
     * @return {@code true} if the output is not complete
     */
    public boolean any() {
      return droppedLines > 0 || gap || cutLines > 0 || cutBytes > 0;
    }
  }

  /**
   * Whether some of the output was left out ({@link #truncation()} says what).
   *
   * @return {@code true} if the output is not complete
   */
  public boolean truncated() {
    return truncation.any();
  }

  /**
   * The output split into lines.
   *
   * @return the lines, empty if there was no output
   */
  public List<String> lines() {
    return output.isEmpty() ? List.of() : List.of(output.split("\n", -1));
  }
}

package io.github.tmux4j.junit;

import io.github.tmux4j.CommandResult;
import io.github.tmux4j.Health;
import io.github.tmux4j.HealthState;
import io.github.tmux4j.Session;
import io.github.tmux4j.TmuxException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Assertions about one {@link Session}; obtained from {@link TmuxAssertions#assertThat(Session)}. Each
 * assertion returns this object, so they chain. Immutable and thread-safe; the waits are the session's
 * own ({@link Session#waitFor}, {@link Session#run}), so the rules of those methods apply: waits look
 * only at what the pane printed after the input last sent through the handle.
 */
public final class SessionAssert {
  /** How the messages of {@link io.github.tmux4j.WaitTimeoutException} and its kin end their first line. */
  private static final String LINES_SEEN = " Last lines seen:";

  private final Session session;
  private final Duration timeout;

  SessionAssert(Session session, Duration timeout) {
    this.session = session;
    this.timeout = timeout;
  }

  /**
   * The same assertions with another timeout for the ones that wait.
   *
   * @param timeout a positive duration
   * @return new assertions about the same session
   */
  public SessionAssert within(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, got " + timeout);
    }
    return new SessionAssert(session, timeout);
  }

  /**
   * Asserts that {@code text} appears in the session's output within the timeout (after the input last
   * sent, or anywhere on the screen if nothing was sent).
   *
   * @param text the literal text
   * @return this
   * @throws AssertionError if it does not appear, or the process exits first; with the last screen
   */
  public SessionAssert eventuallyShows(String text) {
    return eventuallyShows(text, timeout);
  }

  /**
   * Asserts that {@code text} appears in the session's output within {@code timeout}.
   *
   * @param text the literal text
   * @param timeout how long to wait
   * @return this
   * @throws AssertionError if it does not appear, or the process exits first; with the last screen
   */
  public SessionAssert eventuallyShows(String text, Duration timeout) {
    Objects.requireNonNull(text, "text");
    try {
      session.waitFor(text, timeout);
    } catch (TmuxException e) {
      throw failure("to show \"" + text + "\" within " + millis(timeout) + " ms", e);
    }
    return this;
  }

  /**
   * Asserts that {@code pattern} is found in the session's output within the timeout.
   *
   * @param pattern the pattern
   * @return this
   * @throws AssertionError if it is not found, or the process exits first; with the last screen
   */
  public SessionAssert eventuallyShows(Pattern pattern) {
    return eventuallyShows(pattern, timeout);
  }

  /**
   * Asserts that {@code pattern} is found in the session's output within {@code timeout}.
   *
   * @param pattern the pattern
   * @param timeout how long to wait
   * @return this
   * @throws AssertionError if it is not found, or the process exits first; with the last screen
   */
  public SessionAssert eventuallyShows(Pattern pattern, Duration timeout) {
    Objects.requireNonNull(pattern, "pattern");
    try {
      session.waitFor(pattern, timeout);
    } catch (TmuxException e) {
      throw failure("to show a match of /" + pattern + "/ within " + millis(timeout) + " ms", e);
    }
    return this;
  }

  /**
   * Asserts that the visible screen contains {@code text} now, without waiting.
   *
   * @param text the literal text
   * @return this
   * @throws AssertionError if it does not; with the screen
   */
  public SessionAssert shows(String text) {
    Objects.requireNonNull(text, "text");
    String screen = screen();
    if (!screen.contains(text)) {
      throw new AssertionError(describe() + " to show \"" + text + "\", but it does not.\n"
          + Screens.format(List.of(Screens.of(session, screen))));
    }
    return this;
  }

  /**
   * Asserts that the visible screen does not contain {@code text} now.
   *
   * @param text the literal text
   * @return this
   * @throws AssertionError if it does; with the screen
   */
  public SessionAssert doesNotShow(String text) {
    Objects.requireNonNull(text, "text");
    String screen = screen();
    if (screen.contains(text)) {
      throw new AssertionError(describe() + " not to show \"" + text + "\", but it does.\n"
          + Screens.format(List.of(Screens.of(session, screen))));
    }
    return this;
  }

  /**
   * Asserts that the session is {@link HealthState#HEALTHY}: it exists and its process runs.
   *
   * @return this
   * @throws AssertionError if it is not; with its health and last screen
   */
  public SessionAssert isHealthy() {
    return hasState(HealthState.HEALTHY);
  }

  /**
   * Asserts the session's health state, e.g. {@link HealthState#DEAD} after the program exited.
   *
   * @param expected the expected state
   * @return this
   * @throws AssertionError if the state differs; with its health and last screen
   */
  public SessionAssert hasState(HealthState expected) {
    Objects.requireNonNull(expected, "expected");
    Health health = session.health();
    if (health.state() != expected) {
      throw new AssertionError(describe() + " to be " + expected + ", but it is " + health.state()
          + (health.exitStatus().isPresent() ? " (exit status " + health.exitStatus().getAsInt() + ")" : "")
          + ".\n" + Screens.format(List.of(Screens.read(session))));
    }
    return this;
  }

  /**
   * Runs {@code command} ({@link Session#run(String, Duration)} with the timeout) and returns assertions
   * about its result.
   *
   * @param command the command
   * @return assertions about the command's output
   * @throws AssertionError if the program shows no prompt in time or exits; with the last screen
   */
  public RunAssert runs(String command) {
    Objects.requireNonNull(command, "command");
    CommandResult result;
    try {
      result = session.run(command, timeout);
    } catch (TmuxException e) {
      throw failure("to run `" + command + "` and show its prompt within " + millis(timeout) + " ms", e);
    }
    return new RunAssert(session, result);
  }

  /**
   * A failed wait: what was expected, the exception's first line and the session's last screen, once
   * (the lines the wait saw are left to the cause, which keeps them).
   */
  private AssertionError failure(String expectation, TmuxException e) {
    return new AssertionError(describe() + " " + expectation + ", but " + e.getClass().getSimpleName() + ": "
        + summary(e) + "\n" + Screens.format(List.of(Screens.read(session))), e);
  }

  /** The first line of an exception's message, without the "Last lines seen:" that ends it. */
  private static String summary(TmuxException e) {
    String message = String.valueOf(e.getMessage());
    int lineBreak = message.indexOf('\n');
    String first = lineBreak < 0 ? message : message.substring(0, lineBreak);
    return first.endsWith(LINES_SEEN) ? first.substring(0, first.length() - LINES_SEEN.length()) : first;
  }

  private String describe() {
    return "Expected tmux session '" + session.name() + "'";
  }

  private String screen() {
    try {
      return session.capture().joinWrapped().text();
    } catch (TmuxException e) {
      throw new AssertionError(describe() + "'s screen, but it cannot be read: " + e.getMessage(), e);
    }
  }

  private static long millis(Duration d) {
    return d.toMillis();
  }

  /**
   * Describes the assertions.
   *
   * @return e.g. {@code "SessionAssert[py, within PT10S]"}
   */
  @Override
  public String toString() {
    return "SessionAssert[" + session.name() + ", within " + timeout + "]";
  }
}

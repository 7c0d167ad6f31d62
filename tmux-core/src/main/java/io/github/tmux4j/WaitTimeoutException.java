package io.github.tmux4j;

import java.time.Duration;

/**
 * Thrown when a wait ({@link Session#waitFor}, {@link Session#run}, a session's readiness check) does
 * not see what it waits for in time. Carries the screen it last saw, so the failure says what the
 * program was showing instead.
 */
public final class WaitTimeoutException extends TmuxException {
  private static final long serialVersionUID = 1L;
  private static final int TAIL_LINES = 15;

  private final String lastScreen;
  private final transient Duration timeout;

  /**
   * Creates the exception.
   *
   * @param what what was waited for, e.g. {@code "pattern '>>> ' in session 'py'"}
   * @param timeout how long was waited
   * @param lastScreen the text the wait last saw
   */
  public WaitTimeoutException(String what, Duration timeout, String lastScreen) {
    super("Timed out after " + timeout.toMillis() + " ms waiting for " + what
        + ". Last lines seen:\n" + tail(lastScreen), null, false);
    this.lastScreen = lastScreen;
    this.timeout = timeout;
  }

  /**
   * The text the wait last saw (the pane's screen, or the part of it after the input just sent).
   *
   * @return the last screen, never {@code null}
   */
  public String lastScreen() {
    return lastScreen;
  }

  /**
   * How long the wait lasted.
   *
   * @return the timeout that expired
   */
  public Duration timeout() {
    return timeout;
  }

  static String tail(String screen) {
    String[] lines = screen.stripTrailing().split("\n", -1);
    int from = Math.max(0, lines.length - TAIL_LINES);
    StringBuilder sb = new StringBuilder();
    for (int i = from; i < lines.length; i++) {
      sb.append("  | ").append(lines[i]).append('\n');
    }
    return sb.toString();
  }
}

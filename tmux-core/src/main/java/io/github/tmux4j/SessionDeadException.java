package io.github.tmux4j;

import java.util.OptionalInt;

/**
 * Thrown when the process in a session has exited while a call needed it: during startup, or while
 * {@link Session#run} or {@link Session#waitFor} waited for its output. The pane is kept (tmux4j creates
 * sessions with {@code remain-on-exit on}), so its last output can still be captured.
 */
public final class SessionDeadException extends TmuxException {
  private static final long serialVersionUID = 1L;

  private final String sessionName;
  private final Integer exitStatus;
  private final String lastScreen;

  /**
   * Creates the exception.
   *
   * @param sessionName the session whose process exited
   * @param exitStatus the exit status, or {@code null} if unknown (e.g. killed by a signal)
   * @param lastScreen what the pane showed when the process was found dead
   */
  public SessionDeadException(String sessionName, Integer exitStatus, String lastScreen) {
    super("The process in session '" + sessionName + "' has exited"
        + (exitStatus == null ? "" : " with status " + exitStatus)
        + ". Capture its output for evidence, then close() it or recreate the session. Last lines seen:\n"
        + WaitTimeoutException.tail(lastScreen), null, false);
    this.sessionName = sessionName;
    this.exitStatus = exitStatus;
    this.lastScreen = lastScreen;
  }

  /**
   * The session whose process exited.
   *
   * @return the session name
   */
  public String sessionName() {
    return sessionName;
  }

  /**
   * The exit status of the process, if it exited normally.
   *
   * @return the status, or empty if it is unknown
   */
  public OptionalInt exitStatus() {
    return exitStatus == null ? OptionalInt.empty() : OptionalInt.of(exitStatus);
  }

  /**
   * What the pane showed when the process was found dead.
   *
   * @return the last screen, never {@code null}
   */
  public String lastScreen() {
    return lastScreen;
  }
}

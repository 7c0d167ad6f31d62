package io.github.tmux4j;

/**
 * The health of a session, as {@link Session#health()} reports it. The states and their meaning are
 * those of the lifecycle model (LIFECYCLE.md, stage 7).
 */
public enum HealthState {
  /** The session exists and its process is running: ready for input. */
  HEALTHY,
  /** tmux marks the pane dead: the process exited. Its output can still be captured. */
  DEAD,
  /** The session or its pane does not exist on the (running) tmux server, e.g. it was killed. */
  MISSING,
  /** The pane is alive in tmux, but its process is gone or defunct (a rare race). */
  ZOMBIE,
  /** No tmux server is running on the session's socket; every session on it is gone. */
  SERVER_NOT_RUNNING;

  /**
   * The seed's lower-case name for this state, as used in JSON output ({@code "server_not_running"}).
   *
   * @return the lower-case name
   */
  public String jsonName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}

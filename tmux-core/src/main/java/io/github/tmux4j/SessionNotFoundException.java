package io.github.tmux4j;

/** Thrown when a session or pane that a call targets does not exist (any more). */
public final class SessionNotFoundException extends TmuxException {
  private static final long serialVersionUID = 1L;

  private final String sessionName;

  /**
   * Creates the exception.
   *
   * @param sessionName the session that was looked for
   * @param detail where it was looked for and what was found instead
   */
  public SessionNotFoundException(String sessionName, String detail) {
    super("Session '" + sessionName + "' not found: " + detail, null, false);
    this.sessionName = sessionName;
  }

  /**
   * The session that was looked for.
   *
   * @return the session name
   */
  public String sessionName() {
    return sessionName;
  }
}

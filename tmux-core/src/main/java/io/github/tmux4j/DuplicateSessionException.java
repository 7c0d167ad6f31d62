package io.github.tmux4j;

/** Thrown by {@link SessionBuilder#create()} when a live session of that name already exists. */
public final class DuplicateSessionException extends TmuxException {
  private static final long serialVersionUID = 1L;

  private final String sessionName;

  /**
   * Creates the exception.
   *
   * @param sessionName the name that is taken
   * @param where where the existing session lives
   */
  public DuplicateSessionException(String sessionName, String where) {
    super("A session named '" + sessionName + "' already exists (" + where + "). Choose another name, "
        + "reuse it with getOrCreate(), or close the existing session first.", null, false);
    this.sessionName = sessionName;
  }

  /**
   * The name that is already taken.
   *
   * @return the session name
   */
  public String sessionName() {
    return sessionName;
  }
}

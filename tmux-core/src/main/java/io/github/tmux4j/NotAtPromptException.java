package io.github.tmux4j;

/**
 * Thrown by {@link Session#run} when the session is not at its prompt: input sent before (with
 * {@link Session#send}, {@link Session#sendKeys} or a {@code run} that timed out) has not finished, or
 * the program waits for more input. Typing now would mix with it, so nothing is typed; the exception
 * says what the cursor's line shows. Answer the program with {@code send}, interrupt it with
 * {@code sendKeys("C-c")}, or wait for it with {@code waitFor} first.
 */
public final class NotAtPromptException extends TmuxException {
  private static final long serialVersionUID = 1L;

  private final String atCursor;

  /**
   * Creates the exception.
   *
   * @param session the session name
   * @param command the command that was not run
   * @param atCursor the text of the cursor's line before the cursor
   */
  public NotAtPromptException(String session, String command, String atCursor) {
    super("Session '" + session + "' is not at its prompt, so '" + command + "' was not typed: earlier input is "
        + "still running, or the program waits for more input. The cursor's line shows: '" + atCursor + "'. Answer "
        + "it with send(...), interrupt it with sendKeys(\"C-c\"), or waitFor(...) its prompt first.", null, false);
    this.atCursor = atCursor;
  }

  /**
   * The text of the cursor's line before the cursor when the exception was thrown.
   *
   * @return the text
   */
  public String atCursor() {
    return atCursor;
  }
}

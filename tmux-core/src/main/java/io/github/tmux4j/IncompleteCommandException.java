package io.github.tmux4j;

/**
 * Thrown by {@link Session#run} when the program answers a command with a continuation prompt (a shell's
 * {@code >} after an unclosed quote, gdb's {@code >} inside {@code define}): the command is incomplete,
 * and waiting would only run into the timeout. The input was cancelled with Ctrl-C, so the session is at
 * its prompt again. (A Python block is completed instead: {@code run} adds the blank line that ends it.)
 */
public final class IncompleteCommandException extends TmuxException {
  private static final long serialVersionUID = 1L;

  private final String continuationPrompt;

  /**
   * Creates the exception.
   *
   * @param session the session name
   * @param command the command
   * @param continuationPrompt the prompt the program showed
   */
  public IncompleteCommandException(String session, String command, String continuationPrompt) {
    super("Session '" + session + "' answered '" + command + "' with the continuation prompt '" + continuationPrompt
        + "': the command is incomplete (an unclosed quote or block?). It was cancelled with Ctrl-C; send the "
        + "complete command.", null, false);
    this.continuationPrompt = continuationPrompt;
  }

  /**
   * The continuation prompt the program showed.
   *
   * @return the prompt text
   */
  public String continuationPrompt() {
    return continuationPrompt;
  }
}

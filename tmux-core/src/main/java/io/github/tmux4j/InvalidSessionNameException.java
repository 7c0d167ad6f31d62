package io.github.tmux4j;

/**
 * Thrown when a session name cannot be used: it is empty, too long, or contains a character that tmux
 * forbids ({@code .} and {@code :}) or that would be unsafe (whitespace, control characters).
 */
public final class InvalidSessionNameException extends TmuxException {
  private static final long serialVersionUID = 1L;

  private final String sessionName;

  /**
   * Creates the exception.
   *
   * @param sessionName the rejected name
   * @param reason why it is rejected, naming the offending character and its position
   */
  public InvalidSessionNameException(String sessionName, String reason) {
    super("Invalid session name " + quote(sessionName) + ": " + reason
        + ". Use letters, digits, '-' or '_' (for example 'analysis-python').", null, false);
    this.sessionName = sessionName;
  }

  /**
   * The rejected name.
   *
   * @return the name as given
   */
  public String sessionName() {
    return sessionName;
  }

  private static String quote(String name) {
    if (name == null) {
      return "null";
    }
    StringBuilder sb = new StringBuilder("\"");
    name.codePoints().limit(80).forEach(cp -> {
      if (cp < 0x20 || cp == 0x7f || Character.isWhitespace(cp) && cp != ' ') {
        sb.append(String.format("\\u%04x", cp));
      } else {
        sb.appendCodePoint(cp);
      }
    });
    if (name.codePointCount(0, name.length()) > 80) {
      sb.append("...");
    }
    return sb.append('"').toString();
  }
}

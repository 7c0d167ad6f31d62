package io.github.tmux4j;

/** Thrown when the session registry cannot be read or written. */
public class RegistryException extends TmuxException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed and what to do
   * @param cause the underlying failure, or {@code null}
   */
  public RegistryException(String message, Throwable cause) {
    super(message, cause);
  }
}

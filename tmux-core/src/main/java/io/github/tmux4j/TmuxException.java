package io.github.tmux4j;

/**
 * Root of every exception tmux4j throws. Unchecked, because nothing a caller can do at the call site
 * would differ from catching it where it is handled.
 *
 * <p>Messages say what happened and what to do about it. {@link #isTransient()} tells whether the
 * failure happened before tmux executed anything, so that retrying cannot apply a command twice; the
 * default retry policy of {@link TmuxClient} retries exactly those failures.
 */
public class TmuxException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final boolean transientFailure;

  /**
   * Creates an exception with a message and no cause.
   *
   * @param message what happened and what to do
   */
  public TmuxException(String message) {
    this(message, null, false);
  }

  /**
   * Creates an exception with a message and a cause.
   *
   * @param message what happened and what to do
   * @param cause the underlying failure, or {@code null}
   */
  public TmuxException(String message, Throwable cause) {
    this(message, cause, false);
  }

  /**
   * Creates an exception that may be marked transient.
   *
   * @param message what happened and what to do
   * @param cause the underlying failure, or {@code null}
   * @param transientFailure {@code true} when tmux did not execute the command and a retry is safe
   */
  protected TmuxException(String message, Throwable cause, boolean transientFailure) {
    super(message, cause);
    this.transientFailure = transientFailure;
  }

  /**
   * Whether this failure is transient: tmux refused the connection or the command before executing it
   * (for example while a server is still starting), so the same call may succeed if retried.
   *
   * @return {@code true} if retrying is safe and may help
   */
  public boolean isTransient() {
    return transientFailure;
  }
}

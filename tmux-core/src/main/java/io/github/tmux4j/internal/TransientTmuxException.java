package io.github.tmux4j.internal;

import io.github.tmux4j.TmuxException;

/** A failure that happened before tmux executed anything; retrying is safe. */
public final class TransientTmuxException extends TmuxException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed
   * @param cause the cause, or {@code null}
   */
  public TransientTmuxException(String message, Throwable cause) {
    super(message, cause, true);
  }
}

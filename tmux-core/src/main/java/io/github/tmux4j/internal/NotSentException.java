package io.github.tmux4j.internal;

import io.github.tmux4j.TmuxException;

/** A {@link ControlConnection} ended before the command was written: it did not run (transient). */
final class NotSentException extends TmuxException {
  private static final long serialVersionUID = 1L;

  NotSentException(String message) {
    super(message, null, true);
  }
}

package io.github.tmux4j.internal;

import io.github.tmux4j.TmuxException;

/** A {@link ControlConnection} ended after the command was written and before its answer. */
final class LostException extends TmuxException {
  private static final long serialVersionUID = 1L;

  LostException(String message) {
    super(message);
  }
}

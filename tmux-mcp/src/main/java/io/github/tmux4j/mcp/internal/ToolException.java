package io.github.tmux4j.mcp.internal;

/**
 * A tool call that cannot be served as asked: bad arguments, a session the server may not touch, a tool the
 * mode forbids. The message names the problem and the fix; the client gets it as a tool error.
 */
final class ToolException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  ToolException(String message) {
    super(message);
  }
}

package io.github.tmux4j;

import java.nio.file.Path;

/** Thrown when no tmux server is listening on the socket a call needs. */
public final class ServerNotRunningException extends TmuxException {
  private static final long serialVersionUID = 1L;

  private final transient Path socket;

  /**
   * Creates the exception.
   *
   * @param socket the socket that has no server
   * @param detail what tmux said
   * @param transientFailure whether the connection may succeed on a retry (the server may be starting)
   */
  public ServerNotRunningException(Path socket, String detail, boolean transientFailure) {
    super("No tmux server is running on socket " + socket + " (" + detail + "). Its sessions are gone: the "
        + "server was killed, exited with its last session, or crashed (tmux 3.2a to 3.6b crash when a control "
        + "client attaches while a program that is not tmux4j creates, kills or renames sessions on the same "
        + "socket; see docs/tmux.md). Create a new session, or run cleanup() to remove their registry records.",
        null, transientFailure);
    this.socket = socket;
  }

  /**
   * The socket that has no server.
   *
   * @return the socket path
   */
  public Path socket() {
    return socket;
  }
}

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
    super("No tmux server is running on socket " + socket + " (" + detail + "). Its sessions are gone: "
        + "create a new session, or run cleanup() to remove their registry records.", null, transientFailure);
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

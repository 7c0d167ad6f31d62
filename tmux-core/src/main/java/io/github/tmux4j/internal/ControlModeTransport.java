package io.github.tmux4j.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Routes commands that concern a pane through a persistent control-mode client attached to that pane's
 * session (about 0.1 ms a command instead of 2.5 ms for a new process), and gives waiters live output
 * signals so they need not poll. Everything else (creating sessions, listing, reading stdin) and any
 * pane whose client cannot attach goes through a {@link ProcessTransport}. Thread-safe.
 */
public final class ControlModeTransport implements CommandTransport {
  private final String binary;
  private final Path socket;
  private final Duration timeout;
  private final ProcessTransport fallback;
  private final Map<String, ControlConnection> connections = new ConcurrentHashMap<>();
  private volatile boolean closed;

  /**
   * Creates the transport.
   *
   * @param binary the tmux executable
   * @param socket the server socket
   * @param timeout how long a command may take
   * @param fallback the transport for everything that is not pane-scoped
   */
  public ControlModeTransport(String binary, Path socket, Duration timeout, ProcessTransport fallback) {
    this.binary = binary;
    this.socket = socket;
    this.timeout = timeout;
    this.fallback = fallback;
  }

  @Override
  public TmuxResult execute(List<String> args, byte[] stdin) {
    return fallback.execute(args, stdin);
  }

  @Override
  public TmuxResult execute(String pane, List<String> args) {
    ControlConnection c = connection(pane);
    if (c == null) {
      return fallback.execute(args, null);
    }
    try {
      return c.execute(pane, args, timeout);
    } catch (ControlConnection.NotSentException notRun) {
      connections.remove(pane, c);
      return fallback.execute(args, null);
    } catch (ControlConnection.LostException lost) {
      connections.remove(pane, c);
      // The client ended mid-command: the server or the session went away. Ask tmux which, so the caller
      // gets the right exception (the process transport's answer maps like any other).
      TmuxResult probe = fallback.execute(List.of("display-message", "-p", "-t", pane, "#{pane_id}"), null);
      if (probe.exitCode() != 0) {
        return probe;
      }
      if (probe.stdout().isBlank()) {
        return new TmuxResult(1, "", "can't find pane: " + pane);
      }
      throw lost;
    }
  }

  @Override
  public PaneSignal signal(String pane) {
    // Waiters ask for the signal right after a command went through connection(), which checked the
    // socket; skip that check here. If the socket is replaced later, the next command closes this
    // connection, which closes its signals, and waiters fall back to polling.
    ControlConnection c = connections.get(pane);
    if (c == null || !c.alive()) {
      c = connection(pane);
    }
    return c == null ? null : c.signal(pane);
  }

  @Override
  public void release(String pane) {
    ControlConnection c = connections.remove(pane);
    if (c != null) {
      c.close();
    }
  }

  private ControlConnection connection(String pane) {
    if (closed) {
      return null;
    }
    // A connection is only good while the server it attached to is the one listening on the socket: if
    // the socket file was deleted or replaced (a new server; pane ids start again at %0), drop it.
    Object server = socketIdentity();
    ControlConnection c = connections.get(pane);
    if (c != null && c.alive() && c.server().equals(server)) {
      return c;
    }
    if (c != null) {
      connections.remove(pane, c);
      c.close();
    }
    if (server == null) {
      return null; // no socket, no server: the process transport reports it
    }
    // One attach per pane at a time; a pane whose client cannot attach is not cached and falls back.
    return connections.compute(pane, (p, existing) -> {
      if (existing != null && existing.alive() && existing.server().equals(server)) {
        return existing;
      }
      return ControlConnection.open(binary, socket, p, timeout, server);
    });
  }

  /** The socket file's identity (device and inode), or {@code null} if there is none. */
  private Object socketIdentity() {
    try {
      Object key = java.nio.file.Files.readAttributes(socket, java.nio.file.attribute.BasicFileAttributes.class,
          java.nio.file.LinkOption.NOFOLLOW_LINKS).fileKey();
      return key != null ? key : socket;
    } catch (java.io.IOException e) {
      return null;
    }
  }

  @Override
  public void close() {
    closed = true;
    connections.values().forEach(ControlConnection::close);
    connections.clear();
  }
}

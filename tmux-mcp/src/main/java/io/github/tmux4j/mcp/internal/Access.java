package io.github.tmux4j.mcp.internal;

import io.github.tmux4j.Session;
import io.github.tmux4j.mcp.McpMode;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Which sessions and tools an MCP server may use: the one place its safety rules live. A session is managed
 * when it carries the server's owner tag (every session the server creates does) or one of the tags it was
 * told to manage. The mode limits the tools; the pane the server itself runs in ({@code $TMUX_PANE} on the
 * socket of {@code $TMUX}) is never killed.
 *
 * @param mode what the server lets an agent do
 * @param ownerKey the tag key of the sessions the server creates
 * @param ownerValue its value
 * @param managed further tags (key, value) whose sessions the server may use
 * @param ownPane the pane the server runs in, if it runs inside tmux
 */
record Access(McpMode mode, String ownerKey, String ownerValue, Map<String, String> managed,
    Optional<OwnPane> ownPane) {

  /** The pane a process runs in: the socket of {@code $TMUX} and the pane id of {@code $TMUX_PANE}. */
  record OwnPane(Path socket, String pane) {
    static Optional<OwnPane> from(Map<String, String> env) {
      String tmux = env.get("TMUX");
      String pane = env.get("TMUX_PANE");
      if (tmux == null || pane == null || tmux.isEmpty() || pane.isEmpty()) {
        return Optional.empty();
      }
      int comma = tmux.indexOf(',');
      return Optional.of(new OwnPane(Path.of(comma < 0 ? tmux : tmux.substring(0, comma)), pane));
    }
  }

  Access {
    managed = Map.copyOf(managed);
  }

  /** Whether a session with these tags is one the server may use. */
  boolean manages(Map<String, String> tags) {
    if (ownerValue.equals(tags.get(ownerKey))) {
      return true;
    }
    return managed.entrySet().stream().anyMatch(e -> e.getValue().equals(tags.get(e.getKey())));
  }

  /** Refuses a tool the mode does not allow. */
  void requireMode(McpMode least, String tool) {
    if (mode.compareTo(least) < 0) {
      throw new ToolException("Tool " + tool + " is not allowed: this server runs with --mode " + mode.label()
          + "; it needs --mode " + least.label() + " or more");
    }
  }

  /** Refuses to kill the pane this server runs in. */
  void requireNotOwnPane(Session session) {
    if (ownPane.isPresent() && ownPane.get().pane().equals(session.target())
        && sameFile(ownPane.get().socket(), session.socket())) {
      throw new ToolException("Session '" + session.name() + "' runs this MCP server (its pane is $TMUX_PANE "
          + ownPane.get().pane() + "); the server never kills it");
    }
  }

  private static boolean sameFile(Path a, Path b) {
    try {
      return a.toRealPath().equals(b.toRealPath());
    } catch (java.io.IOException e) {
      return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }
  }
}

package io.github.tmux4j.internal;

import io.github.tmux4j.TmuxException;

/**
 * The tmux formats tmux4j reads panes with, and their parsing. Every format carries the identity of the
 * pane's session ({@code @tmux4j-created}, see {@link SessionLabels}) and ends with the session's name,
 * which may contain spaces when another program named it. Pure; unit-tested without tmux.
 */
final class PaneFormats {
  /** Identity and name: what a command that reads or types into a pane checks first. */
  static final String IDENTITY = "c#{" + SessionLabels.CREATED + "} #{session_name}";
  /** Liveness and identity, for health checks and kills. */
  static final String PANE = "#{pane_id} #{pane_pid} #{pane_dead} s#{pane_dead_status} g#{pane_dead_signal} "
      + "#{session_id} c#{" + SessionLabels.CREATED + "} #{session_name}";

  private PaneFormats() {}

  /**
   * The first line of an answer to {@link #IDENTITY}.
   *
   * @param created the pane's creation label
   * @param session the session's name
   */
  record Head(String created, String session) {
    static Head parse(String line) {
      int space = line.indexOf(' ');
      if (space < 1 || line.charAt(0) != 'c') {
        throw unexpected(line);
      }
      return new Head(line.substring(1, space), line.substring(space + 1));
    }
  }

  /**
   * Parses a {@link #PANE} line.
   *
   * @param line the line
   * @return the pane, or {@code null} if tmux expanded the format for a pane that does not exist (tmux
   *     3.3a answers a missing target with empty fields)
   */
  static ServerView.PaneInfo parsePane(String line) {
    if (line.isEmpty() || line.startsWith(" ")) {
      return null;
    }
    String[] f = line.split(" ", 8);
    if (f.length != 8) {
      throw unexpected(line);
    }
    try {
      return new ServerView.PaneInfo(f[0], Long.parseLong(f[1]), "1".equals(f[2]), number(f[3]), number(f[4]),
          f[5], f[6].substring(1), f[7]);
    } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
      throw unexpected(line);
    }
  }

  /** Parses "s3" / "g9" / "s" (a tagged, possibly empty number). */
  private static Integer number(String tagged) {
    return tagged.length() > 1 ? Integer.valueOf(tagged.substring(1)) : null;
  }

  /**
   * An answer tmux4j cannot read. An empty one comes from a server that is going away (killed, crashed,
   * or exiting with its last session), which is what a caller is told.
   */
  static TmuxException unexpected(String line) {
    if (line.isBlank()) {
      return new TransientTmuxException("tmux answered with nothing: the server is probably going away (killed, "
          + "crashed, or exiting with its last session)", null);
    }
    return new TmuxException("Unexpected answer from tmux: '" + line + "'");
  }
}

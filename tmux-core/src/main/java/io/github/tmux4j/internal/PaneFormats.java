package io.github.tmux4j.internal;

import io.github.tmux4j.TmuxException;
import java.util.List;

/**
 * The tmux formats tmux4j reads panes with, and their parsing. Every format carries the identity of the
 * pane's session ({@code @tmux4j-created}, see {@link SessionLabels}) and ends with the session's name,
 * which may contain spaces when another program named it. Pure; unit-tested without tmux.
 */
final class PaneFormats {
  /** Position and state, what a {@link ScreenModel} needs (see {@link #plainScreen}), identity, name. */
  static final String SNAPSHOT = "#{history_size} #{cursor_x} #{cursor_y} #{pane_dead} "
      + "#{pane_dead_status} #{pane_width} #{pane_height} #{history_limit} #{alternate_on}#{wrap_flag}"
      + "#{insert_flag} #{scroll_region_upper} #{scroll_region_lower} c#{" + SessionLabels.CREATED + "} "
      + "#{session_name}";
  /** Liveness and identity, for health checks and kills. */
  static final String PANE = "#{pane_id} #{pane_pid} #{pane_dead} s#{pane_dead_status} g#{pane_dead_signal} "
      + "#{session_id} c#{" + SessionLabels.CREATED + "} #{session_name}";

  private PaneFormats() {}

  /** The first line of an answer to {@link #SNAPSHOT}. */
  record Head(int history, int cursorX, int cursorY, boolean dead, Integer deadStatus, int width, int height,
      int historyLimit, boolean plain, String created, String session) {
    static Head parse(String line) {
      String[] f = line.split(" ", 13);
      if (f.length < 13 || f[0].isEmpty()) {
        throw unexpected(line);
      }
      try {
        int height = Integer.parseInt(f[6]);
        return new Head(Integer.parseInt(f[0]), Integer.parseInt(f[1]), Integer.parseInt(f[2]), "1".equals(f[3]),
            f[4].isEmpty() ? null : Integer.valueOf(f[4]), Integer.parseInt(f[5]), height, Integer.parseInt(f[7]),
            plainScreen(f[8], f[9], f[10], height), f[11].substring(1), f[12]);
      } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
        throw unexpected(line);
      }
    }

    PaneSnapshot snapshot(int firstLine, List<String> lines, long outputVersion) {
      return new PaneSnapshot(history, cursorX, cursorY, dead, deadStatus, width, firstLine, lines, height,
          historyLimit, plain, outputVersion);
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

  /**
   * Whether a screen is in the state {@link ScreenModel} follows: the main screen with automatic wrapping,
   * no insert mode, and a scroll region that is the whole screen.
   *
   * @param flags {@code #{alternate_on}#{wrap_flag}#{insert_flag}}, e.g. {@code "010"}
   * @param upper {@code #{scroll_region_upper}}
   * @param lower {@code #{scroll_region_lower}}
   * @param height the pane's height
   */
  static boolean plainScreen(String flags, String upper, String lower, int height) {
    return "010".equals(flags) && "0".equals(upper) && Integer.toString(height - 1).equals(lower);
  }

  /**
   * Where the text of the {@code rows}-th row starts in a joined capture ({@code capture-pane -J}), or -1
   * if that cannot be told for sure: each of the lines before it must {@linkplain #surelyOneRow be a
   * single row}.
   */
  static int startOfLine(String joined, int rows, int width) {
    int at = 0;
    for (int row = 0; row < rows; row++) {
      int nl = joined.indexOf('\n', at);
      if (nl < 0 || !surelyOneRow(joined, at, nl, width)) {
        return -1;
      }
      at = nl + 1;
    }
    return at;
  }

  /**
   * Whether a line of a joined capture ({@code capture-pane -J}) surely takes one row of the screen: a
   * wrapped row is printed with all its cells (at least {@code width - 1} columns: a wide character that
   * did not fit leaves the last cell empty), so a line of at most {@code width - 2} columns never wrapped.
   * Columns are counted from above: two for every character outside ASCII.
   *
   * @param text the text holding the line
   * @param from where the line starts in {@code text}
   * @param to where it ends (exclusive)
   * @param width the pane's width
   * @return {@code true} if the line cannot have wrapped
   */
  static boolean surelyOneRow(CharSequence text, int from, int to, int width) {
    int columns = 0;
    for (int i = from; i < to; i++) {
      columns += text.charAt(i) < 0x80 ? 1 : 2;
    }
    return columns <= width - 2;
  }
}

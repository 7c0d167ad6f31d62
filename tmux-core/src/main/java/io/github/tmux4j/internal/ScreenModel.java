package io.github.tmux4j.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A copy of the bottom of a pane's screen, from a snapshot on, that applies the pane's output the way
 * tmux does, so that a wait can look at the screen without asking tmux.
 *
 * <p>It follows only what it can follow exactly, which is what line-oriented programs print: printable
 * ASCII and the accented Latin letters of U+00A1-U+017F (one column each, as for tmux), carriage return, line feed, backspace, automatic wrapping at the pane's width, erasing within a
 * line ({@code ESC [ K}), colours and attributes ({@code ESC [ ... m}), window titles ({@code ESC ] ...}),
 * and modes that do not move text (bracketed paste, cursor keys, keypad, mouse). Anything else (cursor
 * movement, tabs, other characters outside ASCII, the alternate screen, scroll regions, more than
 * {@link #MAX_LINES} lines) makes it give up for good: {@link #feed} returns {@code false} and the
 * caller asks tmux again. Seeding it needs a snapshot whose lines each surely take one row.
 *
 * <p>Pure and not thread-safe; tested against real tmux by feeding both the same bytes.
 */
final class ScreenModel {
  /** Lines kept before giving up; a wait on longer output looks at the pane through tmux. */
  static final int MAX_LINES = 2_000;
  /** Longest line kept before giving up. */
  private static final int MAX_LINE_CHARS = 64 * 1024;
  /** Longest escape sequence followed; window titles longer than this make the model give up. */
  private static final int MAX_SEQUENCE = 4096;

  private static final int GROUND = 0;
  private static final int ESCAPE = 1;
  private static final int CSI = 2;
  private static final int OSC = 3;
  private static final int OSC_ESCAPE = 4;
  private static final int CHARSET = 5;
  private static final int UTF8_TAIL = 6;

  /** A logical line: what a joined capture prints as one line, over one or more screen rows. */
  private static final class Line {
    final StringBuilder text;
    int rows = 1;

    Line(String text) {
      this.text = new StringBuilder(text);
    }
  }

  private final int width;
  private final int height;
  private final int historyLimit;
  /** Absolute line of {@code lines.get(0)}; it moves up when tmux drops the oldest history. */
  private int firstLine;
  private final List<Line> lines;
  private int line;
  private int row;
  private int x;
  private int cursorY;
  private int history;
  private boolean failed;
  private int state = GROUND;
  private int utf8Lead;
  private final StringBuilder sequence = new StringBuilder();

  private ScreenModel(PaneSnapshot snap, int cursorIndex) {
    this.width = snap.width();
    this.height = snap.height();
    this.historyLimit = snap.historyLimit();
    this.firstLine = snap.firstLine();
    this.lines = new ArrayList<>(Math.max(cursorIndex + 1, snap.lines().size()) + 8);
    for (String l : snap.lines()) {
      lines.add(new Line(l));
    }
    while (lines.size() <= cursorIndex) {
      lines.add(new Line(""));
    }
    this.line = cursorIndex;
    this.x = snap.cursorX();
    this.cursorY = snap.cursorY();
    this.history = snap.historySize();
  }

  /**
   * Starts a model from a snapshot.
   *
   * @param snap a snapshot of a live pane
   * @return the model, or {@code null} if the snapshot shows something the model cannot follow: a
   *     screen that is not {@linkplain PaneSnapshot#plain() plain}, a line that may have wrapped, the
   *     cursor above the captured lines or in the last column, or characters outside ASCII at or below
   *     the cursor line
   */
  static ScreenModel of(PaneSnapshot snap) {
    int cursorIndex = snap.cursorLine() - snap.firstLine();
    if (!snap.plain() || snap.dead() || snap.firstLine() < 0 || cursorIndex < 0 || snap.cursorX() >= snap.width()
        || snap.width() < 2 || snap.lines().size() > MAX_LINES || cursorIndex >= MAX_LINES) {
      return null;
    }
    List<String> captured = snap.lines();
    for (int i = 0; i < captured.size(); i++) {
      String l = captured.get(i);
      if (!PaneFormats.surelyOneRow(l, 0, l.length(), snap.width()) || i >= cursorIndex && !followable(l)) {
        return null;
      }
    }
    return new ScreenModel(snap, cursorIndex);
  }

  /** Whether each character of a line is one the model prints, so that its index is its column. */
  private static boolean followable(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ((c < 0x20 || c > 0x7e) && !latinLetter(c)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The characters outside ASCII that the model prints: U+00A1-U+017F (Latin-1 letters and signs, Latin
   * Extended-A), one column each for tmux, but not the soft hyphen. Tested against tmux for every one.
   */
  static boolean latinLetter(int cp) {
    return cp >= 0xa1 && cp <= 0x17f && cp != 0xad;
  }

  /**
   * Applies output.
   *
   * @param data bytes the pane's program wrote
   * @return {@code false} if the model met something it does not follow (now or before); it is then
   *     useless
   */
  boolean feed(byte[] data) {
    for (int i = 0; i < data.length && !failed; i++) {
      step(data[i] & 0xff);
    }
    return !failed;
  }

  /** Gives up for good. */
  void fail() {
    failed = true;
  }

  private void step(int b) {
    switch (state) {
      case GROUND -> ground(b);
      case ESCAPE -> escape(b);
      case CSI -> csi(b);
      case OSC -> {
        if (b == 0x07) {
          state = GROUND;
        } else if (b == 0x1b) {
          state = OSC_ESCAPE;
        } else if (sequence.length() < MAX_SEQUENCE) {
          sequence.append('.');
        } else {
          fail();
        }
      }
      case OSC_ESCAPE -> {
        if (b == '\\') {
          state = GROUND;
        } else {
          fail();
        }
      }
      case CHARSET -> {
        if (b == 'B') {
          state = GROUND; // ESC ( B: the ASCII character set, as ever
        } else {
          fail();
        }
      }
      case UTF8_TAIL -> {
        int cp = (utf8Lead & 0x1f) << 6 | b & 0x3f;
        if ((b & 0xc0) == 0x80 && latinLetter(cp)) {
          state = GROUND;
          print((char) cp);
        } else {
          fail();
        }
      }
      default -> fail();
    }
  }

  private void ground(int b) {
    if (b >= 0x20 && b <= 0x7e) {
      print((char) b);
      return;
    }
    switch (b) {
      case 0x00, 0x07 -> { } // NUL, BEL
      case 0x08 -> backspace();
      case 0x0a -> lineFeed();
      case 0x0d -> x = 0;
      case 0x1b -> state = ESCAPE;
      case 0xc2, 0xc3, 0xc4, 0xc5 -> { // the first byte of U+0080-U+017F in UTF-8
        utf8Lead = b;
        state = UTF8_TAIL;
      }
      default -> fail(); // tabs, vertical tab, form feed, shift in/out, DEL, other characters
    }
  }

  private void escape(int b) {
    switch (b) {
      case '[' -> {
        sequence.setLength(0);
        state = CSI;
      }
      case ']' -> {
        sequence.setLength(0);
        state = OSC;
      }
      case '(' -> state = CHARSET;
      case '=', '>' -> state = GROUND; // keypad modes
      default -> fail();
    }
  }

  private void csi(int b) {
    if (b >= 0x20 && b <= 0x3f) {
      if (sequence.length() >= MAX_SEQUENCE) {
        fail();
        return;
      }
      sequence.append((char) b);
      return;
    }
    if (b < 0x40 || b > 0x7e) {
      fail(); // a control character inside a sequence
      return;
    }
    state = GROUND;
    String s = sequence.toString();
    switch (b) {
      case 'm' -> {
        if (!s.isEmpty() && s.charAt(0) != '>' && !Character.isDigit(s.charAt(0)) && s.charAt(0) != ';') {
          fail();
        }
      }
      case 'K' -> eraseInLine(s);
      case 'h', 'l' -> {
        if (!harmlessPrivateModes(s)) {
          fail();
        }
      }
      case 'n' -> {
        if (!s.equals("5") && !s.equals("6")) {
          fail();
        }
      }
      case 'q' -> {
        if (!s.endsWith(" ")) {
          fail(); // only ESC [ n SP q, the cursor's shape
        }
      }
      default -> fail();
    }
  }

  /** Private modes that change neither the text nor where it goes. */
  private static boolean harmlessPrivateModes(String s) {
    if (s.length() < 2 || s.charAt(0) != '?') {
      return false;
    }
    for (String mode : s.substring(1).split(";", -1)) {
      switch (mode) {
        case "1", "12", "25", "1000", "1002", "1003", "1004", "1005", "1006", "1015", "2004" -> { }
        default -> {
          return false;
        }
      }
    }
    return true;
  }

  private void print(char c) {
    Line l = lines.get(line);
    if (x == width) {
      // The cursor waits past the last column: this character goes to the start of a new row, which
      // becomes part of this line. The row below must not hold another line (it would be joined to it).
      if (row != l.rows - 1 || line != lines.size() - 1) {
        fail();
        return;
      }
      l.rows++;
      row++;
      x = 0;
      moveDown();
      if (failed) {
        return;
      }
    }
    int at = row * width + x;
    if (at >= MAX_LINE_CHARS) {
      fail();
      return;
    }
    StringBuilder text = l.text;
    while (text.length() < at) {
      text.append(' ');
    }
    if (at == text.length()) {
      text.append(c);
    } else {
      text.setCharAt(at, c);
    }
    x++;
  }

  private void lineFeed() {
    if (x == width || row != lines.get(line).rows - 1) {
      fail(); // a line feed from inside a wrapped line, or while the cursor waits past the last column
      return;
    }
    line++;
    row = 0;
    if (line == lines.size()) {
      if (lines.size() >= MAX_LINES) {
        fail();
        return;
      }
      lines.add(new Line(""));
    }
    moveDown();
  }

  private void moveDown() {
    if (cursorY < height - 1) {
      cursorY++;
      return;
    }
    // The top row scrolls into the history. A full history first drops its oldest tenth, as tmux does
    // (grid_collect_history): absolute line numbers, ours included, move up by as much.
    if (historyLimit <= 0) {
      fail(); // no history: the top row is lost, not kept
      return;
    }
    if (history >= historyLimit) {
      int dropped = Math.min(history, Math.max(1, historyLimit / 10));
      if (firstLine < dropped) {
        fail(); // our own first lines would go
        return;
      }
      history -= dropped;
      firstLine -= dropped;
    }
    history++;
  }

  private void backspace() {
    if (x > 0) {
      x = Math.min(x, width) - 1;
    } else if (row == 0 && line == 0 && cursorY > 0) {
      fail(); // whether the row above wraps into the first one (tmux then moves up to it) is unknown
    } else if (row > 0 && cursorY > 0) {
      row--; // back to the end of the row this line wrapped from
      cursorY--;
      x = width - 1;
    }
  }

  private void eraseInLine(String s) {
    Line l = lines.get(line);
    if (x == width || l.rows != 1) {
      // tmux unwraps a row when erasing within a wrapped line (the rows are no longer joined): not followed
      fail();
      return;
    }
    StringBuilder text = l.text;
    int rowStart = row * width;
    switch (s) {
      case "", "0" -> {
        if (text.length() > rowStart + x) {
          text.setLength(rowStart + x);
        }
      }
      case "1" -> {
        for (int i = rowStart; i <= rowStart + x && i < text.length(); i++) {
          text.setCharAt(i, ' ');
        }
      }
      case "2" -> {
        if (text.length() > rowStart) {
          text.setLength(rowStart);
        }
      }
      default -> fail();
    }
  }

  /**
   * The absolute line the model starts at: the line it was seeded from, moved up by as many lines as
   * tmux dropped from a full history since.
   *
   * @return the first line
   */
  int firstLine() {
    return firstLine;
  }

  /**
   * The snapshot a capture from {@code fromLine} would give now.
   *
   * @param fromLine absolute line to start from
   * @param outputVersion the version of the last output applied
   * @return the snapshot, or {@code null} if the model starts below {@code fromLine} or has given up
   */
  PaneSnapshot snapshot(int fromLine, long outputVersion) {
    if (failed || fromLine < firstLine || fromLine > history + cursorY) {
      return null;
    }
    List<String> out = new ArrayList<>();
    int start = firstLine;
    for (Line l : lines) {
      int end = start + l.rows;
      if (end > fromLine) {
        int skip = Math.max(0, fromLine - start) * width;
        out.add(skip >= l.text.length() ? "" : l.text.substring(skip).stripTrailing());
      }
      start = end;
    }
    int end = out.size();
    while (end > 1 && out.get(end - 1).isEmpty()) {
      end--;
    }
    if (out.isEmpty()) {
      out.add("");
      end = 1;
    }
    return new PaneSnapshot(history, x, cursorY, false, null, width, fromLine, List.copyOf(out.subList(0, end)),
        height, historyLimit, true, outputVersion);
  }
}

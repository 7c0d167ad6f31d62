package io.github.tmux4j.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns what a pane prints into the lines a reader sees, as a terminal would show them to someone who
 * scrolled back: carriage returns, backspaces and tabs move within a line, erase-in-line erases,
 * clearing the screen starts afresh, colours and other escapes vanish. What a full-screen program draws
 * on the alternate screen is left out (it is gone when the program exits), and any screen change that a
 * list of lines cannot follow (the alternate screen, cursor moves across lines, clearing) is noted, so
 * that waits look at tmux's screen too. tmux4j's prompt markers (see {@link PromptMarkers}) are taken
 * out and recorded with their position. Not thread-safe: one feeder.
 *
 * <p>Memory is bounded: past {@code maxChars}, the first half of the budget is kept as the head and the
 * last half as the tail, and what lies between is counted as dropped.
 */
final class OutputRenderer {
  /** A prompt marker and where it was printed: the line it was on (counted from 0) and the column. */
  record Mark(long line, int column, String kind, String payload) {}

  /** The lines kept, and how many were dropped between head and tail. */
  record Lines(List<String> head, long firstTailLine, List<String> tail, long droppedLines, long droppedChars) {}

  private final long headBudget;
  private final long tailBudget;
  private final String nonce;
  private final List<String> head = new ArrayList<>();
  private long headChars;
  private final ArrayDeque<String> tail = new ArrayDeque<>();
  private long tailChars;
  private long droppedLines;
  private long droppedChars;
  /** Index of the current (last) line. */
  private long line;
  private final StringBuilder current = new StringBuilder();
  private int column;
  private boolean screenChanged;
  private boolean alternate;
  /** The column when the alternate screen was entered, where leaving it puts the cursor back. */
  private int savedColumn;
  private final List<Mark> marks = new ArrayList<>();
  private boolean anyOutput;

  private final EscapeStream stream = new EscapeStream(new Terminal());

  /**
   * Creates a renderer.
   *
   * @param maxChars how many characters of lines to keep at most (head and tail together)
   * @param nonce the session's marker nonce; markers with another are printed text, not markers
   */
  OutputRenderer(long maxChars, String nonce) {
    this.headBudget = Math.max(1, maxChars / 2);
    this.tailBudget = Math.max(1, maxChars - headBudget);
    this.nonce = nonce;
  }

  /**
   * Renders more output.
   *
   * @param data bytes as the pane printed them
   */
  void feed(byte[] data) {
    feed(data, 0, data.length);
  }

  void feed(byte[] data, int from, int to) {
    if (to > from) {
      anyOutput = true;
    }
    stream.feed(data, from, to);
  }

  /** What each piece of the stream does to the lines. */
  private final class Terminal implements EscapeStream.Sink {
    @Override
    public void text(CharSequence chars) {
      if (!alternate) {
        write(chars);
      }
    }

    @Override
    public void control(byte b) {
      OutputRenderer.this.control(b);
    }

    @Override
    public void escape(byte b) {
      OutputRenderer.this.escape(b);
    }

    @Override
    public void csi(String params, char command) {
      OutputRenderer.this.csi(params, command);
    }

    @Override
    public void osc(String body) {
      OutputRenderer.this.osc(body);
    }
  }

  private void escape(byte b) {
    switch (b) {
      case 'c' -> { // full reset: a fresh screen, the alternate one left
        alternate = false;
        clear();
      }
      case 'M', 'D', 'E' -> screenChanged = true; // reverse index, index, next line: moves across lines
      default -> {
        // ESC 7, ESC 8, ESC =, ESC >: cursor saves and keypad modes
      }
    }
  }

  private void control(byte b) {
    if (alternate) {
      return;
    }
    switch (b) {
      case '\r' -> column = 0;
      case '\n' -> newLine();
      case '\b' -> column = Math.max(0, column - 1);
      case '\t' -> column = (column / 8 + 1) * 8;
      default -> {
        // BEL, SO, SI and the like show nothing
      }
    }
  }

  private void csi(String params, char command) {
    boolean privateMode = params.startsWith("?");
    int n = firstNumber(privateMode ? params.substring(1) : params);
    if (alternate && !(command == 'l' && privateMode)) {
      return; // drawn on the alternate screen, gone when the program leaves it
    }
    switch (command) {
      case 'K' -> eraseInLine(n);
      case 'J' -> {
        if (n == 2 || n == 3) {
          clear();
        } else if (n <= 0) {
          eraseInLine(0);
        }
      }
      case 'C' -> column += Math.max(1, n);
      case 'D' -> column = Math.max(0, column - Math.max(1, n));
      case 'G' -> column = Math.max(0, Math.max(1, n) - 1);
      case 'A', 'B', 'H', 'f', 'd', 'r', 'S', 'T', 'L', 'M' -> screenChanged = true;
      case 'h', 'l' -> {
        if (privateMode && (n == 1049 || n == 1047 || n == 47) && alternate != (command == 'h')) {
          alternate = command == 'h';
          if (alternate) {
            savedColumn = column;
          } else {
            column = savedColumn;
          }
          screenChanged = true;
        }
      }
      default -> {
        // colours (m) and every other sequence change nothing a reader of lines sees
      }
    }
  }

  private static int firstNumber(String params) {
    int end = 0;
    while (end < params.length() && Character.isDigit(params.charAt(end))) {
      end++;
    }
    return end == 0 ? -1 : Integer.parseInt(params.substring(0, Math.min(end, 9)));
  }

  private void osc(String body) {
    String prefix = PromptMarkers.OSC_PREFIX + nonce + ";";
    if (body.startsWith(prefix)) {
      String rest = body.substring(prefix.length());
      int semicolon = rest.indexOf(';');
      marks.add(new Mark(line, column, semicolon < 0 ? rest : rest.substring(0, semicolon),
          semicolon < 0 ? "" : rest.substring(semicolon + 1)));
    }
  }

  private void write(CharSequence chars) {
    for (int i = 0; i < chars.length(); i++) {
      char c = chars.charAt(i);
      if (column < current.length()) {
        current.setCharAt(column, c);
      } else {
        while (current.length() < column) {
          current.append(' ');
        }
        current.append(c);
      }
      column++;
    }
  }

  private void eraseInLine(int mode) {
    if (mode <= 0) {
      if (column < current.length()) {
        current.setLength(column);
      }
    } else if (mode == 1) {
      for (int i = 0; i < Math.min(column + 1, current.length()); i++) {
        current.setCharAt(i, ' ');
      }
    } else {
      current.setLength(0);
    }
  }

  private void newLine() {
    if (alternate) {
      return;
    }
    commit(current.toString());
    current.setLength(0);
    line++;
  }

  private void commit(String l) {
    if (headChars < headBudget) {
      head.add(l);
      headChars += l.length() + 1;
      return;
    }
    tail.addLast(l);
    tailChars += l.length() + 1;
    while (tailChars > tailBudget && tail.size() > 1) {
      String gone = tail.removeFirst();
      tailChars -= gone.length() + 1;
      droppedLines++;
      droppedChars += gone.length() + 1;
    }
  }

  private void clear() {
    screenChanged = true;
    head.clear();
    tail.clear();
    headChars = 0;
    tailChars = 0;
    current.setLength(0);
    column = 0;
    droppedLines = 0; // what was left out was cleared too
    droppedChars = 0;
    long base = line;
    marks.removeIf(m -> m.line() < base);
    firstLine = line;
  }

  /** The line number of {@code head.get(0)}: what clearing the screen left behind starts there. */
  private long firstLine;

  /**
   * Whether anything was printed at all.
   *
   * @return {@code true} once a byte was fed
   */
  boolean anyOutput() {
    return anyOutput;
  }

  /**
   * The markers seen so far, in order.
   *
   * @return the marks
   */
  List<Mark> marks() {
    return marks;
  }

  /**
   * Whether the screen changed in a way a list of lines cannot follow (the alternate screen, cursor moves
   * across lines, clearing), so that tmux's screen must be looked at too.
   *
   * @return {@code true} once that happened
   */
  boolean screenChanged() {
    return screenChanged;
  }

  /**
   * The number of the line the cursor is on (lines are counted from 0 at the start of the output).
   *
   * @return the current line number
   */
  long currentLine() {
    return line;
  }

  /**
   * The lines from {@code from} (inclusive) to the cursor's line, with everything printed on that one.
   *
   * @param from the first line number
   * @param untilColumn how much of the cursor's line to include: {@code -1} for all of it
   * @return the lines and what was dropped among them
   */
  Lines lines(long from, int untilColumn) {
    return lines(from, line, untilColumn);
  }

  /**
   * The lines from {@code from} through {@code to}, the last cut at a column (where a marker was
   * printed), with lines that were dropped left out.
   *
   * @param from the first line number
   * @param to the last line number
   * @param toColumn how much of the last line to include: {@code -1} for all of it
   * @return the lines and what was dropped among them
   */
  Lines lines(long from, long to, int toColumn) {
    List<String> h = new ArrayList<>();
    List<String> t = new ArrayList<>();
    long tailStart = firstLine + head.size() + droppedLines;
    for (int i = 0; i < head.size(); i++) {
      add(h, firstLine + i, head.get(i), from, to, toColumn);
    }
    long n = tailStart;
    for (String l : tail) {
      add(t, n++, l, from, to, toColumn);
    }
    add(tail.isEmpty() && droppedLines == 0 ? h : t, line, current.toString(), from, to, toColumn);
    boolean droppedInRange = from < tailStart && to >= firstLine + head.size();
    return new Lines(h, tailStart, t, droppedInRange ? droppedLines : 0, droppedInRange ? droppedChars : 0);
  }

  private static void add(List<String> into, long number, String text, long from, long to, int toColumn) {
    if (number >= from && number <= to) {
      into.add(number == to && toColumn >= 0 ? text.substring(0, Math.min(toColumn, text.length())) : text);
    }
  }

  /**
   * The text of one line, if it is kept.
   *
   * @param number the line number
   * @return its text, the cursor's line with everything printed on it; {@code null} if it was cleared,
   *     dropped, or not printed yet
   */
  String line(long number) {
    if (number == line) {
      return current.toString();
    }
    if (number >= firstLine && number < firstLine + head.size()) {
      return head.get((int) (number - firstLine));
    }
    long tailStart = firstLine + head.size() + droppedLines;
    if (number >= tailStart && number < tailStart + tail.size()) {
      int i = 0;
      for (String l : tail) {
        if (tailStart + i++ == number) {
          return l;
        }
      }
    }
    return null;
  }

  /**
   * The text of the cursor's line up to the cursor, with the spaces before it (a prompt such as
   * {@code "Your name? "} ends in one).
   *
   * @return the text before the cursor on its line
   */
  String beforeCursor() {
    StringBuilder sb = new StringBuilder(current.substring(0, Math.min(column, current.length())));
    while (sb.length() < column) {
      sb.append(' ');
    }
    return sb.toString();
  }
}

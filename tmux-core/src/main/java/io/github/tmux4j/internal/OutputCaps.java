package io.github.tmux4j.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The per-call caps on a command's output ({@link io.github.tmux4j.ExecutionOptions}): at most so many
 * lines and so many bytes (UTF-8, line breaks counted), keeping the first half and the last half and one
 * line between them that says what was cut. A line longer than half the byte cap is cut within itself.
 * Lines the client's {@code outputLimit} already left out (marker lines, see {@link PendingInput#joined})
 * that fall into the cut are counted with it.
 */
final class OutputCaps {
  /**
   * A marker line for lines the client's output limit left out, at its index in the output.
   *
   * @param index where the marker line is
   * @param lines how many lines it stands for
   * @param chars how many characters
   */
  record Hole(int index, long lines, long chars) {}

  /**
   * Capped output.
   *
   * @param lines the lines kept, with one marker line where lines were cut
   * @param cutLines lines of output the caps removed (whole lines; a line cut within counts in bytes)
   * @param cutBytes bytes the caps removed (UTF-8, line breaks counted)
   */
  record Capped(List<String> lines, long cutLines, long cutBytes) {}

  private OutputCaps() {}

  /**
   * The output of a command as it is collected, line by line, with the marker lines of what the client's
   * limit left out. Not thread-safe.
   */
  static final class Collected {
    private final List<String> lines = new ArrayList<>();
    private final List<Hole> holes = new ArrayList<>();
    private long droppedLines;
    private long droppedChars;

    /** Adds rendered lines (head, marker line, tail). */
    void add(OutputRenderer.Lines rendered) {
      if (rendered.droppedLines() > 0) {
        holes.add(new Hole(lines.size() + rendered.head().size(), rendered.droppedLines(), rendered.droppedChars()));
      }
      lines.addAll(PendingInput.joined(rendered));
      droppedLines += rendered.droppedLines();
      droppedChars += rendered.droppedChars();
    }

    /** Removes the last line (a prompt's own line). */
    void removeLast() {
      if (!lines.isEmpty()) {
        int last = lines.size() - 1;
        lines.remove(last);
        holes.removeIf(h -> h.index() == last);
      }
    }

    List<String> lines() {
      return lines;
    }

    long droppedLines() {
      return droppedLines;
    }

    Collected copy() {
      Collected c = new Collected();
      c.lines.addAll(lines);
      c.holes.addAll(holes);
      c.droppedLines = droppedLines;
      c.droppedChars = droppedChars;
      return c;
    }

    /** The lines from {@code from} on, with their holes. */
    Collected from(int from) {
      Collected c = new Collected();
      int start = Math.min(Math.max(0, from), lines.size());
      c.lines.addAll(lines.subList(start, lines.size()));
      for (Hole h : holes) {
        if (h.index() >= start) {
          c.holes.add(new Hole(h.index() - start, h.lines(), h.chars()));
          c.droppedLines += h.lines();
          c.droppedChars += h.chars();
        }
      }
      return c;
    }

    /**
     * The text as {@code run} returns it (trailing spaces of each line and blank lines at the end removed),
     * capped.
     *
     * @param maxLines the line cap, or {@code Integer.MAX_VALUE}
     * @param maxBytes the byte cap, or {@code Long.MAX_VALUE}
     * @param gap whether output was lost on the way
     * @return the text and what it leaves out
     */
    Text finish(int maxLines, long maxBytes, boolean gap) {
      List<String> out = new ArrayList<>(lines.size());
      lines.forEach(l -> out.add(l.stripTrailing()));
      while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
        out.remove(out.size() - 1);
      }
      Capped capped = maxLines == Integer.MAX_VALUE && maxBytes == Long.MAX_VALUE ? new Capped(out, 0, 0)
          : apply(out, holes, maxLines, maxBytes);
      return new Text(String.join("\n", capped.lines()), new io.github.tmux4j.CommandResult.Truncation(droppedLines,
          droppedChars, gap, capped.cutLines(), capped.cutBytes()));
    }
  }

  /**
   * Finished output.
   *
   * @param text the lines, separated by {@code \n}
   * @param truncation what it leaves out
   */
  record Text(String text, io.github.tmux4j.CommandResult.Truncation truncation) {}

  /**
   * Applies the caps: first the line cap (whole lines), then the byte cap on what is left, the first half
   * of the bytes ending and the last half starting at a line boundary where one is within reach.
   *
   * @param lines the output's lines
   * @param holes the marker lines of what the client's limit left out
   * @param maxLines the line cap, or {@code Integer.MAX_VALUE}
   * @param maxBytes the byte cap, or {@code Long.MAX_VALUE}
   * @return what is kept and what was cut
   */
  static Capped apply(List<String> lines, List<Hole> holes, int maxLines, long maxBytes) {
    int n = lines.size();
    String all = String.join("\n", lines);
    int headEnd = all.length();
    int tailStart = all.length();
    boolean lineCut = n - holes.size() > maxLines;
    if (lineCut) {
      int headLines = (maxLines + 1) / 2;
      headEnd = Math.max(0, offset(lines, headLines) - 1);
      tailStart = Math.min(all.length(), offset(lines, n - (maxLines - headLines)));
    }
    long kept = utf8(all, 0, headEnd) + utf8(all, tailStart, all.length());
    if (kept > maxBytes) {
      long headBudget = maxBytes / 2;
      int end = prefixEnd(all, 0, headEnd, headBudget);
      if (end < headEnd && all.charAt(end) != '\n') { // end the head at a line break where there is one
        int lineEnd = all.lastIndexOf('\n', end - 1);
        end = lineEnd > 0 ? lineEnd : end;
      }
      int from = lineCut ? tailStart : end;
      headEnd = end;
      int start = suffixStart(all, from, all.length(), maxBytes - headBudget);
      if (start > from && all.charAt(start - 1) != '\n') { // start the tail at a line's start where there is one
        int next = all.indexOf('\n', start);
        start = next >= 0 && next + 1 < all.length() ? next + 1 : start;
      }
      tailStart = start;
    }
    if (tailStart <= headEnd) {
      return new Capped(lines, 0, 0);
    }
    String region = all.substring(headEnd, tailStart);
    long newlines = region.chars().filter(c -> c == '\n').count();
    long cutLines = Math.max(0, newlines - 1);
    long cutBytes = utf8(region, 0, region.length()) - (newlines > 0 ? 1 : 0);
    long hiddenLines = 0;
    long hiddenBytes = 0;
    for (Hole h : holes) {
      int at = offset(lines, h.index());
      if (at >= headEnd && at + lines.get(h.index()).length() <= tailStart) {
        hiddenLines += h.lines();
        hiddenBytes += h.chars();
        cutLines--;
        cutBytes -= utf8(lines.get(h.index()), 0, lines.get(h.index()).length()) + 1;
      }
    }
    String head = all.substring(0, headEnd);
    String tail = all.substring(tailStart);
    String marker = "[... " + (cutLines + hiddenLines) + " lines (" + (cutBytes + hiddenBytes) + " bytes) cut ...]";
    List<String> out = new ArrayList<>();
    if (headEnd > 0) {
      out.addAll(List.of(head.split("\n", -1)));
    }
    out.add(marker);
    if (tailStart < all.length()) {
      out.addAll(List.of(tail.split("\n", -1)));
    }
    return new Capped(out, cutLines, cutBytes);
  }

  /** The offset of line {@code index} in the lines joined by line breaks. */
  private static int offset(List<String> lines, int index) {
    int at = 0;
    for (int i = 0; i < index && i < lines.size(); i++) {
      at += lines.get(i).length() + 1;
    }
    return at;
  }

  /** The end of the longest stretch from {@code from} of at most {@code budget} UTF-8 bytes. */
  private static int prefixEnd(String s, int from, int to, long budget) {
    long used = 0;
    int i = from;
    while (i < to) {
      int cp = s.codePointAt(i);
      int b = utf8Length(cp);
      if (used + b > budget) {
        break;
      }
      used += b;
      i += Character.charCount(cp);
    }
    return i;
  }

  /** The start of the longest stretch ending at {@code to} of at most {@code budget} UTF-8 bytes. */
  private static int suffixStart(String s, int from, int to, long budget) {
    long used = 0;
    int i = to;
    while (i > from) {
      int cp = s.codePointBefore(i);
      int b = utf8Length(cp);
      if (used + b > budget) {
        break;
      }
      used += b;
      i -= Character.charCount(cp);
    }
    return i;
  }

  private static long utf8(String s, int from, int to) {
    long total = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      total += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
    }
    return total;
  }

  private static int utf8Length(int cp) {
    return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
}

package io.github.tmux4j.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Text helpers for terminal output. */
public final class Texts {
  private Texts() {}

  /**
   * Splits tmux output into lines, removing each line's trailing whitespace and the blank lines at the
   * end.
   *
   * @param text captured text
   * @return the lines (at least one, possibly empty)
   */
  public static List<String> lines(String text) {
    String[] raw = text.split("\n", -1);
    List<String> lines = new ArrayList<>(raw.length);
    for (String line : raw) {
      lines.add(line.stripTrailing());
    }
    int end = lines.size();
    while (end > 1 && lines.get(end - 1).isEmpty()) {
      end--;
    }
    return new ArrayList<>(lines.subList(0, end));
  }

  /**
   * Index of the character that starts at a terminal column, counting wide (East Asian) characters as
   * two columns and combining marks as none.
   *
   * @param line the line
   * @param column the column, from 0
   * @return a char index into {@code line}, at most {@code line.length()}
   */
  public static int indexAtColumn(String line, int column) {
    int col = 0;
    int i = 0;
    while (i < line.length() && col < column) {
      int cp = line.codePointAt(i);
      col += width(cp);
      i += Character.charCount(cp);
    }
    return i;
  }

  /**
   * The number of terminal columns a code point occupies.
   *
   * @param cp the code point
   * @return 0, 1 or 2
   */
  public static int width(int cp) {
    int type = Character.getType(cp);
    if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.FORMAT) {
      return 0;
    }
    if (cp >= 0x1100 && (cp <= 0x115F || cp == 0x2329 || cp == 0x232A
        || (cp >= 0x2E80 && cp <= 0xA4CF && cp != 0x303F)
        || (cp >= 0xAC00 && cp <= 0xD7A3)
        || (cp >= 0xF900 && cp <= 0xFAFF)
        || (cp >= 0xFE30 && cp <= 0xFE6F)
        || (cp >= 0xFF00 && cp <= 0xFF60)
        || (cp >= 0xFFE0 && cp <= 0xFFE6)
        || (cp >= 0x1F300 && cp <= 0x1F64F)
        || (cp >= 0x1F900 && cp <= 0x1F9FF)
        || (cp >= 0x20000 && cp <= 0x3FFFD))) {
      return 2;
    }
    return 1;
  }

  /**
   * Collapses runs of whitespace to one space and trims, so that an echo can be compared with the text
   * typed (terminals turn tabs into spaces).
   *
   * @param text the text
   * @return the normalised text
   */
  public static String normalize(String text) {
    StringBuilder out = new StringBuilder(text.length());
    boolean afterSpace = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean space = isRegexSpace(c);
      if (!space) {
        out.append(c);
      } else if (!afterSpace) {
        out.append(' ');
      }
      afterSpace = space;
    }
    return out.toString().strip();
  }

  /**
   * Removes the spaces at the end of each line.
   *
   * @param text lines separated by {@code \n}
   * @return the text without them
   */
  public static String stripLineEnds(String text) {
    StringBuilder out = new StringBuilder(text.length());
    int start = 0;
    while (true) {
      int nl = text.indexOf('\n', start);
      int end = nl < 0 ? text.length() : nl;
      int stop = end;
      while (stop > start && text.charAt(stop - 1) == ' ') {
        stop--;
      }
      out.append(text, start, stop);
      if (nl < 0) {
        return out.toString();
      }
      out.append('\n');
      start = nl + 1;
    }
  }

  /** The characters of the regular expression class {@code \s}: space, tab, \n, vertical tab, \f, \r. */
  private static boolean isRegexSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
  }

  /**
   * Checks that text can be typed into a pane: no NUL, no unpaired surrogate.
   *
   * @param text the text
   * @throws IllegalArgumentException if it cannot
   */
  static void checkTypeable(String text) {
    Objects.requireNonNull(text, "text");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == 0) {
        throw new IllegalArgumentException("Text contains NUL (U+0000) at index " + i
            + ", which tmux cannot type; send it as a key with sendKeys(\"C-@\") if the program expects it");
      }
      if (Character.isHighSurrogate(c) && (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1)))
          || Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1)))) {
        throw new IllegalArgumentException(String.format("Text contains an unpaired surrogate U+%04X at index %d, "
            + "which is not valid Unicode and cannot be encoded as UTF-8; fix the string", (int) c, i));
      }
    }
  }
}

package io.github.tmux4j;

import java.util.regex.Pattern;

/** Removes terminal escape sequences from text. Stateless and thread-safe. */
public final class Ansi {
  // CSI (ESC [ ... final), OSC (ESC ] ... BEL or ST), DCS/PM/APC/SOS strings, two-byte ESC sequences,
  // and the 8-bit CSI form.
  private static final Pattern ESCAPES = Pattern.compile(
      "\u001B\\[[0-?]*[ -/]*[@-~]"
          + "|\u001B\\][^\u0007\u001B]*(?:\u0007|\u001B\\\\)?"
          + "|\u001B[PX^_][^\u001B]*(?:\u001B\\\\)?"
          + "|\u001B[ -/]*[0-~]"
          + "|\u009B[0-?]*[ -/]*[@-~]");
  // Control characters other than tab and newline (carriage returns included: they only move the cursor).
  private static final Pattern CONTROLS = Pattern.compile("[\u0000-\u0008\u000B-\u001F\u007F]");

  private Ansi() {}

  /**
   * Returns {@code text} without ANSI/VT escape sequences (colours, cursor movement, titles) and without
   * control characters other than tab and newline.
   *
   * @param text the text to clean
   * @return the cleaned text
   */
  public static String strip(String text) {
    if (text.indexOf('\u001B') < 0 && text.indexOf('\u009B') < 0 && !CONTROLS.matcher(text).find()) {
      return text;
    }
    return CONTROLS.matcher(ESCAPES.matcher(text).replaceAll("")).replaceAll("");
  }
}

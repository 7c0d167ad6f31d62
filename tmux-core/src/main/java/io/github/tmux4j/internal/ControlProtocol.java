package io.github.tmux4j.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The text protocol of tmux control mode ({@code tmux -C}): encoding commands as lines and decoding
 * notifications. Pure and stateless; unit-tested without tmux.
 */
public final class ControlProtocol {
  private ControlProtocol() {}

  /**
   * Encodes an argument list (in tmux command-line form, see {@link Commands#literalArgument}) as one
   * control-mode line: each argument double-quoted, with {@code \}, {@code "} and {@code $} escaped and
   * control characters written as escapes, so the line never contains a newline (an empty line would
   * detach the client).
   *
   * @param args the arguments; a {@code ";"} argument separates commands
   * @return the line, without the trailing newline
   */
  public static String encode(List<String> args) {
    StringBuilder sb = new StringBuilder(64);
    for (String arg : args) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      if (arg.equals(";")) {
        sb.append(';');
        continue;
      }
      // In argument-list form a literal final ';' is written "\;"; inside quotes it needs no escape.
      String text = arg.endsWith("\\;") ? arg.substring(0, arg.length() - 2) + ";" : arg;
      sb.append('"');
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        switch (c) {
          case '\\' -> sb.append("\\\\");
          case '"' -> sb.append("\\\"");
          case '$' -> sb.append("\\$");
          case '~' -> sb.append("\\176"); // tmux expands a leading ~ to $HOME even inside quotes
          case '\n' -> sb.append("\\n");
          case '\r' -> sb.append("\\r");
          case '\t' -> sb.append("\\t");
          default -> {
            if (c < 0x20 || c == 0x7f) {
              sb.append('\\').append(String.format("%03o", (int) c));
            } else {
              sb.append(c);
            }
          }
        }
      }
      sb.append('"');
    }
    return sb.toString();
  }

  /**
   * The number of reply blocks tmux sends for an argument list: one per command (it skips the rest of the
   * line after an {@code %error}), and one more for each {@code if-shell}, whose chosen branch runs as a
   * command of its own right after it. tmux4j's {@code if-shell} branches are always single commands.
   *
   * @param args the arguments
   * @return the number of reply blocks
   */
  public static int commandCount(List<String> args) {
    int n = 1;
    boolean commandStart = true;
    for (String a : args) {
      if (commandStart && a.equals(TmuxCommands.IF_FORMAT.get(0))) {
        n++;
      }
      commandStart = a.equals(";");
      if (commandStart) {
        n++;
      }
    }
    return n;
  }

  /**
   * Decodes the data of an {@code %output} notification, {@code line[from, to)}: {@code \ooo} octal
   * escapes become bytes, every other byte is taken as it is (UTF-8 may be split across notifications, so
   * this returns bytes).
   *
   * @param line the bytes holding the notification
   * @param from the index where the data starts
   * @param to the index after its end
   * @return the bytes the pane printed
   */
  public static byte[] decodeOutput(byte[] line, int from, int to) {
    byte[] out = new byte[Math.max(0, to - from)];
    int n = 0;
    for (int i = from; i < to; i++) {
      byte b = line[i];
      if (b == '\\' && i + 3 < to && isOctal(line[i + 1]) && isOctal(line[i + 2]) && isOctal(line[i + 3])) {
        out[n++] = (byte) (((line[i + 1] - '0') << 6) | ((line[i + 2] - '0') << 3) | (line[i + 3] - '0'));
        i += 3;
      } else {
        out[n++] = b;
      }
    }
    return n == out.length ? out : Arrays.copyOf(out, n);
  }

  private static boolean isOctal(byte b) {
    return b >= '0' && b <= '7';
  }

  /**
   * A {@code %begin}, {@code %end} or {@code %error} guard line.
   *
   * @param kind {@code "begin"}, {@code "end"} or {@code "error"}
   * @param time the time field
   * @param number the command number
   * @param flags the flags; 1 for commands this client sent
   */
  public record Guard(String kind, long time, long number, int flags) {
    /**
     * Whether {@code other} closes the block this guard opened (same time and number).
     *
     * @param other a later guard
     * @return {@code true} if it is the matching {@code %end} or {@code %error}
     */
    public boolean closedBy(Guard other) {
      return other != null && !other.kind.equals("begin") && other.time == time && other.number == number;
    }
  }

  /**
   * Parses a guard line.
   *
   * @param line the line as text
   * @return the guard, or {@code null} if the line is not one
   */
  public static Guard guard(String line) {
    String kind;
    if (line.startsWith("%begin ")) {
      kind = "begin";
    } else if (line.startsWith("%end ")) {
      kind = "end";
    } else if (line.startsWith("%error ")) {
      kind = "error";
    } else {
      return null;
    }
    String[] f = line.split(" ");
    if (f.length != 4) {
      return null;
    }
    try {
      return new Guard(kind, Long.parseLong(f[1]), Long.parseLong(f[2]), Integer.parseInt(f[3]));
    } catch (NumberFormatException e) {
      return null;
    }
  }
}

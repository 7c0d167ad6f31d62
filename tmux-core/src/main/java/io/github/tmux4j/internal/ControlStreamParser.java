package io.github.tmux4j.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Splits what a tmux control client prints into command replies, pane output and notifications.
 * Stateless between calls of {@link #parse}; unit-tested on byte streams without tmux.
 *
 * <p>A reply is the text between {@code %begin} and the {@code %end} or {@code %error} with the same
 * time and number (pane text inside a reply that merely looks like {@code %end} does not close it).
 * Notifications never come inside a reply.
 */
public final class ControlStreamParser {

  /** Receives what the parser finds, on the reading thread. */
  public interface Handler {
    /**
     * A complete command reply.
     *
     * @param ours whether this client sent the command (flags bit 1); tmux's own replies are not
     * @param error whether it ended with {@code %error}
     * @param text the reply's lines, each followed by {@code \n}
     */
    void reply(boolean ours, boolean error, String text);

    /**
     * An {@code %output} notification, or an {@code %extended-output} one (which a client with
     * {@code pause-after} gets instead).
     *
     * @param pane the pane id, e.g. {@code %3}
     * @param data the bytes the pane printed, escapes decoded
     */
    void output(String pane, byte[] data);

    /**
     * Any other notification: {@code %exit}, {@code %session-changed}, {@code %sessions-changed},
     * {@code %window-close}, {@code %pane-mode-changed}, {@code %pause}, {@code %continue}, ...
     *
     * @param name the notification name without {@code %}, e.g. {@code "exit"}
     * @param arguments the rest of the line, possibly empty
     */
    void notification(String name, String arguments);

    /**
     * A line outside any reply that is not a notification, e.g. an error tmux printed before attaching.
     *
     * @param line the line
     */
    void stray(String line);
  }

  private static final String OUTPUT = "%output ";
  private static final String EXTENDED_OUTPUT = "%extended-output ";

  private ControlStreamParser() {}

  /**
   * Reads lines until the end of the stream, passing what it finds to {@code handler}.
   *
   * @param in the client's standard output
   * @param handler the receiver
   * @throws IOException if reading fails
   */
  public static void parse(InputStream in, Handler handler) throws IOException {
    byte[] buffer = new byte[1 << 16];
    ByteArrayOutputStream partial = new ByteArrayOutputStream(256); // a line split across reads
    ControlProtocol.Guard open = null;
    StringBuilder block = new StringBuilder();
    int n;
    while ((n = in.read(buffer)) != -1) {
      int start = 0;
      for (int i = 0; i < n; i++) {
        if (buffer[i] == '\n') {
          if (partial.size() == 0) {
            open = line(buffer, start, i, open, block, handler);
          } else {
            partial.write(buffer, start, i - start);
            byte[] joined = partial.toByteArray();
            partial.reset();
            open = line(joined, 0, joined.length, open, block, handler);
          }
          start = i + 1;
        }
      }
      partial.write(buffer, start, n - start);
    }
    if (partial.size() > 0) {
      byte[] last = partial.toByteArray();
      line(last, 0, last.length, open, block, handler);
    }
  }

  /** Handles the line {@code raw[from, to)}; returns the reply that is open after it. */
  private static ControlProtocol.Guard line(byte[] raw, int from, int to, ControlProtocol.Guard open,
      StringBuilder block, Handler handler) {
    if (open != null) {
      String text = new String(raw, from, to - from, StandardCharsets.UTF_8);
      ControlProtocol.Guard g = ControlProtocol.guard(text);
      if (open.closedBy(g)) {
        handler.reply((open.flags() & 1) != 0, g.kind().equals("error"), block.toString());
        block.setLength(0);
        return null;
      }
      block.append(text).append('\n');
      return open;
    }
    // %output %<pane> <data>, or (for a pause-after client) %extended-output %<pane> <age> [...] : <data>
    boolean plain = startsWith(raw, from, to, OUTPUT);
    if (plain || startsWith(raw, from, to, EXTENDED_OUTPUT)) {
      int pane = from + (plain ? OUTPUT.length() : EXTENDED_OUTPUT.length());
      int space = indexOf(raw, (byte) ' ', pane, to);
      int separator = space < 0 || plain ? space : indexOf(raw, " : ", space, to);
      int data = separator < 0 ? -1 : plain ? separator + 1 : separator + 3;
      if (space > pane && data > 0) {
        handler.output(new String(raw, pane, space - pane, StandardCharsets.US_ASCII),
            ControlProtocol.decodeOutput(raw, data, to));
      }
      return null;
    }
    String text = new String(raw, from, to - from, StandardCharsets.UTF_8);
    ControlProtocol.Guard g = ControlProtocol.guard(text);
    if (g != null && g.kind().equals("begin")) {
      block.setLength(0);
      return g;
    }
    if (text.startsWith("%")) {
      int space = text.indexOf(' ');
      handler.notification(space < 0 ? text.substring(1) : text.substring(1, space),
          space < 0 ? "" : text.substring(space + 1));
    } else {
      handler.stray(text);
    }
    return null;
  }

  private static boolean startsWith(byte[] raw, int from, int to, String prefix) {
    if (to - from < prefix.length()) {
      return false;
    }
    for (int i = 0; i < prefix.length(); i++) {
      if (raw[from + i] != prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static int indexOf(byte[] raw, String text, int from, int to) {
    outer:
    for (int i = from; i + text.length() <= to; i++) {
      for (int j = 0; j < text.length(); j++) {
        if (raw[i + j] != text.charAt(j)) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static int indexOf(byte[] raw, byte b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (raw[i] == b) {
        return i;
      }
    }
    return -1;
  }
}

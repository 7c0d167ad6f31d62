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
     * An {@code %output} notification.
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
    ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    ControlProtocol.Guard open = null;
    StringBuilder block = new StringBuilder();
    int n;
    while ((n = in.read(buffer)) != -1) {
      int start = 0;
      for (int i = 0; i < n; i++) {
        if (buffer[i] == '\n') {
          line.write(buffer, start, i - start);
          open = line(line.toByteArray(), open, block, handler);
          line.reset();
          start = i + 1;
        }
      }
      line.write(buffer, start, n - start);
    }
    if (line.size() > 0) {
      line(line.toByteArray(), open, block, handler);
    }
  }

  /** Handles one line; returns the reply that is open after it. */
  private static ControlProtocol.Guard line(byte[] raw, ControlProtocol.Guard open, StringBuilder block,
      Handler handler) {
    if (open != null) {
      String text = ControlProtocol.text(raw);
      ControlProtocol.Guard g = ControlProtocol.guard(text);
      if (open.closedBy(g)) {
        handler.reply((open.flags() & 1) != 0, g.kind().equals("error"), block.toString());
        block.setLength(0);
        return null;
      }
      block.append(text).append('\n');
      return open;
    }
    if (startsWith(raw, "%output ")) {
      int space = indexOf(raw, (byte) ' ', 8);
      if (space > 8) {
        handler.output(new String(raw, 8, space - 8, StandardCharsets.US_ASCII),
            ControlProtocol.decodeOutput(raw, space + 1));
      }
      return null;
    }
    String text = ControlProtocol.text(raw);
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

  private static boolean startsWith(byte[] raw, String prefix) {
    if (raw.length < prefix.length()) {
      return false;
    }
    for (int i = 0; i < prefix.length(); i++) {
      if (raw[i] != prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static int indexOf(byte[] raw, byte b, int from) {
    for (int i = from; i < raw.length; i++) {
      if (raw[i] == b) {
        return i;
      }
    }
    return -1;
  }
}

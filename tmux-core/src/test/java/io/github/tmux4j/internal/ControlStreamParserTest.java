package io.github.tmux4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ControlStreamParserTest {

  /** Records every event as one line of text. */
  private static final class Recorder implements ControlStreamParser.Handler {
    final List<String> events = new ArrayList<>();

    @Override
    public void reply(boolean ours, boolean error, String text) {
      events.add((ours ? "reply" : "own-reply") + (error ? " error" : "") + " [" + text + "]");
    }

    @Override
    public void output(String pane, byte[] data) {
      events.add("output " + pane + " [" + new String(data, StandardCharsets.UTF_8) + "]");
    }

    @Override
    public void notification(String name, String arguments) {
      events.add("notification " + name + " [" + arguments + "]");
    }

    @Override
    public void stray(String line) {
      events.add("stray [" + line + "]");
    }
  }

  private static List<String> parse(String stream) throws IOException {
    return parse(new ByteArrayInputStream(stream.getBytes(StandardCharsets.UTF_8)));
  }

  private static List<String> parse(InputStream in) throws IOException {
    Recorder r = new Recorder();
    ControlStreamParser.parse(in, r);
    return r.events;
  }

  @Test
  void attachSequenceRepliesAndNotificationsOfEveryKind() throws IOException {
    String stream = String.join("\n",
        "%begin 1795626775 264 0",
        "%end 1795626775 264 0",
        "%session-changed $0 a",
        "%begin 1795626775 269 1",
        "0 %0",
        "%end 1795626775 269 1",
        "%begin 1795626775 274 1",
        "can't find pane: %99",
        "%error 1795626775 274 1",
        "%sessions-changed",
        "%window-close @3",
        "%pane-mode-changed %0",
        "%pause %0",
        "%continue %0",
        "%unknown-future-notification x y",
        "%exit too far behind",
        "");
    assertEquals(List.of(
        "own-reply []",
        "notification session-changed [$0 a]",
        "reply [0 %0\n]",
        "reply error [can't find pane: %99\n]",
        "notification sessions-changed []",
        "notification window-close [@3]",
        "notification pane-mode-changed [%0]",
        "notification pause [%0]",
        "notification continue [%0]",
        "notification unknown-future-notification [x y]",
        "notification exit [too far behind]"), parse(stream));
  }

  @Test
  void extendedOutputOfAPauseAfterClientIsOutput() throws IOException {
    String stream = String.join("\n",
        "%extended-output %3 0 : echo hi\\015\\012",
        "%extended-output %3 1250 some-future-field : a : b\\134",
        "%extended-output %3 7 :",
        "%extended-output %3 7 : ",
        "%extended-output %3 no-separator",
        "%pause %3",
        "%continue %3",
        "");
    assertEquals(List.of(
        "output %3 [echo hi\r\n]",
        "output %3 [a : b\\]",
        "output %3 []",
        "notification pause [%3]",
        "notification continue [%3]"), parse(stream));
  }

  @Test
  void paneTextThatLooksLikeAnEndDoesNotCloseTheReply() throws IOException {
    String stream = String.join("\n",
        "%begin 100 7 1",
        "%end 100 6 1",
        "%end 99 7 1",
        "%error 100 8 1",
        "%output %1 not a notification here",
        "%end 100 7 1",
        "");
    assertEquals(List.of("reply [%end 100 6 1\n%end 99 7 1\n%error 100 8 1\n%output %1 not a notification here\n]"),
        parse(stream));
  }

  @Test
  void outputIsDecodedAndASplitUtf8CharacterArrivesAsBytes() throws IOException {
    byte[] e = "é".getBytes(StandardCharsets.UTF_8);
    byte[] first = ("%output %2 a\\015\\012\\134" + "\n%output %2 ").getBytes(StandardCharsets.UTF_8);
    byte[] stream = new byte[first.length + 1 + 1 + e.length - 1 + 1];
    int i = 0;
    for (byte b : first) {
      stream[i++] = b;
    }
    stream[i++] = e[0]; // the first byte of é ends the second notification...
    stream[i++] = '\n';
    stream[i++] = e[1]; // ...and its second byte starts the third
    stream[i] = '\n';
    Recorder r = new Recorder();
    List<byte[]> chunks = new ArrayList<>();
    ControlStreamParser.parse(new ByteArrayInputStream(stream), new ControlStreamParser.Handler() {
      @Override
      public void reply(boolean ours, boolean error, String text) {
        r.reply(ours, error, text);
      }

      @Override
      public void output(String pane, byte[] data) {
        chunks.add(data);
      }

      @Override
      public void notification(String name, String arguments) {
        r.notification(name, arguments);
      }

      @Override
      public void stray(String line) {
        r.stray(line);
      }
    });
    assertEquals(2, chunks.size(), "the third line has no pane id and is not output");
    assertEquals("a\r\n\\", new String(chunks.get(0), StandardCharsets.UTF_8));
    assertEquals(1, chunks.get(1).length);
    assertEquals(e[0], chunks.get(1)[0]);
    assertEquals(1, r.events.size());
  }

  @Test
  void linesSplitAcrossReadsAreJoined() throws IOException {
    byte[] data = "%begin 1 2 1\nhello\n%end 1 2 1\n%output %3 x\n".getBytes(StandardCharsets.UTF_8);
    InputStream oneByteAtATime = new InputStream() {
      private int pos;

      @Override
      public int read() {
        return pos < data.length ? data[pos++] & 0xff : -1;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (pos >= data.length) {
          return -1;
        }
        b[off] = data[pos++];
        return 1;
      }
    };
    assertEquals(List.of("reply [hello\n]", "output %3 [x]"), parse(oneByteAtATime));
  }

  @Test
  void errorsBeforeAttachingAreStrayLines() throws IOException {
    assertEquals(List.of("stray [can't find pane: %9]"), parse("can't find pane: %9\n"));
  }

  @Test
  void aLastLineWithoutNewlineIsStillHandled() throws IOException {
    assertEquals(List.of("notification exit []"), parse("%exit"));
  }
}

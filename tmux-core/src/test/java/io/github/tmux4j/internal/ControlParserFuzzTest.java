package io.github.tmux4j.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Property tests of the control-mode protocol on random input (fixed seeds, so a failure replays):
 * the parser survives any bytes, finds exactly the replies and output that a well-formed stream holds
 * whatever the pane text looks like, and encoding never produces a line break.
 */
class ControlParserFuzzTest {
  private static final int RUNS = 20_000;

  private static final ControlStreamParser.Handler IGNORE = new ControlStreamParser.Handler() {
    @Override
    public void reply(boolean ours, boolean error, String text) {}

    @Override
    public void output(String pane, byte[] data) {}

    @Override
    public void notification(String name, String arguments) {}

    @Override
    public void stray(String line) {}
  };

  @Test
  void anyBytesParseWithoutCrashing() throws IOException {
    Random random = new Random(1);
    String[] pieces = {"%begin ", "%end ", "%error ", "%output %", "%exit", "\n", " ", "1", "\\", "\\0", "\\12",
        "\u00e9", "%", "\r"};
    for (int run = 0; run < RUNS; run++) {
      ByteArrayOutputStream stream = new ByteArrayOutputStream();
      int parts = random.nextInt(30);
      for (int p = 0; p < parts; p++) {
        if (random.nextBoolean()) {
          stream.writeBytes(pieces[random.nextInt(pieces.length)].getBytes(StandardCharsets.UTF_8));
        } else {
          byte[] noise = new byte[random.nextInt(12)];
          random.nextBytes(noise);
          stream.writeBytes(noise);
        }
      }
      ControlStreamParser.parse(new ByteArrayInputStream(stream.toByteArray()), IGNORE);
    }
  }

  @Test
  void wellFormedStreamsYieldExactlyTheirRepliesAndOutput() throws IOException {
    Random random = new Random(2);
    for (int run = 0; run < RUNS / 4; run++) {
      StringBuilder stream = new StringBuilder();
      List<String> replies = new ArrayList<>();
      List<byte[]> outputs = new ArrayList<>();
      int events = 1 + random.nextInt(8);
      for (int e = 0; e < events; e++) {
        if (random.nextBoolean()) {
          long time = random.nextInt(1000);
          long number = random.nextInt(1000);
          StringBuilder text = new StringBuilder();
          int lines = random.nextInt(4);
          for (int l = 0; l < lines; l++) {
            // pane text that imitates guards of other commands must stay text
            String line = switch (random.nextInt(4)) {
              case 0 -> "%end " + time + " " + (number + 1) + " 1";
              case 1 -> "%error " + (time + 1) + " " + number + " 1";
              case 2 -> "%output %1 looks like output";
              default -> randomText(random);
            };
            text.append(line).append('\n');
          }
          boolean error = random.nextInt(4) == 0;
          stream.append("%begin ").append(time).append(' ').append(number).append(" 1\n").append(text)
              .append(error ? "%error " : "%end ").append(time).append(' ').append(number).append(" 1\n");
          replies.add((error ? "E:" : "") + text);
        } else {
          byte[] data = randomText(random).getBytes(StandardCharsets.UTF_8);
          stream.append("%output %7 ").append(escape(data)).append('\n');
          outputs.add(data);
        }
      }
      List<String> seenReplies = new ArrayList<>();
      List<byte[]> seenOutputs = new ArrayList<>();
      ControlStreamParser.parse(new ByteArrayInputStream(stream.toString().getBytes(StandardCharsets.UTF_8)),
          new ControlStreamParser.Handler() {
            @Override
            public void reply(boolean ours, boolean error, String text) {
              seenReplies.add((error ? "E:" : "") + text);
            }

            @Override
            public void output(String pane, byte[] data) {
              assertEquals("%7", pane);
              seenOutputs.add(data);
            }

            @Override
            public void notification(String name, String arguments) {
              throw new AssertionError("unexpected notification " + name);
            }

            @Override
            public void stray(String line) {
              throw new AssertionError("unexpected stray line " + line);
            }
          });
      assertEquals(replies, seenReplies, stream.toString());
      assertEquals(outputs.size(), seenOutputs.size());
      for (int i = 0; i < outputs.size(); i++) {
        assertArrayEquals(outputs.get(i), seenOutputs.get(i));
      }
    }
  }

  @Test
  void encodedArgumentsNeverContainALineBreak() {
    Random random = new Random(3);
    for (int run = 0; run < RUNS; run++) {
      List<String> args = new ArrayList<>();
      for (int a = random.nextInt(6); a >= 0; a--) {
        StringBuilder arg = new StringBuilder();
        for (int c = random.nextInt(20); c > 0; c--) {
          arg.append((char) random.nextInt(0x3000));
        }
        args.add(arg.toString());
      }
      String line = ControlProtocol.encode(args);
      assertFalse(line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0, line);
    }
  }

  /** Text as a pane prints it: printable characters, escapes, control bytes and Unicode. */
  private static String randomText(Random random) {
    StringBuilder sb = new StringBuilder();
    for (int i = random.nextInt(40); i > 0; i--) {
      int kind = random.nextInt(10);
      if (kind == 0) {
        sb.append((char) random.nextInt(0x20));
      } else if (kind == 1) {
        sb.append('\\');
      } else if (kind == 2) {
        sb.appendCodePoint(0x4e00 + random.nextInt(200));
      } else {
        sb.append((char) (0x20 + random.nextInt(0x5f)));
      }
    }
    return sb.toString().replace("\n", "");
  }

  /** tmux's %output escaping: bytes below 0x20 and backslash as \ooo, the rest raw. */
  private static String escape(byte[] data) {
    StringBuilder sb = new StringBuilder();
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    for (byte b : data) {
      if ((b & 0xff) < 0x20 || b == '\\') {
        sb.append(new String(raw.toByteArray(), StandardCharsets.UTF_8));
        raw.reset();
        sb.append(String.format("\\%03o", b & 0xff));
      } else {
        raw.write(b);
      }
    }
    sb.append(new String(raw.toByteArray(), StandardCharsets.UTF_8));
    return sb.toString();
  }
}

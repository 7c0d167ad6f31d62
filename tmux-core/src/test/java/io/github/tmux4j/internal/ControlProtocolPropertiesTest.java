package io.github.tmux4j.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

/** Property-based tests (jqwik) of the control-mode protocol: shrinking finds the smallest failure. */
class ControlProtocolPropertiesTest {

  @Property(tries = 3000)
  void theParserSurvivesAnyBytes(@ForAll @Size(max = 400) byte[] stream) throws IOException {
    List<String> seen = new ArrayList<>();
    ControlStreamParser.parse(new ByteArrayInputStream(stream), new ControlStreamParser.Handler() {
      @Override
      public void reply(boolean ours, boolean error, String text) {
        seen.add("r");
      }

      @Override
      public void output(String pane, byte[] data) {
        seen.add("o");
      }

      @Override
      public void notification(String name, String arguments) {
        seen.add("n");
      }

      @Override
      public void stray(String line) {
        seen.add("s");
      }
    });
    int lines = 1;
    for (byte b : stream) {
      if (b == '\n') {
        lines++;
      }
    }
    assertTrue(seen.size() <= lines, "each line yields at most one event: " + seen.size() + " > " + lines);
  }

  @Property(tries = 3000)
  void decodingInvertsTmuxEscaping(@ForAll @Size(max = 300) byte[] data) {
    // tmux writes bytes below 0x20 and the backslash as \ooo and every other byte raw (UTF-8 or not)
    java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
    line.writeBytes("%output %1 ".getBytes(StandardCharsets.US_ASCII));
    for (byte b : data) {
      if ((b & 0xff) < 0x20 || b == '\\') {
        line.writeBytes(String.format("\\%03o", b & 0xff).getBytes(StandardCharsets.US_ASCII));
      } else {
        line.write(b);
      }
    }
    assertArrayEquals(data, decode(line.toByteArray(), "%output %1 ".length()));
  }

  @Property(tries = 3000)
  void anEncodedCommandIsOneLine(@ForAll @Size(max = 6) List<@Size(max = 40) String> args) {
    String line = ControlProtocol.encode(args);
    assertFalse(line.contains("\n") || line.contains("\r"), line);
    assertEquals(Math.max(1, 1 + (int) args.stream().filter(";"::equals).count()), ControlProtocol.commandCount(args));
  }

  private static byte[] decode(byte[] line, int from) {
    return ControlProtocol.decodeOutput(line, from, line.length);
  }
}

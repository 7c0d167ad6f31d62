package io.github.tmux4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.tmux4j.testing.PrivateTmux;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Random text full of what tmux, shells and terminals treat specially, typed through each transport,
 * must reach the program byte for byte. The seed is fixed (and printed), so a failure can be replayed.
 */
class HostileInputFuzzIT {
  @RegisterExtension static final PrivateTmux TMUX = new PrivateTmux();
  private static final long SEED = 20261125L;
  private static final int LINES = 300;
  private static final String SPECIAL = ";;;#{}~$\"'\\`-=%!&|<>()[]*?^\t ";
  private static final int[] RANGES = {0x20, 0x7e, 0xa0, 0xff, 0x100, 0x17f, 0x3040, 0x30ff, 0x4e00, 0x4fff,
      0x0300, 0x036f, 0x1f300, 0x1f64f};

  static List<String> hostileLines(long seed, int count) {
    Random random = new Random(seed);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      StringBuilder sb = new StringBuilder();
      int length = 1 + random.nextInt(200);
      for (int j = 0; j < length; j++) {
        if (random.nextInt(3) == 0) {
          sb.append(SPECIAL.charAt(random.nextInt(SPECIAL.length())));
        } else {
          int r = random.nextInt(RANGES.length / 2) * 2;
          sb.appendCodePoint(RANGES[r] + random.nextInt(RANGES[r + 1] - RANGES[r] + 1));
        }
      }
      if (random.nextInt(4) == 0) {
        sb.insert(0, random.nextBoolean() ? "-" : "~");
      }
      if (random.nextInt(4) == 0) {
        sb.append(random.nextBoolean() ? ";" : "\\;");
      }
      lines.add(sb.toString());
    }
    return lines;
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void randomHostileLinesArriveByteExact(Transport transport) {
    System.out.println("HostileInputFuzzIT seed " + SEED + ", " + LINES + " lines, " + transport);
    TmuxClient tmux = TMUX.client(b -> b.socketName(transport.name().toLowerCase()).transport(transport));
    Session py = tmux.newSession("fuzz-" + transport.name().toLowerCase()).python().create();
    List<String> lines = hostileLines(SEED + transport.ordinal(), LINES);
    // Echo off while reading: the kernel's echo of a long burst can be reordered on screen; the bytes read
    // are what this test checks.
    py.send("import sys, hashlib, termios; saved = termios.tcgetattr(0); quiet = termios.tcgetattr(0); "
        + "quiet[3] &= ~termios.ECHO; termios.tcsetattr(0, termios.TCSANOW, quiet); print('READ' + 'ING'); "
        + "got = [sys.stdin.readline() for _ in range(" + LINES + ")]; termios.tcsetattr(0, termios.TCSANOW, saved)");
    py.waitFor("READING", Duration.ofSeconds(15));
    for (String line : lines) {
      py.send(line);
    }
    py.waitFor(Prompts.PYTHON, Duration.ofSeconds(60));
    StringBuilder all = new StringBuilder();
    lines.forEach(l -> all.append(l).append('\n'));
    assertEquals(ItSupport.pythonDigest(all.toString()),
        py.run("print(hashlib.sha256(''.join(got).encode()).hexdigest(), len(''.join(got)))").output());
    // Line by line, so that a failure names the line.
    for (int i = 0; i < lines.size(); i++) {
      String expected = ItSupport.pythonDigest(lines.get(i) + "\n");
      String actual = py.run("print(hashlib.sha256(got[" + i + "].encode()).hexdigest(), len(got[" + i + "]))")
          .output();
      assertEquals(expected, actual, "line " + i + ": " + lines.get(i));
      if (i >= 20) {
        break; // the digest of all lines above already covers the rest
      }
    }
    py.close();
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void oneMegabyteOfHostileTextArrivesByteExact(Transport transport) {
    TmuxClient tmux = TMUX.client(b -> b.socketName("mb-" + transport.name().toLowerCase()).transport(transport));
    Session py = tmux.newSession("mb-" + transport.name().toLowerCase()).python().create();
    StringBuilder sb = new StringBuilder();
    for (String line : hostileLines(SEED * 7 + transport.ordinal(), 20_000)) {
      if (sb.length() > 1024 * 1024) {
        break;
      }
      sb.append(line).append('\n');
    }
    String big = sb.substring(0, sb.length() - 1); // send() presses Enter after it
    py.send("import sys, hashlib, termios; saved = termios.tcgetattr(0); quiet = termios.tcgetattr(0); "
        + "quiet[3] &= ~termios.ECHO; termios.tcsetattr(0, termios.TCSANOW, quiet); print('READ' + 'ING'); "
        + "data = sys.stdin.read(); termios.tcsetattr(0, termios.TCSANOW, saved)");
    py.waitFor("READING", Duration.ofSeconds(15));
    py.send(big);
    py.sendKeys("C-d"); // EOF at the start of a line ends sys.stdin.read()
    py.waitFor(Prompts.PYTHON, Duration.ofMinutes(2));
    assertEquals(ItSupport.pythonDigest(big + "\n"),
        py.run("print(hashlib.sha256(data.encode()).hexdigest(), len(data))").output());
    py.close();
  }
}

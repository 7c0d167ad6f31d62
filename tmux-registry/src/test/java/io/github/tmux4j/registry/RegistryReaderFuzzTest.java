package io.github.tmux4j.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tmux4j.RegistryCorruptException;
import io.github.tmux4j.RegistryException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry reader on randomly damaged files (fixed seed): it either reads records or throws the
 * documented {@link RegistryCorruptException}, never anything else, and reading never changes the file.
 */
class RegistryReaderFuzzTest {
  private static final int RUNS = 3_000;
  @TempDir Path dir;

  @Test
  void damagedFilesAreReadOrReportedCorruptAndNeverChanged() throws Exception {
    Path good = dir.resolve("good.json");
    try (FileRegistry registry = FileRegistry.open(good)) {
      for (int i = 0; i < 5; i++) {
        registry.put(TestRecords.record("s" + i));
      }
    }
    byte[] original = Files.readAllBytes(good);
    Random random = new Random(42);
    int readable = 0;
    int corrupt = 0;
    for (int run = 0; run < RUNS; run++) {
      byte[] damaged = damage(original, random);
      Path file = dir.resolve("r" + run).resolve(".sessions.json");
      Files.createDirectories(file.getParent());
      Files.write(file, damaged);
      try (FileRegistry registry = FileRegistry.open(file)) {
        registry.list();
        registry.get("s1");
        readable++;
      } catch (RegistryCorruptException e) {
        assertTrue(e.getMessage().contains(".sessions.json"), e.getMessage());
        corrupt++;
      } catch (RegistryException e) {
        // a file of a newer version is refused with this documented exception too
        assertTrue(e.getMessage().contains("version"), e.getMessage());
        corrupt++;
      }
      assertArrayEquals(damaged, Files.readAllBytes(file), "reading must not change the file (run " + run + ")");
    }
    System.out.println("RegistryReaderFuzzTest: " + RUNS + " damaged files, " + readable + " readable, " + corrupt
        + " reported corrupt");
    assertTrue(readable > 0 && corrupt > 0, "the damage should produce both outcomes");
  }

  private static byte[] damage(byte[] original, Random random) {
    byte[] b = original.clone();
    switch (random.nextInt(5)) {
      case 0 -> { // truncate
        return java.util.Arrays.copyOf(b, random.nextInt(b.length));
      }
      case 1 -> { // flip bytes
        for (int i = 1 + random.nextInt(4); i > 0; i--) {
          b[random.nextInt(b.length)] = (byte) random.nextInt(256);
        }
        return b;
      }
      case 2 -> { // replace a value with another JSON type
        String text = new String(b, java.nio.charset.StandardCharsets.UTF_8);
        String[] values = {"null", "[]", "{}", "-1", "\"x\"", "true", "1e999", "\"2026-13-45T99:99:99Z\""};
        int colon = text.indexOf(':', random.nextInt(text.length()));
        if (colon < 0) {
          return b;
        }
        int end = colon + 1;
        while (end < text.length() && ",}\n".indexOf(text.charAt(end)) < 0) {
          end++;
        }
        return (text.substring(0, colon + 1) + values[random.nextInt(values.length)] + text.substring(end))
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
      }
      case 3 -> { // garbage
        byte[] g = new byte[random.nextInt(64)];
        random.nextBytes(g);
        return g;
      }
      default -> { // duplicate a slice
        int from = random.nextInt(b.length);
        int to = Math.min(b.length, from + random.nextInt(40));
        byte[] out = new byte[b.length + (to - from)];
        System.arraycopy(b, 0, out, 0, to);
        System.arraycopy(b, from, out, to, b.length - from);
        return out;
      }
    }
  }
}

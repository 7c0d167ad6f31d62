package io.github.tmux4j.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.tmux4j.RegistryException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry on a disk that refuses writes: an immutable file ({@code chattr +i}, which binds root too)
 * and a full file system (a 256 KB tmpfs). Needs root and those tools; skipped otherwise.
 */
class RegistryDiskFaultsIT {
  @TempDir Path dir;

  private static boolean run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
    return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
  }

  @Test
  void aReadOnlyRegistryFileGivesAClearErrorAndStaysIntact() throws Exception {
    Path file = dir.resolve(".sessions.json");
    try (FileRegistry registry = FileRegistry.open(file)) {
      registry.put(TestRecords.record("before"));
      byte[] committed = Files.readAllBytes(file);
      assumeTrue(run("chattr", "+i", file.toString()), "chattr +i is not available here");
      try {
        RegistryException e = assertThrows(RegistryException.class, () -> registry.put(TestRecords.record("after")));
        System.out.println("RegistryDiskFaultsIT: immutable file: " + e.getMessage());
        assertTrue(e.getMessage().contains(file.getFileName().toString()), e.getMessage());
        assertArrayEquals(committed, Files.readAllBytes(file), "nothing written is lost");
        assertEquals(List.of("before"), registry.list().stream().map(r -> r.name()).toList());
      } finally {
        run("chattr", "-i", file.toString());
      }
      registry.put(TestRecords.record("after"));
      assertEquals(2, registry.list().size());
    }
  }

  @Test
  void aFullDiskGivesAClearErrorAndKeepsTheOldFile() throws Exception {
    Path mount = dir.resolve("small");
    Files.createDirectories(mount);
    assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", mount.toString()),
        "cannot mount a small tmpfs here (needs root)");
    try {
      Path file = mount.resolve(".sessions.json");
      try (FileRegistry registry = FileRegistry.open(file)) {
        registry.put(TestRecords.record("before"));
        byte[] committed = Files.readAllBytes(file);
        Path filler = mount.resolve("filler");
        // Fill the file system to the last block.
        try (var out = Files.newOutputStream(filler)) {
          byte[] block = new byte[4096];
          while (true) {
            out.write(block);
            out.flush();
          }
        } catch (IOException full) {
          // no space left: that was the point
        }
        int committedPuts = 0;
        RegistryException e = null;
        for (int i = 0; i < 200 && e == null; i++) {
          try {
            registry.put(TestRecords.record("after-" + i)); // the file grows until it no longer fits
            committedPuts++;
          } catch (RegistryException refused) {
            e = refused;
          }
        }
        assertTrue(e != null, "the disk never filled up");
        System.out.println("RegistryDiskFaultsIT: full disk after " + committedPuts + " puts: " + e.getMessage());
        assertTrue(e.getMessage().contains(".sessions.json"), e.getMessage());
        assertTrue(committed.length > 0);
        // Every put that returned is in the file, and the refused one is not: nothing half-written.
        assertEquals(committedPuts + 1, registry.list().size());
        assertTrue(registry.get("after-" + committedPuts).isEmpty());
        Files.delete(filler);
        registry.put(TestRecords.record("after-space"));
        assertTrue(registry.get("after-space").isPresent());
      }
    } finally {
      run("umount", mount.toString());
    }
  }
}

package io.github.tmux4j.registry;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tmux4j.spi.SessionRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A writer killed with SIGKILL at random moments never leaves the registry unreadable or loses a commit. */
class FileRegistryCrashIT {
  private static final int ROUNDS = 6;

  @TempDir Path dir;

  @Test
  void killedWriterLosesNoCommittedRecord() throws Exception {
    Path file = dir.resolve(FileRegistry.DEFAULT_FILE_NAME);
    long seed = System.nanoTime();
    Random random = new Random(seed);
    List<String> committed = new ArrayList<>();
    int midWrite = 0;

    for (int round = 0; round < ROUNDS; round++) {
      int killAfter = 1 + random.nextInt(60);
      List<String> lines;
      try (ChildJvm child = ChildJvm.start("crash", file.toString(), "r" + round)) {
        await("child " + round + " commits " + killAfter + " records").atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(1))
            .until(() -> child.lines().size() >= killAfter || !child.process().isAlive());
        assertTrue(child.process().isAlive(), "child died by itself:\n" + child.stderr());
        child.process().destroyForcibly(); // SIGKILL, most likely in the middle of the next write
        child.waitFor(Duration.ofSeconds(30));
        lines = List.copyOf(child.lines());
      }
      lines.stream().filter(l -> l.startsWith("committed ")).map(l -> l.substring("committed ".length()))
          .forEach(committed::add);
      if (!tempFiles().isEmpty()) {
        midWrite++; // killed between creating its temporary file and renaming it
      }

      try (FileRegistry registry = FileRegistry.open(file)) {
        Set<String> present = registry.list().stream().map(SessionRecord::name).collect(Collectors.toSet());
        List<String> lost = committed.stream().filter(n -> !present.contains(n)).toList();
        assertEquals(List.of(), lost, "round " + round + " (seed " + seed + "): committed but missing");
      }
      try (FileRegistry backup = FileRegistry.open(dir.resolve(".sessions.json.bak"))) {
        backup.list(); // the backup parses too
      }
    }

    try (FileRegistry registry = FileRegistry.open(file)) {
      registry.put(TestRecords.record("after-the-crashes")); // the first write sweeps dead writers' files
    }
    assertEquals(List.of(), tempFiles());
    System.out.printf("%d kills (%d in the middle of a write), %d committed records all present (seed %d)%n",
        ROUNDS, midWrite, committed.size(), seed);
  }

  private List<String> tempFiles() throws java.io.IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.contains(".tmp-")).toList();
    }
  }
}

package io.github.tmux4j.registry;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tmux4j.spi.SessionRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FileRegistry#replace} raced by several JVMs, each with several threads on one instance: exactly
 * one creator wins each name, a stale kill never removes a newer session, and a chain of compare-and-set
 * steps loses none.
 */
class FileRegistryReplaceIT {
  private static final int PROCESSES = 4;
  private static final int THREADS = 2;
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration RUN_TIMEOUT = Duration.ofSeconds(180);

  @TempDir Path dir;

  @Test
  void exactlyOneCreatorWinsEachName() throws Exception {
    int names = 40;
    Path file = dir.resolve(FileRegistry.DEFAULT_FILE_NAME);

    List<String> lines = race(p -> new String[] {"create", file.toString(), "p" + p, Integer.toString(THREADS),
        Integer.toString(names)});

    Map<String, List<String>> winners = new TreeMap<>();
    for (String line : lines) {
      String[] words = line.split(" ");
      assertEquals("won", words[0], line);
      winners.computeIfAbsent(words[1], k -> new ArrayList<>()).add(words[2]);
    }
    List<SessionRecord> expected = new ArrayList<>();
    for (int i = 0; i < names; i++) {
      String name = ReplaceWorker.createName(i);
      List<String> owners = winners.getOrDefault(name, List.of());
      assertEquals(1, owners.size(), name + " was won by " + owners);
      expected.add(ReplaceWorker.owned(name, owners.get(0)));
    }
    expected.sort(java.util.Comparator.comparing(SessionRecord::name));
    try (FileRegistry fresh = FileRegistry.open(file)) {
      assertEquals(expected, fresh.list(), "each name holds its one winner's record");
    }
    Set<String> winningProcesses = winners.values().stream().map(o -> o.get(0).split("\\.")[0])
        .collect(Collectors.toSet());
    System.out.printf("%d JVMs x %d threads raced for %d names; winning JVMs: %s%n", PROCESSES, THREADS, names,
        winningProcesses);
  }

  @Test
  void aStaleKillNeverRemovesANewerSession() throws Exception {
    int names = 3;
    int ops = 40;
    Path file = dir.resolve(FileRegistry.DEFAULT_FILE_NAME);

    List<String> lines = race(p -> new String[] {"killrace", file.toString(), "p" + p, Integer.toString(THREADS),
        Integer.toString(names), Integer.toString(ops)});

    // Every session created is either killed exactly once or still registered, never both or neither.
    Map<String, String> created = new HashMap<>(); // target -> name
    Set<String> killed = new HashSet<>();
    for (String line : lines) {
      String[] words = line.split(" ");
      switch (words[0]) {
        case "created" -> assertEquals(null, created.put(words[2], words[1]), "created twice: " + line);
        case "killed" -> assertTrue(killed.add(words[2]), "killed twice: " + line);
        default -> throw new AssertionError("unexpected line " + line);
      }
    }
    for (String target : killed) {
      assertTrue(created.containsKey(target), "killed a session nobody created: " + target);
    }
    Map<String, String> registered;
    try (FileRegistry fresh = FileRegistry.open(file)) {
      registered = fresh.list().stream().collect(Collectors.toMap(SessionRecord::target, SessionRecord::name));
    }
    Map<String, String> alive = new HashMap<>(created);
    alive.keySet().removeAll(killed);
    assertEquals(alive, registered, "sessions created and not killed are exactly the registered ones");
    assertTrue(killed.size() > 0 && created.size() > names, "the race did create and kill: " + lines.size());
    System.out.printf("%d JVMs x %d threads: %d creates, %d kills on %d names%n", PROCESSES, THREADS,
        created.size(), killed.size(), names);
  }

  @Test
  void aChainOfCompareAndSetStepsLosesNoStep() throws Exception {
    int steps = 15;
    int total = PROCESSES * THREADS * steps;
    Path file = dir.resolve(FileRegistry.DEFAULT_FILE_NAME);
    try (FileRegistry registry = FileRegistry.open(file)) {
      assertTrue(registry.replace(null, ReplaceWorker.token(0)));
    }

    List<String> lines = race(p -> new String[] {"chain", file.toString(), "p" + p, Integer.toString(THREADS),
        Integer.toString(steps), Integer.toString(total)});

    int done = 0;
    int failures = 0;
    for (String line : lines) {
      String[] words = line.split(" ");
      assertEquals("steps", words[0], line);
      done += Integer.parseInt(words[1]);
      failures += Integer.parseInt(words[3]);
    }
    assertEquals(PROCESSES * THREADS, lines.size(), "one summary per thread: " + lines);
    assertEquals(total, done);
    try (FileRegistry fresh = FileRegistry.open(file)) {
      assertEquals(List.of(ReplaceWorker.token(total)), fresh.list(), "the token counts every successful step");
    }
    System.out.printf("%d JVMs x %d threads: %d steps, %d failed compare-and-sets%n", PROCESSES, THREADS, done,
        failures);
  }

  /**
   * Starts the workers, waits until each is ready, starts them together, and returns all their output
   * lines but {@code ready} once each has exited with status 0.
   */
  private static List<String> race(IntFunction<String[]> argsOfProcess) throws Exception {
    List<ChildJvm> children = new ArrayList<>();
    try {
      for (int p = 0; p < PROCESSES; p++) {
        children.add(ChildJvm.start(argsOfProcess.apply(p)));
      }
      for (ChildJvm child : children) {
        await("worker " + child.process().pid() + " is ready").atMost(READY_TIMEOUT)
            .pollInterval(Duration.ofMillis(10))
            .until(() -> child.lines().contains("ready") || !child.process().isAlive());
        assertTrue(child.lines().contains("ready"), "worker died before the race:\n" + child.stderr());
      }
      for (ChildJvm child : children) {
        go(child);
      }
      List<String> lines = new ArrayList<>();
      for (ChildJvm child : children) {
        assertEquals(0, child.waitFor(RUN_TIMEOUT), child.stderr());
        child.lines().stream().filter(l -> !l.equals("ready")).forEach(lines::add);
      }
      return lines;
    } finally {
      for (ChildJvm child : children) {
        child.close();
      }
    }
  }

  private static void go(ChildJvm child) throws IOException {
    OutputStream in = child.process().getOutputStream();
    in.write("go\n".getBytes(StandardCharsets.UTF_8));
    in.flush();
  }
}

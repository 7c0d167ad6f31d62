package io.github.tmux4j.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.tmux4j.spi.SessionRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many writers on one registry file, in threads and in separate JVMs: no update may be lost. */
class FileRegistryConcurrencyIT {
  private static final int THREADS = 16;
  private static final int PER_THREAD = 50;
  private static final int PROCESSES = 8;
  private static final int PER_PROCESS = 200;

  @TempDir Path dir;

  @Test
  void sixteenThreadsLoseNoUpdate() throws Exception {
    Path file = dir.resolve(FileRegistry.DEFAULT_FILE_NAME);
    try (FileRegistry registry = FileRegistry.open(file)) {
      Timing timing = runThreads(t -> registry);

      assertEquals(expected(THREADS, PER_THREAD), registry.list());
      System.out.printf("%d threads x %d sessions (%d writes) took %d ms; slowest call %d ms%n", THREADS,
          PER_THREAD, THREADS * PER_THREAD * 5 / 2, timing.millis(), timing.slowestCallMillis());
    }
    assertFileHolds(file, expected(THREADS, PER_THREAD));
  }

  @Test
  void twoInstancesInOneJvmLoseNoUpdate() throws Exception {
    Path file = dir.resolve(FileRegistry.DEFAULT_FILE_NAME);
    try (FileRegistry first = FileRegistry.open(file); FileRegistry second = FileRegistry.open(file)) {
      Timing timing = runThreads(t -> t % 2 == 0 ? first : second);

      assertEquals(expected(THREADS, PER_THREAD), first.list());
      assertEquals(expected(THREADS, PER_THREAD), second.list());
      System.out.printf("%d threads on 2 instances x %d sessions took %d ms; slowest call %d ms%n", THREADS,
          PER_THREAD, timing.millis(), timing.slowestCallMillis());
    }
    assertFileHolds(file, expected(THREADS, PER_THREAD));
  }

  @Test
  void eightJvmsLoseNoUpdate() throws Exception {
    Path file = dir.resolve(FileRegistry.DEFAULT_FILE_NAME);
    long start = System.nanoTime();
    List<ChildJvm> children = new ArrayList<>();
    try {
      for (int p = 0; p < PROCESSES; p++) {
        children.add(ChildJvm.start("churn", file.toString(), "p" + p, Integer.toString(PER_PROCESS)));
      }
      for (ChildJvm child : children) {
        assertEquals(0, child.waitFor(Duration.ofSeconds(120)), child.stderr());
      }
    } finally {
      for (ChildJvm child : children) {
        child.close();
      }
    }
    long millis = (System.nanoTime() - start) / 1_000_000;

    assertFileHolds(file, expected(PROCESSES, PER_PROCESS));
    List<String> workerMillis = children.stream().map(c -> c.lines().get(0)).toList();
    System.out.printf("%d JVMs x %d sessions (%d writes) took %d ms in all; workers: %s%n", PROCESSES,
        PER_PROCESS, PROCESSES * PER_PROCESS * 5 / 2, millis, workerMillis);
    // About 30 s here (2 cores, shared disk); the bound only catches starvation, not slowness.
    assertTrue(millis < 120_000, "took " + millis + " ms");
  }

  private record Timing(long millis, long slowestCallMillis) {}

  /** Each thread puts its sessions, touches them, removes the even ones. */
  private static Timing runThreads(IntFunction<FileRegistry> registryOfThread) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    AtomicLong slowest = new AtomicLong();
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        String prefix = "t" + t;
        FileRegistry registry = registryOfThread.apply(t);
        futures.add(pool.submit(() -> {
          go.await();
          for (int i = 0; i < PER_THREAD; i++) {
            int n = i;
            timed(slowest, () -> registry.put(TestRecords.record(RegistryWorker.name(prefix, n))));
          }
          for (int i = 0; i < PER_THREAD; i++) {
            int n = i;
            timed(slowest,
                () -> registry.touch(RegistryWorker.name(prefix, n), RegistryWorker.TOUCHED.plusSeconds(n)));
          }
          for (int i = 0; i < PER_THREAD; i += 2) {
            int n = i;
            timed(slowest, () -> assertTrue(registry.remove(RegistryWorker.name(prefix, n))));
          }
          return null;
        }));
      }
      long start = System.nanoTime();
      go.countDown();
      for (Future<?> f : futures) {
        f.get(120, TimeUnit.SECONDS);
      }
      return new Timing((System.nanoTime() - start) / 1_000_000, slowest.get() / 1_000_000);
    } finally {
      pool.shutdownNow();
    }
  }

  private static void timed(AtomicLong slowest, Runnable call) {
    long start = System.nanoTime();
    call.run();
    slowest.accumulateAndGet(System.nanoTime() - start, Math::max);
  }

  /** The odd-numbered sessions of every worker, touched, in name order. */
  private static List<SessionRecord> expected(int workers, int perWorker) {
    List<SessionRecord> records = new ArrayList<>();
    String prefix = workers == PROCESSES && perWorker == PER_PROCESS ? "p" : "t";
    for (int w = 0; w < workers; w++) {
      for (int i = 1; i < perWorker; i += 2) {
        records.add(RegistryWorker.expected(prefix + w, i));
      }
    }
    records.sort(Comparator.comparing(SessionRecord::name));
    return records;
  }

  /** The file parses as plain JSON and a fresh instance reads exactly the expected records. */
  private static void assertFileHolds(Path file, List<SessionRecord> expected) throws Exception {
    JsonNode root = new ObjectMapper().readTree(Files.readAllBytes(file));
    assertEquals(expected.size(), root.get("sessions").size());
    try (FileRegistry fresh = FileRegistry.open(file)) {
      assertEquals(expected, fresh.list());
    }
  }
}

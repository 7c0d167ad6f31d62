package io.github.tmux4j.registry;

import io.github.tmux4j.spi.SessionRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The replace modes of {@link RegistryWorker} ({@code create}, {@code killrace}, {@code chain}), and the
 * records they write, which {@link FileRegistryReplaceIT} checks.
 */
final class ReplaceWorker {
  static final Path SOCKET = Path.of("/tmp/tmux4j-test/default");
  /** How long a worker's threads may run in all. */
  private static final Duration THREADS_TIMEOUT = Duration.ofSeconds(150);

  private ReplaceWorker() {}

  /** One thread's work. */
  private interface Job {
    void run(FileRegistry registry, String owner) throws Exception;
  }

  static void run(String[] args) throws Exception {
    Path file = Path.of(args[1]);
    String id = args[2];
    int threads = Integer.parseInt(args[3]);
    Job job = switch (args[0]) {
      case "create" -> {
        int names = Integer.parseInt(args[4]);
        yield (registry, owner) -> create(registry, owner, names);
      }
      case "killrace" -> {
        int names = Integer.parseInt(args[4]);
        int ops = Integer.parseInt(args[5]);
        yield (registry, owner) -> killRace(registry, owner, names, ops);
      }
      case "chain" -> {
        int steps = Integer.parseInt(args[4]);
        int total = Integer.parseInt(args[5]);
        yield (registry, owner) -> chain(registry, steps, total);
      }
      default -> throw new IllegalArgumentException("unknown mode " + args[0]);
    };
    // A generous lock timeout: the JVMs of a test share 2 cores and queue for the lock.
    try (FileRegistry registry = FileRegistry.builder().file(file).lockTimeout(Duration.ofSeconds(60)).build()) {
      registry.list(); // warm up (class loading, the JSON codec) before the race starts
      awaitGo();
      runThreads(threads, t -> job.run(registry, id + "." + t));
    }
  }

  /** The name of the {@code i}th session that the create race is about. */
  static String createName(int i) {
    return "n-" + i;
  }

  /** The record that {@code owner} tries to create under {@code name}. */
  static SessionRecord owned(String name, String owner) {
    return new SessionRecord(name, SOCKET, "%" + owner, "shell", 1, TestRecords.T0, TestRecords.T0,
        Map.of("owner", owner));
  }

  static String killName(int i) {
    return "k-" + i;
  }

  /** The token after {@code n} steps: each step makes another session of it (a new target). */
  static SessionRecord token(int n) {
    return new SessionRecord(n % 4 < 2 ? "token-left" : "token-right", SOCKET, "%t" + n, "shell", n,
        TestRecords.T0, TestRecords.T0, Map.of("n", Integer.toString(n)));
  }

  private static void create(FileRegistry registry, String owner, int names) {
    for (int i = 0; i < names; i++) {
      String name = createName(i);
      if (registry.replace(null, owned(name, owner))) {
        System.out.println("won " + name + " " + owner);
      }
    }
  }

  private static void killRace(FileRegistry registry, String owner, int names, int ops) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int i = 0; i < ops; i++) {
      String name = killName(random.nextInt(names));
      Optional<SessionRecord> read = registry.get(name);
      if (read.isPresent()) {
        if (registry.replace(read.get(), null)) {
          System.out.println("killed " + name + " " + read.get().target());
        }
      } else {
        SessionRecord created = owned(name, owner + "." + i);
        if (registry.replace(null, created)) {
          System.out.println("created " + name + " " + created.target());
        }
      }
    }
  }

  /**
   * Advances the token {@code steps} times. Two of every four steps also rename it, and every step makes
   * it another session, so a thread that read an older token fails whether the name or the session
   * changed since. A failure means another step succeeded since this thread's read, so a thread cannot
   * fail more often than there are steps in all.
   */
  private static void chain(FileRegistry registry, int steps, int total) {
    int done = 0;
    int failures = 0;
    while (done < steps) {
      List<SessionRecord> all = registry.list();
      if (all.size() != 1) {
        throw new AssertionError("a reader saw " + all.size() + " tokens, not 1: " + all);
      }
      SessionRecord current = all.get(0);
      int n = Integer.parseInt(current.tags().get("n"));
      if (!current.equals(token(n))) {
        throw new AssertionError("token " + current + " is not token " + n + ", " + token(n));
      }
      if (registry.replace(current, token(n + 1))) {
        done++;
      } else if (++failures > total) {
        throw new AssertionError(failures + " failed steps, more than the " + total + " steps in all");
      }
    }
    System.out.println("steps " + done + " failures " + failures);
  }

  /** Prints {@code ready} and waits for a line on standard input (the parent kills a worker that hangs). */
  private static void awaitGo() throws IOException {
    System.out.println("ready");
    System.out.flush();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    if (in.readLine() == null) {
      throw new IllegalStateException("standard input closed before the start signal");
    }
  }

  private interface ThreadBody {
    void run(int thread) throws Exception;
  }

  /** Runs {@code threads} threads from one start signal; rethrows the first failure. */
  private static void runThreads(int threads, ThreadBody body) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        futures.add(pool.submit(() -> {
          go.await();
          body.run(thread);
          return null;
        }));
      }
      go.countDown();
      long deadline = System.nanoTime() + THREADS_TIMEOUT.toNanos();
      for (Future<?> f : futures) {
        f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}

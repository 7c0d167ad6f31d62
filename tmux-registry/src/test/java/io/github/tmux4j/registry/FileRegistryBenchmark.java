package io.github.tmux4j.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * A small benchmark of {@link FileRegistry}, not a test: run it by hand on a quiet machine.
 *
 * <pre>
 * mvn -pl tmux-registry test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.github.tmux4j.registry.FileRegistryBenchmark [-Dexec.args="1000"]
 * </pre>
 *
 * Measures, on a registry of N records (default 1,000) under {@code target/bench}: {@code list()} of an
 * unchanged file (the usual case: cached, one file read), {@code get()}, {@code list()} by a new
 * instance (parse and convert everything), {@code list()} right after another instance wrote (a parse;
 * unchanged entries keep their records), {@code touch()} (a full locked write: read, edit, write and
 * fsync a temporary file, link the backup, rename, fsync the directory), the same on a registry of 10
 * records, and {@code put()} of new records.
 */
public final class FileRegistryBenchmark {
  private static final int WARMUP = 200;
  private static final int RUNS = 500;

  private FileRegistryBenchmark() {}

  /**
   * Runs the benchmark and prints a table.
   *
   * @param args optional: the number of records
   * @throws IOException if the bench directory cannot be prepared
   */
  public static void main(String[] args) throws IOException {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    Path dir = benchDir();
    deleteTree(dir);
    Files.createDirectories(dir);
    Path file = dir.resolve(FileRegistry.DEFAULT_FILE_NAME);
    System.out.printf("FileRegistry benchmark: %d records, %s, %s %s, %d cores%n", n, file,
        System.getProperty("java.vm.name"), System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors());

    try (FileRegistry registry = FileRegistry.open(file); FileRegistry other = FileRegistry.open(file)) {
      long start = System.nanoTime();
      for (int i = 0; i < n; i++) {
        registry.put(TestRecords.record(String.format("session-%05d", i)));
      }
      System.out.printf("put() of %d new records: %.2f ms each on average; file is %d KiB%n", n,
          (System.nanoTime() - start) / 1e6 / n, Files.size(file) / 1024);

      report("list(), unchanged file", timed(() -> registry.list().size()));
      report("get(), unchanged file", timed(() -> registry.get("session-00500").isPresent() ? 1 : 0));
      report("list(), new instance (full parse)", timed(() -> {
        try (FileRegistry fresh = FileRegistry.open(file)) {
          return fresh.list().size();
        }
      }));
      long[] tick = {0};
      report("list() after another instance wrote", timed(() -> {
        other.touch("session-00001", Instant.ofEpochSecond(++tick[0]));
        long s = System.nanoTime();
        int size = registry.list().size();
        return System.nanoTime() - s + (size == 0 ? 1 : 0);
      }, true));
      report("touch()", timed(() -> {
        registry.touch("session-00002", Instant.ofEpochSecond(++tick[0]));
        return 0;
      }));
    }

    Path small = dir.resolve("small.json");
    try (FileRegistry registry = FileRegistry.open(small)) {
      for (int i = 0; i < 10; i++) {
        registry.put(TestRecords.record("s" + i));
      }
      long[] tick = {0};
      report("touch(), 10 records", timed(() -> {
        registry.touch("s3", Instant.ofEpochSecond(++tick[0]));
        return 0;
      }));
      report("list(), 10 records", timed(() -> registry.list().size()));
    }
  }

  /** {@code target/bench} of this module, wherever Maven was started. */
  private static Path benchDir() {
    try {
      Path testClasses =
          Path.of(FileRegistryBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return testClasses.getParent().resolve("bench");
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static long[] timed(LongSupplier op) {
    return timed(op, false);
  }

  /** Times {@code op}; if {@code selfTimed}, {@code op} returns its own duration in nanoseconds. */
  private static long[] timed(LongSupplier op, boolean selfTimed) {
    long sink = 0;
    for (int i = 0; i < WARMUP; i++) {
      sink += op.getAsLong();
    }
    long[] nanos = new long[RUNS];
    for (int i = 0; i < RUNS; i++) {
      long s = System.nanoTime();
      long r = op.getAsLong();
      nanos[i] = selfTimed ? r : System.nanoTime() - s;
      sink += r;
    }
    if (sink == 42) {
      System.out.print("");
    }
    Arrays.sort(nanos);
    return nanos;
  }

  private static void report(String what, long[] sorted) {
    System.out.printf("%-40s median %8.3f ms   p90 %8.3f ms   max %8.3f ms%n", what,
        sorted[sorted.length / 2] / 1e6, sorted[sorted.length * 9 / 10] / 1e6, sorted[sorted.length - 1] / 1e6);
  }

  private static void deleteTree(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> paths = Files.walk(dir)) {
        for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }
}

package io.github.tmux4j.bench;

import io.github.tmux4j.Session;
import io.github.tmux4j.TmuxClient;
import io.github.tmux4j.Transport;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The benchmark harness: measures, in one run on one machine, the round trips that matter to an agent.
 *
 * <ol>
 *   <li>one tmux command ({@code capture-pane} of the visible screen), process transport vs control mode;
 *   <li>{@code send("echo <marker>")} + {@code waitFor(marker)} on bash, both transports;
 *   <li>{@code run("1+1")} on a Python REPL, cycles per second;
 *   <li>the same as 2 with libtmux (send_keys + busy-polling capture_pane), when
 *       {@code python3 -c "import libtmux"} works (Debian: {@code apt-get install python3-libtmux}),
 *       in blocks that alternate with those of benchmark 2 in control mode, so the ratio of the two
 *       compares them under the same conditions;
 *   <li>CPU used by this JVM while 20 sessions sit idle with open control clients;
 *   <li>{@code run("echo ...")} from 50 threads of one client, each on a session of its own created at
 *       the same time as the others, for 30 seconds ({@link ConcurrentRuns}): throughput, p50/p99, errors.
 * </ol>
 *
 * <p>Run with {@code mvn -q -pl tmux-bench exec:java} (after {@code mvn -q install -DskipTests});
 * {@code -Dexec.args="<samples> <warm-up seconds> <concurrent seconds> <threads>"} changes the sample
 * count (default 2000), the concurrent benchmark (default 30 seconds, 50 threads) and the
 * warm-up (default 5 seconds per control-mode benchmark, at least a tenth of the samples: on this
 * project's 2-core machine the JIT compiler keeps a core busy for about that long, which would
 * otherwise be measured as tmux4j's latency). Clients are default ones, with the file registry of
 * {@code tmux-registry}. Sockets live in a temporary directory that is removed afterwards.
 */
public final class Bench {
  /** Benchmark 2 in control mode and libtmux's are measured in this many alternating blocks. */
  private static final int LIBTMUX_BLOCKS = 4;
  /** Warm-up of each block of benchmark 2 after the first, when blocks alternate with libtmux's. */
  private static final long BLOCK_WARMUP_NANOS = 500_000_000L;

  private final int iterations;
  private final int warmup;
  private final long warmupNanos;
  private final Path dir;
  private final Duration concurrentTime;
  private final int concurrentThreads;
  private final List<Stats> results = new ArrayList<>();
  private ConcurrentRuns concurrent;

  Bench(int iterations, Duration warmupTime, Path dir, Duration concurrentTime, int concurrentThreads) {
    this.iterations = iterations;
    this.warmup = Math.max(10, iterations / 10);
    this.warmupNanos = warmupTime.toNanos();
    this.dir = dir;
    this.concurrentTime = concurrentTime;
    this.concurrentThreads = concurrentThreads;
  }

  /**
   * Runs every benchmark and prints a table.
   *
   * @param args optional: the number of samples per benchmark, and the warm-up in seconds
   * @throws Exception if a benchmark fails
   */
  public static void main(String[] args) throws Exception {
    int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    Duration warmup = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 5);
    Duration concurrentTime = Duration.ofSeconds(args.length > 2 ? Long.parseLong(args[2]) : 30);
    int threads = args.length > 3 ? Integer.parseInt(args[3]) : 50;
    Path dir = Files.createTempDirectory(Paths.get("/tmp"), "tmux4j-bench");
    try {
      Bench bench = new Bench(iterations, warmup, dir, concurrentTime, threads);
      bench.runAll();
      bench.results.forEach(System.out::println);
    } finally {
      deleteTree(dir);
    }
  }

  /** Runs every benchmark; returns the results (also used by the smoke test). */
  List<Stats> runAll() throws Exception {
    System.out.println("tmux4j benchmark, " + iterations + " samples each (warm-up: " + warmup + " and "
        + warmupNanos / 1_000_000_000.0 + " s for control mode), "
        + Runtime.getRuntime().availableProcessors() + " cores, " + tmuxVersion());
    String python = libtmuxPython();
    List<long[]> libtmuxBlocks = new ArrayList<>();
    for (Transport t : List.of(Transport.PROCESS, Transport.CONTROL_MODE)) {
      try (TmuxClient client = client(t)) {
        Session sh = client.newSession("bench-sh").shell().create();
        Session py = client.newSession("bench-py").python().create();
        int n = t == Transport.PROCESS ? Math.max(50, iterations / 10) : iterations;
        long warm = t == Transport.PROCESS ? 0 : warmupNanos;
        results.add(measure("1. one tmux command, " + name(t), n, warm, i -> sh.capture().history(0).lines()));
        Op sendAndWait = i -> {
          String marker = "m" + i + "x";
          sh.send("echo " + marker.charAt(0) + "''" + marker.substring(1));
          sh.waitFor(marker, Duration.ofSeconds(10));
        };
        String name2 = "2. send(echo marker) + waitFor(marker), " + name(t);
        if (t == Transport.CONTROL_MODE && python != null) {
          // Alternate blocks of tmux4j and libtmux, so that the ratio compares the two under the same
          // conditions on a machine whose speed drifts from minute to minute.
          // Each block of either warms up first (libtmux's script: 50 runs; ours: the full JIT warm-up
          // before the first block, half a second before the others).
          warmUp(warm, sendAndWait);
          List<long[]> ours = new ArrayList<>();
          for (int b = 0; b < LIBTMUX_BLOCKS; b++) {
            if (b > 0) {
              warmUp(Math.min(warm, BLOCK_WARMUP_NANOS), sendAndWait);
            }
            ours.add(sample(n / LIBTMUX_BLOCKS, b * n, sendAndWait));
            libtmuxBlocks.add(libtmuxBlock(python, b));
          }
          results.add(print(Stats.of(name2, concat(ours))));
        } else {
          results.add(measure(name2, n, warm, sendAndWait));
        }
        results.add(measure("3. python run(\"1+1\"), " + name(t), n, warm, i -> {
          if (!py.run("1+1").output().equals("2")) {
            throw new IllegalStateException("wrong answer");
          }
        }));
        sh.close();
        py.close();
      }
    }
    if (python != null) {
      Stats libtmux = print(Stats.of("4. send(echo marker) + wait, libtmux " + libtmuxVersion(python),
          concat(libtmuxBlocks)));
      results.add(libtmux);
      Stats ours = results.stream().filter(s -> s.name().startsWith("2.") && s.name().endsWith("control mode"))
          .findFirst().orElseThrow();
      System.out.printf("send+wait: tmux4j control mode is %.1fx faster than libtmux (medians, measured in %d "
          + "alternating blocks)%n", (double) libtmux.medianNanos() / ours.medianNanos(), LIBTMUX_BLOCKS);
    } else {
      System.out.println("4. libtmux: not installed (apt-get install python3-libtmux), skipped");
    }
    idleCpu();
    try (TmuxClient client = client(Transport.CONTROL_MODE)) {
      concurrent = ConcurrentRuns.measure(client, concurrentThreads, concurrentTime);
    }
    System.out.println(concurrent);
    results.add(concurrent.latency());
    return results;
  }

  /** The result of benchmark 6, once {@link #runAll()} ran. */
  ConcurrentRuns concurrent() {
    return concurrent;
  }

  private TmuxClient client(Transport t) {
    return TmuxClient.builder().socketDir(dir).socketName(t.name().toLowerCase()).transport(t).build();
  }

  private static String name(Transport t) {
    return t == Transport.PROCESS ? "process" : "control mode";
  }

  private interface Op {
    void run(int i) throws Exception;
  }

  /** Warms up for at least {@code warmup} runs and {@code warmupNanos}, then takes {@code n} samples. */
  private Stats measure(String name, int n, long warmupNanos, Op op) throws Exception {
    warmUp(warmupNanos, op);
    return print(Stats.of(name, sample(n, 0, op)));
  }

  private void warmUp(long warmupNanos, Op op) throws Exception {
    long warmupEnd = System.nanoTime() + warmupNanos;
    for (int i = 0; i < warmup || System.nanoTime() < warmupEnd; i++) {
      op.run(-1 - i);
    }
  }

  /** Times {@code n} runs of {@code op}, numbered from {@code first}. */
  private static long[] sample(int n, int first, Op op) throws Exception {
    long[] samples = new long[n];
    for (int i = 0; i < n; i++) {
      long start = System.nanoTime();
      op.run(first + i);
      samples[i] = System.nanoTime() - start;
    }
    return samples;
  }

  private static long[] concat(List<long[]> blocks) {
    return blocks.stream().flatMapToLong(java.util.Arrays::stream).toArray();
  }

  private static Stats print(Stats stats) {
    System.out.println(stats);
    return stats;
  }

  /** The Python that has libtmux (Debian's, if there), after copying the script; null if none has it. */
  private String libtmuxPython() throws IOException, InterruptedException {
    String python = Files.isExecutable(Paths.get("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    Process probe = new ProcessBuilder(python, "-c", "import libtmux").redirectErrorStream(true).start();
    probe.getInputStream().readAllBytes();
    if (!probe.waitFor(30, TimeUnit.SECONDS) || probe.exitValue() != 0) {
      return null;
    }
    try (InputStream in = Bench.class.getResourceAsStream("/libtmux_bench.py")) {
      Files.write(dir.resolve("libtmux_bench.py"), in.readAllBytes());
    }
    return python;
  }

  /**
   * One block of the libtmux benchmark: the same bash and marker scheme, on a server of its own, a
   * quarter of its samples ({@code iterations / 4} in all, at least 50) after a warm-up of its own.
   */
  private long[] libtmuxBlock(String python, int block) throws IOException, InterruptedException {
    int n = Math.max(50, iterations / 4) / LIBTMUX_BLOCKS;
    Process p = new ProcessBuilder(python, dir.resolve("libtmux_bench.py").toString(),
        dir.resolve("libtmux-" + block).toString(), Integer.toString(Math.max(1, n)),
        Integer.toString(Math.min(warmup, 50))).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IllegalStateException("libtmux benchmark failed");
    }
    return out.lines().filter(l -> !l.isBlank()).mapToLong(Long::parseLong).toArray();
  }

  private static String libtmuxVersion(String python) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(python, "-c", "import libtmux; print(libtmux.__version__)").start();
    String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    p.waitFor(30, TimeUnit.SECONDS);
    return v;
  }

  /**
   * CPU used over 5 seconds while 20 sessions sit idle with their control clients open: by this JVM
   * (clock-tick resolution), by tmux4j's reader threads (nanosecond resolution), and by the 20 tmux
   * control-client processes.
   */
  private void idleCpu() throws Exception {
    try (TmuxClient client = client(Transport.CONTROL_MODE)) {
      List<Session> sessions = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        Session s = client.newSession("idle-" + i).shell().create();
        s.run("true"); // opens its control client
        sessions.add(s);
      }
      com.sun.management.OperatingSystemMXBean os =
          (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      TimeUnit.SECONDS.sleep(1); // let the last prompts and session notifications arrive before measuring
      List<ProcessHandle> controlClients = ProcessHandle.current().children()
          .filter(p -> p.info().arguments().map(a -> List.of(a).contains("-C")).orElse(false)).toList();
      long readersBefore = readerThreadsCpu();
      long clientsBefore = processesCpu(controlClients);
      long cpuBefore = os.getProcessCpuTime();
      long wallBefore = System.nanoTime();
      TimeUnit.SECONDS.sleep(5); // measuring idleness: nothing to wait for but time
      long cpu = os.getProcessCpuTime() - cpuBefore;
      long wall = System.nanoTime() - wallBefore;
      long readers = readerThreadsCpu() - readersBefore;
      long clients = processesCpu(controlClients) - clientsBefore;
      System.out.printf("5. idle, 20 sessions with control clients, %.1f s: JVM CPU %.1f ms (%.3f%% of one core); "
          + "tmux4j reader threads %.3f ms; %d control-client processes %.0f ms%n", wall / 1e9, cpu / 1e6,
          100.0 * cpu / wall, readers / 1e6, controlClients.size(), clients / 1e6);
      sessions.forEach(Session::close);
    }
  }

  /** CPU time of this JVM's tmux4j reader threads, in nanoseconds. */
  private static long readerThreadsCpu() {
    java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long total = 0;
    for (java.lang.management.ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (t != null && t.getThreadName().startsWith("tmux4j-control-")) {
        total += Math.max(0, threads.getThreadCpuTime(t.getThreadId()));
      }
    }
    return total;
  }

  /** CPU time of processes, in nanoseconds (clock-tick resolution). */
  private static long processesCpu(List<ProcessHandle> processes) {
    return processes.stream().mapToLong(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L)).sum();
  }

  private static String tmuxVersion() throws IOException, InterruptedException {
    Process p = new ProcessBuilder(io.github.tmux4j.internal.Commands.defaultBinary(), "-V").redirectErrorStream(true).start();
    String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    p.waitFor(10, TimeUnit.SECONDS);
    return v;
  }

  /** Deletes a directory tree, first ending the tmux server of every socket in it. */
  static void deleteTree(Path dir) throws IOException, InterruptedException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        if (!Files.isDirectory(p) && !Files.isRegularFile(p)) {
          io.github.tmux4j.internal.ServerShutdown.kill(io.github.tmux4j.internal.Commands.defaultBinary(), p,
              Duration.ofSeconds(10));
        }
        Files.deleteIfExists(p);
      }
    }
  }
}

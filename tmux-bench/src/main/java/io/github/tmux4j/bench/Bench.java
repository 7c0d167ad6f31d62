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
 *   <li>one tmux command (a pane-scoped {@code display-message}), process transport vs control mode;
 *   <li>{@code send("echo <marker>")} + {@code waitFor(marker)} on bash, both transports;
 *   <li>{@code run("1+1")} on a Python REPL, cycles per second;
 *   <li>the same as 2 with libtmux (send_keys + busy-polling capture_pane), when
 *       {@code python3 -c "import libtmux"} works (Debian: {@code apt-get install python3-libtmux});
 *   <li>CPU used by this JVM while 20 sessions sit idle with open control clients.
 * </ol>
 *
 * <p>Run with {@code mvn -q -pl tmux-bench exec:java} (after {@code mvn -q install -DskipTests});
 * {@code -Dexec.args="<samples> <warm-up seconds>"} changes the sample count (default 2000) and the
 * warm-up (default 5 seconds per control-mode benchmark, at least a tenth of the samples: on this
 * project's 2-core machine the JIT compiler keeps a core busy for about that long, which would
 * otherwise be measured as tmux4j's latency). Clients are default ones, with the file registry of
 * {@code tmux-registry}. Sockets live in a temporary directory that is removed afterwards.
 */
public final class Bench {
  private final int iterations;
  private final int warmup;
  private final long warmupNanos;
  private final Path dir;
  private final List<Stats> results = new ArrayList<>();

  Bench(int iterations, Duration warmupTime, Path dir) {
    this.iterations = iterations;
    this.warmup = Math.max(10, iterations / 10);
    this.warmupNanos = warmupTime.toNanos();
    this.dir = dir;
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
    Path dir = Files.createTempDirectory(Paths.get("/tmp"), "tmux4j-bench");
    try {
      Bench bench = new Bench(iterations, warmup, dir);
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
    for (Transport t : List.of(Transport.PROCESS, Transport.CONTROL_MODE)) {
      try (TmuxClient client = client(t)) {
        Session sh = client.newSession("bench-sh").shell().create();
        Session py = client.newSession("bench-py").python().create();
        int n = t == Transport.PROCESS ? Math.max(50, iterations / 10) : iterations;
        long warm = t == Transport.PROCESS ? 0 : warmupNanos;
        results.add(measure("1. one tmux command, " + name(t), n, warm, i -> sh.capture().history(0).lines()));
        results.add(measure("2. send(echo marker) + waitFor(marker), " + name(t), n, warm, i -> {
          String marker = "m" + i + "x";
          sh.send("echo " + marker.charAt(0) + "''" + marker.substring(1));
          sh.waitFor(marker, Duration.ofSeconds(10));
        }));
        results.add(measure("3. python run(\"1+1\"), " + name(t), n, warm, i -> {
          if (!py.run("1+1").output().equals("2")) {
            throw new IllegalStateException("wrong answer");
          }
        }));
        sh.close();
        py.close();
      }
    }
    Stats libtmux = libtmux();
    if (libtmux != null) {
      results.add(libtmux);
      Stats ours = results.stream().filter(s -> s.name().startsWith("2.") && s.name().endsWith("control mode"))
          .findFirst().orElseThrow();
      System.out.printf("send+wait: tmux4j control mode is %.1fx faster than libtmux (medians)%n",
          (double) libtmux.medianNanos() / ours.medianNanos());
    } else {
      System.out.println("4. libtmux: not installed (apt-get install python3-libtmux), skipped");
    }
    idleCpu();
    return results;
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
    long warmupEnd = System.nanoTime() + warmupNanos;
    for (int i = 0; i < warmup || System.nanoTime() < warmupEnd; i++) {
      op.run(-1 - i);
    }
    long[] samples = new long[n];
    for (int i = 0; i < n; i++) {
      long start = System.nanoTime();
      op.run(i);
      samples[i] = System.nanoTime() - start;
    }
    Stats stats = Stats.of(name, samples);
    System.out.println(stats);
    return stats;
  }

  /** Runs the libtmux script with the same bash and marker scheme; null if libtmux is missing. */
  private Stats libtmux() throws IOException, InterruptedException {
    String python = Files.isExecutable(Paths.get("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    Process probe = new ProcessBuilder(python, "-c", "import libtmux").redirectErrorStream(true).start();
    probe.getInputStream().readAllBytes();
    if (!probe.waitFor(30, TimeUnit.SECONDS) || probe.exitValue() != 0) {
      return null;
    }
    Path script = dir.resolve("libtmux_bench.py");
    try (InputStream in = Bench.class.getResourceAsStream("/libtmux_bench.py")) {
      Files.write(script, in.readAllBytes());
    }
    int n = Math.max(50, iterations / 4);
    Process p = new ProcessBuilder(python, script.toString(), dir.resolve("libtmux").toString(),
        Integer.toString(n), Integer.toString(warmup)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IllegalStateException("libtmux benchmark failed");
    }
    long[] samples = out.lines().filter(l -> !l.isBlank()).mapToLong(Long::parseLong).toArray();
    Stats stats = Stats.of("4. send(echo marker) + wait, libtmux " + libtmuxVersion(python), samples);
    System.out.println(stats);
    return stats;
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
    Process p = new ProcessBuilder("tmux", "-V").redirectErrorStream(true).start();
    String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    p.waitFor(10, TimeUnit.SECONDS);
    return v;
  }

  private static void deleteTree(Path dir) throws IOException, InterruptedException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        if (!Files.isDirectory(p) && !Files.isRegularFile(p)) {
          new ProcessBuilder("tmux", "-S", p.toString(), "kill-server").redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(10, TimeUnit.SECONDS);
        }
        Files.deleteIfExists(p);
      }
    }
  }
}

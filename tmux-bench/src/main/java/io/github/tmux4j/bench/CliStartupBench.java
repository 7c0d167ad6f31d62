package io.github.tmux4j.bench;

import io.github.tmux4j.TmuxClient;
import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How long {@code tmux4j list-sessions} takes from the shell, through the launcher
 * {@code tmux-cli/target/bin/tmux4j} and as {@code java -jar}, against {@code java -version} on the same
 * machine: the cost of starting the JVM that every command pays.
 *
 * <p>Each round runs the three once, one after the other (so that a machine whose speed drifts affects
 * all three alike), each as a new process from start to exit, after two warm-up rounds. The command
 * lists three registered shell sessions on a private socket directory, which it checks with one
 * {@code tmux list-panes}. Prints the medians, the 10th and 90th percentiles, and the ratios of the
 * medians to {@code java -version}'s.
 *
 * <p>Run after building everything ({@code mvn -q install -DskipTests}, which makes the launcher), from
 * the project's root:
 *
 * <pre>
 * mvn -q -pl tmux-bench exec:java@cli-startup -Dexec.args=30
 * </pre>
 *
 * <p>Arguments: the number of rounds (default 30), and the launcher (default
 * {@code tmux-cli/target/bin/tmux4j}, or {@code ../tmux-cli/target/bin/tmux4j}). The jar is the
 * {@code tmux-cli-*-all.jar} in the launcher's parent directory. {@code java} is this JVM's.
 */
public final class CliStartupBench {
  private static final int WARM_UP_ROUNDS = 2;
  private static final int SESSIONS = 3;

  private final Path java;
  private final Path launcher;
  private final Path jar;
  private final Path socketDir;

  CliStartupBench(Path java, Path launcher, Path jar, Path socketDir) {
    this.java = java;
    this.launcher = launcher;
    this.jar = jar;
    this.socketDir = socketDir;
  }

  /**
   * Measures and prints the results.
   *
   * @param args optional: the number of rounds, and the launcher's path
   * @throws Exception if a command fails or prints something unexpected
   */
  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    Path launcher = args.length > 1 ? Paths.get(args[1]) : defaultLauncher();
    Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
    Path dir = Files.createTempDirectory(Paths.get("/tmp"), "tmux4j-cli-bench");
    try (TmuxClient tmux = TmuxClient.builder().socketDir(dir).build()) {
      try {
        for (int i = 1; i <= SESSIONS; i++) {
          tmux.newSession("bench-" + i).shell().create();
        }
        CliStartupBench bench = new CliStartupBench(java, launcher, jarNextTo(launcher), dir);
        bench.run(rounds).forEach(System.out::println);
      } finally {
        for (int i = 1; i <= SESSIONS; i++) {
          tmux.kill("bench-" + i);
        }
      }
    } finally {
      Bench.deleteTree(dir);
    }
  }

  /**
   * Runs the rounds.
   *
   * @param rounds how many times each command is measured
   * @return the lines to print: one per command, then the ratios
   * @throws IOException if a command cannot be started
   * @throws InterruptedException if interrupted
   */
  List<String> run(int rounds) throws IOException, InterruptedException {
    List<List<String>> commands = List.of(
        List.of(java.toString(), "-version"),
        List.of(launcher.toString(), "list-sessions"),
        List.of(java.toString(), "-jar", jar.toString(), "list-sessions"));
    List<String> names = List.of("java -version", "tmux4j list-sessions (launcher)",
        "java -jar tmux-cli-all.jar list-sessions");
    long[][] samples = new long[commands.size()][rounds];
    for (int round = -WARM_UP_ROUNDS; round < rounds; round++) {
      for (int c = 0; c < commands.size(); c++) {
        long nanos = timeOne(commands.get(c));
        if (round >= 0) {
          samples[c][round] = nanos;
        }
      }
    }
    List<String> lines = new ArrayList<>();
    lines.add("CLI start-up, " + rounds + " rounds, " + Runtime.getRuntime().availableProcessors() + " cores, "
        + "Java " + System.getProperty("java.version") + ", " + SESSIONS + " registered sessions");
    long[] medians = new long[commands.size()];
    for (int c = 0; c < commands.size(); c++) {
      long[] sorted = samples[c].clone();
      Arrays.sort(sorted);
      medians[c] = sorted[(sorted.length - 1) / 2];
      lines.add(String.format("%-42s median %7.1f ms   p10 %7.1f ms   p90 %7.1f ms", names.get(c),
          medians[c] / 1e6, percentile(sorted, 0.10) / 1e6, percentile(sorted, 0.90) / 1e6));
    }
    lines.add(String.format("ratio to java -version (medians): launcher %.1fx, java -jar %.1fx",
        (double) medians[1] / medians[0], (double) medians[2] / medians[0]));
    return lines;
  }

  /** Runs a command to its end, output discarded; fails unless it exits 0. */
  private long timeOne(List<String> command) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD);
    pb.environment().put("TMUX4J_SOCKET_DIR", socketDir.toString());
    pb.environment().remove("TMUX");
    long start = System.nanoTime();
    int exit = pb.start().waitFor();
    long nanos = System.nanoTime() - start;
    if (exit != 0) {
      throw new IllegalStateException(String.join(" ", command) + " exited with " + exit);
    }
    return nanos;
  }

  private static long percentile(long[] sorted, double p) {
    return sorted[(int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(sorted.length * p) - 1))];
  }

  private static Path defaultLauncher() {
    for (String candidate : List.of("tmux-cli/target/bin/tmux4j", "../tmux-cli/target/bin/tmux4j")) {
      Path p = Paths.get(candidate).toAbsolutePath().normalize();
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    throw new IllegalStateException("No launcher at tmux-cli/target/bin/tmux4j; build it first: "
        + "mvn -q -pl tmux-cli -am package -DskipTests");
  }

  /** The runnable jar the launcher starts: {@code tmux-cli-*-all.jar} in its parent directory. */
  private static Path jarNextTo(Path launcher) throws IOException {
    Path lib = launcher.toAbsolutePath().getParent().getParent();
    try (DirectoryStream<Path> jars = Files.newDirectoryStream(lib, "tmux-cli-*-all.jar")) {
      for (Path p : jars) {
        return p;
      }
    }
    throw new IllegalStateException("No tmux-cli-*-all.jar in " + lib);
  }
}

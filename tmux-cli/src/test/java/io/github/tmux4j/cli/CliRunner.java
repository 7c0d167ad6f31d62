package io.github.tmux4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.tmux4j.TmuxClient;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the built {@code tmux4j} jar as a user would ({@code java -jar}), in its own process, with
 * {@code TMUX4J_SOCKET_DIR} pointing at a test's private socket directory.
 */
final class CliRunner {
  static final ObjectMapper JSON = new ObjectMapper();

  static {
    // PrivateTmux needs TmuxClient when the class ends. Load it now: a concurrent `mvn install` of
    // tmux-core may replace the jar in the local repository while a long test class runs.
    TmuxClient.class.getName();
  }
  private static final long TIMEOUT_SECONDS = 90;

  private final Path socketDir;

  CliRunner(Path socketDir) {
    this.socketDir = socketDir;
  }

  /** What a process printed and how it exited. */
  record Result(List<String> command, int exitCode, String stdout, String stderr) {
    /** Standard output parsed as JSON (fails the test if it is not JSON). */
    JsonNode json() {
      try {
        return JSON.readTree(stdout);
      } catch (IOException e) {
        throw new AssertionError("not JSON on stdout of " + this, e);
      }
    }

    /** The first line of standard error. */
    String errorLine() {
      return stderr.lines().findFirst().orElse("");
    }

    /** Fails unless the exit code is {@code expected}, showing everything the process printed. */
    Result expect(int expected) {
      assertEquals(expected, exitCode, () -> "exit code of " + this);
      return this;
    }

    @Override
    public String toString() {
      return String.join(" ", command) + "\n-- exit " + exitCode + "\n-- stdout:\n" + stdout + "\n-- stderr:\n" + stderr;
    }
  }

  /** The runnable jar that Maven built ({@code -Dtmux4j.cli.jar}, set by the failsafe configuration). */
  static Path jar() {
    String jar = System.getProperty("tmux4j.cli.jar");
    if (jar == null || !Files.isRegularFile(Paths.get(jar))) {
      fail("The tmux4j jar was not found (-Dtmux4j.cli.jar=" + jar + "); run the tests with 'mvn verify'");
    }
    return Paths.get(jar);
  }

  /** {@code java -jar tmux4j.jar args...}, waiting for it to end. */
  Result run(String... args) {
    return exec(javaCommand(args), null);
  }

  /** Like {@link #run} with text on standard input. */
  Result runWithInput(String input, String... args) {
    return exec(javaCommand(args), input);
  }

  /** Starts {@code java -jar tmux4j.jar args...} without waiting; output goes to the given files. */
  Process start(Path stdout, Path stderr, String... args) throws IOException {
    ProcessBuilder pb = builder(javaCommand(args));
    pb.redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
    return pb.start();
  }

  /** Runs {@code bash -c script} with this runner's environment and {@code extraPath} first on the PATH. */
  Result bash(String script, Path extraPath) {
    List<String> command = List.of("bash", "-c", script);
    ProcessBuilder pb = builder(command);
    if (extraPath != null) {
      pb.environment().put("PATH", extraPath + File.pathSeparator + System.getenv("PATH"));
    }
    return exec(pb, command, null);
  }

  /** {@code tmux -S socket args...}, as a user would type it. */
  static Result tmux(Path socket, String... args) {
    List<String> command = new ArrayList<>(List.of(io.github.tmux4j.internal.Commands.defaultBinary(), "-u", "-S", socket.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().remove("TMUX");
    pb.environment().remove("TMUX_PANE");
    return exec(pb, command, null);
  }

  /** Whether {@code jq} is installed. */
  static boolean jqInstalled() {
    return onPath("jq");
  }

  /** Whether a program is on the PATH. */
  static boolean onPath(String program) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Paths.get(dir, program))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Pipes JSON through {@code jq args...}, as LIFECYCLE.md does; skips the calling test (an assumption)
   * when jq is not installed.
   */
  static String jq(String json, String... args) {
    Assumptions.assumeTrue(jqInstalled(), "jq is not installed");
    List<String> command = new ArrayList<>(List.of("jq"));
    command.addAll(List.of(args));
    Result r = exec(new ProcessBuilder(command), command, json);
    r.expect(0);
    return r.stdout().strip();
  }

  private List<String> javaCommand(String... args) {
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(jar().toString());
    command.addAll(List.of(args));
    return command;
  }

  private ProcessBuilder builder(List<String> command) {
    ProcessBuilder pb = new ProcessBuilder(command);
    Map<String, String> env = pb.environment();
    env.put("TMUX4J_SOCKET_DIR", socketDir.toString());
    env.remove("TMUX");
    env.remove("TMUX_PANE");
    return pb;
  }

  private Result exec(List<String> command, String input) {
    return exec(builder(command), command, input);
  }

  private static Result exec(ProcessBuilder pb, List<String> command, String input) {
    Path out = null;
    Path err = null;
    try {
      out = Files.createTempFile("tmux4j-out", ".txt");
      err = Files.createTempFile("tmux4j-err", ".txt");
      pb.redirectOutput(out.toFile()).redirectError(err.toFile());
      if (input == null) {
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      }
      Process p = pb.start();
      if (input != null) {
        try (var stdin = p.getOutputStream()) {
          stdin.write(input.getBytes(StandardCharsets.UTF_8));
        }
      }
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        fail(String.join(" ", command) + " did not finish within " + TIMEOUT_SECONDS + " s; stderr so far:\n"
            + Files.readString(err));
      }
      return new Result(command, p.exitValue(), Files.readString(out), Files.readString(err));
    } catch (IOException e) {
      throw new AssertionError("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while running " + command, e);
    } finally {
      deleteQuietly(out);
      deleteQuietly(err);
    }
  }

  private static void deleteQuietly(Path p) {
    if (p != null) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException ignored) {
        // a temp file
      }
    }
  }

  /** Asserts that the first line of stderr is the one-line reason {@code tmux4j <command>: ...}. */
  static void assertOneLineError(Result r, String command, String contains) {
    String first = r.errorLine();
    String prefix = command.isEmpty() ? "tmux4j: " : "tmux4j " + command + ": ";
    assertTrue(first.startsWith(prefix), () -> "error line of " + r);
    assertTrue(first.contains(contains), () -> "'" + contains + "' in the error line of " + r);
  }
}

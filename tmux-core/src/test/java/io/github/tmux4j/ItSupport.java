package io.github.tmux4j;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Small helpers shared by the integration tests: tmux from outside the library, hashing, PATH lookups. */
final class ItSupport {
  /** Generous bound for things that should happen quickly; tests fail, not hang, if they do not. */
  static final Duration WAIT = Duration.ofSeconds(15);

  private ItSupport() {}

  /** What an outside tmux command returned. */
  record Result(int exitCode, String stdout, String stderr) {}

  /**
   * Runs {@code tmux -S socket args...} as a separate process, as a user at a terminal would, so tests
   * can change a session behind the library's back.
   */
  static Result tmux(Path socket, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(io.github.tmux4j.internal.Commands.defaultBinary(), "-u", "-S", socket.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().remove("TMUX");
    pb.environment().remove("TMUX_PANE");
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Path out = Files.createTempFile("tmux-out", ".txt");
    Path err = Files.createTempFile("tmux-err", ".txt");
    try {
      pb.redirectOutput(out.toFile()).redirectError(err.toFile());
      Process p = pb.start();
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("tmux " + String.join(" ", args) + " did not finish");
      }
      return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  /** The lower-case hex SHA-256 of the UTF-8 encoding of {@code text}. */
  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  /** What Python prints for {@code print(sha256(s.encode()).hexdigest(), len(s))}. */
  static String pythonDigest(String s) {
    return sha256(s) + " " + s.codePointCount(0, s.length());
  }

  /** Whether an executable of that name is on the PATH. */
  static boolean onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }

  /** Single-quotes {@code s} for bash. */
  static String shellQuote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }
}

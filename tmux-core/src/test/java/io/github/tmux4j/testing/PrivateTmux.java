package io.github.tmux4j.testing;

import io.github.tmux4j.TmuxClient;
import io.github.tmux4j.TmuxClientBuilder;
import io.github.tmux4j.spi.InMemoryRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives a test class its own socket directory under the build's target folder, and afterwards kills
 * every tmux server on a socket in it and deletes it. Tests never touch the default socket or a user's
 * server.
 *
 * <pre>{@code
 * @RegisterExtension static final PrivateTmux TMUX = new PrivateTmux();
 * TmuxClient client = TMUX.client();
 * }</pre>
 */
public final class PrivateTmux implements BeforeAllCallback, AfterAllCallback {
  private Path dir;
  private final List<TmuxClient> clients = new ArrayList<>();

  /**
   * The tmux executable the tests drive: {@code $TMUX4J_TMUX} (set from {@code -Dtmux4j.tmux} by the
   * build), else {@code tmux} on the {@code PATH}; the library's own default, so tests and library agree.
   *
   * @return the executable, a path or a bare name
   */
  public static String tmuxBinary() {
    return io.github.tmux4j.internal.Commands.defaultBinary();
  }

  /**
   * Whether the tmux under test gets control clients (3.3 and newer; see {@code TmuxVersion}).
   *
   * @return {@code true} if tmux4j uses control mode with it
   */
  public static boolean controlModeSafe() {
    return io.github.tmux4j.internal.TmuxVersion.of(tmuxBinary(), java.time.Duration.ofSeconds(10)).controlModeSafe();
  }

  /** The base directory for test sockets: {@code -Dtmux4j.test.dir}, else {@code target/tmux-it}. */
  public static Path baseDir() {
    return Paths.get(System.getProperty("tmux4j.test.dir", "target/tmux-it")).toAbsolutePath();
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    Path base = baseDir();
    Files.createDirectories(base);
    // Short names keep socket paths far below the 107-byte limit.
    dir = Files.createTempDirectory(base, "t");
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    synchronized (clients) {
      clients.forEach(TmuxClient::close);
      clients.clear();
    }
    killServersAndDelete(dir);
  }

  /**
   * The class's private socket directory (mode 0700).
   *
   * @return the directory
   */
  public Path dir() {
    return dir;
  }

  /**
   * A new client on the private directory with an in-memory registry, closed after the class.
   *
   * @return the client
   */
  public TmuxClient client() {
    return client(b -> {});
  }

  /**
   * A new client on the private directory, configured further by {@code config}; closed after the
   * class.
   *
   * @param config changes to the builder (socket name, registry, ...)
   * @return the client
   */
  public TmuxClient client(Consumer<TmuxClientBuilder> config) {
    TmuxClientBuilder builder = TmuxClient.builder().socketDir(dir).socketName("s").registry(new InMemoryRegistry());
    config.accept(builder);
    TmuxClient client = builder.build();
    synchronized (clients) {
      clients.add(client);
    }
    return client;
  }

  /**
   * Kills the tmux server of every socket under {@code dir}, then deletes {@code dir}.
   *
   * @param dir a test socket directory
   * @throws Exception if tmux cannot be run
   */
  public static void killServersAndDelete(Path dir) throws Exception {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    List<Path> all;
    try (Stream<Path> walk = Files.walk(dir)) {
      all = walk.sorted(Comparator.reverseOrder()).toList();
    }
    for (Path p : all) {
      if (!Files.isDirectory(p) && !Files.isRegularFile(p)) { // a socket: kill its server, wedged or not
        io.github.tmux4j.internal.ServerShutdown.kill(tmuxBinary(), p, java.time.Duration.ofSeconds(10));
      }
    }
    for (Path p : all) {
      Files.deleteIfExists(p);
    }
    assertNothingLeftBehind(dir);
  }

  /**
   * Fails if a process started for this directory (a tmux server or client, a test's script) is still
   * running 10 seconds after its servers were killed, and kills it, so that no test leaves one behind.
   */
  private static void assertNothingLeftBehind(Path dir) {
    String path = dir.toString();
    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
    List<ProcessHandle> left;
    do {
      left = ProcessHandle.allProcesses()
          .filter(p -> p.pid() != ProcessHandle.current().pid())
          .filter(p -> p.info().commandLine().map(c -> c.contains(path)).orElse(false)).toList();
      if (!left.isEmpty()) {
        java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L); // polling the process table
      }
    } while (!left.isEmpty() && System.nanoTime() < deadline);
    if (!left.isEmpty()) {
      List<String> described = left.stream()
          .map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList();
      left.forEach(ProcessHandle::destroyForcibly);
      throw new AssertionError("processes left behind by the tests of " + dir + ": " + described);
    }
  }
}

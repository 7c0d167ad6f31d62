package io.github.tmux4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.failsafe.RetryPolicy;
import io.github.tmux4j.CommandResult;
import io.github.tmux4j.Prompts;
import io.github.tmux4j.SessionType;
import io.github.tmux4j.spi.InMemoryRegistry;
import io.github.tmux4j.testing.PrivateTmux;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Waits in control mode look at the screen locally: a send reads the cursor's row along with the input
 * (or takes it from the last wait's model), and the output that follows is applied to it, so
 * {@code send} + {@code waitFor} and {@code run} cost one tmux command each instead of one plus a capture
 * per look. Counted on the transport.
 */
class LocalLooksIT {
  @RegisterExtension static final PrivateTmux TMUX = new PrivateTmux();

  private static ScheduledExecutorService watchdog;
  private static TmuxCommands server;
  private static final AtomicInteger sends = new AtomicInteger();
  private static final AtomicInteger sendsReadingTheScreen = new AtomicInteger();
  private static final AtomicInteger captures = new AtomicInteger();

  /** Counts the pane commands that send input and those that capture the screen. */
  private static final class Counting implements CommandTransport {
    private final CommandTransport inner;

    Counting(CommandTransport inner) {
      this.inner = inner;
    }

    @Override
    public TmuxResult execute(List<String> args, byte[] stdin) {
      return inner.execute(args, stdin);
    }

    @Override
    public TmuxResult execute(String pane, List<String> args) {
      if (args.contains(Commands.INPUT_MARKER_OPTION)) { // a command line that types input
        sends.incrementAndGet();
        if (args.contains("capture-pane")) {
          sendsReadingTheScreen.incrementAndGet();
        }
      } else if (args.contains("capture-pane")) {
        captures.incrementAndGet();
      }
      return inner.execute(pane, args);
    }

    @Override
    public PaneSignal signal(String pane) {
      return inner.signal(pane);
    }

    @Override
    public void release(String pane) {
      inner.release(pane);
    }

    @Override
    public void close() {
      inner.close();
    }
  }

  @BeforeAll
  static void start() {
    watchdog = Executors.newSingleThreadScheduledExecutor();
    Path socket = TMUX.dir().resolve("local");
    ProcessTransport process = new ProcessTransport(Commands.defaultBinary(), socket, Duration.ofSeconds(10), watchdog);
    server = new TmuxCommands(socket, new Counting(new ControlModeTransport(Commands.defaultBinary(), socket, Duration.ofSeconds(10),
        process)), RetryPolicy.builder().withMaxRetries(0).build(), Duration.ofSeconds(10));
  }

  @AfterAll
  static void stop() {
    server.close();
    watchdog.shutdownNow();
  }

  private static DefaultSession shell(String name) {
    java.time.Instant created = java.time.Instant.now();
    TmuxCommands.NewSession s = server.newSession(name, List.of("bash", "--norc", "--noprofile", "+H", "-i"),
        Map.of("PS1", Prompts.SHELL_PS1), 80, 24, TMUX.dir(), new SessionLabels(created, "shell", null, false, Map.of()));
    return ready(name, new SessionRef(server.socket(), s.paneId(), created));
  }

  /** A handle on a shell pane, once its prompt shows. */
  private static DefaultSession ready(String name, SessionRef ref) {
    InMemoryRegistry registry = new InMemoryRegistry();
    DefaultSession.Context context = new DefaultSession.Context(registry, Clock.systemUTC(),
        Duration.ofSeconds(10), Duration.ofSeconds(1), Leases.jvm());
    Lifecycle lifecycle = new Lifecycle(TMUX.dir(), server.socket(), registry, Clock.systemUTC(), s -> server, context);
    DefaultSession session = new DefaultSession(server, context, lifecycle, name, ref, SessionType.SHELL,
        Prompts.SHELL, false);
    session.awaitReady(Prompts.SHELL, Duration.ofSeconds(10));
    return session;
  }

  private static void resetCounts() {
    sends.set(0);
    sendsReadingTheScreen.set(0);
    captures.set(0);
  }

  /** One send per round, and next to no captures or screen reads. */
  private static void assertOneCommandEach(int rounds, String what) {
    assertEquals(rounds, sends.get());
    // A look that no output woke within 200 ms (a slow machine) asks tmux; nearly all must be local.
    assertTrue(captures.get() <= rounds / 10, captures.get() + " captures for " + rounds + " " + what);
    // The first send reads the screen; later ones take the cursor's row from the last wait's model.
    assertTrue(sendsReadingTheScreen.get() <= rounds / 10, sendsReadingTheScreen.get() + " sends read the screen");
  }

  @Test
  void sendAndWaitNeedNoCapture() {
    DefaultSession sh = shell("waits");
    resetCounts();
    int rounds = 50;
    for (int i = 0; i < rounds; i++) {
      sh.send("echo m''" + i + "x");
      assertEquals("m" + i + "x", sh.waitFor("m" + i + "x", Duration.ofSeconds(10)).group());
    }
    assertOneCommandEach(rounds, "waits");
  }

  @Test
  void runNeedsNoCaptureAndReturnsTheSameOutput() {
    DefaultSession sh = shell("runs");
    resetCounts();
    int rounds = 50;
    for (int i = 0; i < rounds; i++) {
      CommandResult r = sh.run("printf 'a%sb\\n' " + i + "; echo done", Duration.ofSeconds(10));
      assertEquals("a" + i + "b\ndone", r.output());
      assertEquals(0, r.exitCode().getAsInt());
    }
    assertOneCommandEach(rounds, "runs");
  }

  @Test
  void runStaysRightWhileTmuxTrimsAFullHistory() {
    // history-limit 20: tmux drops 2 lines whenever it is full, which renumbers every line under the wait
    java.time.Instant created = java.time.Instant.now();
    List<String> args = new java.util.ArrayList<>(List.of("set-option", "-g", "history-limit", "20", ";", "new-session",
        "-d", "-P", "-F", "#{pane_id}", "-s", "trim", "-x", "80", "-y", "5", "-e", "PS1=" + Prompts.SHELL_PS1, "bash",
        "--norc", "--noprofile", "+H", "-i"));
    args.addAll(new SessionLabels(created, "shell", null, false, Map.of()).setOptionArgs());
    String id = server.call("trim", args, null).stdout().strip();
    DefaultSession sh = ready("trim", new SessionRef(server.socket(), id, created));
    for (int i = 0; i < 60; i++) {
      CommandResult r = sh.run("seq " + i + " $((" + i + " + 2))", Duration.ofSeconds(10));
      assertEquals(i + "\n" + (i + 1) + "\n" + (i + 2), r.output());
    }
  }

  @Test
  void outputTheModelCannotFollowIsReadThroughTmux() {
    DefaultSession sh = shell("tabs");
    resetCounts();
    CommandResult r = sh.run("printf 'a\\tb\\n'", Duration.ofSeconds(10));
    assertEquals("a       b", r.output(), "tmux turns the tab into spaces on the screen");
    assertTrue(captures.get() >= 1, "a tab makes the local model give up, so the answer came from tmux");
  }
}

package io.github.tmux4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tmux4j.internal.ServerShutdown;
import io.github.tmux4j.testing.AttachedChildMain;
import io.github.tmux4j.testing.PrivateTmux;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A JVM killed with SIGKILL while its control clients receive output leaves them behind, and tmux never
 * lets such a client exit (tmux 3.2a-3.7c): {@code kill-server} then hangs for ever. tmux4j settles
 * what a dead JVM left before it attaches a control client, and kills such a server for real.
 */
class DeadJvmLeftoversIT {
  @RegisterExtension static final PrivateTmux TMUX = new PrivateTmux();

  /** The tmux processes whose command line names the socket, other than the server. */
  private static List<ProcessHandle> clientsOf(Path socket) {
    return ProcessHandle.allProcesses().filter(p -> p.info().arguments()
        .map(a -> List.of(a).contains(socket.toString()) && List.of(a).contains("-C")).orElse(false)).toList();
  }

  private static long serverPid(Path socket) throws Exception {
    return Long.parseLong(ItSupport.tmux(socket, "display-message", "-p", "#{pid}").stdout().strip());
  }

  /**
   * Starts a child that attaches to printing sessions, stops it (SIGSTOP) until tmux has far more output
   * queued for its control clients than a pipe holds, and SIGKILLs it: tmux's writes to them then fail
   * with output pending, which is what keeps a control client from ever leaving.
   */
  private static void killAttachedChild(Path socket, int sessions) throws Exception {
    Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("java.class.path"), AttachedChildMain.class.getName(), socket.getParent().toString(),
        socket.getFileName().toString(), Integer.toString(sessions)).redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      assertEquals("READY", out.readLine());
      Path rounds = socket.getParent().resolve("ticker-" + child.pid() + "-0.rounds");
      new ProcessBuilder("kill", "-STOP", Long.toString(child.pid())).start().waitFor(10, TimeUnit.SECONDS);
      long before = rounds(rounds);
      // Far more than a pipe holds is queued once the ticker printed 10 more rounds of 2,001 lines, or
      // once it stopped after printing some: tmux stops reading a pane whose output a control client has
      // not taken (it keeps that backlog for the client), and the ticker's writes then block.
      long[] last = {before, System.nanoTime()};
      org.awaitility.Awaitility.await().atMost(ItSupport.WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
        long now = rounds(rounds);
        if (now != last[0]) {
          last[0] = now;
          last[1] = System.nanoTime();
        }
        return now >= before + 10 || now > before && System.nanoTime() - last[1] > 1_000_000_000L;
      });
    } finally {
      // Also when the test fails: a stopped child would hold the build's output stream open forever.
      child.destroyForcibly();
      assertTrue(child.waitFor(30, TimeUnit.SECONDS));
    }
  }

  /** The rounds a ticker counted so far (0 while its file is being rewritten). */
  private static long rounds(Path file) throws Exception {
    String text = Files.readString(file).strip();
    return text.isEmpty() ? 0 : Long.parseLong(text);
  }

  @Test
  void aServerHeldByADeadJvmsControlClientsIsStillKilled() throws Exception {
    TmuxClient tmux = TMUX.client(b -> b.socketName("wedge"));
    Session keeper = tmux.newSession("wedge-keeper").command("cat").register(false).create();
    long server = serverPid(tmux.socket());
    killAttachedChild(tmux.socket(), 3);
    // The dead JVM's control clients cannot leave: they are still there a while later. (Not always all
    // three: tmux stops sending to a client that fell pause-after (3) seconds behind, and one with nothing
    // pending can leave. The tickers print fast, so the stopped child falls behind well within that.)
    org.awaitility.Awaitility.await().during(Duration.ofSeconds(2)).atMost(ItSupport.WAIT)
        .until(() -> !clientsOf(tmux.socket()).isEmpty());
    long start = System.nanoTime();
    assertTrue(ServerShutdown.kill(PrivateTmux.tmuxBinary(), tmux.socket(), Duration.ofSeconds(10)));
    assertTrue(ProcessHandle.of(server).map(p -> p.onExit().orTimeout(10, TimeUnit.SECONDS).join() != null)
        .orElse(true), "the server exited");
    org.awaitility.Awaitility.await().atMost(ItSupport.WAIT).until(() -> clientsOf(tmux.socket()).isEmpty());
    System.out.printf("DeadJvmLeftoversIT: server killed in %.1f s%n", (System.nanoTime() - start) / 1e9);
    assertFalse(keeper.health().isHealthy());
  }

  @Test
  void theNextAttachSettlesWhatADeadJvmLeftAndTheServerLivesOn() throws Exception {
    TmuxClient tmux = TMUX.client(b -> b.socketName("settle"));
    Session mine = tmux.newSession("settle-mine").command("cat").register(false).create();
    long server = serverPid(tmux.socket());
    killAttachedChild(tmux.socket(), 3);
    Path holders = tmux.socketDir().resolve(".tmux4j-locks").resolve("settle.holders");
    long start = System.nanoTime();
    mine.send("first"); // attaches: the dead JVM's clients are settled first
    mine.waitFor("first", ItSupport.WAIT);
    System.out.printf("DeadJvmLeftoversIT: attach after settling in %.1f s%n", (System.nanoTime() - start) / 1e9);
    org.awaitility.Awaitility.await().atMost(ItSupport.WAIT).until(() -> clientsOf(tmux.socket()).size() == 1);
    try (var files = Files.list(holders)) {
      assertEquals(1, files.count(), "only this JVM's presence is left");
    }
    assertEquals(server, serverPid(tmux.socket()), "the server survived");
    mine.close();
  }
}

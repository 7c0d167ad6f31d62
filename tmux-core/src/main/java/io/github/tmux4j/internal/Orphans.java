package io.github.tmux4j.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * What a dead JVM leaves on a socket: its tmux processes, now children of init. Its one-shot commands
 * ({@code new-session} and the like) still run and make tmux notify control clients; its control clients
 * leave when tmux reads their closed input, or stay forever: when tmux queued output for such a client
 * after its JVM died, writing it fails, and tmux never lets the client exit (its {@code control_all_done}
 * never holds; tmux 3.2a-3.7c). Then {@code kill-server} waits for that client forever and the server
 * hangs on. Linux only ({@code /proc}); elsewhere nothing is found.
 */
final class Orphans {
  /** The argument that tells tmux4j's control clients apart from other programs' (see {@link Commands}). */
  private static final String CONTROL_FLAGS_PREFIX = "ignore-size,pause-after=";
  /** A control client this old has long finished its handshake (it takes milliseconds): it may be killed. */
  static final Duration SETTLED_AGE = Duration.ofSeconds(2);

  private Orphans() {}

  /** A tmux process of the socket whose parent died (see {@link #orphaned}). */
  record Orphan(ProcessHandle process, boolean controlClient, Instant started) {}

  /**
   * The orphaned tmux processes of a socket.
   *
   * @param socket the socket
   * @param serverPid the socket's server, which daemonized (so init is its parent) with the command line
   *     of the client that started it: not an orphan; 0 if unknown
   * @return the orphans; empty where {@code /proc} cannot tell
   */
  static List<Orphan> of(Path socket, long serverPid) {
    String sock = socket.toString();
    return ProcessHandle.allProcesses().filter(p -> p.pid() != ProcessHandle.current().pid() && p.pid() != serverPid)
        .map(p -> {
      ProcessHandle.Info info = p.info();
      Optional<String[]> args = info.arguments();
      if (args.isEmpty() || !isTmuxOf(args.get(), sock) || !orphaned(p)) {
        return null;
      }
      boolean control = Arrays.asList(args.get()).contains("-C")
          && Arrays.stream(args.get()).anyMatch(a -> a.startsWith(CONTROL_FLAGS_PREFIX));
      return new Orphan(p, control, info.startInstant().orElse(Instant.EPOCH));
    }).filter(o -> o != null).toList();
  }

  private static boolean isTmuxOf(String[] args, String socket) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals("-S") && args[i + 1].equals(socket)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a process lost the parent that started it: it was handed to init (pid 1) or to a systemd
   * subreaper. A tmux started by a live program (a JVM, a user's shell) keeps that program as parent.
   */
  private static boolean orphaned(ProcessHandle p) {
    Optional<ProcessHandle> parent = p.parent();
    return parent.isEmpty() || parent.get().pid() == 1
        || parent.get().info().command().map(c -> c.endsWith("/systemd")).orElse(false);
  }

  /**
   * Lets a dead JVM's processes on a socket finish before a control client attaches or the server is
   * killed: waits for its one-shot commands and for its control clients that leave by themselves, and
   * terminates those that cannot leave (tmux4j's own control clients only, and only once their handshake
   * is long over; a client killed inside its handshake crashes tmux 3.2a-3.6b). Bounded by {@code timeout}.
   *
   * @param socket the socket
   * @param serverPid the socket's server (see {@link #of}), 0 if unknown
   * @param timeout the longest wait
   * @return the pids of the orphans that were there; empty if none
   */
  static List<Long> settle(Path socket, long serverPid, Duration timeout) {
    List<Orphan> orphans = of(socket, serverPid);
    long deadline = System.nanoTime() + timeout.toNanos();
    long pause = TimeUnit.MILLISECONDS.toNanos(1);
    for (List<Orphan> left = orphans; !left.isEmpty() && System.nanoTime() < deadline; left = alive(left)) {
      for (Orphan o : left) {
        if (o.controlClient() && !o.started().plus(SETTLED_AGE).isAfter(Instant.now())) {
          o.process().destroy(); // SIGTERM: past its handshake, it leaves as any client does
        }
      }
      LockSupport.parkNanos(pause);
      pause = Math.min(pause * 2, TimeUnit.MILLISECONDS.toNanos(50));
    }
    return orphans.stream().map(o -> o.process().pid()).toList();
  }

  private static List<Orphan> alive(List<Orphan> orphans) {
    return orphans.stream()
        .filter(o -> HealthDecision.observe(o.process().pid()) == HealthDecision.ProcessState.RUNNING).toList();
  }
}

package io.github.tmux4j.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Kills a tmux server so that it really ends. {@code kill-server} makes every client leave and waits for
 * them; a control client left by a dead JVM can never leave (see {@link Orphans}), and the server then
 * lives on, refusing every new client and keeping its socket. So such clients are settled first, and if
 * the server still runs after a while, the socket's control clients are terminated and then the server
 * itself. Used by {@link TmuxCommands#killServer()} and by the JUnit extension's and the tests' cleanup.
 */
public final class ServerShutdown {
  private static final Duration EXIT_WAIT = Duration.ofSeconds(2);

  private ServerShutdown() {}

  /**
   * Kills the server of a socket, with a tmux process per command.
   *
   * @param binary the tmux executable
   * @param socket the socket
   * @param timeout how long each step may take
   * @return {@code true} if a server was running
   */
  public static boolean kill(String binary, Path socket, Duration timeout) {
    java.util.concurrent.ScheduledExecutorService watchdog = java.util.concurrent.Executors
        .newSingleThreadScheduledExecutor(r -> {
          Thread t = new Thread(r, "tmux4j-shutdown-watchdog");
          t.setDaemon(true);
          return t;
        });
    try {
      ProcessTransport tmux = new ProcessTransport(binary, socket, timeout, watchdog);
      return kill(args -> tmux.execute(args, null), socket, timeout);
    } finally {
      watchdog.shutdownNow();
    }
  }

  /**
   * Kills the server of a socket.
   *
   * @param run runs a tmux command on the socket
   * @param socket the socket
   * @param timeout how long each step may take
   * @return {@code true} if a server was running
   */
  static boolean kill(Function<List<String>, TmuxResult> run, Path socket, Duration timeout) {
    TmuxResult pid = run.apply(List.of("display-message", "-p", "#{pid}"));
    if (pid.exitCode() != 0 || pid.stdout().isBlank()) {
      return false;
    }
    long serverPid = Long.parseLong(pid.stdout().strip());
    Optional<ProcessHandle> server = ProcessHandle.of(serverPid);
    Orphans.settle(socket, serverPid, timeout);
    run.apply(List.of("kill-server"));
    if (server.isEmpty() || exited(server.get(), EXIT_WAIT)) {
      return true;
    }
    // Clients that cannot leave hold the server: end the socket's control clients, then the server.
    for (Orphans.Orphan o : Orphans.of(socket, serverPid)) {
      o.process().destroy();
    }
    ProcessHandle.allProcesses().filter(p -> p.info().arguments().map(a -> List.of(a).contains("-C")
        && List.of(a).contains(socket.toString())).orElse(false)).forEach(ProcessHandle::destroy);
    if (!exited(server.get(), EXIT_WAIT)) {
      server.get().destroyForcibly();
      exited(server.get(), timeout);
    }
    return true;
  }

  private static boolean exited(ProcessHandle p, Duration wait) {
    try {
      p.onExit().get(wait.toNanos(), TimeUnit.NANOSECONDS);
      return true;
    } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
      return HealthDecision.observe(p.pid()) != HealthDecision.ProcessState.RUNNING;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}

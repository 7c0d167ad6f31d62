package io.github.tmux4j.internal;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Waits until a tmux server has seen clients leave. A client that leaves makes tmux notify every control
 * client ({@code %client-detached}), and it does so when it notices the client's socket close, which can
 * be after the client's process has exited; tmux queues the notification at that moment and delivers it
 * before it reads anything else. So once a later {@code list-clients} no longer shows a client, its
 * notification has been delivered, and a new control client may attach (see {@link AttachGate}).
 */
final class ClientDepartures {
  private static final long FIRST_PAUSE_NANOS = TimeUnit.MICROSECONDS.toNanos(200);
  private static final long MAX_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

  private ClientDepartures() {}

  /**
   * The process ids of the clients tmux lists in an answer to {@code list-clients -F '#{client_pid}'}.
   *
   * @param answer the answer
   * @return the pids
   */
  static Set<Long> parse(String answer) {
    Set<Long> pids = new HashSet<>();
    for (String line : answer.split("\n")) {
      String s = line.strip();
      if (!s.isEmpty()) {
        try {
          pids.add(Long.parseLong(s));
        } catch (NumberFormatException notAPid) {
          // not a pid line: ignore
        }
      }
    }
    return pids;
  }

  /**
   * Waits until the server lists none of {@code pids} among its clients, or is gone.
   *
   * @param transport a route to the server that does not depend on the leaving clients
   * @param pids the clients' process ids
   * @param deadline {@link System#nanoTime()} to give up at
   * @return {@code true} if they are gone; {@code false} if one was still listed at the deadline
   */
  static boolean await(CommandTransport transport, Collection<Long> pids, long deadline) {
    if (pids.isEmpty()) {
      return true;
    }
    long pause = FIRST_PAUSE_NANOS;
    while (true) {
      TmuxResult listed = transport.execute(List.of("list-clients", "-F", "#{client_pid}"), null);
      if (listed.exitCode() != 0 && !listed.stderr().contains("Resource temporarily unavailable")) {
        return true; // no server: there is nobody left to notify
      }
      if (listed.exitCode() == 0 && pids.stream().noneMatch(parse(listed.stdout())::contains)) {
        return true;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      LockSupport.parkNanos(Math.min(pause, left));
      pause = Math.min(pause * 2, MAX_PAUSE_NANOS);
    }
  }
}

package io.github.tmux4j.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Waits until a tmux server has seen clients leave. A client that leaves makes tmux notify every control
 * client ({@code %client-detached}) when it notices the client's socket close, so a new control client
 * may attach only after that (see {@link AttachGate}).
 *
 * <p>{@code list-clients} cannot tell: it skips clients without a session, and the control clients of a
 * killed session are exactly those, still connected until their process exits. So a departure is: the
 * client's process has ended (exited or defunct: either way its socket is closed), then one command
 * round trip to the server. tmux reads its sockets in its event loop and delivers the notifications it
 * queued there before it reads anything else, so a command sent after the socket closed is answered only
 * after the notification went out.
 */
final class ClientDepartures {
  private static final long FIRST_PAUSE_NANOS = TimeUnit.MICROSECONDS.toNanos(200);
  private static final long MAX_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

  private ClientDepartures() {}

  /**
   * The process ids of the clients tmux lists in an answer to {@code list-clients -F '#{client_pid}'}.
   *
   * @param answer the answer
   * @return the pids
   */
  static Set<Long> parse(String answer) {
    Set<Long> pids = new LinkedHashSet<>();
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
   * Waits until the processes of {@code pids} have ended and the server has read that.
   *
   * @param transport a route to the server that does not depend on the leaving clients
   * @param pids the clients' process ids
   * @param deadline {@link System#nanoTime()} to give up at
   * @return {@code true} if they are gone; {@code false} if one was still running at the deadline
   */
  static boolean await(CommandTransport transport, Collection<Long> pids, long deadline) {
    if (pids.isEmpty()) {
      return true;
    }
    List<Long> running = new ArrayList<>(pids);
    long pause = FIRST_PAUSE_NANOS;
    while (true) {
      running.removeIf(pid -> HealthDecision.observe(pid) != HealthDecision.ProcessState.RUNNING);
      if (running.isEmpty()) {
        break;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      LockSupport.parkNanos(Math.min(pause, left));
      pause = Math.min(pause * 2, MAX_PAUSE_NANOS);
    }
    // One round trip: answered only after tmux read the closed sockets and sent %client-detached. Any
    // answer will do, "no server running" included.
    transport.execute(List.of("display-message", "-p", ""), null);
    return true;
  }
}

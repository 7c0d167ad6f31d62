package io.github.tmux4j.internal;

import io.github.tmux4j.TmuxException;
import java.util.function.Supplier;

/**
 * The one wait loop: look at the pane, and if the condition does not hold yet, sleep until the pane
 * prints something (control mode) or for a growing pause from 1 ms to 50 ms (process transport, or a
 * control client that went away).
 */
public final class Waits {
  private static final long MAX_PAUSE_NANOS = 50_000_000L;
  /**
   * Longest sleep between looks even when the pane is silent: a process that exits prints nothing, so
   * waits look again this often to notice a dead pane.
   */
  private static final long MAX_SILENT_NANOS = 200_000_000L;

  private Waits() {}

  /**
   * Repeats {@code attempt} until it returns a value or the deadline passes.
   *
   * @param server the pane's server
   * @param pane the pane id
   * @param deadlineNanos {@link System#nanoTime()} deadline
   * @param what what is waited for, for the interrupt message
   * @param attempt looks once; returns {@code null} to keep waiting, throws to stop
   * @param <T> the result type
   * @return the result, or {@code null} if the deadline passed
   */
  public static <T> T until(TmuxServer server, String pane, long deadlineNanos, String what, Supplier<T> attempt) {
    PaneSignal signal = server.signal(pane);
    long pause = 1_000_000L;
    try {
      while (true) {
        boolean evented = signal != null && !signal.closed();
        long seen = evented ? signal.version() : 0;
        T result = attempt.get();
        if (result != null) {
          return result;
        }
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
          return null;
        }
        if (evented) {
          signal.awaitAfter(seen, Math.min(left, MAX_SILENT_NANOS));
        } else {
          Thread.sleep(Math.max(1, Math.min(pause, left) / 1_000_000L));
          pause = Math.min(pause * 2, MAX_PAUSE_NANOS);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TmuxException("Interrupted while waiting for " + what, e);
    }
  }
}

package io.github.tmux4j.internal;

import io.github.tmux4j.TmuxException;
import java.util.concurrent.locks.LockSupport;

/**
 * The one wait loop: look at the pane, and if the condition does not hold yet, sleep until the pane
 * prints something (control mode) or for a growing pause from 1 ms to 50 ms (process transport, or a
 * control client that went away). While a pane prints without pause, looks are paced so that they take
 * at most half of the time (a look and the pane's output are handled by the same tmux thread): a waiter
 * on a pane printing 100 MB finished in 10.7 s instead of 13 s.
 */
public final class Waits {
  private static final long MAX_PAUSE_NANOS = 50_000_000L;
  /**
   * Longest sleep between looks even when the pane is silent: a process that exits prints nothing, so
   * waits look again this often to notice a dead pane.
   */
  private static final long MAX_SILENT_NANOS = 200_000_000L;
  /** Looks in a row that found the pane still printing before waits start pacing themselves. */
  private static final int BUSY_LOOKS_BEFORE_PACING = 3;
  /** Longest rest between looks while a pane prints without pause. */
  private static final long MAX_PACE_NANOS = 20_000_000L;

  private Waits() {}

  /**
   * One look at the pane.
   *
   * @param <T> the result type
   */
  @FunctionalInterface
  public interface Attempt<T> {
    /**
     * Looks once.
     *
     * @param woken whether the pane's output woke this look (not the first look, nor a look after a
     *     silent pause, which must ask tmux: a pane whose program exited prints nothing)
     * @return the result, or {@code null} to keep waiting
     */
    T look(boolean woken);
  }

  /**
   * Repeats {@code attempt} until it returns a value or the deadline passes.
   *
   * @param signal the pane's output signal, or {@code null} to poll
   * @param deadlineNanos {@link System#nanoTime()} deadline
   * @param what what is waited for, for the interrupt message
   * @param attempt looks once; returns {@code null} to keep waiting, throws to stop
   * @param <T> the result type
   * @return the result, or {@code null} if the deadline passed
   */
  public static <T> T until(PaneSignal signal, long deadlineNanos, String what, Attempt<T> attempt) {
    long pause = 1_000_000L;
    int busyLooks = 0;
    boolean woken = false;
    try {
      while (true) {
        boolean evented = signal != null && !signal.closed();
        long seen = evented ? signal.version() : 0;
        long lookStart = System.nanoTime();
        T result = attempt.look(woken);
        if (result != null) {
          return result;
        }
        long now = System.nanoTime();
        long left = deadlineNanos - now;
        if (left <= 0) {
          return null;
        }
        if (evented) {
          // While the pane prints without pause, every look finds new output and the waiter would look
          // back to back, taking half of tmux's time (looks and output share its one thread). After a
          // few such looks, rest as long as the last look took: a look at most every other moment.
          busyLooks = signal.version() != seen ? busyLooks + 1 : 0;
          if (busyLooks > BUSY_LOOKS_BEFORE_PACING) {
            LockSupport.parkNanos(Math.min(now - lookStart, Math.min(left, MAX_PACE_NANOS)));
          }
          woken = signal.awaitAfter(seen, Math.min(left, MAX_SILENT_NANOS));
        } else {
          woken = false;
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

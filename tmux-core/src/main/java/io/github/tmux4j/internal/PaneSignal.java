package io.github.tmux4j.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.ObjLongConsumer;

/**
 * Tells waiters that a pane printed something, and hands the bytes to listeners. Every event moves the
 * signal's version on; a command answered over the same connection carries the version it was answered
 * at ({@link TmuxResult#outputVersion()}), so whoever captured the screen can tell which output came
 * after. Thread-safe.
 */
public final class PaneSignal {
  /**
   * One event.
   *
   * @param version the signal's version once the event is counted
   * @param data the bytes printed; {@code null} for output tmux dropped, or a change of the window's size
   */
  record Event(long version, byte[] data) {
    int size() {
      return data == null ? 0 : data.length;
    }
  }

  /** Receives a pane's output on the connection's reader thread; every method must be quick. */
  public interface Listener {
    /**
     * The pane printed {@code data}.
     *
     * @param version the signal's version once this output is counted
     * @param data the bytes, as the pane's program wrote them; not to be modified
     */
    void output(long version, byte[] data);

    /**
     * tmux dropped output this connection had fallen behind on.
     *
     * @param version the signal's version once the gap is counted
     */
    void gap(long version);

    /**
     * The pane's window changed its size or layout: a copy of the screen kept from the output may no
     * longer match. Nothing was lost.
     *
     * @param version the signal's version once the change is counted
     */
    default void reshaped(long version) {}

    /** The connection ended; no more events come. Called once. */
    void closed();
  }

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  /**
   * Held while an event is published: the connection that feeds the signal can be replaced while the
   * old one's reader is still finishing, and each version must go to one event.
   */
  private final Object publishing = new Object();
  /** Written under {@code lock}; moved on by the reader thread, and once more by {@link #close()}. */
  private volatile long version;
  private boolean closed;

  /**
   * The number of events (output, gaps, layout changes, the close) so far.
   *
   * @return the current version
   */
  public long version() {
    return version;
  }

  /**
   * Whether the connection that fed this signal has ended; waiters must fall back to polling.
   *
   * @return {@code true} once closed
   */
  public boolean closed() {
    lock.lock();
    try {
      return closed;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Blocks until the version moves past {@code seen}, the signal closes, or the time is up.
   *
   * @param seen the version the caller has already looked at
   * @param nanos the longest wait
   * @return {@code true} if there is new output (or the signal closed)
   * @throws InterruptedException if interrupted
   */
  public boolean awaitAfter(long seen, long nanos) throws InterruptedException {
    lock.lock();
    try {
      long left = nanos;
      while (version == seen && !closed) {
        if (left <= 0) {
          return false;
        }
        left = changed.awaitNanos(left);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Adds a listener. If the signal has already closed, the listener is told so at once.
   *
   * @param listener the listener
   */
  public void subscribe(Listener listener) {
    lock.lock();
    try {
      if (!closed) {
        listeners.add(listener);
        return;
      }
    } finally {
      lock.unlock();
    }
    listener.closed();
  }

  /**
   * Removes a listener.
   *
   * @param listener the listener
   */
  public void unsubscribe(Listener listener) {
    listeners.remove(listener);
  }

  // The reader thread tells listeners first and wakes waiters after, so a waiter that wakes finds what
  // its listener was given. Publishers take turns (see publishing).

  void output(byte[] data) {
    publish(data, (l, v) -> l.output(v, data));
  }

  /**
   * Tells waiters to look again and listeners that output was skipped: tmux dropped what this
   * connection had fallen behind on.
   */
  void skipped() {
    publish(null, Listener::gap);
  }

  /** Tells listeners that the pane's size or layout may have changed, and waiters to look again. */
  void reshaped() {
    publish(null, Listener::reshaped);
  }

  /**
   * Tells each listener of the next event, then moves the version on and wakes waiters.
   */
  private void publish(byte[] data, ObjLongConsumer<Listener> tell) {
    synchronized (publishing) {
      publishInOrder(data, tell);
    }
  }

  private void publishInOrder(byte[] data, ObjLongConsumer<Listener> tell) {
    Event e = new Event(version + 1, data);
    for (Listener l : listeners) {
      tell.accept(l, e.version());
    }
    lock.lock();
    try {
      version++;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  void close() {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      version++;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    listeners.forEach(Listener::closed);
  }
}

package io.github.tmux4j.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Tells waiters that a pane printed something, and hands the bytes to streaming listeners. Waiters do
 * not read the bytes: they look at the pane again (a cheap command over the same connection), so what
 * they match is exactly what the screen shows. Thread-safe; nothing is buffered here.
 */
public final class PaneSignal {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final List<Consumer<byte[]>> listeners = new CopyOnWriteArrayList<>();
  private final List<Runnable> closeListeners = new CopyOnWriteArrayList<>();
  private final List<Runnable> gapListeners = new CopyOnWriteArrayList<>();
  private long version;
  private boolean closed;

  /**
   * The number of output notifications so far.
   *
   * @return the current version
   */
  public long version() {
    lock.lock();
    try {
      return version;
    } finally {
      lock.unlock();
    }
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
   * Adds a listener for raw output bytes, called on the connection's reader thread; it must be quick.
   *
   * @param listener the listener
   * @param onGap called when tmux dropped output this connection had fallen behind on
   * @param onClose called once when the signal closes
   */
  public void subscribe(Consumer<byte[]> listener, Runnable onGap, Runnable onClose) {
    listeners.add(listener);
    gapListeners.add(onGap);
    closeListeners.add(onClose);
    if (closed()) {
      onClose.run();
    }
  }

  /**
   * Removes a listener.
   *
   * @param listener the listener
   * @param onGap its gap callback
   * @param onClose its close callback
   */
  public void unsubscribe(Consumer<byte[]> listener, Runnable onGap, Runnable onClose) {
    listeners.remove(listener);
    gapListeners.remove(onGap);
    closeListeners.remove(onClose);
  }

  /**
   * Tells waiters to look again and listeners that output was skipped: tmux dropped what this
   * connection had fallen behind on.
   */
  void skipped() {
    wakeWaiters();
    gapListeners.forEach(Runnable::run);
  }

  void output(byte[] data) {
    wakeWaiters();
    for (Consumer<byte[]> l : listeners) {
      l.accept(data);
    }
  }

  /** Moves the version on, so that waiters look at the pane again. */
  private void wakeWaiters() {
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
    closeListeners.forEach(Runnable::run);
  }
}

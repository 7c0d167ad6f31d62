package io.github.tmux4j.internal;

import io.github.tmux4j.TmuxException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The attach gate of one tmux socket: the rule that keeps tmux4j from crashing tmux 3.2a-3.6b.
 *
 * <p>Those versions crash when a control client ({@code tmux -C}) that is still in its handshake
 * receives a control notification: the server marks it a control client when it identifies itself, but
 * creates its control state only when the handshake ends, and a notification in between is written
 * through the missing state (fixed in tmux 3.7). So:
 * <ul>
 *   <li>attaching a control client is <em>exclusive</em>, from starting {@code tmux -C} until its first
 *       output line (tmux writes nothing to a control client before its state exists);
 *   <li>everything that makes tmux notify control clients is <em>shared</em>: creating, killing and
 *       renaming sessions, paste buffers, and a control client leaving (from closing it until the server
 *       has seen it go).
 * </ul>
 * Shared holders never wait for each other. A waiting attach keeps new shared holders out, so attaches
 * are not starved by a stream of creates.
 *
 * <p>The gate holds between threads (an in-process gate) and between processes: fcntl locks on
 * {@code <socketDir>/.tmux4j-locks/<socket>.gate} (byte 0 is the gate; byte 1 is taken exclusively by a
 * process that waits to attach and passed through by processes that want the gate shared). The OS drops
 * a dead process's locks. Java's file locks belong to the whole JVM, and closing any channel of a file
 * drops every lock the JVM holds on it, so there is exactly one gate per socket per JVM: {@link #of}
 * keeps them. The lease table ({@link Leases#jvm()}) is JVM-wide for the same reason; nothing else is.
 *
 * <p>An exclusive permit may be closed by another thread than the one that took it (an attach that timed
 * out hands it to the process's exit). Shared permits are reentrant for the thread that holds one.
 * Thread-safe.
 */
public final class AttachGate {
  private static final Map<Path, AttachGate> GATES = new ConcurrentHashMap<>();
  private static final long FILE_GATE = 0;
  private static final long FILE_INTENT = 1;
  private static final long MAX_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

  /** A held gate. Closing it is idempotent. */
  public interface Permit extends AutoCloseable {
    @Override
    void close();
  }

  private final Path file;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  /** Shared permits held in this JVM (threads, not reentrant holds). */
  private int readers;
  private boolean writer;
  private int waitingWriters;
  /** Open while this JVM holds the gate; {@code null} when it holds nothing or the socket dir is gone. */
  private FileChannel channel;
  private FileLock fileLock;
  private Permit gatePresence;
  private final ThreadLocal<int[]> sharedDepth = ThreadLocal.withInitial(() -> new int[1]);
  private final SocketPresence presence;

  private AttachGate(Path file) {
    this.file = file;
    this.presence = new SocketPresence(
        file.resolveSibling(file.getFileName().toString().replaceFirst("\\.gate$", "") + ".holders"));
  }

  /**
   * The gate of a socket, the same object for every client of this JVM.
   *
   * @param socket the socket path
   * @return its gate
   */
  public static AttachGate of(Path socket) {
    Path absolute = socket.toAbsolutePath().normalize();
    return GATES.computeIfAbsent(absolute,
        s -> new AttachGate(LockFiles.directoryOf(s).resolve(s.getFileName() + ".gate")));
  }

  /**
   * Takes the gate shared, for a command that makes tmux notify control clients.
   *
   * @param wait the longest wait
   * @return the permit; close it when the command (and any client it made leave) is done
   * @throws TmuxException (transient) if a control client has been attaching for longer than {@code wait}
   */
  public Permit shared(Duration wait) {
    int[] depth = sharedDepth.get();
    if (depth[0] > 0) {
      depth[0]++;
      return releaseOnce(() -> depth[0]--);
    }
    long deadline = System.nanoTime() + wait.toNanos();
    lockUntil(deadline, "shared");
    try {
      while (writer || waitingWriters > 0) {
        awaitUntil(deadline, "shared");
      }
      if (readers == 0) {
        lockFile(true, deadline);
      }
      readers++;
    } finally {
      lock.unlock();
    }
    depth[0] = 1;
    return releaseOnce(() -> {
      depth[0] = 0;
      lock.lock();
      try {
        if (--readers == 0) {
          unlockFile();
        }
        changed.signalAll();
      } finally {
        lock.unlock();
      }
    });
  }

  /**
   * Whether the calling thread holds the gate shared (it must not attach, see {@link #exclusive}).
   *
   * @return {@code true} if it does
   */
  public boolean heldSharedByCurrentThread() {
    return sharedDepth.get()[0] > 0;
  }

  /**
   * Takes the gate exclusively, to attach a control client.
   *
   * @param wait the longest wait
   * @return the permit, or {@code null} if the gate stayed shared for longer than {@code wait} (the
   *     caller then does without a control client for now)
   * @throws IllegalStateException if the calling thread holds the gate shared (it would wait for itself)
   */
  public Permit exclusive(Duration wait) {
    if (sharedDepth.get()[0] > 0) {
      throw new IllegalStateException("A thread that holds the attach gate shared cannot attach a control client");
    }
    long deadline = System.nanoTime() + wait.toNanos();
    try {
      lockUntil(deadline, "exclusive");
    } catch (TmuxException busy) {
      return null;
    }
    try {
      waitingWriters++;
      try {
        while (writer || readers > 0) {
          awaitUntil(deadline, "exclusive");
        }
        lockFile(false, deadline);
      } finally {
        waitingWriters--;
      }
      writer = true;
    } catch (TmuxException busy) {
      changed.signalAll(); // readers held back by this writer may go on
      return null;
    } finally {
      lock.unlock();
    }
    return releaseOnce(() -> {
      lock.lock();
      try {
        writer = false;
        unlockFile();
        changed.signalAll();
      } finally {
        lock.unlock();
      }
    });
  }

  /**
   * This JVM's presence on the socket, which the gate holds while this JVM holds it.
   *
   * @return the presence
   */
  public SocketPresence presence() {
    return presence;
  }

  static void closeQuietly(FileChannel c) {
    try {
      c.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  static Permit releaseOnce(Runnable release) {
    AtomicBoolean open = new AtomicBoolean(true);
    return () -> {
      if (open.compareAndSet(true, false)) {
        release.run();
      }
    };
  }

  private void lockUntil(long deadline, String mode) {
    try {
      if (!lock.tryLock(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
        throw busy(mode);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TmuxException("Interrupted while waiting for the attach gate of " + file, e);
    }
  }

  private void awaitUntil(long deadline, String mode) {
    long left = deadline - System.nanoTime();
    if (left <= 0) {
      throw busy(mode);
    }
    try {
      changed.awaitNanos(left);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TmuxException("Interrupted while waiting for the attach gate of " + file, e);
    }
  }

  /**
   * Takes the file lock for this JVM, polling until the deadline (other processes' holds are short). A
   * writer first announces itself on the intent byte, which readers pass through, so that a stream of
   * readers in other processes cannot starve it. Called with {@link #lock} held.
   */
  private void lockFile(boolean shared, long deadline) {
    if (channel == null) {
      channel = LockFiles.open(file);
      if (channel == null) {
        return; // no socket directory: no server, nothing to protect
      }
    }
    FileLock intent = null;
    try {
      intent = poll(FILE_INTENT, shared, deadline);
      fileLock = poll(FILE_GATE, shared, deadline);
      gatePresence = presence.present(); // commands in flight when this JVM dies make tmux notify
    } catch (RuntimeException e) {
      closeChannel();
      throw e;
    } finally {
      if (intent != null && intent.isValid()) {
        try {
          intent.release();
        } catch (IOException ignored) {
          // dropped with the channel anyway
        }
      }
    }
  }

  private FileLock poll(long position, boolean shared, long deadline) {
    long pause = TimeUnit.MICROSECONDS.toNanos(200);
    while (true) {
      try {
        FileLock got = channel.tryLock(position, 1, shared);
        if (got != null) {
          return got;
        }
      } catch (OverlappingFileLockException impossible) {
        // only this gate locks this file in this JVM, under its lock: cannot happen, but treat as busy
      } catch (IOException e) {
        throw new TmuxException("Cannot lock " + file + ": " + e.getMessage(), e);
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw busy(shared ? "shared" : "exclusive");
      }
      // The caller holds the gate's lock while it polls: threads of this JVM wait for it, bounded by
      // their own deadlines, since the gate is held by another process anyway.
      java.util.concurrent.locks.LockSupport.parkNanos(Math.min(pause, left));
      pause = Math.min(pause * 2, MAX_POLL_NANOS);
    }
  }

  private void unlockFile() {
    // Closing the channel drops the JVM's locks on the file; it is reopened by the next holder.
    fileLock = null;
    closeChannel();
    if (gatePresence != null) {
      gatePresence.close();
      gatePresence = null;
    }
  }

  private void closeChannel() {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // the locks are gone with the descriptor
      }
      channel = null;
    }
  }

  private TmuxException busy(String mode) {
    return new TransientTmuxException("The attach gate of socket " + file.getFileName().toString()
        .replaceFirst("\\.gate$", "") + " could not be taken " + mode + " in time: a tmux control client has "
        + "been attaching (or another tmux4j process has been changing sessions) for too long. The tmux server "
        + "may be stopped or overloaded (" + file + ").", null);
  }

  @Override
  public String toString() {
    return "AttachGate[" + file + "]";
  }
}

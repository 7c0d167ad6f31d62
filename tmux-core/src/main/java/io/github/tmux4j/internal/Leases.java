package io.github.tmux4j.internal;

import io.github.tmux4j.SessionBusyException;
import io.github.tmux4j.SessionLease;
import io.github.tmux4j.TmuxException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Exclusive leases on sessions, shared by threads (a lock per session) and by processes (an OS file lock
 * on {@code <socketDir>/.tmux4j-locks/<socket>-<pane>.lock}, which the OS drops when its process dies, so
 * a killed holder never leaves a stale lock). Reentrant for the thread that holds a lease.
 *
 * <p>One table per JVM ({@link #jvm()}), like {@link AttachGate}: Java's file locks belong to the JVM, and
 * closing any channel of a file drops every lock the JVM holds on it, so two clients of one JVM must
 * share one channel per lock file. A lock file stays open while its session is used, at most
 * {@link #MAX_OPEN} of them (idle ones beyond that are closed and reopened when needed), and is closed
 * and deleted when tmux4j ends its session ({@link #forget}). Thread-safe.
 */
public final class Leases {
  /** Lock files kept open at most; idle ones beyond this are closed. */
  static final int MAX_OPEN = 64;
  private static final Leases JVM = new Leases();

  /**
   * What a holder writes into the lease file, so that a waiter can name it: {@code pid@host}, padded.
   * Made on the first lease, not with the table: a client that never leases (a CLI listing sessions)
   * does not pay for it.
   */
  private volatile byte[] holderId;
  private final Map<Path, Holder> holders = new ConcurrentHashMap<>();

  /** The lock of one session file. */
  private static final class Holder {
    final ReentrantLock threads = new ReentrantLock();
    /** Guarded by {@code threads}. */
    FileChannel channel;
    FileLock fileLock;
  }

  private Leases() {}

  /**
   * The JVM's lease table.
   *
   * @return the table
   */
  public static Leases jvm() {
    return JVM;
  }

  private static Path file(SessionRef ref) {
    return LockFiles.directoryOf(ref.socket()).resolve(ref.socket().getFileName() + "-" + ref.pane().substring(1)
        + ".lock");
  }

  /**
   * Takes the lease of a session, waiting up to {@code wait}.
   *
   * @param ref the session
   * @param session the session name, for messages
   * @param wait the longest wait
   * @return the lease
   * @throws SessionBusyException if another thread or process keeps it longer
   */
  public SessionLease acquire(SessionRef ref, String session, Duration wait) {
    Path file = file(ref);
    Holder h = holders.computeIfAbsent(file, f -> new Holder());
    long start = System.nanoTime();
    long deadline = start + wait.toNanos();
    try {
      if (!h.threads.tryLock(wait.toNanos(), TimeUnit.NANOSECONDS)) {
        throw busy(file, session, start);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TmuxException("Interrupted while waiting for session '" + session + "'", e);
    }
    if (h.threads.getHoldCount() == 1) {
      try {
        lockFile(h, file, session, start, deadline);
      } catch (RuntimeException e) {
        h.threads.unlock();
        throw e;
      }
    }
    return new SessionLease() {
      private boolean closed;

      @Override
      public void close() {
        if (closed) {
          return;
        }
        closed = true;
        if (h.threads.getHoldCount() == 1 && h.fileLock != null) {
          try {
            h.fileLock.release();
          } catch (IOException ignored) {
            // the channel is gone; the lock with it
          }
          h.fileLock = null;
        }
        h.threads.unlock();
      }
    };
  }

  private void lockFile(Holder h, Path file, String session, long start, long deadline) {
    if (h.channel == null || !h.channel.isOpen()) {
      if (holders.size() > MAX_OPEN) {
        closeIdle(h);
      }
      h.channel = LockFiles.open(file);
      if (h.channel == null) {
        throw new TmuxException("The socket directory of session '" + session + "' is gone (" + file.getParent()
            .getParent() + "); its server is not running");
      }
    }
    long pause = TimeUnit.MILLISECONDS.toNanos(1);
    try {
      while (true) {
        FileLock lock;
        try {
          lock = h.channel.tryLock();
        } catch (OverlappingFileLockException impossible) {
          lock = null; // only this table locks these files in this JVM
        }
        if (lock != null) {
          h.fileLock = lock;
          h.channel.write(ByteBuffer.wrap(holderId()), 0);
          return;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw busy(file, session, start);
        }
        LockSupport.parkNanos(Math.min(pause, left));
        pause = Math.min(pause * 2, TimeUnit.MILLISECONDS.toNanos(20));
      }
    } catch (IOException e) {
      throw new TmuxException("Cannot use lease file " + file + ": " + e.getMessage(), e);
    }
  }

  /** Closes the lock files of sessions nobody holds, to keep the open files bounded. */
  private void closeIdle(Holder except) {
    for (Holder other : holders.values()) {
      if (other != except && other.threads.tryLock()) {
        try {
          if (other.fileLock == null) {
            closeChannel(other);
          }
        } finally {
          other.threads.unlock();
        }
      }
    }
  }

  /**
   * Forgets a session that tmux4j ended: closes its lock file and deletes it (a waiter in another process
   * then locks a file nobody else will, which is harmless for a session that is gone).
   *
   * @param ref the session
   */
  public void forget(SessionRef ref) {
    Path file = file(ref);
    Holder h = holders.get(file);
    if (h != null && h.threads.tryLock()) {
      try {
        if (h.fileLock == null) {
          closeChannel(h);
          holders.remove(file, h);
        }
      } finally {
        h.threads.unlock();
      }
    }
    try {
      if (!Files.isSymbolicLink(file)) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      System.getLogger(Leases.class.getName()).log(System.Logger.Level.DEBUG, "Could not delete " + file, e);
    }
  }

  private static void closeChannel(Holder h) {
    if (h.channel != null) {
      try {
        h.channel.close();
      } catch (IOException ignored) {
        // closing anyway
      }
      h.channel = null;
    }
  }

  /**
   * The number of lock files this JVM has open, for tests.
   *
   * @return the count
   */
  int openFiles() {
    return (int) holders.values().stream().filter(h -> h.channel != null && h.channel.isOpen()).count();
  }

  private static SessionBusyException busy(Path file, String session, long start) {
    Long pid = null;
    String host = null;
    try {
      String who = Files.readString(file, StandardCharsets.UTF_8).strip();
      int at = who.indexOf('@');
      if (at > 0) {
        pid = Long.parseLong(who.substring(0, at));
        host = who.substring(at + 1);
      }
    } catch (IOException | RuntimeException unknown) {
      // the holder is unknown
    }
    SessionBusyException busy = new SessionBusyException(session, pid, host, (System.nanoTime() - start) / 1_000_000);
    if (TmuxLog.waits()) {
      TmuxLog.WAITS.log(System.Logger.Level.DEBUG, "Wait for the lease timed out: " + busy.getMessage()
          + " (lock file " + file + ")");
    }
    return busy;
  }

  private byte[] holderId() {
    byte[] id = holderId;
    if (id == null) {
      id = String.format("%-60s%n", ProcessHandle.current().pid() + "@" + host()).getBytes(StandardCharsets.UTF_8);
      holderId = id; // a race makes the same bytes twice
    }
    return id;
  }

  /** The host name, without a DNS look-up (which can hang): $HOSTNAME, else /etc/hostname. */
  private static String host() {
    String env = System.getenv("HOSTNAME");
    if (env != null && !env.isBlank()) {
      return env.strip();
    }
    try {
      return Files.readString(Path.of("/etc/hostname"), StandardCharsets.UTF_8).strip();
    } catch (IOException | RuntimeException e) {
      return "localhost";
    }
  }
}

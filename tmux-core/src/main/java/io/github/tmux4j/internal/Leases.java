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
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Exclusive leases on sessions, shared by threads (a lock per session) and by processes (an OS file
 * lock on {@code <socketDir>/.tmux4j-locks/<socket>-<pane>.lock}, which the OS drops when its process
 * dies, so a killed holder never leaves a stale lock). Reentrant for the thread that holds a lease. One
 * per client; thread-safe.
 */
public final class Leases implements AutoCloseable {
  /** What a holder writes into the lease file, so that a waiter can name it: {@code pid@host}, padded. */
  private final byte[] holderId = String.format("%-60s%n", ProcessHandle.current().pid() + "@" + host())
      .getBytes(StandardCharsets.UTF_8);
  private final Map<Path, Holder> holders = new ConcurrentHashMap<>();

  /** The lock of one session, for this client. */
  private static final class Holder {
    final ReentrantLock threads = new ReentrantLock();
    FileChannel channel;
    FileLock fileLock;
  }

  /**
   * Takes the lease of a session, waiting up to {@code wait}.
   *
   * @param socket the session's socket
   * @param pane the session's pane id (stable across renames)
   * @param session the session name, for messages
   * @param wait the longest wait
   * @return the lease
   * @throws SessionBusyException if another thread or process keeps it longer
   */
  public SessionLease acquire(Path socket, String pane, String session, Duration wait) {
    Path file = socket.resolveSibling(".tmux4j-locks")
        .resolve(socket.getFileName() + "-" + pane.replace("%", "") + ".lock");
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
    long pause = 1;
    try {
      if (h.channel == null || !h.channel.isOpen()) {
        Files.createDirectories(file.getParent(),
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        if (Files.isSymbolicLink(file)) {
          throw new TmuxException("Lease file " + file + " is a symbolic link; refusing to use it");
        }
        h.channel = Files.exists(file, LinkOption.NOFOLLOW_LINKS)
            ? FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)
            : FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      }
      while (true) {
        FileLock lock;
        try {
          lock = h.channel.tryLock();
        } catch (OverlappingFileLockException sameJvmOtherClient) {
          lock = null;
        }
        if (lock != null) {
          h.fileLock = lock;
          h.channel.write(ByteBuffer.wrap(holderId), 0);
          return;
        }
        if (System.nanoTime() >= deadline) {
          throw busy(file, session, start);
        }
        Thread.sleep(Math.min(pause, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
        pause = Math.min(pause * 2, 20);
      }
    } catch (IOException e) {
      throw new TmuxException("Cannot use lease file " + file + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TmuxException("Interrupted while waiting for session '" + session + "'", e);
    }
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
    return new SessionBusyException(session, pid, host, (System.nanoTime() - start) / 1_000_000);
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

  /** Closes the lease files; leases still held are released. */
  @Override
  public void close() {
    for (Holder h : holders.values()) {
      try {
        if (h.channel != null) {
          h.channel.close();
        }
      } catch (IOException ignored) {
        // closing anyway
      }
    }
    holders.clear();
  }
}

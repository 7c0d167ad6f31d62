package io.github.tmux4j.registry.internal;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import io.github.tmux4j.RegistryException;
import java.io.IOException;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Mutual exclusion between threads and processes around a registry's read-modify-write: a fair
 * {@link ReentrantLock} for the threads of this instance, then an OS lock ({@code fcntl}) on a side
 * lock file, both within one time budget.
 *
 * <p>How the OS lock is taken:
 * <ol>
 *   <li>{@code tryLock()}: the fast path, no waiting.
 *   <li>Held by another process: wait for it in the kernel ({@code AsynchronousFileChannel.lock()}),
 *       bounded by the time left. The kernel wakes the waiter as soon as the holder lets go, which is
 *       far fairer than polling: a process that writes in a loop releases the lock for only
 *       microseconds between writes, and a poller would rarely see it free.
 *   <li>Held by another channel of this JVM (a second instance on the same file: Java reports that as
 *       {@link OverlappingFileLockException}, since {@code fcntl} locks belong to the process): retry
 *       with exponential backoff (Failsafe), bounded by the time left.
 * </ol>
 *
 * <p>The lock file's channel stays open for the life of the locker. POSIX drops every lock a process
 * holds on a file when the process closes <em>any</em> descriptor of that file, so the channel is only
 * closed while this locker holds the lock (then no other channel of the JVM holds it) or while it waits
 * for it (its pending lock keeps the other channels of the JVM out).
 *
 * <p>Thread-safe.
 */
public final class FileLocker implements AutoCloseable {
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(1);
  private static final Duration MAX_BACKOFF = Duration.ofMillis(5);
  private static final System.Logger LOG = System.getLogger(FileLocker.class.getName());

  private final Path lockFile;
  private final Duration timeout;
  private final ReentrantLock threadLock = new ReentrantLock(true);
  /** Guarded by {@link #threadLock}. */
  private AsynchronousFileChannel channel;
  private volatile boolean closed;

  /** A held lock; {@link #close()} releases it. */
  private interface Held extends AutoCloseable {
    /** Releases the lock. */
    @Override
    void close();
  }

  /** Why one attempt did not get the lock; handled by the retry policy. */
  private static final class Busy extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final boolean inThisJvm;

    Busy(boolean inThisJvm) {
      super(null, null, false, false);
      this.inThisJvm = inThisJvm;
    }
  }

  /**
   * Creates a locker. Nothing is opened until the first {@link #locked} call.
   *
   * @param lockFile the side lock file (created with mode 0600 when missing)
   * @param timeout how long {@link #locked} waits in all
   */
  public FileLocker(Path lockFile, Duration timeout) {
    this.lockFile = lockFile;
    this.timeout = timeout;
  }

  /**
   * Runs {@code action} holding the lock, waiting at most the timeout for it. Reentrant: a thread that
   * holds the lock gets it again at once.
   *
   * @param action what to do under the lock
   * @param <T> the result type
   * @return the action's result
   * @throws RegistryException if the lock could not be had in time (naming the lock file and who holds
   *     it), if the thread was interrupted (its interrupt status is kept), if the lock file cannot be
   *     opened, or if the locker is closed; and whatever {@code action} throws
   */
  public <T> T locked(java.util.function.Supplier<T> action) {
    Held held = acquire();
    try {
      return action.get();
    } finally {
      held.close();
    }
  }

  private Held acquire() {
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      if (!threadLock.tryLock(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
        throw timedOut("another thread of this process");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw interrupted(e);
    }
    if (threadLock.getHoldCount() > 1) {
      return threadLock::unlock;
    }
    try {
      if (closed) {
        throw new RegistryException("The registry locked by " + lockFile + " was closed; open a new one.", null);
      }
      FileLock lock = lockFile(deadline);
      return () -> {
        try {
          if (closed) {
            closeChannel(); // close() came while we held the lock and left the closing to us
          } else if (lock.isValid()) {
            lock.release();
          }
        } catch (IOException e) {
          // The lock goes when the channel is closed; nothing more to do here.
          LOG.log(System.Logger.Level.WARNING, "Cannot release the lock on " + lockFile + ": " + e);
        } finally {
          threadLock.unlock();
        }
      };
    } catch (RuntimeException | Error e) {
      threadLock.unlock();
      throw e;
    }
  }

  /**
   * Closes the lock file. To not drop a lock that another instance in this JVM holds on the same file
   * (see the class comment), it first takes the lock, waiting at most the timeout (if that fails it
   * closes anyway and logs a warning). If a thread of this instance holds the lock longer than the
   * timeout, that thread closes the file when it is done. Idempotent.
   */
  @Override
  public void close() {
    closed = true;
    boolean locked;
    try {
      locked = threadLock.tryLock(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      locked = threadLock.tryLock();
    }
    if (!locked) {
      LOG.log(System.Logger.Level.DEBUG, lockFile + " is in use; the thread using it closes it when done");
      return;
    }
    try {
      if (channel != null && channel.isOpen() && threadLock.getHoldCount() == 1) {
        try {
          lockFile(System.nanoTime() + timeout.toNanos()); // released by the close below
        } catch (RegistryException e) {
          LOG.log(System.Logger.Level.WARNING, "Closing " + lockFile + " without holding its lock: "
              + e.getMessage());
        }
      }
      closeChannel();
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "Cannot close " + lockFile + ": " + e);
    } finally {
      threadLock.unlock();
    }
  }

  /** Closes the channel, releasing the lock if this instance holds it. Under {@link #threadLock}. */
  private void closeChannel() throws IOException {
    if (channel != null) {
      AsynchronousFileChannel ch = channel;
      channel = null;
      ch.close();
    }
  }

  private FileLock lockFile(long deadline) {
    try {
      FileLock lock = channel().tryLock();
      if (lock != null) {
        return lock;
      }
    } catch (OverlappingFileLockException inThisJvm) {
      // fall through to the waiting path
    } catch (IOException e) {
      throw cannotLock(e);
    }
    long remaining = deadline - System.nanoTime();
    if (remaining <= FIRST_BACKOFF.toNanos()) {
      try {
        return attempt(deadline);
      } catch (Busy busy) {
        throw timedOut(busy.inThisJvm ? "another FileRegistry of this JVM" : "another process");
      }
    }
    RetryPolicy<FileLock> policy = RetryPolicy.<FileLock>builder()
        .handle(Busy.class)
        .withBackoff(FIRST_BACKOFF, MAX_BACKOFF)
        .withJitter(0.5)
        .withMaxRetries(-1)
        .withMaxDuration(Duration.ofNanos(remaining))
        .build();
    try {
      return Failsafe.with(policy).get(() -> attempt(deadline));
    } catch (Busy busy) {
      throw timedOut(busy.inThisJvm ? "another FileRegistry of this JVM" : "another process");
    } catch (FailsafeException e) {
      if (e.getCause() instanceof InterruptedException) {
        Thread.currentThread().interrupt();
        throw interrupted(e.getCause());
      }
      throw e.getCause() instanceof RuntimeException r ? r : new RegistryException("Cannot lock " + lockFile
          + ": " + e.getCause(), e.getCause());
    }
  }

  /** One attempt: try; if another process holds the lock, wait for it in the kernel until the deadline. */
  private FileLock attempt(long deadline) {
    AsynchronousFileChannel ch;
    Future<FileLock> pending;
    try {
      ch = channel();
      FileLock lock = ch.tryLock();
      if (lock != null) {
        return lock;
      }
      long remaining = deadline - System.nanoTime();
      if (remaining <= 0) {
        throw new Busy(false);
      }
      pending = ch.lock();
    } catch (OverlappingFileLockException e) {
      throw new Busy(true);
    } catch (IOException e) {
      throw cannotLock(e);
    }
    try {
      return pending.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      FileLock late = abandon(pending);
      if (late != null) {
        return late;
      }
      throw new Busy(false);
    } catch (InterruptedException e) {
      FileLock late = abandon(pending);
      if (late != null) {
        release(late);
      }
      Thread.currentThread().interrupt();
      throw interrupted(e);
    } catch (ExecutionException e) {
      throw cannotLock(e.getCause());
    }
  }

  /**
   * Gives up a pending lock. Cancelling closes the channel (that is how Java stops the waiting thread);
   * the next attempt opens it again. Our pending entry in the JVM's lock table kept every other channel
   * of this JVM from holding the lock, so the close drops no one else's lock.
   *
   * @return the lock, if it was granted just before the cancel
   */
  private FileLock abandon(Future<FileLock> pending) {
    if (pending.cancel(true)) {
      return null;
    }
    try {
      return pending.get();
    } catch (ExecutionException | CancellationException | InterruptedException e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return null;
    }
  }

  private void release(FileLock lock) {
    try {
      lock.release();
    } catch (IOException e) {
      LOG.log(System.Logger.Level.DEBUG, "Cannot release the lock on " + lockFile + ": " + e);
    }
  }

  private AsynchronousFileChannel channel() throws IOException {
    if (channel == null || !channel.isOpen()) {
      Path dir = lockFile.toAbsolutePath().getParent();
      SafeFiles.createDirectories(dir);
      Set<OpenOption> options = Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          LinkOption.NOFOLLOW_LINKS);
      try {
        channel = SafeFiles.posix(dir)
            ? AsynchronousFileChannel.open(lockFile, options, null, SafeFiles.ownerOnly())
            : AsynchronousFileChannel.open(lockFile, options, null);
      } catch (IOException e) {
        if (Files.isSymbolicLink(lockFile)) {
          throw new RegistryException("Lock file " + lockFile + " is a symbolic link; refusing to follow it, "
              + "since it could point at any file. Delete it (it holds no data) and retry.", e);
        }
        throw e;
      }
      SafeFiles.restrictToOwner(lockFile);
    }
    return channel;
  }

  private RegistryException timedOut(String holder) {
    return new RegistryException("Timed out after " + timeout.toMillis() + " ms waiting for the lock on "
        + lockFile + ": " + holder + " holds it. Retry later; if it stays locked, find the holder with "
        + "'fuser " + lockFile + "' (a process that died releases the lock by itself), or allow more time "
        + "with FileRegistry.builder().lockTimeout(...).", null);
  }

  private RegistryException interrupted(Throwable cause) {
    return new RegistryException("Interrupted while waiting for the lock on " + lockFile
        + "; nothing was changed.", cause);
  }

  private RegistryException cannotLock(Throwable cause) {
    if (cause instanceof RegistryException r) {
      return r;
    }
    return new RegistryException("Cannot lock " + lockFile + ": " + cause + ". Check that its directory "
        + "exists and is writable by this user.", cause);
  }
}

package io.github.tmux4j.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Which JVMs use a socket: each keeps a file of its own in {@code <socketDir>/.tmux4j-locks/<socket>.holders/},
 * locked while it holds the socket's {@link AttachGate} or has control clients there. The OS drops a dead
 * JVM's lock, so a free lock on someone else's file means a JVM died and its tmux processes may live on;
 * the next attach settles them first ({@link Orphans#settle}). One per gate, so one per socket per JVM.
 * Thread-safe.
 */
public final class SocketPresence {
  /** This JVM's presence file name: pid and start time (a later process may get the same pid). */
  private static final String THIS_JVM = ProcessHandle.current().pid() + "-"
      + ProcessHandle.current().info().startInstant().map(Instant::toEpochMilli).orElse(0L);

  private final Path holders;
  private final ReentrantLock lock = new ReentrantLock();
  /** Guarded by {@link #lock}: holds on this JVM's presence, and its file's channel (locked while open). */
  private int presence;
  private FileChannel presenceChannel;

  SocketPresence(Path holders) {
    this.holders = holders;
  }

  /**
   * Marks this JVM as present on the socket until the permit is closed: a file of its own in the
   * socket's holders directory, locked while this JVM holds the gate or has control clients there. When
   * the JVM dies the OS drops the lock, and the next attach on the socket sees that its leftovers must be
   * settled first ({@link #deadHolders}). Reentrant by count.
   *
   * @return the permit that ends the presence
   */
  public AttachGate.Permit present() {
    lock.lock();
    try {
      if (presence++ == 0) {
        presenceChannel = openPresence();
      }
    } finally {
      lock.unlock();
    }
    return AttachGate.releaseOnce(() -> {
      lock.lock();
      try {
        if (--presence == 0 && presenceChannel != null) {
          AttachGate.closeQuietly(presenceChannel);
          presenceChannel = null;
          try {
            java.nio.file.Files.deleteIfExists(presenceFile());
          } catch (IOException ignored) {
            // a stale file is recognised as a dead holder's and removed later
          }
        }
      } finally {
        lock.unlock();
      }
    });
  }

  private Path presenceFile() {
    return holders.resolve(THIS_JVM);
  }

  private FileChannel openPresence() {
    try {
      if (!java.nio.file.Files.isDirectory(holders.getParent().getParent(), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        return null;
      }
      java.nio.file.Files.createDirectories(holders, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
          java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
      FileChannel channel = LockFiles.open(presenceFile());
      if (channel != null && channel.tryLock() == null) {
        AttachGate.closeQuietly(channel); // cannot happen: the file is this process's own
        return null;
      }
      return channel;
    } catch (IOException | RuntimeException e) {
      System.getLogger(SocketPresence.class.getName()).log(System.Logger.Level.DEBUG, "No presence file on " + holders, e);
      return null;
    }
  }

  /**
   * The presence files of JVMs that died while they held the gate or had control clients on the socket
   * (their lock is free). The caller settles what they left ({@link Orphans#settle}) and then
   * {@linkplain #forget forgets} them.
   *
   * @return the files; usually none
   */
  public List<Path> deadHolders() {
    List<Path> dead = new ArrayList<>();
    Path mine = presenceFile();
    try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(holders)) {
      for (Path f : files.toList()) {
        if (f.equals(mine) || java.nio.file.Files.isSymbolicLink(f)) {
          continue;
        }
        try (FileChannel c = FileChannel.open(f, java.nio.file.StandardOpenOption.WRITE,
            java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          if (c.tryLock() != null) {
            dead.add(f);
          }
        } catch (IOException | OverlappingFileLockException gone) {
          // removed meanwhile, or ours
        }
      }
    } catch (IOException noHolders) {
      return List.of();
    }
    return dead;
  }

  /**
   * Removes the presence files of dead JVMs whose leftovers were settled.
   *
   * @param dead files from {@link #deadHolders}
   */
  public void forget(List<Path> dead) {
    for (Path f : dead) {
      try {
        java.nio.file.Files.deleteIfExists(f);
      } catch (IOException ignored) {
        // seen again next time
      }
    }
  }
}

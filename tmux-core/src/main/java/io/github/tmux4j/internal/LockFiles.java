package io.github.tmux4j.internal;

import io.github.tmux4j.TmuxException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Opens the lock files tmux4j keeps in {@code <socketDir>/.tmux4j-locks/}: the directory is created
 * with mode 0700 and the files with 0600, and a symbolic link is refused at either level, so another
 * user can never make tmux4j create or truncate a file elsewhere.
 */
final class LockFiles {
  /** The directory, inside a socket directory, that holds lease and gate files. */
  static final String DIRECTORY = ".tmux4j-locks";

  private LockFiles() {}

  /**
   * The lock directory of a socket's directory.
   *
   * @param socket a socket path
   * @return {@code <socket's directory>/.tmux4j-locks}
   */
  static Path directoryOf(Path socket) {
    return socket.toAbsolutePath().resolveSibling(DIRECTORY);
  }

  /**
   * Opens (creating if needed) a lock file for reading and writing.
   *
   * @param file a file directly inside a {@link #DIRECTORY}
   * @return the open channel, or {@code null} if the socket directory itself does not exist (then there
   *     is no server to protect, and nothing is created)
   * @throws TmuxException if the file or its directory is a symbolic link or cannot be opened
   */
  static FileChannel open(Path file) {
    Path dir = file.getParent();
    try {
      if (!Files.isDirectory(dir.getParent(), LinkOption.NOFOLLOW_LINKS)) {
        return null;
      }
      try {
        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } catch (FileAlreadyExistsException exists) {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
          throw new TmuxException("Lock directory " + dir + " is not a directory (or is a symbolic link); "
              + "refusing to use it. Remove it; tmux4j recreates it.");
        }
      }
      return FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
          StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS),
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (IOException e) {
      if (Files.isSymbolicLink(file)) {
        throw new TmuxException("Lock file " + file + " is a symbolic link; refusing to use it. Remove it.", e);
      }
      if (!Files.isDirectory(dir.getParent(), LinkOption.NOFOLLOW_LINKS)) {
        return null; // the socket directory was removed meanwhile
      }
      throw new TmuxException("Cannot open lock file " + file + ": " + e.getMessage(), e);
    }
  }
}

package io.github.tmux4j.internal;

import io.github.tmux4j.TmuxException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The files into which the process transport has tmux pipe a pane's output ({@code pipe-pane}), in
 * {@code <socketDir>/.tmux4j-spool/}: the directory is private (0700), each input gets a new file,
 * created empty with mode 0600 by tmux4j before the input (the pipe appends to it, so it keeps that mode;
 * a symbolic link is refused), deleted when the next input replaces it and, for whatever a crashed JVM
 * left, when tmux4j ends the session.
 */
final class SpoolFiles {
  static final String DIRECTORY = ".tmux4j-spool";

  private SpoolFiles() {}

  private static String prefix(SessionRef ref) {
    return ref.socket().getFileName() + "-" + ref.pane().substring(1) + "-";
  }

  /**
   * Creates a new, empty spool file for one input of a session.
   *
   * @param ref the session
   * @return the file
   * @throws TmuxException if it cannot be created safely
   */
  static Path prepare(SessionRef ref) {
    Path dir = ref.socket().resolveSibling(DIRECTORY);
    try {
      try {
        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } catch (FileAlreadyExistsException exists) {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
          throw new TmuxException("Spool directory " + dir + " is not a directory (or is a symbolic "
              + "link); refusing to use it. Remove it; tmux4j recreates it.");
        }
      }
      return Files.createTempFile(dir, prefix(ref), ".out",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (IOException e) {
      throw new TmuxException("Cannot create an output spool in " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Deletes one spool file.
   *
   * @param file the file
   */
  static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // removed with the socket directory at the latest
    }
  }

  /**
   * Deletes every spool file of a session that has ended.
   *
   * @param ref the session
   */
  static void forget(SessionRef ref) {
    Path dir = ref.socket().resolveSibling(DIRECTORY);
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, prefix(ref) + "*.out")) {
      files.forEach(SpoolFiles::delete);
    } catch (IOException ignored) {
      // removed with the socket directory at the latest
    }
  }
}

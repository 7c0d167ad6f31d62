package io.github.tmux4j.registry.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * File operations that never leave a half-written file behind and never follow a symbolic link where
 * Java can avoid it: reads with {@code O_NOFOLLOW}, writes to a fresh temporary file in the same
 * directory that is forced to disk and then renamed over the target ({@code rename(2)} is atomic), and
 * owner-only permissions (0600 for files, 0700 for directories) where the file system has POSIX
 * permissions. Stateless; all methods are thread-safe.
 */
public final class SafeFiles {
  /** rw------- */
  public static final Set<PosixFilePermission> OWNER_ONLY =
      Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
  private static final Set<PosixFilePermission> OWNER_ONLY_DIR = Set.of(PosixFilePermission.OWNER_READ,
      PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);
  private static final System.Logger LOG = System.getLogger(SafeFiles.class.getName());

  private SafeFiles() {}

  /** Thrown by {@link #read} for a file larger than the caller accepts. */
  public static final class TooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    /** The file's size in bytes. */
    private final long size;

    TooLargeException(Path file, long size) {
      super(file + " is " + size + " bytes long");
      this.size = size;
    }

    /**
     * The size found.
     *
     * @return bytes
     */
    public long size() {
      return size;
    }
  }

  /**
   * Whether a path's file system has POSIX permissions.
   *
   * @param path any path on the file system
   * @return {@code true} on Linux and macOS file systems
   */
  public static boolean posix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  /**
   * Reads a whole file without following a symbolic link.
   *
   * @param file the file
   * @param maxBytes the largest size accepted
   * @return the content, or {@code null} if the file does not exist
   * @throws TooLargeException if the file is larger than {@code maxBytes}
   * @throws IOException if it cannot be read; if {@code file} is a symbolic link the error is the
   *     operating system's ({@code ELOOP}) and the caller should say so
   */
  public static byte[] read(Path file, int maxBytes) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      long size = ch.size();
      if (size > maxBytes) {
        throw new TooLargeException(file, size);
      }
      byte[] bytes = new byte[(int) size];
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining() && ch.read(buffer) >= 0) {
        // read until full or end of file
      }
      if (buffer.hasRemaining()) {
        return Arrays.copyOf(bytes, buffer.position()); // shrank while we read (written in place by a tool)
      }
      ByteBuffer more = ByteBuffer.allocate(8192);
      int n = ch.read(more);
      if (n <= 0) {
        return bytes;
      }
      // Grew while we read (written in place): read on up to the limit.
      byte[] all = Arrays.copyOf(bytes, bytes.length + n);
      System.arraycopy(more.array(), 0, all, bytes.length, n);
      while ((n = ch.read(more.clear())) > 0) {
        if ((long) all.length + n > maxBytes) {
          throw new TooLargeException(file, (long) all.length + n);
        }
        int at = all.length;
        all = Arrays.copyOf(all, at + n);
        System.arraycopy(more.array(), 0, all, at, n);
      }
      return all;
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  /**
   * Writes content to a new temporary file in {@code dir} (mode 0600) and forces it to disk.
   *
   * @param dir the directory (that of the file the temporary file will replace)
   * @param prefix the start of the temporary file's name
   * @param content the bytes
   * @return the temporary file
   * @throws IOException if it cannot be written; the temporary file is then deleted
   */
  public static Path writeTemp(Path dir, String prefix, byte[] content) throws IOException {
    Path temp = dir.resolve(prefix + ProcessHandle.current().pid() + "-"
        + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36));
    Set<OpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
        LinkOption.NOFOLLOW_LINKS);
    try (FileChannel ch = posix(dir)
        ? FileChannel.open(temp, options, ownerOnly())
        : FileChannel.open(temp, options)) {
      ByteBuffer buffer = ByteBuffer.wrap(content);
      while (buffer.hasRemaining()) {
        ch.write(buffer);
      }
      ch.force(true);
    } catch (IOException | RuntimeException e) {
      deleteQuietly(temp);
      throw e;
    }
    return temp;
  }

  /**
   * Renames {@code temp} over {@code target} atomically, then forces the directory entry to disk.
   *
   * @param temp a file written by {@link #writeTemp}, in the target's directory
   * @param target the file to replace (a symbolic link there is replaced, not followed)
   * @throws IOException if the rename fails; {@code temp} is then deleted and {@code target} unchanged
   */
  public static void commit(Path temp, Path target) throws IOException {
    rename(temp, target);
    fsyncDirectory(target.toAbsolutePath().getParent());
  }

  /**
   * Renames {@code temp} over {@code target} atomically, without forcing the directory to disk: for a
   * rename followed by a {@link #commit} in the same directory, whose directory force covers both.
   *
   * @param temp a file in the target's directory
   * @param target the file to replace (a symbolic link there is replaced, not followed)
   * @throws IOException if the rename fails; {@code temp} is then deleted and {@code target} unchanged
   */
  public static void rename(Path temp, Path target) throws IOException {
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException e) {
      deleteQuietly(temp);
      throw e;
    }
  }

  /**
   * Writes {@code content} to {@code target} atomically and durably: {@link #writeTemp} then
   * {@link #commit}.
   *
   * @param target the file
   * @param tempPrefix the start of the temporary file's name
   * @param content the bytes
   * @throws IOException if it cannot be written; {@code target} is then unchanged
   */
  public static void replace(Path target, String tempPrefix, byte[] content) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    createDirectories(dir);
    commit(writeTemp(dir, tempPrefix, content), target);
  }

  /**
   * Makes {@code copy} hold {@code content}, the current content of {@code source}, replacing what
   * {@code copy} held atomically. Uses a hard link (no data written) where the file system allows it,
   * else writes the bytes. The copy gets mode 0600. The new directory entry is not forced to disk:
   * follow with a {@link #commit} in the same directory.
   *
   * @param source the file whose content to keep
   * @param content the content of {@code source}, used when a link is impossible
   * @param copy the file to replace
   * @param tempPrefix the start of the temporary file's name, in the directory of {@code copy}
   * @throws IOException if neither works
   */
  public static void preserve(Path source, byte[] content, Path copy, String tempPrefix) throws IOException {
    Path dir = copy.toAbsolutePath().getParent();
    Path temp = dir.resolve(tempPrefix + ProcessHandle.current().pid() + "-link-"
        + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36));
    boolean linked;
    try {
      Files.createLink(temp, source);
      linked = true;
    } catch (UnsupportedOperationException | FileSystemException e) {
      linked = false; // no hard links here (or source vanished): write the bytes instead
    }
    if (linked) {
      try {
        restrictToOwner(temp);
      } catch (IOException e) {
        deleteQuietly(temp);
        throw e;
      }
      rename(temp, copy);
    } else {
      rename(writeTemp(dir, tempPrefix, content), copy);
    }
  }

  /**
   * Sets mode 0600 on a regular file that has another mode (a file written by the seed's tools, or
   * created by a process with a loose umask). Does nothing on file systems without POSIX permissions.
   *
   * @param file the file
   * @throws IOException if the mode cannot be read or set
   */
  public static void restrictToOwner(Path file) throws IOException {
    if (posix(file) && !Files.isSymbolicLink(file)
        && !Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS).equals(OWNER_ONLY)) {
      Files.setPosixFilePermissions(file, OWNER_ONLY);
    }
  }

  /**
   * Creates a directory and its missing parents, with mode 0700 for those it creates.
   *
   * @param dir the directory
   * @throws IOException if it cannot be created
   */
  public static void createDirectories(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      if (posix(dir)) {
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
      } else {
        Files.createDirectories(dir);
      }
    }
  }

  /**
   * The attribute that creates a file with mode 0600.
   *
   * @return the attribute
   */
  public static FileAttribute<Set<PosixFilePermission>> ownerOnly() {
    return PosixFilePermissions.asFileAttribute(OWNER_ONLY);
  }

  /**
   * Forces a directory's entries (a rename just done in it) to disk. File systems that cannot open a
   * directory (Windows) are skipped: there the rename is as durable as the platform makes it.
   *
   * @param dir the directory
   */
  public static void fsyncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      LOG.log(System.Logger.Level.DEBUG, "Cannot force directory " + dir + " to disk: " + e);
    }
  }

  /**
   * Deletes the files in {@code dir} whose names start with {@code prefix}. Used to remove temporary
   * files left by a process that died while writing; call it only while holding the lock that writers
   * hold, so that no live writer's file is removed.
   *
   * @param dir the directory
   * @param prefix the name prefix
   * @return how many files were deleted
   */
  public static int sweep(Path dir, String prefix) {
    int deleted = 0;
    try (DirectoryStream<Path> stream =
        Files.newDirectoryStream(dir, p -> p.getFileName().toString().startsWith(prefix))) {
      for (Path p : stream) {
        if (deleteQuietly(p)) {
          deleted++;
        }
      }
    } catch (IOException e) {
      LOG.log(System.Logger.Level.DEBUG, "Cannot list " + dir + " for leftover temporary files: " + e);
    }
    return deleted;
  }

  /**
   * Deletes a file, ignoring failures.
   *
   * @param file the file
   * @return {@code true} if it was deleted
   */
  public static boolean deleteQuietly(Path file) {
    try {
      return Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.log(System.Logger.Level.DEBUG, "Cannot delete " + file + ": " + e);
      return false;
    }
  }
}

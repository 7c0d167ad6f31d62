package io.github.tmux4j.internal;

import io.github.tmux4j.TmuxException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;

/** Finds, creates and checks the directory that holds tmux4j's sockets. */
public final class SocketDirs {
  /** The environment variable that overrides the default socket directory. */
  public static final String ENV = "TMUX4J_SOCKET_DIR";
  /** Longest socket path a Unix socket address can hold ({@code sun_path} is 108 bytes with the NUL). */
  public static final int MAX_SOCKET_PATH_BYTES = 107;

  private SocketDirs() {}

  /**
   * The socket directory to use when the caller named none: {@code $TMUX4J_SOCKET_DIR}, else
   * {@code <java.io.tmpdir>/tmux4j-<user>}.
   *
   * @param env the environment to read
   * @return the directory (not yet created)
   */
  public static Path defaultDir(Map<String, String> env) {
    String fromEnv = env.get(ENV);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return Paths.get(fromEnv).toAbsolutePath();
    }
    String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9._-]", "_");
    return Paths.get(System.getProperty("java.io.tmpdir"), "tmux4j-" + user).toAbsolutePath();
  }

  /**
   * Creates the directory with mode 0700 if it is missing, then checks that it is safe: a real directory
   * (not a symbolic link), owned by this user, and not writable by group or others.
   *
   * @param dir the directory
   * @return the directory
   * @throws TmuxException if it cannot be created or is unsafe, saying how to fix it
   */
  public static Path prepare(Path dir) {
    Path absolute = dir.toAbsolutePath().normalize();
    try {
      if (!Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)) {
        Files.createDirectories(absolute.getParent());
        try {
          Files.createDirectory(absolute,
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (FileAlreadyExistsException raced) {
          // another process created it first; it is checked below like any existing directory
        }
      }
      if (Files.isSymbolicLink(absolute)) {
        throw new TmuxException("Socket directory " + absolute + " is a symbolic link; refusing to use it, "
            + "since another user could point it elsewhere. Use a real directory (TMUX4J_SOCKET_DIR).");
      }
      if (!Files.isDirectory(absolute, LinkOption.NOFOLLOW_LINKS)) {
        throw new TmuxException("Socket directory " + absolute + " exists but is not a directory. Remove it "
            + "or choose another directory (TMUX4J_SOCKET_DIR or TmuxClient.builder().socketDir(...)).");
      }
      PosixFileAttributeView view =
          Files.getFileAttributeView(absolute, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
      if (view != null) {
        PosixFileAttributes attrs = view.readAttributes();
        String me = System.getProperty("user.name");
        if (me != null && !attrs.owner().getName().equals(me)) {
          throw new TmuxException("Socket directory " + absolute + " is owned by '" + attrs.owner().getName()
              + "', not by '" + me + "'; refusing to use it, since its owner could read your sessions. "
              + "Use a directory of your own (TMUX4J_SOCKET_DIR).");
        }
        Set<PosixFilePermission> perms = attrs.permissions();
        if (perms.contains(PosixFilePermission.GROUP_WRITE) || perms.contains(PosixFilePermission.OTHERS_WRITE)) {
          throw new TmuxException("Socket directory " + absolute + " is writable by other users (mode "
              + PosixFilePermissions.toString(perms) + "); refusing to use it. Fix it with: chmod 700 "
              + absolute);
        }
      }
      return absolute;
    } catch (IOException e) {
      throw new TmuxException("Cannot create socket directory " + absolute + ": " + e
          + ". Choose a writable directory (TMUX4J_SOCKET_DIR or TmuxClient.builder().socketDir(...)).", e);
    }
  }

  /**
   * Checks that a socket path fits in a Unix socket address.
   *
   * @param socket the socket path
   * @return the socket path
   * @throws TmuxException if the path is too long, saying how to shorten it
   */
  public static Path checkSocketPath(Path socket) {
    int bytes = socket.toString().getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_SOCKET_PATH_BYTES) {
      throw new TmuxException("Socket path " + socket + " is " + bytes + " bytes long; Unix sockets allow at "
          + "most " + MAX_SOCKET_PATH_BYTES + ". Use a shorter socket directory (TMUX4J_SOCKET_DIR) or "
          + "socket name.");
    }
    return socket;
  }
}

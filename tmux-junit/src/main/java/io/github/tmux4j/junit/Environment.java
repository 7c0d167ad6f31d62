package io.github.tmux4j.junit;

import io.github.tmux4j.InvalidSessionNameException;
import io.github.tmux4j.Session;
import io.github.tmux4j.SessionBuilder;
import io.github.tmux4j.SessionType;
import io.github.tmux4j.TmuxClient;
import io.github.tmux4j.Transport;
import io.github.tmux4j.spi.InMemoryRegistry;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * What one test class (with its nested classes) owns: a private socket directory, a client on it, and
 * the session names in use. Closing it kills every tmux server on the directory and deletes it, unless
 * it was told to {@link #keep()} them for inspection.
 */
final class Environment implements AutoCloseable {
  /** The socket file name inside the private directory; short, to keep socket paths short. */
  static final String SOCKET_NAME = "s";
  private static final System.Logger LOG = System.getLogger(Environment.class.getName());

  private final String ownerId;
  private final Path dir;
  private final String binary;
  private final TmuxClient client;
  private final Set<String> namesInUse = new HashSet<>();
  private boolean closed;
  private boolean kept;

  private Environment(String ownerId, Path dir, String binary, TmuxClient client) {
    this.ownerId = ownerId;
    this.dir = dir;
    this.binary = binary;
    this.client = client;
  }

  /**
   * Creates a private socket directory (mode 0700) under {@code base} and a client on it with an
   * in-memory registry.
   *
   * @param ownerId the unique id of the extension context that owns (and will close) the environment
   * @param base the directory to create the private directory in; created if missing
   * @param transport the client's transport
   * @param binary the tmux executable
   * @return the environment
   */
  static Environment open(String ownerId, Path base, Transport transport, String binary) {
    Path dir;
    try {
      Files.createDirectories(base);
      try {
        dir = Files.createTempDirectory(base, "tmux4j-",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } catch (UnsupportedOperationException notPosix) {
        dir = Files.createTempDirectory(base, "tmux4j-");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create a private tmux socket directory under " + base
          + "; set -D" + TmuxExtension.TEST_DIR_PROPERTY + " to a writable directory with a short path", e);
    }
    try {
      TmuxClient client = TmuxClient.builder()
          .socketDir(dir)
          .socketName(SOCKET_NAME)
          .registry(new InMemoryRegistry())
          .transport(transport)
          .tmuxBinary(Path.of(binary))
          .build();
      return new Environment(ownerId, dir, binary, client);
    } catch (RuntimeException e) {
      try {
        deleteTree(dir);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  String ownerId() {
    return ownerId;
  }

  Path dir() {
    return dir;
  }

  TmuxClient client() {
    return client;
  }

  /** The socket of the class's tmux server. */
  Path socket() {
    return dir.resolve(SOCKET_NAME);
  }

  /** From now on, closing leaves the tmux server and the directory in place (the client is closed). */
  synchronized void keep() {
    kept = true;
  }

  /**
   * Starts a session as {@code spec} says and waits until it is ready.
   *
   * @param spec the declaration
   * @param derivedName the name to use (made unique) when the declaration names none
   * @param where the declaration, for messages ({@code "@TmuxSession field 'py' of ReplIT"})
   * @return the ready session
   * @throws ExtensionConfigurationException if the declaration is invalid
   */
  Session create(TmuxSession spec, String derivedName, String where) {
    validate(spec, where);
    String name = acquire(spec.name(), derivedName);
    try {
      SessionBuilder builder;
      try {
        builder = configure(client.newSession(name), spec);
      } catch (IllegalArgumentException | InvalidSessionNameException e) {
        throw new ExtensionConfigurationException(where + " is invalid: " + e.getMessage(), e);
      }
      return builder.create();
    } catch (RuntimeException e) {
      release(name);
      throw e;
    }
  }

  /** Gives a closed session's name back. */
  synchronized void release(String name) {
    namesInUse.remove(name);
  }

  private synchronized String acquire(String explicitName, String derivedName) {
    String name = explicitName.isEmpty() ? SessionNames.unique(derivedName, namesInUse) : explicitName;
    namesInUse.add(name);
    return name;
  }

  private static void validate(TmuxSession spec, String where) {
    if (spec.type() == SessionType.CUSTOM && spec.command().length == 0) {
      throw new ExtensionConfigurationException(where + " has type CUSTOM but no command; "
          + "set command = {\"program\", \"arg\", ...}");
    }
    if (spec.type() != SessionType.CUSTOM && spec.command().length > 0) {
      throw new ExtensionConfigurationException(where + " has a command but type " + spec.type()
          + "; a command needs type = SessionType.CUSTOM");
    }
    if (spec.startupTimeoutSeconds() <= 0) {
      throw new ExtensionConfigurationException(where + " has startupTimeoutSeconds = "
          + spec.startupTimeoutSeconds() + "; it must be positive");
    }
    for (String entry : spec.env()) {
      if (entry.indexOf('=') <= 0) {
        throw new ExtensionConfigurationException(where + " has env entry '" + entry
            + "'; entries must look like NAME=value");
      }
    }
    if (!spec.readyWhen().isEmpty()) {
      try {
        Pattern.compile(spec.readyWhen());
      } catch (PatternSyntaxException e) {
        throw new ExtensionConfigurationException(where + " has an invalid readyWhen pattern: "
            + e.getMessage(), e);
      }
    }
  }

  private static SessionBuilder configure(SessionBuilder builder, TmuxSession spec) {
    switch (spec.type()) {
      case PYTHON -> builder.python();
      case GDB -> builder.gdb();
      case SHELL -> builder.shell();
      case CUSTOM -> {
        String[] command = spec.command();
        builder.command(command[0], Arrays.copyOfRange(command, 1, command.length));
      }
      default -> throw new IllegalArgumentException("unknown session type " + spec.type());
    }
    if (!spec.readyWhen().isEmpty()) {
      builder.readyWhen(Pattern.compile(spec.readyWhen()));
    }
    for (String entry : spec.env()) {
      int eq = entry.indexOf('=');
      builder.env(entry.substring(0, eq), entry.substring(eq + 1));
    }
    return builder
        .size(spec.width(), spec.height())
        .startupTimeout(Duration.ofSeconds(spec.startupTimeoutSeconds()));
  }

  /**
   * Closes the client, kills the tmux server of every socket in the directory and deletes it, unless
   * kept. Idempotent.
   *
   * @throws IOException if the directory cannot be deleted or tmux cannot be run
   */
  @Override
  public void close() throws IOException {
    boolean keepServer;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      keepServer = kept;
    }
    try {
      client.close();
    } finally {
      if (!keepServer) {
        killServers(binary, dir);
        deleteTree(dir);
      }
    }
  }

  /** Runs {@code tmux -S <socket> kill-server} for every socket under {@code dir}. */
  private static void killServers(String binary, Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return;
    }
    List<Path> sockets;
    try (Stream<Path> walk = Files.walk(dir)) {
      sockets = walk.filter(p -> !Files.isDirectory(p) && !Files.isRegularFile(p) && !Files.isSymbolicLink(p))
          .toList();
    }
    for (Path socket : sockets) {
      // kill-server can hang on a control client a dead JVM left behind: ServerShutdown ends those too
      if (!io.github.tmux4j.internal.ServerShutdown.kill(binary, socket,
          java.time.Duration.ofSeconds(10))) {
        LOG.log(System.Logger.Level.DEBUG, "No tmux server on {0}", socket);
      }
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    List<Path> all;
    try (Stream<Path> walk = Files.walk(dir)) {
      all = walk.sorted(Comparator.reverseOrder()).toList();
    }
    for (Path p : all) {
      Files.deleteIfExists(p);
    }
  }
}

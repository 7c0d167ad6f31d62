package io.github.tmux4j;

import dev.failsafe.RetryPolicy;
import io.github.tmux4j.internal.CommandTransport;
import io.github.tmux4j.internal.Commands;
import io.github.tmux4j.internal.ControlModeTransport;
import io.github.tmux4j.internal.DefaultSession;
import io.github.tmux4j.internal.Leases;
import io.github.tmux4j.internal.Lifecycle;
import io.github.tmux4j.internal.Names;
import io.github.tmux4j.internal.ProcessTransport;
import io.github.tmux4j.internal.SocketDirs;
import io.github.tmux4j.internal.TmuxCommands;
import io.github.tmux4j.spi.InMemoryRegistry;
import io.github.tmux4j.spi.Registry;
import io.github.tmux4j.spi.RegistryProvider;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The entry point: creates and finds {@link Session}s on a tmux socket that tmux4j owns.
 *
 * <pre>{@code
 * try (TmuxClient tmux = TmuxClient.create()) {
 *   Session py = tmux.newSession("analysis").python().create();
 *   System.out.println(py.run("6 * 7").output()); // 42
 *   py.close();
 * }
 * }</pre>
 *
 * <p>A client is thread-safe and meant to be shared. {@link #close()} releases the client's own threads
 * and registry, and ends the client's ephemeral sessions ({@link SessionBuilder#ephemeral()}); every other
 * session outlives the client and the JVM until it is closed, cleaned up, or its process exits.
 */
public final class TmuxClient implements AutoCloseable {
  private final Path socketDir;
  private final Path socket;
  private final Registry registry;
  private final boolean ownsRegistry;
  private final RetryPolicy<Object> retryPolicy;
  private final String tmuxBinary;
  private final Duration commandTimeout;
  private final Transport transport;
  private final Clock clock;
  private final ScheduledThreadPoolExecutor watchdog;
  private final Map<Path, TmuxCommands> servers = new ConcurrentHashMap<>();
  private final Lifecycle lifecycle;
  private final AtomicBoolean closed = new AtomicBoolean();
  /** Held by the thread closing the client, so that a concurrent close() waits for it to finish. */
  private final Object closing = new Object();

  TmuxClient(TmuxClientBuilder b) {
    this.socketDir = SocketDirs.prepare(b.socketDir != null ? b.socketDir : SocketDirs.defaultDir(System.getenv()));
    this.socket = SocketDirs.checkSocketPath(socketDir.resolve(b.socketName));
    this.tmuxBinary = b.tmuxBinary;
    this.commandTimeout = b.commandTimeout;
    this.transport = b.transport;
    this.clock = b.clock;
    this.retryPolicy = b.retryPolicy != null ? b.retryPolicy : defaultRetryPolicy();
    if (b.registry != null) {
      this.registry = b.registry;
      this.ownsRegistry = false;
    } else {
      this.registry = loadRegistry(socketDir);
      this.ownsRegistry = true;
    }
    this.watchdog = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "tmux4j-watchdog");
      t.setDaemon(true);
      return t;
    });
    this.watchdog.setRemoveOnCancelPolicy(true);
    DefaultSession.Context context = new DefaultSession.Context(registry, clock, b.defaultTimeout,
        b.activityResolution, Leases.jvm(), b.outputLimit);
    this.lifecycle = new Lifecycle(socketDir, socket, registry, clock, this::server, context);
  }

  /**
   * A client with all defaults: socket directory {@code $TMUX4J_SOCKET_DIR} or
   * {@code <tmpdir>/tmux4j-<user>}, socket {@code default}, the registry found by {@link ServiceLoader}
   * (else in memory).
   *
   * @return a new client
   * @throws TmuxException if the socket directory cannot be created or is unsafe
   */
  public static TmuxClient create() {
    return builder().build();
  }

  /**
   * Starts configuring a client.
   *
   * @return a new builder
   */
  public static TmuxClientBuilder builder() {
    return new TmuxClientBuilder();
  }

  /**
   * The retry policy used when none is configured: up to 5 retries, with backoff from 10 ms to 200 ms,
   * of failures that are {@linkplain TmuxException#isTransient() transient} (tmux did not execute the
   * command). Permanent errors (a missing session, a bad name) are never retried.
   *
   * @return a new policy
   */
  public static RetryPolicy<Object> defaultRetryPolicy() {
    return RetryPolicy.builder()
        .handleIf(e -> e instanceof TmuxException && ((TmuxException) e).isTransient())
        .withBackoff(Duration.ofMillis(10), Duration.ofMillis(200))
        .withMaxRetries(5)
        .build();
  }

  /**
   * Starts describing a new session. Nothing happens until {@link SessionBuilder#create()} or
   * {@link SessionBuilder#getOrCreate()}.
   *
   * @param name the session name: no {@code .}, {@code :}, {@code $}, {@code \}, whitespace or control
   *     characters, no leading {@code -}, at most 200 characters
   * @return a builder for the session
   * @throws InvalidSessionNameException if the name is not allowed, naming the offending character
   */
  public SessionBuilder newSession(String name) {
    ensureOpen();
    return new SessionBuilder(this, Names.validate(name));
  }

  /**
   * Finds a registered session by name, from this process or any other that shares the registry, and
   * returns a handle on it. The session's health is not checked: call {@link Session#health()}.
   *
   * @param name the session name
   * @return the handle, or empty if no session of that name is registered
   */
  public Optional<Session> session(String name) {
    ensureOpen();
    Names.validate(name);
    return lifecycle.adoption().find(name);
  }

  /**
   * Returns a handle on an existing session or pane of this client's socket, found by tmux target, whether
   * or not it is registered, without reading or writing the registry: a way to drive a session that
   * another program created. A session that tmux4j did not create is given tmux4j's labels (tmux user
   * options {@code @tmux4j-*}: type {@code custom}, unregistered), by which every later command checks
   * that it still drives that session. Its {@link Session#run} works when the labels name a prompt (a
   * tmux4j session), otherwise use {@code send} and {@code waitFor}.
   *
   * @param target a tmux target: a session name, {@code session:window.pane}, or a pane id {@code %N}
   * @return the handle
   * @throws SessionNotFoundException if the target names no pane
   * @throws ServerNotRunningException if no server runs on the socket
   */
  public Session adopt(String target) {
    ensureOpen();
    Objects.requireNonNull(target, "target");
    return lifecycle.adoption().adopt(target);
  }

  /**
   * Lists every registered session with its live health (one tmux command per socket, however many
   * sessions there are).
   *
   * @return the sessions, in name order
   * @throws RegistryException if the registry cannot be read
   */
  public List<SessionInfo> sessions() {
    ensureOpen();
    return lifecycle.inventory().sessions();
  }

  /**
   * Lists the registered sessions that match a filter.
   *
   * @param filter which sessions to return, e.g. {@code SessionFilter.state(HealthState.DEAD)}
   * @return the matching sessions, in name order
   */
  public List<SessionInfo> sessions(SessionFilter filter) {
    Objects.requireNonNull(filter, "filter");
    return sessions().stream().filter(filter).toList();
  }

  /**
   * Starts describing a cleanup of registered sessions; by default it removes the dead and missing ones.
   *
   * @return a cleanup to refine and {@link Cleanup#execute()}
   */
  public Cleanup cleanup() {
    ensureOpen();
    return new Cleanup(this);
  }

  /**
   * Kills a registered session by name and removes its record, as one operation (the seed's
   * {@code kill-session}). A record whose session is already gone is just removed.
   *
   * @param name the session name
   * @return {@code true} if there was a record
   * @throws RegistryException if the registry cannot be updated
   */
  public boolean kill(String name) {
    ensureOpen();
    Names.validate(name);
    return lifecycle.kill(name);
  }

  /**
   * Compares the registry with the live tmux servers: records whose session is gone, and live sessions
   * (on this client's socket and every socket the registry mentions) without a record.
   *
   * @param repair {@code false} to only report; {@code true} to also remove the orphan records and register
   *     the unregistered sessions (type {@code custom}, or as tmux4j left them)
   * @return what was found, and whether it was repaired
   */
  public ReconcileReport reconcile(boolean repair) {
    ensureOpen();
    return lifecycle.inventory().reconcile(repair);
  }

  /**
   * The socket this client creates sessions on.
   *
   * @return the socket path
   */
  public Path socket() {
    return socket;
  }

  /**
   * The directory that holds this client's socket (and, with {@code tmux-registry}, the registry file).
   *
   * @return the socket directory
   */
  public Path socketDir() {
    return socketDir;
  }

  /**
   * The registry this client records sessions in.
   *
   * @return the registry
   */
  public Registry registry() {
    return registry;
  }

  /**
   * Ends the client's ephemeral sessions, then releases its threads and, if the client opened it, its
   * registry. Other sessions are not killed. Idempotent; a call made while another thread closes the
   * client returns once that close is complete, so a shutdown hook may close a client that the main thread
   * is closing (the JVM stops the other threads as soon as its hooks return).
   */
  @Override
  public void close() {
    synchronized (closing) {
      if (closed.get()) {
        return;
      }
      try {
        lifecycle.closeEphemeral(); // while the client is still open: it kills through the client's servers
      } finally {
        closed.set(true);
        servers.values().forEach(TmuxCommands::close);
        servers.clear();
        watchdog.shutdownNow();
        if (ownsRegistry) {
          registry.close();
        }
      }
    }
  }

  // ---- package-private plumbing for SessionBuilder and Cleanup ----

  /** The gateway to the server of a socket; one per socket, made on first use. */
  private TmuxCommands server(Path socketPath) {
    ensureOpen();
    TmuxCommands tmux = servers.computeIfAbsent(socketPath, s -> {
      ProcessTransport process = new ProcessTransport(tmuxBinary, s, commandTimeout, watchdog);
      CommandTransport route = transport == Transport.PROCESS
          ? process : new ControlModeTransport(tmuxBinary, s, commandTimeout, process);
      return new TmuxCommands(s, route, retryPolicy, commandTimeout);
    });
    if (closed.get()) { // closed while it was made: close() may have missed it
      servers.remove(socketPath, tmux);
      tmux.close();
      ensureOpen();
    }
    return tmux;
  }

  Lifecycle lifecycle() {
    ensureOpen();
    return lifecycle;
  }

  private void ensureOpen() {
    if (closed.get()) {
      throw new IllegalStateException("This TmuxClient is closed; create a new one");
    }
  }

  private static Registry loadRegistry(Path socketDir) {
    Iterator<RegistryProvider> providers = ServiceLoader.load(RegistryProvider.class).iterator();
    return providers.hasNext() ? providers.next().open(socketDir) : new InMemoryRegistry();
  }

  @Override
  public String toString() {
    return "TmuxClient[" + socket + "]";
  }
}

package io.github.tmux4j.internal;

import io.github.tmux4j.DuplicateSessionException;
import io.github.tmux4j.Health;
import io.github.tmux4j.HealthState;
import io.github.tmux4j.RegistryException;
import io.github.tmux4j.Session;
import io.github.tmux4j.SessionTemplate;
import io.github.tmux4j.SessionType;
import io.github.tmux4j.TmuxException;
import io.github.tmux4j.spi.Registry;
import io.github.tmux4j.spi.SessionRecord;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The lifecycle of a client's sessions, every rule in one place: creating, adopting, finding, killing,
 * closing, renaming and relabelling sessions, and ending ephemeral ones. tmux and the registry are kept
 * in step so that a crash between the two is always recoverable:
 * <ul>
 *   <li>a session is born with its {@link SessionLabels} on the command line that creates it, so tmux
 *       alone can say what it is (its record can be rebuilt exactly);
 *   <li>every record change is a compare-and-set on the session's identity ({@link Registry#replace}), so
 *       no operation removes or overwrites a record of another session;
 *   <li>every kill and rename is checked by tmux against the session's creation label, so nothing hits a
 *       session that took over a pane id or a name;
 *   <li>a failed step is undone: a session whose record cannot be written is killed, a rename whose record
 *       cannot be moved is renamed back.
 * </ul>
 * Getting hold of existing sessions is {@link Adoption}'s part. Thread-safe.
 */
public final class Lifecycle {
  /** Registry tag under which a session's prompt pattern is kept, so that reattached handles can run(). */
  public static final String PROMPT_TAG = "tmux4j.prompt";
  /** The tag with a session's transcript file, which the process transport's output pipe keeps writing. */
  public static final String TRANSCRIPT_TAG = "tmux4j.transcript";
  private static final System.Logger LOG = System.getLogger(Lifecycle.class.getName());

  private final Path socketDir;
  private final Path socket;
  private final Registry registry;
  private final Clock clock;
  private final Function<Path, TmuxCommands> servers;
  private final DefaultSession.Context context;
  private final Inventory inventory;
  private final EphemeralSessions ephemeral;
  private final Adoption adoption;

  /**
   * Creates the lifecycle of one client.
   *
   * @param socketDir the client's socket directory
   * @param socket the socket it creates sessions on
   * @param registry its registry
   * @param clock its clock
   * @param servers the gateway of each socket
   * @param context what session handles need from the client
   */
  public Lifecycle(Path socketDir, Path socket, Registry registry, Clock clock, Function<Path, TmuxCommands> servers,
      DefaultSession.Context context) {
    this.socketDir = socketDir;
    this.socket = socket;
    this.registry = registry;
    this.clock = clock;
    this.servers = servers;
    this.context = context;
    this.inventory = new Inventory(socketDir, socket, registry, clock, servers);
    this.ephemeral = new EphemeralSessions(this);
    this.adoption = new Adoption(this, socketDir, socket, registry, clock, servers);
  }

  /**
   * Getting hold of sessions that exist: by name, by tmux target, or to reuse instead of creating.
   *
   * @return the adoption rules
   */
  public Adoption adoption() {
    return adoption;
  }

  /**
   * The client's view of its sessions: listing, health, reconciliation.
   *
   * @return the inventory
   */
  public Inventory inventory() {
    return inventory;
  }

  /**
   * Creates a session and, unless told not to, its record; waits until it is ready. Either returns a ready
   * session or leaves nothing behind.
   *
   * @param spec what to create
   * @return the ready session
   * @throws DuplicateSessionException if a live session of that name exists on this socket or is
   *     registered on another live socket
   */
  public Session create(SessionSpec spec) {
    SocketDirs.prepare(socketDir); // recreated (0700) if someone removed it meanwhile
    TmuxCommands tmux = servers.apply(socket);
    SessionRecord stale = staleRecord(spec.name());
    Instant created = clock.instant();
    Map<String, String> tags = recordTags(spec);
    Pattern prompt = spec.prompt();
    SessionLabels labels = new SessionLabels(created, spec.type().typeName(),
        spec.readyWhen() == null ? null : spec.readyWhen().pattern(), spec.register(), tags);
    TmuxCommands.NewSession made = tmux.newSession(spec.name(), spec.command(), spec.env(), spec.width(),
        spec.height(), spec.workingDir(), labels);
    SessionRef ref = new SessionRef(socket, made.paneId(), created);
    if (spec.register()) {
      SessionRecord record = record(spec.name(), ref, spec.type(), made.pid(), tags);
      try {
        // A session(name) or reconcile(true) of another thread or process may have registered this very
        // session from its labels while its creator was writing: that record is as good as its own.
        if (!registry.replace(stale, record)
            && !registry.get(spec.name()).map(r -> r.sameSession(record)).orElse(false)) {
          throw new DuplicateSessionException(spec.name(), "registered meanwhile by another process");
        }
      } catch (RuntimeException e) {
        killQuietly(ref, spec.name(), e);
        throw e;
      }
    }
    if (spec.ephemeral()) {
      ephemeral.own(ref, spec.name());
    }
    DefaultSession session = handle(spec.name(), ref, spec.type(), prompt, spec.register(), tags);
    try {
      if (spec.transcript() != null) {
        tmux.pane().pipeToFile(ref, spec.name(), spec.transcript());
      }
      if (prompt != null) {
        session.awaitReady(prompt, spec.startupTimeout());
      }
      for (SessionTemplate template : spec.templates()) {
        for (SessionTemplate.Step step : template.steps()) {
          step.apply(session);
        }
      }
      if (spec.transcript() == null) { // a transcript replaced the startup drain with its own pipe
        tmux.pane().endDrain(ref, spec.name());
      }
    } catch (RuntimeException e) {
      try {
        close(session);
      } catch (RuntimeException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
    return session;
  }

  /**
   * The record under {@code name} that a new session may replace: none, or one whose session is gone.
   *
   * @throws DuplicateSessionException if it records a live session on another socket
   */
  private SessionRecord staleRecord(String name) {
    Optional<SessionRecord> existing = registry.get(name).filter(r -> RecordCheck.problem(r, socketDir).isEmpty());
    if (existing.isEmpty()) {
      return null;
    }
    SessionRecord other = existing.get();
    if (!other.socket().equals(socket)) {
      Health health = inventory.health(refOf(other), name);
      if (health.state() != HealthState.MISSING && health.state() != HealthState.SERVER_NOT_RUNNING) {
        throw new DuplicateSessionException(name, "registered on socket " + other.socket() + ", " + health.state());
      }
    }
    return other; // on this socket a live session of that name makes new-session fail instead
  }

  /**
   * Kills a session by name and removes its record (or a lost one: see {@link #find}).
   *
   * @param name the session name
   * @return {@code true} if there was a session or record
   */
  public boolean kill(String name) {
    Optional<SessionRecord> record = registry.get(name)
        .map(r -> RecordCheck.require(r, socketDir))
        .or(() -> inventory.lostRecord(name));
    record.ifPresent(r -> remove(r, true));
    return record.isPresent();
  }

  /**
   * Kills what is left of a registered session in tmux (if asked) and removes its record, if it is still
   * the record of that session.
   *
   * @param record the record
   * @param kill whether to kill the session too
   */
  public void remove(SessionRecord record, boolean kill) {
    SessionRef ref = refOf(record);
    if (kill) {
      kill(ref, record.name());
    }
    registry.replace(record, null);
    forgetLocally(ref);
  }

  /** What this JVM keeps for a session that has ended: its lease lock file and output spools. */
  private void forgetLocally(SessionRef ref) {
    context.leases().forget(ref);
    SpoolFiles.forget(ref);
  }

  /**
   * Closes a session: kills it (if its pane still belongs to it) and removes its record.
   *
   * @param session the handle
   * @throws RegistryException if the record could not be removed (the session is killed anyway; a later
   *     {@code cleanup()} removes the record)
   */
  public void close(DefaultSession session) {
    SessionRef ref = session.ref();
    kill(ref, session.name());
    session.endInput();
    ephemeral.forget(ref);
    forgetLocally(ref);
    if (session.registered()) {
      try {
        removeRecordOf(ref, session.name());
      } catch (RegistryException e) {
        throw new RegistryException("Session '" + session.name() + "' is killed, but its registry record could not "
            + "be removed: " + e.getMessage() + ". cleanup() removes it later.", e);
      }
    }
  }

  /**
   * Ends a session without a handle (an ephemeral one at the end of its client): kills it if its pane
   * still belongs to it and removes its record.
   *
   * @param ref the session
   * @param name its name when last known
   */
  void end(SessionRef ref, String name) {
    kill(ref, name);
    forgetLocally(ref);
    removeRecordOf(ref, name);
  }

  /** Removes the record of a session, found under its name or, after a rename elsewhere, by identity. */
  private void removeRecordOf(SessionRef ref, String name) {
    // A concurrent rename (another handle, another process) may move the record between the read and
    // the compare-and-set: read again until no record of the session is left.
    for (int attempt = 0; attempt < 10; attempt++) {
      Optional<SessionRecord> mine = registry.get(name).filter(r -> refOf(r).equals(ref))
          .or(() -> registry.list().stream().filter(r -> refOf(r).equals(ref)).findFirst());
      if (mine.isEmpty() || registry.replace(mine.get(), null)) {
        return;
      }
    }
    throw new RegistryException("The record of session '" + name + "' kept changing while it was being removed; "
        + "cleanup() removes it later", null);
  }

  /**
   * Renames a session in tmux and in the registry. If the record cannot be moved, tmux's rename is undone.
   *
   * @param session the handle
   * @param newName the validated new name
   * @throws DuplicateSessionException if the name is taken in tmux or in the registry
   */
  public void rename(DefaultSession session, String newName) {
    String oldName = session.name();
    SessionRef ref = session.ref();
    TmuxCommands tmux = servers.apply(ref.socket());
    tmux.rename(ref, oldName, newName);
    if (session.registered()) {
      try {
        Optional<SessionRecord> current = registry.get(oldName).filter(r -> refOf(r).equals(ref));
        if (current.isPresent() && !registry.replace(current.get(), current.get().withName(newName))) {
          throw new DuplicateSessionException(newName, "registered for another session");
        }
      } catch (RuntimeException e) {
        try {
          tmux.rename(ref, newName, oldName);
        } catch (RuntimeException undo) {
          e.addSuppressed(undo);
        }
        throw e;
      }
    }
    session.renamed(newName);
  }

  /**
   * Changes a registered session's tags, in its record and in its tmux labels.
   *
   * @param session the handle
   * @param change the change
   */
  public void retag(DefaultSession session, UnaryOperator<Map<String, String>> change) {
    if (!session.registered()) {
      return;
    }
    SessionRef ref = session.ref();
    for (int attempt = 0; attempt < 10; attempt++) { // compare-and-set: retry when another writer won
      Optional<SessionRecord> current = registry.get(session.name()).filter(r -> refOf(r).equals(ref));
      if (current.isEmpty()) {
        return;
      }
      Map<String, String> tags = change.apply(new LinkedHashMap<>(current.get().tags()));
      if (tags.equals(current.get().tags()) || registry.replace(current.get(), current.get().withTags(tags))) {
        servers.apply(ref.socket()).label(ref.pane(), new SessionLabels(ref.created(), current.get().type(),
            tags.get(PROMPT_TAG), true, tags));
        return;
      }
    }
    throw new TmuxException("The record of session '" + session.name() + "' kept changing; its tags were not updated");
  }

  /**
   * Kills a session if its pane still belongs to it.
   *
   * @param ref the session
   * @param name its name, for messages
   * @return {@code true} if it was killed
   */
  public boolean kill(SessionRef ref, String name) {
    return servers.apply(ref.socket()).kill(ref, name);
  }

  private void killQuietly(SessionRef ref, String name, RuntimeException reason) {
    try {
      kill(ref, name);
    } catch (RuntimeException undo) {
      reason.addSuppressed(undo);
    }
  }

  /** Ends this client's ephemeral sessions and stops watching the JVM's exit. */
  public void closeEphemeral() {
    ephemeral.endAll();
  }

  /**
   * A handle on a registered session.
   *
   * @param record a checked record
   * @return the handle
   */
  public Session handleFor(SessionRecord record) {
    String promptTag = record.tags().get(PROMPT_TAG);
    SessionType type = SessionType.fromTypeName(record.type());
    Pattern prompt = promptTag != null ? Pattern.compile(promptTag) : type.prompt().orElse(null);
    return handle(record.name(), refOf(record), type, prompt, true, record.tags());
  }

  /**
   * A handle; its prompt-marker nonce and transcript are read from the session's tags.
   *
   * @param tags the session's record tags or labels
   */
  DefaultSession handle(String name, SessionRef ref, SessionType type, Pattern prompt, boolean registered,
      Map<String, String> tags) {
    String nonce = tags.get(PromptMarkers.NONCE_TAG);
    String transcript = tags.get(TRANSCRIPT_TAG);
    return new DefaultSession(servers.apply(ref.socket()), context, this, name, ref, type, prompt, registered,
        nonce != null && nonce.matches("[0-9a-f]{8}") ? nonce : null,
        transcript != null && transcript.startsWith("/") && transcript.indexOf('\n') < 0 && transcript.indexOf('\0') < 0
            ? Path.of(transcript) : null);
  }

  /**
   * The session a record means.
   *
   * @param record the record
   * @return its reference
   */
  public static SessionRef refOf(SessionRecord record) {
    return new SessionRef(record.socket(), record.target(), record.createdAt());
  }

  /** The one place records are built. */
  SessionRecord record(String name, SessionRef ref, SessionType type, long pid, Map<String, String> tags) {
    return new SessionRecord(name, ref.socket(), ref.pane(), type.typeName(), pid, ref.created(), clock.instant(),
        tags);
  }

  static Map<String, String> recordTags(SessionSpec spec) {
    Map<String, String> tags = new LinkedHashMap<>(spec.tags());
    if (spec.readyWhen() != null) {
      tags.put(PROMPT_TAG, spec.readyWhen().pattern());
    }
    if (spec.transcript() != null) {
      tags.put(TRANSCRIPT_TAG, spec.transcript().toString());
    }
    if (spec.ephemeral()) {
      Owner.current().addTo(tags);
    }
    return tags;
  }

  static System.Logger log() {
    return LOG;
  }
}

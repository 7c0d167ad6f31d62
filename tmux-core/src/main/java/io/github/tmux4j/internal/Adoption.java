package io.github.tmux4j.internal;

import io.github.tmux4j.Session;
import io.github.tmux4j.SessionType;
import io.github.tmux4j.spi.Registry;
import io.github.tmux4j.spi.SessionRecord;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The {@link Lifecycle}'s rules for getting hold of sessions that exist: by name (with the record a crash
 * lost rebuilt from the session's labels), by tmux target (labelling a session tmux4j did not create),
 * or instead of creating one ({@code getOrCreate}). Thread-safe.
 */
public final class Adoption {
  private final Lifecycle lifecycle;
  private final Path socketDir;
  private final Path socket;
  private final Registry registry;
  private final Clock clock;
  private final Function<Path, TmuxCommands> servers;

  Adoption(Lifecycle lifecycle, Path socketDir, Path socket, Registry registry, Clock clock,
      Function<Path, TmuxCommands> servers) {
    this.lifecycle = lifecycle;
    this.socketDir = socketDir;
    this.socket = socket;
    this.registry = registry;
    this.clock = clock;
    this.servers = servers;
  }

  /**
   * Returns the session of the spec's name if it is running and healthy on this client's socket
   * (adopting it if tmux4j did not create it); otherwise removes what is left of it and creates it.
   *
   * @param spec what to find or create
   * @return a healthy session
   */
  public Session getOrCreate(SessionSpec spec) {
    TmuxCommands tmux = servers.apply(socket);
    Optional<ServerView.LiveSession> live = lifecycle.inventory().live(socket, spec.name());
    if (live.isPresent()) {
      ServerView.PaneInfo pane = live.get().pane();
      if (Inventory.healthOf(pane, clock).isHealthy()) {
        return adopt(live.get(), spec);
      }
      if (live.get().labels().isPresent()) {
        lifecycle.kill(new SessionRef(socket, pane.paneId(), live.get().labels().get().created()), spec.name());
      } else {
        tmux.killUnlabelled(pane, spec.name());
      }
    }
    registry.get(spec.name()).filter(r -> r.socket().equals(socket)).ifPresent(r -> registry.replace(r, null));
    return lifecycle.create(spec);
  }

  /** A handle on a live, healthy session of this socket, labelled and registered as the spec says. */
  private Session adopt(ServerView.LiveSession live, SessionSpec spec) {
    String name = spec.name();
    SessionLabels labels = live.labels().orElse(null);
    if (labels == null) { // not created by tmux4j: label it now, as the spec describes it
      Map<String, String> tags = Lifecycle.recordTags(spec);
      labels = new SessionLabels(clock.instant(), spec.type().typeName(),
          spec.readyWhen() == null ? null : spec.readyWhen().pattern(), spec.register(), tags);
      servers.apply(socket).label(live.pane().paneId(), labels);
    }
    SessionRef ref = new SessionRef(socket, live.pane().paneId(), labels.created());
    if (spec.register()) {
      SessionRecord current = registry.get(name).orElse(null);
      if (current == null || !Lifecycle.refOf(current).equals(ref)) {
        registry.replace(current, lifecycle.record(name, ref, SessionType.fromTypeName(labels.type()), live.pane().pid(),
            labels.tags()));
      }
    }
    Pattern prompt = labels.prompt() != null ? Pattern.compile(labels.prompt()) : spec.prompt();
    return lifecycle.handle(name, ref, SessionType.fromTypeName(labels.type()), prompt, spec.register(),
        labels.tags());
  }

  /**
   * Finds a session by name: its record, else a session on this client's socket that tmux4j created and
   * meant to register but whose record was lost (a crash between the two steps); its record is then
   * written again from its labels.
   *
   * @param name the session name
   * @return the handle, or empty
   * @throws io.github.tmux4j.RegistryCorruptException if its record cannot be used (naming the problem)
   */
  public Optional<Session> find(String name) {
    Optional<SessionRecord> record = registry.get(name);
    if (record.isPresent()) {
      return Optional.of(lifecycle.handleFor(RecordCheck.require(record.get(), socketDir)));
    }
    return lifecycle.inventory().lostRecord(name).map(lost -> {
      registry.replace(null, lost);
      return lifecycle.handleFor(lost);
    });
  }

  /**
   * A handle on whatever session or pane a tmux target names on this client's socket, registered or
   * not, without touching the registry. A session tmux4j did not create is labelled first (type
   * {@code custom}, unregistered), so that the handle can check it is still driving that session.
   *
   * @param target a tmux target: a session name, {@code session:window.pane}, or a pane id
   * @return the handle
   * @throws io.github.tmux4j.SessionNotFoundException if the target names nothing
   */
  public Session adopt(String target) {
    TmuxCommands tmux = servers.apply(socket);
    ServerView.LiveSession live = tmux.view().find(target);
    SessionLabels labels = live.labels().orElseGet(() -> {
      SessionLabels made = new SessionLabels(clock.instant(), SessionType.CUSTOM.typeName(), null, false, Map.of());
      tmux.label(live.pane().paneId(), made);
      return made;
    });
    SessionType type = SessionType.fromTypeName(labels.type());
    Pattern prompt = labels.prompt() != null ? Pattern.compile(labels.prompt()) : type.prompt().orElse(null);
    return lifecycle.handle(live.name(), new SessionRef(socket, live.pane().paneId(), labels.created()), type, prompt,
        false, labels.tags());
  }

}

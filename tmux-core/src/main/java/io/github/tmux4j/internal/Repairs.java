package io.github.tmux4j.internal;

import io.github.tmux4j.ReconcileReport;
import io.github.tmux4j.SessionType;
import io.github.tmux4j.spi.Registry;
import io.github.tmux4j.spi.SessionRecord;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What {@link Inventory#reconcile} does to bring the registry in step with tmux, each change a
 * compare-and-set so that a concurrent change by another process is never undone.
 */
final class Repairs {
  private static final System.Logger LOG = System.getLogger(Repairs.class.getName());

  private final Registry registry;
  private final Function<Path, TmuxCommands> servers;
  private final Clock clock;

  Repairs(Registry registry, Function<Path, TmuxCommands> servers, Clock clock) {
    this.registry = registry;
    this.servers = servers;
    this.clock = clock;
  }

  void apply(List<SessionRecord> orphans, List<ReconcileReport.Renamed> renamed,
      List<ServerView.LiveSession> unregistered) {
    orphans.forEach(r -> registry.replace(r, null));
    // Renamed records move in two steps, so that chains (a -> b, b -> c) and swaps (a <-> b) come out
    // right in one pass: all of them are taken out first, then each is put under its session's name. A
    // crash in between loses nothing: the sessions' labels say they are registered (see Inventory).
    List<SessionRecord> moving = new ArrayList<>();
    for (ReconcileReport.Renamed move : renamed) {
      if (registry.replace(move.record(), null)) {
        moving.add(move.record().withName(move.liveName()));
      }
    }
    for (SessionRecord moved : moving) {
      Optional<SessionRecord> there = registry.get(moved.name());
      if (there.isPresent() && Lifecycle.refOf(there.get()).equals(Lifecycle.refOf(moved))) {
        continue; // recorded under its new name already
      }
      if (there.isPresent() || !registry.replace(null, moved)) {
        LOG.log(System.Logger.Level.WARNING, "Session now called '" + moved.name() + "' on " + moved.socket()
            + " was not registered under that name: it is registered for another session");
      }
    }
    for (ServerView.LiveSession s : unregistered) {
      Path socket = s.socket();
      SessionRecord record;
      if (s.labels().isPresent()) {
        SessionLabels l = s.labels().get();
        record = new SessionRecord(s.name(), socket, s.pane().paneId(), l.type(), s.pane().pid(), l.created(),
            l.created(), l.tags());
      } else {
        Instant now = clock.instant();
        servers.apply(socket).label(s.pane().paneId(),
            new SessionLabels(now, SessionType.CUSTOM.typeName(), null, true, Map.of()));
        record = new SessionRecord(s.name(), socket, s.pane().paneId(), SessionType.CUSTOM.typeName(), s.pane().pid(),
            now, now, Map.of());
      }
      if (!registry.replace(null, record)) {
        LOG.log(System.Logger.Level.WARNING, "Session '" + s.name() + "' on " + socket + " was not registered: "
            + "its name is registered for another session");
      }
    }
  }
}

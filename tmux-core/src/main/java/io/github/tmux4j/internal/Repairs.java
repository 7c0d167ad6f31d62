package io.github.tmux4j.internal;

import io.github.tmux4j.ReconcileReport;
import io.github.tmux4j.SessionType;
import io.github.tmux4j.spi.Registry;
import io.github.tmux4j.spi.SessionRecord;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
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
    for (ReconcileReport.Renamed move : renamed) {
      SessionRecord r = move.record();
      Optional<SessionRecord> there = registry.get(move.liveName());
      if (there.isEmpty()) {
        registry.replace(r, r.withName(move.liveName()));
      } else if (Lifecycle.refOf(there.get()).equals(Lifecycle.refOf(r))) {
        registry.replace(r, null); // the session is recorded under its new name already
      } else {
        LOG.log(System.Logger.Level.WARNING, "Session '" + r.name() + "' is now called '" + move.liveName()
            + "', but that name is registered for another session; both records are left as they are");
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

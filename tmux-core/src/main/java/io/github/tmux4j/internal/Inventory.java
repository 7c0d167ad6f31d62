package io.github.tmux4j.internal;

import io.github.tmux4j.Health;
import io.github.tmux4j.HealthState;
import io.github.tmux4j.ReconcileReport;
import io.github.tmux4j.ServerNotRunningException;
import io.github.tmux4j.SessionInfo;
import io.github.tmux4j.SessionNotFoundException;
import io.github.tmux4j.spi.Registry;
import io.github.tmux4j.spi.SessionRecord;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a client's registry says and what tmux says, side by side: the health of sessions (the one place
 * where a pane's state becomes a {@link Health}), records whose session was lost, and the reconciliation
 * of the two. A record and a live pane belong together when the pane's session carries the record's
 * creation instant ({@link SessionLabels}), or, for sessions created before labels existed, the record's
 * name. Records that fail {@link RecordCheck} are skipped and reported. Thread-safe.
 */
public final class Inventory {
  private static final System.Logger LOG = System.getLogger(Inventory.class.getName());

  private final Path socketDir;
  private final Path socket;
  private final Registry registry;
  private final Clock clock;
  private final Function<Path, TmuxCommands> servers;

  Inventory(Path socketDir, Path socket, Registry registry, Clock clock, Function<Path, TmuxCommands> servers) {
    this.socketDir = socketDir;
    this.socket = socket;
    this.registry = registry;
    this.clock = clock;
    this.servers = servers;
  }

  /**
   * Every usable record with its live health (one tmux command per socket), plus the sessions of this
   * client's socket whose record was lost (see {@link #lostRecord}), in name order.
   *
   * @return the sessions
   */
  public List<SessionInfo> sessions() {
    Map<Path, ServerView.Listing> listings = new HashMap<>();
    List<SessionInfo> infos = new ArrayList<>();
    List<SessionRecord> records = usable(registry.list());
    for (SessionRecord record : records) {
      ServerView.Listing live = listingOf(listings, record.socket());
      infos.add(new SessionInfo(record, live == null ? absent(HealthState.SERVER_NOT_RUNNING)
          : Optional.ofNullable(live.panes().get(record.target())).filter(p -> belongs(p, record))
              .map(p -> healthOf(p, clock)).orElse(absent(HealthState.MISSING))));
    }
    ServerView.Listing own = listingOf(listings, socket);
    if (own != null) {
      for (SessionRecord lost : lostRecords(own, records)) {
        infos.add(new SessionInfo(lost, healthOf(own.panes().get(lost.target()), clock)));
      }
    }
    infos.sort(Comparator.comparing(SessionInfo::name));
    return infos;
  }

  /**
   * The listing of a socket's server, asked once per socket: a server that is not running is remembered
   * too ({@code null}), which {@code computeIfAbsent} would not do (it asked again for every record).
   */
  private ServerView.Listing listingOf(Map<Path, ServerView.Listing> known, Path sock) {
    if (!known.containsKey(sock)) {
      known.put(sock, listingOrNull(sock));
    }
    return known.get(sock);
  }

  private ServerView.Listing listingOrNull(Path sock) {
    try {
      return servers.apply(sock).view().listing();
    } catch (ServerNotRunningException e) {
      return null;
    }
  }

  /** The records that pass {@link RecordCheck}; the others are logged and skipped. */
  private List<SessionRecord> usable(List<SessionRecord> records) {
    List<SessionRecord> usable = new ArrayList<>(records.size());
    for (SessionRecord r : records) {
      Optional<String> problem = RecordCheck.problem(r, socketDir);
      if (problem.isPresent()) {
        LOG.log(System.Logger.Level.WARNING, "Skipping the registry record of session '" + r.name() + "': "
            + problem.get());
      } else {
        usable.add(r);
      }
    }
    return usable;
  }

  /**
   * Checks the health of one session.
   *
   * @param ref the session
   * @param name its name, for messages
   * @return the health; never throws for a missing session or server
   */
  public Health health(SessionRef ref, String name) {
    TmuxCommands tmux = servers.apply(ref.socket());
    try {
      return healthOf(tmux.pane().info(ref, name), clock);
    } catch (ServerNotRunningException e) {
      return absent(HealthState.SERVER_NOT_RUNNING);
    } catch (SessionNotFoundException e) {
      // A server that has no session left is exiting (its last one was killed): it is not running.
      return absent(tmux.view().liveSessions().isEmpty() ? HealthState.SERVER_NOT_RUNNING : HealthState.MISSING);
    }
  }

  /**
   * The health of a pane tmux knows.
   *
   * @param pane the pane
   * @param clock the clock for the time of the check
   * @return DEAD, ZOMBIE or HEALTHY
   */
  public static Health healthOf(ServerView.PaneInfo pane, Clock clock) {
    HealthDecision.ProcessState process =
        pane.dead() ? HealthDecision.ProcessState.GONE : HealthDecision.observe(pane.pid());
    return HealthDecision.decide(pane.dead(), pane.deadStatus(), pane.pid(), process, clock.instant());
  }

  private Health absent(HealthState state) {
    return HealthDecision.absent(state, clock.instant());
  }

  /** Whether a live pane is the one a record means: the same pane, and the record's session's label. */
  static boolean belongs(ServerView.PaneInfo pane, SessionRecord record) {
    return pane.paneId().equals(record.target()) && (pane.created().isEmpty()
        ? pane.sessionName().equals(record.name()) : pane.belongsTo(Lifecycle.refOf(record)));
  }

  /**
   * A live session of a name on a socket.
   *
   * @param sock the socket
   * @param name the session name, compared exactly
   * @return the session, or empty
   */
  Optional<ServerView.LiveSession> live(Path sock, String name) {
    return servers.apply(sock).view().liveSessions().stream().filter(s -> s.name().equals(name)).findFirst();
  }

  /**
   * The record of a session on this client's socket that tmux4j created to be registered but that has
   * no record (the process that created it died between the two steps), rebuilt from its labels.
   *
   * @param name the session name
   * @return the rebuilt record, or empty
   */
  Optional<SessionRecord> lostRecord(String name) {
    return live(socket, name).flatMap(s -> s.labels().filter(SessionLabels::registered)
        .filter(l -> registry.list().stream().noneMatch(r -> r.socket().equals(socket)
            && r.target().equals(s.pane().paneId()) && r.createdAt().equals(l.created())))
        .map(l -> recordFrom(s, l)));
  }

  private List<SessionRecord> lostRecords(ServerView.Listing own, List<SessionRecord> records) {
    List<SessionRecord> lost = new ArrayList<>();
    for (ServerView.LiveSession s : own.sessions()) {
      s.labels().filter(SessionLabels::registered).filter(l -> records.stream().noneMatch(r ->
          r.socket().equals(socket) && r.target().equals(s.pane().paneId()) && r.createdAt().equals(l.created())))
          .ifPresent(l -> lost.add(recordFrom(s, l)));
    }
    return lost;
  }

  /** A record rebuilt from a session's labels: the one it was created with, but for last activity. */
  private SessionRecord recordFrom(ServerView.LiveSession s, SessionLabels labels) {
    return new SessionRecord(s.name(), socket, s.pane().paneId(), labels.type(), s.pane().pid(), labels.created(),
        labels.created(), labels.tags());
  }

  /**
   * Compares the registry with the live tmux servers of this client's socket and of every socket the
   * registry mentions, and optionally repairs what is out of step.
   *
   * @param repair whether to repair
   * @return what was found
   */
  public ReconcileReport reconcile(boolean repair) {
    List<SessionRecord> all = registry.list();
    List<ReconcileReport.Skipped> skipped = new ArrayList<>();
    all.forEach(r -> RecordCheck.problem(r, socketDir).ifPresent(p -> skipped.add(new ReconcileReport.Skipped(r.name(), p))));
    List<SessionRecord> records = usable(all);
    Map<Path, ServerView.Listing> listings = new HashMap<>();
    listings.put(socket, listingOrNull(socket));
    records.forEach(r -> listingOf(listings, r.socket()));
    List<SessionRecord> orphans = new ArrayList<>();
    List<ReconcileReport.Renamed> renamed = new ArrayList<>();
    for (SessionRecord r : records) {
      ServerView.Listing live = listings.get(r.socket());
      ServerView.PaneInfo pane = live == null ? null : live.panes().get(r.target());
      if (pane == null || !belongs(pane, r)) {
        orphans.add(r);
      } else if (!pane.sessionName().equals(r.name())) {
        renamed.add(new ReconcileReport.Renamed(r, pane.sessionName()));
      }
    }
    List<ReconcileReport.LiveSession> unregistered = new ArrayList<>();
    List<ServerView.LiveSession> toRegister = new ArrayList<>();
    for (Map.Entry<Path, ServerView.Listing> listing : listings.entrySet()) {
      Path sock = listing.getKey();
      for (ServerView.LiveSession s : listing.getValue() == null ? List.<ServerView.LiveSession>of()
          : listing.getValue().sessions()) {
        boolean recorded = records.stream().anyMatch(r -> r.socket().equals(sock) && belongs(s.pane(), r));
        if (!recorded) {
          unregistered.add(new ReconcileReport.LiveSession(sock, s.name()));
          toRegister.add(s);
        }
      }
    }
    if (repair) {
      new Repairs(registry, servers, clock).apply(orphans, renamed, toRegister);
    }
    return new ReconcileReport(orphans, unregistered, renamed, skipped, repair);
  }
}

package io.github.tmux4j;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Removes registered sessions that are dead or no longer wanted; obtained from
 * {@link TmuxClient#cleanup()}. Immutable: each method returns a new cleanup.
 *
 * <p>By default only sessions that are gone or broken are removed: {@code DEAD}, {@code MISSING},
 * {@code ZOMBIE} and {@code SERVER_NOT_RUNNING}; what is left of them in tmux is killed and their
 * records removed. {@link #olderThan} also removes healthy sessions idle for too long, {@link #all()}
 * every session. Ephemeral sessions whose owning JVM is gone ({@link SessionBuilder#ephemeral()}) are
 * always removed. Quarantined sessions ({@link Session#quarantine()}) are always kept unless
 * {@link #includeQuarantined()}. Sessions that are not registered are never touched.
 *
 * <pre>{@code
 * CleanupReport preview = tmux.cleanup().olderThan(Duration.ofDays(7)).dryRun().execute();
 * }</pre>
 */
public final class Cleanup {
  private final TmuxClient client;
  private final Duration olderThan;
  private final boolean all;
  private final boolean dryRun;
  private final boolean includeQuarantined;
  private final Predicate<SessionInfo> keep;

  Cleanup(TmuxClient client) {
    this(client, null, false, false, false, info -> false);
  }

  private Cleanup(TmuxClient client, Duration olderThan, boolean all, boolean dryRun, boolean includeQuarantined,
      Predicate<SessionInfo> keep) {
    this.client = client;
    this.olderThan = olderThan;
    this.all = all;
    this.dryRun = dryRun;
    this.includeQuarantined = includeQuarantined;
    this.keep = keep;
  }

  /**
   * Also removes healthy sessions whose {@code last_active} (the last input sent, not the creation
   * time) is older than {@code idle}.
   *
   * @param idle the idle time after which a healthy session is stale; positive
   * @return the refined cleanup
   */
  public Cleanup olderThan(Duration idle) {
    Objects.requireNonNull(idle, "idle");
    if (idle.isNegative()) {
      throw new IllegalArgumentException("olderThan must not be negative, got " + idle);
    }
    return new Cleanup(client, idle, all, dryRun, includeQuarantined, keep);
  }

  /**
   * Removes every registered session, healthy or not (except quarantined and kept ones).
   *
   * @return the refined cleanup
   */
  public Cleanup all() {
    return new Cleanup(client, olderThan, true, dryRun, includeQuarantined, keep);
  }

  /**
   * Changes nothing; the report says what would be removed.
   *
   * @return the refined cleanup
   */
  public Cleanup dryRun() {
    return new Cleanup(client, olderThan, all, true, includeQuarantined, keep);
  }

  /**
   * Keeps every session that matches {@code filter}, whatever its state. Several calls add up.
   *
   * @param filter the sessions to spare
   * @return the refined cleanup
   */
  public Cleanup keep(Predicate<SessionInfo> filter) {
    Objects.requireNonNull(filter, "filter");
    Predicate<SessionInfo> previous = keep;
    return new Cleanup(client, olderThan, all, dryRun, includeQuarantined, info -> previous.test(info) || filter.test(info));
  }

  /**
   * Looks only at sessions that match {@code filter}; all others are kept (for example one workspace's
   * sessions: {@code only(SessionFilter.tag("workspace", "w1"))}).
   *
   * @param filter the sessions this cleanup may remove
   * @return the refined cleanup
   */
  public Cleanup only(Predicate<SessionInfo> filter) {
    Objects.requireNonNull(filter, "filter");
    return keep(info -> !filter.test(info));
  }

  /**
   * Lets quarantined sessions be removed like any other.
   *
   * @return the refined cleanup
   */
  public Cleanup includeQuarantined() {
    return new Cleanup(client, olderThan, all, dryRun, true, keep);
  }

  /**
   * Looks at every registered session and removes those selected.
   *
   * @return what was done (or would be, in a dry run)
   * @throws RegistryException if the registry cannot be read or written
   */
  public CleanupReport execute() {
    List<CleanupReport.Entry> entries = new ArrayList<>();
    for (SessionInfo info : client.sessions()) {
      String reason = removalReason(info);
      boolean remove = reason != null;
      if (remove && info.quarantined() && !includeQuarantined) {
        reason = null;
        remove = false;
      }
      boolean kept = remove && keep.test(info);
      if (!remove || kept) {
        String why = kept ? "kept by filter" : info.quarantined() ? "quarantined" : describeHealthy(info);
        entries.add(new CleanupReport.Entry(info.name(), info.state(), CleanupReport.Action.KEPT, false, why));
        continue;
      }
      boolean leftInTmux = info.state() == HealthState.HEALTHY || info.state() == HealthState.DEAD
          || info.state() == HealthState.ZOMBIE;
      if (!dryRun) {
        client.lifecycle().remove(info.record(), leftInTmux);
      }
      entries.add(new CleanupReport.Entry(info.name(), info.state(),
          dryRun ? CleanupReport.Action.WOULD_REMOVE : CleanupReport.Action.REMOVED, leftInTmux, reason));
    }
    return new CleanupReport(entries, dryRun);
  }

  private String removalReason(SessionInfo info) {
    if (info.state() != HealthState.HEALTHY) {
      return info.state().jsonName();
    }
    if (info.orphaned()) {
      return "ephemeral, owner " + info.record().tags().get(io.github.tmux4j.internal.Owner.PID_TAG) + " gone";
    }
    if (all) {
      return "all";
    }
    if (olderThan != null && info.idle().compareTo(olderThan) > 0) {
      return "idle " + human(info.idle()) + " > " + human(olderThan);
    }
    return null;
  }

  private String describeHealthy(SessionInfo info) {
    return olderThan == null ? "healthy" : "healthy, idle " + human(info.idle()) + " <= " + human(olderThan);
  }

  private static String human(Duration d) {
    if (d.toDays() > 0) {
      return d.toDays() + "d" + (d.toHoursPart() > 0 ? d.toHoursPart() + "h" : "");
    }
    if (d.toHours() > 0) {
      return d.toHours() + "h" + (d.toMinutesPart() > 0 ? d.toMinutesPart() + "m" : "");
    }
    if (d.toMinutes() > 0) {
      return d.toMinutes() + "m" + (d.toSecondsPart() > 0 ? d.toSecondsPart() + "s" : "");
    }
    return d.toSeconds() + "s";
  }
}

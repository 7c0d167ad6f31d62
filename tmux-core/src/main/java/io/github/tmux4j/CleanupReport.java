package io.github.tmux4j;

import java.util.List;
import java.util.Objects;

/**
 * What {@link Cleanup#execute()} did, or would do in a dry run: one entry per registered session it
 * looked at.
 *
 * @param entries one entry per session, in name order
 * @param dryRun whether nothing was changed
 */
public record CleanupReport(List<Entry> entries, boolean dryRun) {

  /** Copies the entries. */
  public CleanupReport {
    entries = List.copyOf(Objects.requireNonNull(entries, "entries"));
  }

  /** What happened to one session. */
  public enum Action {
    /** The record was removed (and the session killed, if anything of it was left). */
    REMOVED,
    /** Dry run: the record would be removed. */
    WOULD_REMOVE,
    /** The session was left alone. */
    KEPT
  }

  /**
   * One session's outcome.
   *
   * @param name the session name
   * @param state its health when cleanup looked
   * @param action what was done
   * @param killed whether a tmux session was (or, in a dry run, would be) killed
   * @param reason why, in words ({@code "dead"}, {@code "idle 8d > 7d"}, {@code "healthy"},
   *     {@code "quarantined"}, {@code "kept by filter"})
   */
  public record Entry(String name, HealthState state, Action action, boolean killed, String reason) {}

  /**
   * The names of the sessions removed (or, in a dry run, that would be).
   *
   * @return the names
   */
  public List<String> removed() {
    return entries.stream().filter(e -> e.action() != Action.KEPT).map(Entry::name).toList();
  }

  /**
   * The names of the sessions kept.
   *
   * @return the names
   */
  public List<String> kept() {
    return entries.stream().filter(e -> e.action() == Action.KEPT).map(Entry::name).toList();
  }
}

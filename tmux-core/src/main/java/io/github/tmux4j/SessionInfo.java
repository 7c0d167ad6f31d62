package io.github.tmux4j;

import io.github.tmux4j.spi.SessionRecord;
import java.time.Duration;
import java.util.Objects;

/**
 * A registered session with its live health, as {@link TmuxClient#sessions()} lists it.
 *
 * @param record the registry record
 * @param health the health, checked when the list was made
 */
public record SessionInfo(SessionRecord record, Health health) {

  /** Validates the components. */
  public SessionInfo {
    Objects.requireNonNull(record, "record");
    Objects.requireNonNull(health, "health");
  }

  /**
   * The session name.
   *
   * @return the name
   */
  public String name() {
    return record.name();
  }

  /**
   * The session type, from the record's type name.
   *
   * @return the type
   */
  public SessionType type() {
    return SessionType.fromTypeName(record.type());
  }

  /**
   * The health state.
   *
   * @return the state
   */
  public HealthState state() {
    return health.state();
  }

  /**
   * When the session was created (the record's {@code created_at}).
   *
   * @return the creation time
   */
  public java.time.Instant createdAt() {
    return record.createdAt();
  }

  /**
   * When input was last sent to the session (the record's {@code last_active}).
   *
   * @return the time of last activity
   */
  public java.time.Instant lastActive() {
    return record.lastActive();
  }

  /**
   * How long the session had been idle when its health was checked: the time since {@code last_active}.
   *
   * @return the idle time, zero if {@code last_active} lies in the future
   */
  public Duration idle() {
    Duration d = Duration.between(record.lastActive(), health.checkedAt());
    return d.isNegative() ? Duration.ZERO : d;
  }

  /**
   * Whether the session is ephemeral ({@link SessionBuilder#ephemeral()}) and the JVM that owned it is
   * gone: cleanup removes such sessions whatever their health.
   *
   * @return {@code true} if orphaned
   */
  public boolean orphaned() {
    return io.github.tmux4j.internal.Owner.from(record.tags()).map(o -> !o.alive()).orElse(false);
  }

  /**
   * Whether the session is quarantined ({@link Session#quarantine()}): kept for forensics and spared by
   * {@link Cleanup}.
   *
   * @return {@code true} if quarantined
   */
  public boolean quarantined() {
    return record.tags().containsKey(Session.QUARANTINE_TAG);
  }
}

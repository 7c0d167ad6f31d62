package io.github.tmux4j.spi;

import java.util.List;
import java.util.Optional;

/**
 * Where sessions are recorded so that they can be found by name later, from this process or another.
 *
 * <p>Implementations must be thread-safe. A registry shared between processes (such as the
 * {@code FileRegistry} of the {@code tmux-registry} module) must also make each method atomic across
 * processes. Failures are reported as {@link io.github.tmux4j.RegistryException}; unreadable stored
 * data as {@link io.github.tmux4j.RegistryCorruptException}.
 */
public interface Registry extends AutoCloseable {

  /**
   * Records a session, replacing any record with the same name.
   *
   * @param record the record to store
   */
  void put(SessionRecord record);

  /**
   * Looks a session up by name.
   *
   * @param name the session name
   * @return the record, or empty if none is registered under that name
   */
  Optional<SessionRecord> get(String name);

  /**
   * Lists all records, in name order.
   *
   * @return a snapshot of the records
   */
  List<SessionRecord> list();

  /**
   * Removes a record.
   *
   * @param name the session name
   * @return {@code true} if a record was removed
   */
  boolean remove(String name);

  /**
   * Sets a record's {@code lastActive} to {@code when}; does nothing if there is no such record.
   *
   * @param name the session name
   * @param when the time of the activity
   */
  default void touch(String name, java.time.Instant when) {
    get(name).ifPresent(r -> put(r.withLastActive(when)));
  }

  /** Releases what the registry holds (files, locks). Registered records are kept. */
  @Override
  default void close() {}
}

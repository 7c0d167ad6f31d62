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
   * Replaces a record if the registry still holds the one the caller read, as one atomic step: the
   * building block that keeps concurrent creates, renames and kills (in this process or others) from
   * losing or removing each other's records.
   *
   * <ul>
   *   <li>{@code expected} is found by its name and must be {@linkplain SessionRecord#sameSession the same
   *       session} (socket, target, creation time; other fields such as {@code lastActive} may differ);
   *       {@code null} expects no record under {@code replacement}'s name.
   *   <li>{@code replacement} is stored under its own name; if that differs from {@code expected}'s (a
   *       rename), the old entry is removed and the new name must be free. {@code null} removes
   *       {@code expected}.
   * </ul>
   * When the registry holds anything else, nothing changes and the answer is {@code false}.
   *
   * <p>The default implementation reads, then writes, with the registry's other methods: it is not atomic
   * between processes. A registry shared by processes must override it (the {@code FileRegistry} does).
   *
   * @param expected the record the caller read, or {@code null} for none
   * @param replacement the new record, or {@code null} to remove {@code expected}
   * @return {@code true} if the replacement was made
   * @throws IllegalArgumentException if both are {@code null}
   */
  default boolean replace(SessionRecord expected, SessionRecord replacement) {
    if (expected == null && replacement == null) {
      throw new IllegalArgumentException("replace needs an expected record, a replacement, or both");
    }
    if (expected == null) {
      if (get(replacement.name()).isPresent()) {
        return false;
      }
      put(replacement);
      return true;
    }
    Optional<SessionRecord> current = get(expected.name());
    if (current.isEmpty() || !current.get().sameSession(expected)) {
      return false;
    }
    if (replacement == null) {
      return remove(expected.name());
    }
    if (!replacement.name().equals(expected.name())) {
      if (get(replacement.name()).isPresent()) {
        return false;
      }
      remove(expected.name());
    }
    put(replacement);
    return true;
  }

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

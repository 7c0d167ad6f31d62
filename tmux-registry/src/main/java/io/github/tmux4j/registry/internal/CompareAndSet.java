package io.github.tmux4j.registry.internal;

import io.github.tmux4j.spi.SessionRecord;
import java.util.Optional;

/**
 * The rules of {@link io.github.tmux4j.spi.Registry#replace}, applied to one {@link RegistryDocument.Edit}
 * (which the caller makes and writes under the registry's lock, so that the check and the change are one
 * atomic step). The rules are those of the SPI's default implementation: a record is found by name, an
 * entry that cannot be read as a record counts as none, and records match when they are
 * {@linkplain SessionRecord#sameSession the same session}. Stateless.
 */
public final class CompareAndSet {
  private CompareAndSet() {}

  /**
   * Checks the arguments of a replace before any lock is taken.
   *
   * @param expected the record the caller read, or {@code null}
   * @param replacement the new record, or {@code null}
   * @throws IllegalArgumentException if both are {@code null}
   */
  public static void check(SessionRecord expected, SessionRecord replacement) {
    if (expected == null && replacement == null) {
      throw new IllegalArgumentException("replace needs an expected record, a replacement, or both");
    }
  }

  /**
   * Replaces {@code expected} with {@code replacement} in {@code edit} if the edit still holds
   * {@code expected}'s session (or, for a {@code null} {@code expected}, nothing under
   * {@code replacement}'s name). Changes the edit only when it returns {@code true}, and then only as
   * needed: storing a record equal to the current one changes nothing. A rename moves the unknown fields
   * of the old entry to the new one ({@link RegistryDocument.Edit#move}).
   *
   * @param edit the edit, under the registry's lock
   * @param expected the record the caller read, or {@code null} for none
   * @param replacement the new record, or {@code null} to remove {@code expected}
   * @return {@code true} if the replacement was made
   * @throws IllegalArgumentException if both are {@code null}
   */
  public static boolean apply(RegistryDocument.Edit edit, SessionRecord expected, SessionRecord replacement) {
    check(expected, replacement);
    if (expected == null) {
      if (edit.record(replacement.name()).isPresent()) {
        return false;
      }
      edit.put(replacement);
      return true;
    }
    Optional<SessionRecord> current = edit.record(expected.name());
    if (current.isEmpty() || !current.get().sameSession(expected)) {
      return false;
    }
    if (replacement == null) {
      return edit.remove(expected.name());
    }
    boolean rename = !replacement.name().equals(expected.name());
    if (rename && edit.record(replacement.name()).isPresent()) {
      return false;
    }
    edit.move(expected.name(), replacement);
    return true;
  }
}

package io.github.tmux4j;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Selects sessions in {@link TmuxClient#sessions(SessionFilter)} and {@link Cleanup#keep}; combine with
 * {@link #and} and {@link #or}.
 *
 * <pre>{@code
 * tmux.sessions(SessionFilter.type(SessionType.PYTHON).and(SessionFilter.idleLongerThan(Duration.ofHours(12))));
 * }</pre>
 */
@FunctionalInterface
public interface SessionFilter extends Predicate<SessionInfo> {

  /**
   * Sessions of one of the given types.
   *
   * @param types the types
   * @return the filter
   */
  static SessionFilter type(SessionType... types) {
    Set<SessionType> set = EnumSet.noneOf(SessionType.class);
    set.addAll(Arrays.asList(types));
    return info -> set.contains(info.type());
  }

  /**
   * Sessions in one of the given health states.
   *
   * @param states the states
   * @return the filter
   */
  static SessionFilter state(HealthState... states) {
    Set<HealthState> set = EnumSet.noneOf(HealthState.class);
    set.addAll(Arrays.asList(states));
    return info -> set.contains(info.state());
  }

  /**
   * Sessions whose record has the tag {@code key} with the given value.
   *
   * @param key the tag name
   * @param value the tag value
   * @return the filter
   */
  static SessionFilter tag(String key, String value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    return info -> value.equals(info.record().tags().get(key));
  }

  /**
   * Sessions idle (no input since {@code last_active}) for longer than {@code idle}.
   *
   * @param idle the idle time
   * @return the filter
   */
  static SessionFilter idleLongerThan(Duration idle) {
    Objects.requireNonNull(idle, "idle");
    return info -> info.idle().compareTo(idle) > 0;
  }

  /**
   * Sessions matching both filters.
   *
   * @param other the other filter
   * @return the combined filter
   */
  default SessionFilter and(SessionFilter other) {
    Objects.requireNonNull(other, "other");
    return info -> test(info) && other.test(info);
  }

  /**
   * Sessions not matching this filter.
   *
   * @return the negated filter
   */
  default SessionFilter not() {
    return info -> !test(info);
  }

  /**
   * Sessions matching either filter.
   *
   * @param other the other filter
   * @return the combined filter
   */
  default SessionFilter or(SessionFilter other) {
    Objects.requireNonNull(other, "other");
    return info -> test(info) || other.test(info);
  }
}

package io.github.tmux4j.cli;

import java.time.Duration;
import java.time.Instant;

/** Human-readable times for tables: {@code 45s ago}, {@code 3m ago}, {@code 2h ago}, {@code 5d ago}. */
final class TimeText {
  private TimeText() {}

  /**
   * How long before {@code now} something happened, as the seed's tables showed it.
   *
   * @param then when it happened
   * @param now the present
   * @return e.g. {@code "2h ago"}; {@code "just now"} for less than a second or a time in the future
   */
  static String ago(Instant then, Instant now) {
    Duration d = Duration.between(then, now);
    if (d.isNegative() || d.getSeconds() < 1) {
      return "just now";
    }
    return compact(d) + " ago";
  }

  /**
   * A duration in its largest whole unit: {@code 45s}, {@code 3m}, {@code 2h}, {@code 5d}.
   *
   * @param d a non-negative duration
   * @return the text
   */
  static String compact(Duration d) {
    long s = d.getSeconds();
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return s / 60 + "m";
    }
    if (s < 86_400) {
      return s / 3600 + "h";
    }
    return s / 86_400 + "d";
  }

  /**
   * Seconds as the seed's options wrote them: {@code 15s}, {@code 2.5s}.
   *
   * @param d the duration
   * @return the text
   */
  static String seconds(Duration d) {
    long millis = d.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + "s" : millis / 1000.0 + "s";
  }
}

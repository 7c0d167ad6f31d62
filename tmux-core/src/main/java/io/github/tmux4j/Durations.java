package io.github.tmux4j;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the short durations of the seed's command-line tools: {@code 30s}, {@code 15m}, {@code 1h30m}. */
public final class Durations {
  private static final Pattern PART = Pattern.compile("(\\d+)([smhdw])");
  private static final Pattern WHOLE = Pattern.compile("(?:\\d+[smhdw])+");

  private Durations() {}

  /**
   * Parses a duration made of one or more number-unit pairs: {@code s} seconds, {@code m} minutes,
   * {@code h} hours, {@code d} days, {@code w} weeks ({@code 30s}, {@code 15m}, {@code 1h}, {@code 7d},
   * {@code 2w}, {@code 1h30m}). ISO-8601 ({@code PT1H}) is accepted too.
   *
   * @param text the text
   * @return the duration
   * @throws IllegalArgumentException if the text is not a duration, with an example of one
   */
  public static Duration parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("duration is null; use e.g. 30s, 15m, 1h, 7d or 2w");
    }
    String t = text.strip().toLowerCase(java.util.Locale.ROOT);
    if (t.startsWith("p")) {
      try {
        return Duration.parse(text.strip());
      } catch (java.time.format.DateTimeParseException e) {
        throw new IllegalArgumentException("'" + text + "' is not an ISO-8601 duration; use e.g. PT1H or 1h", e);
      }
    }
    if (!WHOLE.matcher(t).matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a duration; use a number and a unit (s, m, h, d, "
          + "w), e.g. 30s, 15m, 1h, 7d, 2w or 1h30m");
    }
    Duration total = Duration.ZERO;
    Matcher m = PART.matcher(t);
    try {
      while (m.find()) {
        long n = Long.parseLong(m.group(1));
        total = total.plus(switch (m.group(2)) {
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          case "h" -> Duration.ofHours(n);
          case "d" -> Duration.ofDays(n);
          default -> Duration.ofDays(Math.multiplyExact(n, 7));
        });
      }
    } catch (ArithmeticException | NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' is too long a duration", e);
    }
    return total;
  }
}

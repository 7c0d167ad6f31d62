package io.github.tmux4j.cli;

import io.github.tmux4j.Durations;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Option value converters; a value they reject is a usage error (exit 2) naming the option. */
final class Converters {
  private Converters() {}

  /** The seed's durations: {@code 30s}, {@code 15m}, {@code 1h}, {@code 7d}, {@code 2w}, {@code 1h30m}. */
  static final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      try {
        return Durations.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /**
   * A positive number of seconds, as the seed's {@code -T} took it ({@code 15}, {@code 2.5}), or a
   * duration with a unit ({@code 500ms} is not one; {@code 30s}, {@code 2m} are).
   */
  static final class SecondsConverter implements ITypeConverter<Duration> {
    private static final Pattern NUMBER = Pattern.compile("\\d+(\\.\\d*)?|\\.\\d+");

    @Override
    public Duration convert(String value) {
      String v = value.strip();
      Duration d;
      if (NUMBER.matcher(v).matches()) {
        try {
          d = Duration.ofMillis(new BigDecimal(v).movePointRight(3).longValueExact());
        } catch (ArithmeticException e) {
          throw new TypeConversionException("'" + value + "' is not a whole number of milliseconds");
        }
      } else {
        try {
          d = Durations.parse(v);
        } catch (IllegalArgumentException e) {
          throw new TypeConversionException("'" + value + "' is not a number of seconds (e.g. 15 or 2.5) "
              + "or a duration (e.g. 30s, 2m)");
        }
      }
      if (d.isZero() || d.isNegative()) {
        throw new TypeConversionException("'" + value + "' must be more than zero seconds");
      }
      return d;
    }
  }
}

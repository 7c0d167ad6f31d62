package io.github.tmux4j.cli;

import java.math.BigDecimal;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The {@code -T/--timeout SECONDS} option of the commands that wait ({@code create-session} for the
 * prompt, {@code safe-send} for its {@code -w} pattern, {@code wait-for-text}): how long, as a number of
 * seconds ({@code 15}, {@code 2.5}) or a duration with a unit ({@code 30s}, {@code 2m}), more than zero.
 *
 * <p>Its default is the command's own (the seed's), given where the command declares the mixin, and
 * shown by {@code --help}:
 *
 * <pre>{@code final Timeout timeout = Timeout.seconds(30);}</pre>
 */
final class Timeout {
  private Seconds value;

  private Timeout(Duration defaultValue) {
    value = new Seconds(defaultValue);
  }

  /**
   * The option with a default.
   *
   * @param defaultSeconds the command's default, in seconds
   * @return the mixin
   */
  static Timeout seconds(long defaultSeconds) {
    return new Timeout(Duration.ofSeconds(defaultSeconds));
  }

  /**
   * The option's model, to add to a command with {@link CommandSpec#addMixin}.
   *
   * @return the mixin
   */
  CommandSpec mixin() {
    return Specs.mixin(this).addOption(Specs.option(Seconds.class, Specs.Binding.of(() -> value, v -> value = v), "-T",
        "--timeout").paramLabel("SECONDS").converters(new Converter())
        .description("How long to wait, in seconds or with a unit: 2.5, 30s, 2m (default: ${DEFAULT-VALUE}).").build());
  }

  /**
   * The timeout: the value given, or the command's default.
   *
   * @return the duration, more than zero
   */
  Duration duration() {
    return value.duration();
  }

  /**
   * A duration that prints as the seed's {@code -T} took it: {@code 15}, {@code 2.5} (for the default in
   * {@code --help}).
   *
   * @param duration the duration
   */
  record Seconds(Duration duration) {
    @Override
    public String toString() {
      return BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros().toPlainString();
    }
  }

  /** {@link Converters.SecondsConverter}'s values, as {@link Seconds}. */
  static final class Converter implements ITypeConverter<Seconds> {
    private final Converters.SecondsConverter seconds = new Converters.SecondsConverter();

    @Override
    public Seconds convert(String value) {
      return new Seconds(seconds.convert(value));
    }
  }
}

package io.github.tmux4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tmux4j.DuplicateSessionException;
import io.github.tmux4j.InvalidSessionNameException;
import io.github.tmux4j.RegistryCorruptException;
import io.github.tmux4j.TmuxException;
import io.github.tmux4j.WaitTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

/** Option converters, and how failures become exit codes and one-line reasons. */
class ConvertersAndFailuresTest {
  private final Converters.SecondsConverter seconds = new Converters.SecondsConverter();
  private final Converters.DurationConverter durations = new Converters.DurationConverter();

  @Test
  void secondsAcceptTheSeedsNumbersAndDurations() {
    assertEquals(Duration.ofSeconds(15), seconds.convert("15"));
    assertEquals(Duration.ofMillis(2500), seconds.convert("2.5"));
    assertEquals(Duration.ofMillis(500), seconds.convert(".5"));
    assertEquals(Duration.ofMinutes(2), seconds.convert("2m"));
    assertThrows(TypeConversionException.class, () -> seconds.convert("0"));
    assertThrows(TypeConversionException.class, () -> seconds.convert("-1"));
    assertThrows(TypeConversionException.class, () -> seconds.convert("soon"));
    assertThrows(TypeConversionException.class, () -> seconds.convert("0.0001"));
  }

  @Test
  void durationsAreTheSeeds() {
    assertEquals(Duration.ofHours(1), durations.convert("1h"));
    assertEquals(Duration.ofDays(7), durations.convert("7d"));
    assertEquals(Duration.ofMinutes(90), durations.convert("1h30m"));
    TypeConversionException e = assertThrows(TypeConversionException.class, () -> durations.convert("1 hour"));
    assertTrue(e.getMessage().contains("'1 hour' is not a duration"), e.getMessage());
  }

  @Test
  void badInputIsExitTwo() {
    assertEquals(2, Failures.classify(new InvalidSessionNameException("a.b", "no dots")).exitCode());
    assertEquals(2, Failures.classify(new DuplicateSessionException("x", "exists")).exitCode());
    assertEquals(2, Failures.classify(new IllegalArgumentException("bad")).exitCode());
    PatternSyntaxException p = assertThrows(PatternSyntaxException.class, () -> Pattern.compile("(x"));
    Failures.Failure f = Failures.classify(p);
    assertEquals(2, f.exitCode());
    assertEquals("Invalid pattern '(x': Unclosed group near index 2", f.message());
  }

  @Test
  void failuresAreExitOneWithTheirFirstLine() {
    Failures.Failure timeout = Failures.classify(new WaitTimeoutException("x", Duration.ofSeconds(1), "a\nb"));
    assertEquals(1, timeout.exitCode());
    assertEquals("Timed out after 1000 ms waiting for x.", timeout.message());
    Failures.Failure corrupt = Failures.classify(new RegistryCorruptException(Path.of("/r.json"), "bad file", null));
    assertEquals(1, corrupt.exitCode());
    assertTrue(corrupt.message().endsWith("Run 'tmux4j reconcile-registry --repair' to move it aside and restore the "
        + "backup."), corrupt.message());
    assertEquals(1, Failures.classify(new TmuxException("tmux said no\ndetails")).exitCode());
    assertEquals("tmux said no", Failures.classify(new TmuxException("tmux said no\ndetails")).message());
    assertEquals(3, Failures.classify(new CliException(3, "not ready")).exitCode());
    assertTrue(Failures.classify(new NullPointerException("oops")).message().startsWith("Unexpected error: "));
  }

  @Test
  void safeSendRetriesOnlyTransientFailures() {
    assertEquals(2, SafeSendCommand.retryPolicy(3, Duration.ofMillis(500)).getConfig().getMaxRetries());
    assertEquals(0, SafeSendCommand.retryPolicy(1, Duration.ofMillis(500)).getConfig().getMaxRetries());
    assertEquals("def f():\n  return 1\n", SafeSendCommand.endWithEmptyLine("def f():\n  return 1"));
    assertEquals("x\n", SafeSendCommand.endWithEmptyLine("x\n"));
  }
}

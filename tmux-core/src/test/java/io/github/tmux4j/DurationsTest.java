package io.github.tmux4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

  @Test
  void parsesTheSeedsUnits() {
    assertEquals(Duration.ofSeconds(30), Durations.parse("30s"));
    assertEquals(Duration.ofMinutes(15), Durations.parse("15m"));
    assertEquals(Duration.ofHours(1), Durations.parse("1h"));
    assertEquals(Duration.ofDays(7), Durations.parse("7d"));
    assertEquals(Duration.ofDays(14), Durations.parse("2w"));
    assertEquals(Duration.ofMinutes(90), Durations.parse("1h30m"));
    assertEquals(Duration.ofHours(2), Durations.parse("PT2H"));
    assertEquals(Duration.ofHours(1), Durations.parse(" 1H "));
  }

  @Test
  void rejectsNonsenseWithAnExample() {
    for (String bad : new String[] {"", "7", "d", "1x", "-1h", "1.5h", "1 h", "P1X"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parse(bad), bad);
      assertTrue(e.getMessage().contains("1h"), e.getMessage());
    }
    assertThrows(IllegalArgumentException.class, () -> Durations.parse(null));
    assertThrows(IllegalArgumentException.class, () -> Durations.parse("99999999999999999999w"));
  }
}

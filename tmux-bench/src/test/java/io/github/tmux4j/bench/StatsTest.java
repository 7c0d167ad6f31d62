package io.github.tmux4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class StatsTest {

  @Test
  void medianAndP99OfKnownSamples() {
    long[] samples = new long[100];
    for (int i = 0; i < 100; i++) {
      samples[i] = (100 - i) * 1_000L; // unsorted on purpose
    }
    Stats s = Stats.of("x", samples);
    assertEquals(50_000L, s.medianNanos());
    assertEquals(99_000L, s.p99Nanos());
    assertEquals(50_500.0, s.meanNanos());
    assertThrows(IllegalArgumentException.class, () -> Stats.of("empty", new long[0]));
  }
}

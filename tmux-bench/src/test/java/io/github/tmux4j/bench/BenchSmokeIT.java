package io.github.tmux4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tmux4j.testing.PrivateTmux;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Keeps the benchmark harness working: a tiny run of every benchmark (timings are not asserted). */
class BenchSmokeIT {
  @RegisterExtension static final PrivateTmux TMUX = new PrivateTmux();

  @Test
  void everyBenchmarkRunsAndProducesSamples() throws Exception {
    Bench bench = new Bench(20, java.time.Duration.ZERO, TMUX.dir(), java.time.Duration.ofSeconds(2), 4);
    List<Stats> results = bench.runAll();
    assertEquals(0, bench.concurrent().errors(), bench.concurrent().toString());
    assertTrue(bench.concurrent().runs() > 0, bench.concurrent().toString());
    assertTrue(results.size() >= 6, results.toString());
    for (Stats s : results) {
      assertTrue(s.count() > 0 && s.medianNanos() > 0, s.toString());
    }
    assertEquals(2, results.stream().filter(s -> s.name().startsWith("3.")).count());
  }
}

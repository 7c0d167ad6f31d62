package io.github.tmux4j.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.github.tmux4j.junit.samples.ParallelSamples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * The extension under JUnit's parallel execution ({@code @Execution(CONCURRENT)}, 4 threads): sessions
 * created and closed at the same time on one socket. tmux 3.2a-3.6b crashed here before the attach gate
 * (9 of 10 runs failed); it must pass 20 runs in a row, always on one tmux server, leaving nothing behind.
 */
class ParallelExecutionIT {
  /** 20 in the main run; the version matrices repeat this test per version and ask for fewer. */
  private static final int RUNS = runs(System.getenv("TMUX4J_PARALLEL_RUNS"));

  @TempDir Path base;

  /** The runs asked for ($TMUX4J_PARALLEL_RUNS, unset or blank: 20); anything else than a count fails. */
  private static int runs(String asked) {
    return asked == null || asked.isBlank() ? 20 : Integer.parseInt(asked.strip());
  }

  @Test
  void twentyParallelRunsInARowPassOnOneServerAndLeaveNothingBehind() throws Exception {
    for (int run = 1; run <= RUNS; run++) {
      Path dir = Files.createDirectory(base.resolve("r" + run));
      EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
          .configurationParameter(TmuxExtension.TEST_DIR_PROPERTY, dir.toString())
          .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
          .configurationParameter("junit.jupiter.execution.parallel.mode.default", "concurrent")
          .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
          .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", "4")
          .selectors(selectClass(ParallelSamples.class))
          .execute();
      int currentRun = run;
      results.testEvents().assertStatistics(s -> s.started(17).succeeded(17).failed(0));
      List<ReportEntry> entries = results.allEvents().reportingEntryPublished().list().stream()
          .map(e -> e.getPayload(ReportEntry.class).orElseThrow()).toList();
      Set<String> servers = new HashSet<>();
      entries.forEach(e -> {
        String pid = e.getKeyValuePairs().get("server.pid");
        if (pid != null) {
          servers.add(pid);
        }
      });
      assertEquals(1, servers.size(), "run " + currentRun + ": every test saw the same tmux server: " + servers);
      Kit.awaitNoProcessMentions(dir);
      try (var left = Files.list(dir)) {
        assertEquals(List.of(), left.toList(), "run " + currentRun + ": the socket directories are gone");
      }
    }
  }
}

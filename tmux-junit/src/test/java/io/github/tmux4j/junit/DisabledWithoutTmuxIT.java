package io.github.tmux4j.junit;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.github.tmux4j.TmuxNotInstalledException;
import io.github.tmux4j.junit.samples.NoTmuxSamples;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * {@code @TmuxTest(disabledWithoutTmux = true)}: without a tmux that runs, the class is reported as
 * skipped, not failed; with one it runs. tmux is "missing" for real: the extension is pointed at a path
 * where there is no executable.
 */
class DisabledWithoutTmuxIT {
  @TempDir Path base;

  private EngineExecutionResults run(Class<?> sample, String tmux) {
    var request = EngineTestKit.engine("junit-jupiter")
        .configurationParameter(TmuxExtension.TEST_DIR_PROPERTY, base.toString())
        .selectors(selectClass(sample));
    if (tmux != null) {
      request.configurationParameter(TmuxExtension.TMUX_PROPERTY, tmux);
    }
    return request.execute();
  }

  @Test
  void withoutTmuxTheClassIsSkippedNotFailed() {
    EngineExecutionResults results = run(NoTmuxSamples.SkippedWithoutTmux.class,
        base.resolve("no-such-dir/tmux").toString());
    results.containerEvents().assertStatistics(s -> s.skipped(1).failed(0));
    results.testEvents().assertStatistics(s -> s.started(0).failed(0));
    String reason = results.containerEvents().skipped().list().get(0).getPayload(String.class).orElseThrow();
    assertTrue(reason.contains("disabledWithoutTmux") && reason.contains("no-such-dir/tmux"), reason);
  }

  @Test
  void withTmuxTheClassRuns() {
    run(NoTmuxSamples.SkippedWithoutTmux.class, null)
        .testEvents().assertStatistics(s -> s.started(1).succeeded(1));
  }

  @Test
  void withoutTheOptionAMissingTmuxFailsTheTest() {
    EngineExecutionResults results = run(NoTmuxSamples.FailsWithoutTmux.class,
        base.resolve("no-such-dir/tmux").toString());
    results.containerEvents().assertStatistics(s -> s.skipped(0));
    Throwable failure = results.allEvents().failed().list().stream()
        .map(e -> e.getPayload(TestExecutionResult.class).orElseThrow())
        .map(r -> r.getThrowable().orElseThrow())
        .findFirst().orElseThrow(() -> new AssertionError("nothing failed"));
    boolean notInstalled = false;
    for (Throwable t = failure; t != null; t = t.getCause()) {
      notInstalled |= t instanceof TmuxNotInstalledException;
    }
    assertTrue(notInstalled, "expected TmuxNotInstalledException, got " + failure);
  }
}

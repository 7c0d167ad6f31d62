package io.github.tmux4j.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.github.tmux4j.internal.Commands;
import io.github.tmux4j.internal.ServerShutdown;
import io.github.tmux4j.junit.samples.KeepSamples;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * {@code keepFailedSessions}: a failed test's sessions (its own and the shared ones) and their tmux server
 * stay after the class, named in report entries; a passing test's session is closed as usual.
 */
class KeepFailedSessionsIT {
  @TempDir Path base;
  private final List<Path> keptSockets = new ArrayList<>();

  @AfterEach
  void killKeptServers() throws IOException {
    for (Path socket : keptSockets) {
      ServerShutdown.kill(Commands.defaultBinary(), socket, Duration.ofSeconds(10));
    }
    Kit.awaitNoProcessMentions(base);
  }

  @Test
  void theAnnotationKeepsAFailedTestsSessionsAndServer() throws Exception {
    checkKept(EngineTestKit.engine("junit-jupiter")
        .configurationParameter(TmuxExtension.TEST_DIR_PROPERTY, base.toString())
        .selectors(selectClass(KeepSamples.ByAnnotation.class))
        .execute());
  }

  @Test
  void theConfigurationParameterKeepsThemForAnyClass() throws Exception {
    checkKept(EngineTestKit.engine("junit-jupiter")
        .configurationParameter(TmuxExtension.TEST_DIR_PROPERTY, base.toString())
        .configurationParameter(TmuxExtension.KEEP_FAILED_SESSIONS_PROPERTY, "true")
        .selectors(selectClass(KeepSamples.ByParameter.class))
        .execute());
  }

  private void checkKept(EngineExecutionResults results) throws Exception {
    results.testEvents().assertStatistics(s -> s.started(2).succeeded(1).failed(1));
    Map<String, String> entries = Kit.entries(results, "fails");
    Path socket = Path.of(entries.get("tmux4j.kept.socket"));
    keptSockets.add(socket);
    assertEquals("failing, kept-shared", entries.get("tmux4j.kept.sessions"));
    assertTrue(Files.exists(socket), "the socket is kept: " + socket);
    assertEquals(List.of("failing", "kept-shared"), tmux(socket, "list-sessions", "-F", "#{session_name}"),
        "the failed test's and the shared session live on; the passing test's is closed");
    assertTrue(String.join("\n", tmux(socket, "capture-pane", "-p", "-t", "=failing:")).contains("evidence-42"),
        "the failed test's screen is there to inspect");
    assertFalse(Kit.entries(results, "passes").containsKey("tmux4j.kept.socket"));
  }

  private static List<String> tmux(Path socket, String... args) throws Exception {
    Process process = Commands.tmuxProcess(Commands.defaultBinary(), socket, List.of(args))
        .redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(10, TimeUnit.SECONDS), "tmux answered");
    assertEquals(0, process.exitValue(), out);
    return out.lines().filter(l -> !l.isBlank()).sorted().toList();
  }
}

package io.github.tmux4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tmux4j.HealthState;
import io.github.tmux4j.Session;
import io.github.tmux4j.TmuxClient;
import io.github.tmux4j.registry.FileRegistry;
import io.github.tmux4j.testing.PrivateTmux;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Each half of story 3 runs in its own JVM, as it would after a real interruption. */
class Story3ReconnectAfterInterruptionIT {
  @RegisterExtension static final PrivateTmux TMUX = new PrivateTmux();

  private static String runJvm(Path socketDir, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Story3ReconnectAfterInterruption.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("TMUX4J_SOCKET_DIR", socketDir.toString());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(2, TimeUnit.MINUTES), "child JVM finished");
    assertEquals(0, p.exitValue(), out);
    return out;
  }

  @Test
  void aSecondProcessFindsTheSessionAndContinuesWithItsState() throws Exception {
    Path dir = TMUX.dir().resolve("story3");
    String started = runJvm(dir, "start", "story3-py");
    assertTrue(started.contains("state: 2 steps"), started);

    String resumed = runJvm(dir, "resume", "story3-py");
    assertTrue(resumed.contains("found story3-py in the registry: HEALTHY"), resumed);
    assertTrue(resumed.contains("resumed: loaded data, cleaned data, resumed"), resumed);

    try (FileRegistry registry = FileRegistry.open(dir.resolve(FileRegistry.DEFAULT_FILE_NAME))) {
      assertEquals("python-repl", registry.get("story3-py").orElseThrow().type());
    }
  }

  @Test
  void aSessionThatDiedMeanwhileIsReportedAndRecreated() throws Exception {
    Path dir = TMUX.dir().resolve("story3-dead");
    runJvm(dir, "start", "story3-dead");
    try (TmuxClient tmux = TmuxClient.builder().socketDir(dir).build()) {
      Session py = tmux.session("story3-dead").orElseThrow();
      py.send("import os; os._exit(1)");
      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15))
          .until(() -> py.health().state() == HealthState.DEAD);
    }
    String resumed = runJvm(dir, "resume", "story3-dead");
    assertTrue(resumed.contains("did not survive (DEAD)"), resumed);
    assertTrue(resumed.contains("resumed: loaded data, cleaned data, resumed"), resumed);
  }
}

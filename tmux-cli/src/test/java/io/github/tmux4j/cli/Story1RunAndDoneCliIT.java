package io.github.tmux4j.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.tmux4j.testing.PrivateTmux;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** LIFECYCLE.md story 1 (run and done), with {@code tmux4j <command>} in place of {@code ./tools/<command>.sh}. */
class Story1RunAndDoneCliIT {
  @RegisterExtension static final PrivateTmux TMUX = new PrivateTmux();

  @Test
  void createWaitSendCaptureCleanupLeavesNoSessions() {
    CliRunner cli = new CliRunner(TMUX.dir());

    // ./tools/create-session.sh -n work-python --python
    JsonNode created = cli.run("create-session", "-n", "work-python", "--python").expect(0).json();
    assertEquals("work-python", created.get("name").asText());
    assertEquals("python-repl", created.get("type").asText());
    assertTrue(created.get("registered").asBoolean());
    assertTrue(created.get("pid").asLong() > 0, created::toString);
    assertTrue(created.get("target").asText().startsWith("%"), created::toString);
    Path socket = Path.of(created.get("socket").asText());
    assertEquals(TMUX.dir().resolve("default"), socket);

    // ./tools/wait-for-text.sh -s work-python -p '>>>' -T 15
    cli.run("wait-for-text", "-s", "work-python", "-p", ">>>", "-T", "15").expect(0);
    // the seed's auto-detection: with one registered session, -s may be left out
    assertTrue(cli.run("pane-health", "--format", "text").expect(0).stdout().contains("'work-python' is healthy"));

    // ./tools/safe-send.sh -s work-python -c "import sys; print(sys.version)" -w '>>>'
    cli.run("safe-send", "-s", "work-python", "-c", "import sys; print(sys.version)", "-w", ">>>").expect(0);

    // OUTPUT=$(tmux -S "$SOCKET" capture-pane -p -t work-python:0.0)
    String output = CliRunner.tmux(socket, "capture-pane", "-p", "-t", "work-python:0.0").expect(0).stdout();
    assertTrue(Pattern.compile("(?m)^3\\.\\d+\\.\\d+").matcher(output).find(), output);
    String clean = cli.run("capture-clean", "-s", "work-python", "--strip-ansi").expect(0).stdout();
    assertTrue(Pattern.compile("(?m)^3\\.\\d+\\.\\d+").matcher(clean).find(), clean);

    // The safe default removes only what is gone or broken: the REPL is still healthy, so it stays...
    assertEquals("No sessions to clean up.", cli.run("cleanup-sessions").expect(0).stdout().strip());
    assertTrue(cli.run("list-sessions").expect(0).stdout().contains("work-python"));

    // ...until the job is done and the program has exited.
    cli.run("safe-send", "-s", "work-python", "-c", "exit()").expect(0);
    await().atMost(Duration.ofSeconds(30)).until(() -> cli.run("pane-health", "-s", "work-python").exitCode() == 1);

    // ./tools/cleanup-sessions.sh
    String cleanup = cli.run("cleanup-sessions").expect(0).stdout();
    assertTrue(cleanup.contains("Removing 1 session(s):"), cleanup);
    assertTrue(cleanup.contains("  - work-python (dead)"), cleanup);

    // ./tools/list-sessions.sh  -> No sessions registered
    assertEquals("No sessions registered.", cli.run("list-sessions").expect(0).stdout().strip());
    JsonNode listed = cli.run("list-sessions", "--json").expect(0).json();
    assertEquals(0, listed.get("sessions").size());
    assertFalse(CliRunner.tmux(socket, "has-session", "-t", "=work-python").exitCode() == 0,
        "cleanup also killed what was left of the session in tmux");
    if (CliRunner.jqInstalled()) {
      assertEquals("0", CliRunner.jq(cli.run("list-sessions", "--json").stdout(), ".sessions | length"));
    }
  }
}

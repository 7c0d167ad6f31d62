package io.github.tmux4j.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.tmux4j.testing.PrivateTmux;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** LIFECYCLE.md story 5 (background job, fire and forget), with the {@code tmux4j} command. */
class Story5BackgroundJobCliIT {
  @RegisterExtension static final PrivateTmux TMUX = new PrivateTmux();

  private final CliRunner cli = new CliRunner(TMUX.dir());

  @Test
  void registeredJobIsPolledUntilItsProcessEndsThenCapturedAndCleanedUp() {
    JsonNode created = cli.run("create-session", "-n", "background-job", "--shell").expect(0).json();
    Path socket = Path.of(created.get("socket").asText());
    // The "training" job ends its shell when done, so the pane's process ends with it.
    cli.run("safe-send", "-s", "background-job", "-T", "300", "-c",
        "python3 -c \"import time; time.sleep(1); print('model trained: loss 0.01')\"; exit").expect(0);

    // while true; do STATUS=$(pane-health -s background-job --format json | jq .process_running) ...
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
      CliRunner.Result health = cli.run("pane-health", "-s", "background-job", "--format", "json");
      return !health.json().get("process_running").asBoolean();
    });
    CliRunner.Result health = cli.run("pane-health", "-s", "background-job", "--format", "json").expect(1);
    assertEquals("dead", health.json().get("status").asText());
    assertTrue(health.json().get("pane_dead").asBoolean());
    assertEquals(0, health.json().get("exit_status").asInt());
    if (CliRunner.jqInstalled()) {
      assertEquals("false", CliRunner.jq(health.stdout(), ".process_running"));
    }

    // RESULT=$(tmux -S "$SOCKET" capture-pane -p -t background-job:0.0)
    String result = CliRunner.tmux(socket, "capture-pane", "-p", "-t", "background-job:0.0").expect(0).stdout();
    assertTrue(result.contains("model trained: loss 0.01"), result);

    // ./tools/cleanup-sessions.sh
    String cleanup = cli.run("cleanup-sessions").expect(0).stdout();
    assertTrue(cleanup.contains("  - background-job (dead)"), cleanup);
    assertEquals(0, cli.run("list-sessions", "--json").expect(0).json().get("sessions").size());
  }

  @Test
  void unregisteredJobIsDrivenWithPlainTmuxAndKilledExplicitly() {
    String name = "bg-" + ProcessHandle.current().pid();
    Path other = TMUX.dir().resolve("jobs");
    // a second unregistered session on the job's socket, so that the server outlives the job's session
    cli.run("create-session", "-n", "bg-companion", "--shell", "--no-register", "-S", other.toString()).expect(0);
    JsonNode created = cli.run("create-session", "-n", name, "--shell", "--no-register", "-S", other.toString())
        .expect(0).json();
    assertFalse(created.get("registered").asBoolean());
    Path socket = Path.of(created.get("socket").asText());
    assertFalse(cli.run("list-sessions").expect(0).stdout().contains(name), "not in the registry");

    // tmux -S "$SOCKET" send-keys -t "bg-$$":0.0 -- "python train_model.py" Enter
    CliRunner.tmux(socket, "send-keys", "-t", name + ":0.0", "--",
        "python3 -c \"print('unregistered job ' + 'done')\"", "Enter").expect(0);
    // The seed's explicit -S/-t flags reach a session the registry does not know.
    cli.run("wait-for-text", "-S", socket.toString(), "-t", name + ":0.0", "-p", "unregistered job done", "-T", "30")
        .expect(0);
    assertEquals(0, cli.run("pane-health", "-S", socket.toString(), "-t", name + ":0.0").exitCode());

    // tmux -S "$SOCKET" kill-session -t "bg-$$"
    CliRunner.tmux(socket, "kill-session", "-t", name).expect(0);
    CliRunner.Result gone = cli.run("pane-health", "-S", socket.toString(), "-t", name + ":0.0").expect(2);
    assertEquals("missing", gone.json().get("status").asText());
    assertFalse(gone.json().get("registered").asBoolean());
    assertFalse(cli.run("list-sessions").expect(0).stdout().contains("bg-"));

    // once the last session on the socket is gone, so is its server
    CliRunner.tmux(socket, "kill-session", "-t", "bg-companion").expect(0);
    assertEquals("server_not_running",
        cli.run("pane-health", "-S", socket.toString(), "-t", name).expect(4).json().get("status").asText());
  }
}

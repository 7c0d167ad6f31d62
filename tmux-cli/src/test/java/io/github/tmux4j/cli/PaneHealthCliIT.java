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

/** {@code pane-health}: the seed's exit codes and JSON for each state a session can be found in. */
class PaneHealthCliIT {
  @RegisterExtension static final PrivateTmux TMUX = new PrivateTmux();

  private final CliRunner cli = new CliRunner(TMUX.dir());

  @Test
  void healthySessionExitsZero() {
    long pid = cli.run("create-session", "-n", "ph-healthy", "--shell").expect(0).json().get("pid").asLong();
    JsonNode json = cli.run("pane-health", "-s", "ph-healthy").expect(0).json();
    assertEquals("healthy", json.get("status").asText());
    assertTrue(json.get("server_running").asBoolean());
    assertTrue(json.get("session_exists").asBoolean());
    assertTrue(json.get("pane_exists").asBoolean());
    assertFalse(json.get("pane_dead").asBoolean());
    assertTrue(json.get("process_running").asBoolean());
    assertEquals(pid, json.get("pid").asLong());
    String text = cli.run("pane-health", "-s", "ph-healthy", "--format", "text").expect(0).stdout().strip();
    assertTrue(text.matches("Pane %\\d+ of session 'ph-healthy' is healthy \\(PID: " + pid + ", process running\\)"), text);
  }

  @Test
  void exitedProgramIsDeadAndExitsOne() {
    cli.run("create-session", "-n", "ph-dead", "--shell").expect(0);
    cli.run("safe-send", "-s", "ph-dead", "-c", "exit 7").expect(0);
    await().atMost(Duration.ofSeconds(30)).until(() -> cli.run("pane-health", "-s", "ph-dead").exitCode() != 0);
    JsonNode json = cli.run("pane-health", "-s", "ph-dead").expect(1).json();
    assertEquals("dead", json.get("status").asText());
    assertTrue(json.get("pane_dead").asBoolean());
    assertFalse(json.get("process_running").asBoolean());
    assertEquals(7, json.get("exit_status").asInt());
    assertTrue(cli.run("pane-health", "-s", "ph-dead", "--format", "text").expect(1).stdout()
        .contains("is dead (process exited with status 7)"));
  }

  @Test
  void sessionKilledBehindTheRegistrysBackIsMissingAndExitsTwo() {
    // another session keeps the server up: a server whose last session ends exits with it
    cli.run("create-session", "-n", "ph-keepalive", "--shell", "--no-register").expect(0);
    Path socket = Path.of(cli.run("create-session", "-n", "ph-missing", "--shell").expect(0).json().get("socket").asText());
    CliRunner.tmux(socket, "kill-session", "-t", "=ph-missing").expect(0);
    JsonNode json = cli.run("pane-health", "-s", "ph-missing").expect(2).json();
    assertEquals("missing", json.get("status").asText());
    assertTrue(json.get("server_running").asBoolean());
    assertFalse(json.get("session_exists").asBoolean());
    assertTrue(json.get("registered").asBoolean());
  }

  @Test
  void unregisteredNameIsMissingAndExitsTwo() {
    JsonNode json = cli.run("pane-health", "-s", "ph-never-created").expect(2).json();
    assertEquals("missing", json.get("status").asText());
    assertFalse(json.get("registered").asBoolean());
    CliRunner.Result text = cli.run("pane-health", "-s", "ph-never-created", "--format", "text").expect(2);
    assertTrue(text.stdout().contains("Session 'ph-never-created' is not registered"), text::toString);
  }

  @Test
  void stoppedServerIsServerNotRunningAndExitsFour() {
    Path other = TMUX.dir().resolve("other");
    cli.run("create-session", "-n", "ph-server", "--shell", "-S", other.toString()).expect(0);
    assertEquals(0, cli.run("pane-health", "-s", "ph-server").exitCode());
    CliRunner.tmux(other, "kill-server").expect(0);

    JsonNode json = cli.run("pane-health", "-s", "ph-server").expect(4).json();
    assertEquals("server_not_running", json.get("status").asText());
    assertFalse(json.get("server_running").asBoolean());
    assertTrue(cli.run("pane-health", "-s", "ph-server", "--format", "text").expect(4).stdout()
        .contains("tmux server is not running on socket: " + other));
    // the seed's explicit flags report the same
    assertEquals(4, cli.run("pane-health", "-S", other.toString(), "-t", "ph-server:0.0").exitCode());
    // and list-sessions shows it
    assertTrue(cli.run("list-sessions").expect(0).stdout().lines()
        .anyMatch(l -> l.matches("ph-server\\s+shell\\s+server_not_running\\s.*")));
    // a session whose server is gone can still be deregistered by name
    cli.run("kill-session", "-s", "ph-server").expect(0);
    assertFalse(cli.run("list-sessions").expect(0).stdout().contains("ph-server"));
  }

  @Test
  void explicitTargetThatDoesNotExistIsMissing() {
    cli.run("create-session", "-n", "ph-explicit", "--shell", "--no-register").expect(0); // keeps the server up
    Path socket = TMUX.dir().resolve("default");
    assertEquals(0, cli.run("pane-health", "-S", socket.toString(), "-t", "ph-explicit:0.0").exitCode());
    JsonNode json = cli.run("pane-health", "-S", socket.toString(), "-t", "no-such-session:0.0").expect(2).json();
    assertEquals("missing", json.get("status").asText());
    assertTrue(json.get("server_running").asBoolean());
  }
}

package io.github.tmux4j.cli;

import static io.github.tmux4j.cli.CliRunner.assertOneLineError;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.tmux4j.testing.PrivateTmux;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Bad input and failures: one-line reasons on stderr, exit codes, and valid JSON even on error. */
class CliErrorsIT {
  @RegisterExtension static final PrivateTmux TMUX = new PrivateTmux();

  private final CliRunner cli = new CliRunner(TMUX.dir());

  @Test
  void badSessionNameIsUsageErrorWithJsonOnStdout() {
    CliRunner.Result r = cli.run("create-session", "-n", "bad:name", "--python").expect(2);
    assertOneLineError(r, "create-session", "Invalid session name \"bad:name\"");
    JsonNode error = r.json();
    assertTrue(error.get("error").asText().contains("':'"), error::toString);
    assertEquals(2, error.get("exit_code").asInt());
    assertOneLineError(cli.run("kill-session", "-s", "-dash").expect(2), "kill-session", "");
  }

  @Test
  void badDurationIsUsageError() {
    CliRunner.Result r = cli.run("cleanup-sessions", "--older-than", "5 parsecs").expect(2);
    assertOneLineError(r, "cleanup-sessions", "'5 parsecs' is not a duration");
    CliRunner.Result json = cli.run("cleanup-sessions", "--json", "--older-than", "1y").expect(2);
    assertEquals(2, json.json().get("exit_code").asInt());
  }

  @Test
  void unknownCommandsOptionsAndMissingArgumentsAreUsageErrors() {
    assertOneLineError(cli.run("frobnicate").expect(2), "", "Unmatched argument");
    CliRunner.Result unknown = cli.run("list-sessions", "--json", "--colour").expect(2);
    assertOneLineError(unknown, "list-sessions", "Unknown option: '--colour'");
    assertTrue(unknown.json().get("error").asText().contains("--colour"));
    assertOneLineError(cli.run("safe-send", "-s", "x").expect(2), "safe-send", "Missing required option: '--command=CMD'");
    assertOneLineError(cli.run("safe-send", "-s", "x", "-c", "y", "-r", "0").expect(2), "safe-send", "at least 1");
    assertOneLineError(cli.run("wait-for-text", "-s", "x", "-p", "(unclosed").expect(2), "wait-for-text",
        "Invalid pattern '(unclosed'");
    assertOneLineError(cli.run("pane-health", "-s", "x", "--format", "xml").expect(2), "pane-health", "xml");
    assertOneLineError(cli.run("reconcile-registry").expect(2), "reconcile-registry", "--report");
    assertOneLineError(cli.run("completion", "fish").expect(2), "completion", "fish");
    assertEquals(2, cli.run().exitCode());
  }

  @Test
  void unregisteredSessionsAreReportedPerCommand() {
    assertOneLineError(cli.run("safe-send", "-s", "ghost", "-c", "hi").expect(3), "safe-send", "not registered");
    assertOneLineError(cli.run("wait-for-text", "-s", "ghost", "-p", "x").expect(1), "wait-for-text", "not registered");
    assertOneLineError(cli.run("kill-session", "-s", "ghost").expect(1), "kill-session", "not registered");
    assertOneLineError(cli.run("rename-session", "-s", "ghost", "-n", "spirit").expect(1), "rename-session",
        "not registered");
    assertOneLineError(cli.run("capture-clean", "-s", "ghost").expect(1), "capture-clean", "not registered");
  }

  @Test
  void duplicateNameIsRefusedWithTheSeedsCode() {
    cli.run("create-session", "-n", "dup", "--shell").expect(0);
    CliRunner.Result r = cli.run("create-session", "-n", "dup", "--shell").expect(2);
    assertOneLineError(r, "create-session", "already exists");
    assertTrue(r.json().has("error"));
  }

  @Test
  void programThatCannotStartFailsWithCodeThreeAndLeavesNothing() {
    CliRunner.Result r = cli.run("create-session", "-n", "no-start", "--cmd", "sh", "-c", "echo boom; exit 4",
        "--ready", "never-shown").expect(3);
    assertOneLineError(r, "create-session", "Could not start session 'no-start'");
    assertFalse(cli.run("list-sessions").expect(0).stdout().contains("no-start"), "nothing left behind");
    assertNotEquals(0, CliRunner.tmux(TMUX.dir().resolve("default"), "has-session", "-t", "=no-start").exitCode());
  }

  @Test
  void safeSendTimeoutAndNotReadyUseTheSeedsCodes() {
    cli.run("create-session", "-n", "slow", "--python").expect(0);
    CliRunner.Result timeout = cli.run("safe-send", "-s", "slow", "-c", "import time; time.sleep(30)", "-w", "^>>>",
        "-T", "1").expect(2);
    assertOneLineError(timeout, "safe-send", "Timed out after 1s waiting for pattern '^>>>'");
    cli.run("safe-send", "-s", "slow", "-c", "").expect(0); // while the sleep runs: just Enter, no wait
    cli.run("kill-session", "-s", "slow").expect(0);

    cli.run("create-session", "-n", "ends", "--shell").expect(0);
    cli.run("safe-send", "-s", "ends", "-c", "exit").expect(0);
    await().atMost(Duration.ofSeconds(30)).until(() -> cli.run("pane-health", "-s", "ends").exitCode() == 1);
    assertOneLineError(cli.run("safe-send", "-s", "ends", "-c", "echo hi").expect(3), "safe-send",
        "Pane not ready: session 'ends' is dead");
  }

  @Test
  void waitForTextTimeoutShowsTheLastLinesSeen() {
    cli.run("create-session", "-n", "waiter", "--shell").expect(0);
    cli.run("safe-send", "-s", "waiter", "-c", "echo visible-marker").expect(0);
    CliRunner.Result r = cli.run("wait-for-text", "-s", "waiter", "-p", "never-printed", "-T", "1").expect(1);
    assertOneLineError(r, "wait-for-text", "Timed out after 1s waiting for pattern 'never-printed'");
    assertTrue(r.stderr().contains("| visible-marker"), r::toString);
  }

  @Test
  void corruptRegistryIsReportedAsJsonAndRepaired() throws Exception {
    cli.run("create-session", "-n", "survivor", "--shell", "--no-register").expect(0);
    Path registry = TMUX.dir().resolve(".sessions.json");
    Files.writeString(registry, "{\"version\": 1, \"sessions\": {\"half\": ");

    CliRunner.Result list = cli.run("list-sessions", "--json").expect(1);
    assertOneLineError(list, "list-sessions", registry.toString());
    assertTrue(list.errorLine().contains("reconcile-registry --repair"), list::toString);
    assertTrue(list.json().get("error").asText().contains("corrupt"), list::toString);

    String repaired = cli.run("reconcile-registry", "--repair").expect(0).stdout();
    assertTrue(repaired.contains("The registry file was corrupt: moved it aside to"), repaired);
    assertTrue(repaired.contains("Registered live session: survivor"), repaired);
    try (Stream<Path> files = Files.list(TMUX.dir())) {
      assertTrue(files.anyMatch(p -> p.getFileName().toString().startsWith(".sessions.json.corrupt-")));
    }
    assertTrue(cli.run("list-sessions", "--json").expect(0).json().get("sessions").toString()
        .contains("\"name\":\"survivor\""));
  }
}

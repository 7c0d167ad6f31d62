package io.github.tmux4j.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.tmux4j.testing.PrivateTmux;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** LIFECYCLE.md story 7 (crash recovery and forensics), with the {@code tmux4j} command. */
class Story7CrashRecoveryCliIT {
  @RegisterExtension static final PrivateTmux TMUX = new PrivateTmux();

  private final CliRunner cli = new CliRunner(TMUX.dir());

  /** Starts a REPL, makes it fail an import and then crash; returns the socket. */
  private Path crash(String name) {
    JsonNode created = cli.run("create-session", "-n", name, "--python").expect(0).json();
    cli.run("wait-for-text", "-s", name, "-p", ">>>", "-T", "15").expect(0);
    // ./tools/safe-send.sh -s claude-python -c "import bad_module"
    cli.run("safe-send", "-s", name, "-c", "import bad_module", "-w", "ModuleNotFoundError").expect(0);
    cli.run("safe-send", "-s", name, "-c", "import os; os._exit(3)").expect(0);
    await().atMost(Duration.ofSeconds(30)).until(() -> cli.run("pane-health", "-s", name).exitCode() == 1);
    return Path.of(created.get("socket").asText());
  }

  @Test
  void crashIsDetectedEvidenceCapturedDeadSessionCleanedUpAndRecreated() throws Exception {
    Path socket = crash("claude-python");

    // ./tools/pane-health.sh -s claude-python  ->  {"status": "dead", "process_running": false, ...}
    CliRunner.Result health = cli.run("pane-health", "-s", "claude-python").expect(1);
    assertEquals("dead", health.json().get("status").asText());
    assertFalse(health.json().get("process_running").asBoolean());
    assertEquals(3, health.json().get("exit_status").asInt());
    if (CliRunner.jqInstalled()) {
      assertEquals("\"dead\"", CliRunner.jq(health.stdout(), ".status"));
    }

    // 1. Capture evidence: EVIDENCE=$(tmux -S "$SOCKET" capture-pane -p -J -t claude-python:0.0 -S -500)
    String evidence = CliRunner.tmux(socket, "capture-pane", "-p", "-J", "-t", "claude-python:0.0", "-S", "-500")
        .expect(0).stdout();
    assertTrue(evidence.contains("ModuleNotFoundError"), evidence);
    Path log = TMUX.dir().resolve("crash-debug.log");
    Files.writeString(log, cli.run("capture-clean", "-s", "claude-python", "-l", "500", "--strip-ansi").expect(0).stdout());
    assertTrue(Files.readString(log).contains("No module named 'bad_module'"));

    // 2. Option A: ./tools/cleanup-sessions.sh removes the dead entry
    assertTrue(cli.run("cleanup-sessions").expect(0).stdout().contains("  - claude-python (dead)"));
    assertFalse(cli.run("list-sessions").expect(0).stdout().contains("claude-python"));

    // 3. Recreate with the same name, 4. resume work
    cli.run("create-session", "-n", "claude-python", "--python").expect(0);
    cli.run("wait-for-text", "-s", "claude-python", "-p", ">>>", "-T", "15").expect(0);
    cli.run("safe-send", "-s", "claude-python", "-c", "import json; print(json.dumps([1, 2]))", "-w", "^\\[1, 2\\]$")
        .expect(0);
    assertEquals(0, cli.run("pane-health", "-s", "claude-python").exitCode());
  }

  @Test
  void crashedSessionIsQuarantinedForForensicsWhileTheNameIsReused() {
    crash("forensic-python");

    // 2. Option B: keep it for forensics under another name
    String quarantined = cli.run("quarantine-session", "-s", "forensic-python").expect(0).stdout().strip();
    assertTrue(quarantined.startsWith("forensic-python-quarantined-"), quarantined);
    JsonNode sessions = cli.run("list-sessions", "--json").expect(0).json().get("sessions");
    List<JsonNode> mine = StreamSupport.stream(sessions.spliterator(), false)
        .filter(s -> s.get("name").asText().startsWith("forensic-python")).toList();
    assertEquals(List.of(quarantined), mine.stream().map(s -> s.get("name").asText()).toList());
    assertEquals("dead", mine.get(0).get("status").asText());
    // the evidence is still there under the new name
    assertTrue(cli.run("capture-clean", "-s", quarantined, "-l", "200").expect(0).stdout().contains("bad_module"));
    // cleanup spares it...
    assertFalse(cli.run("cleanup-sessions").expect(0).stdout().contains(quarantined));
    assertTrue(cli.run("cleanup-sessions", "--dry-run", "--json").expect(0).json().get("kept").toString()
        .contains("\"reason\":\"quarantined\""));

    // ...while the original name is free again
    cli.run("create-session", "-n", "forensic-python", "--python").expect(0);
    cli.run("safe-send", "-s", "forensic-python", "-c", "print('resumed ' * 2)", "-w", "resumed resumed").expect(0);

    // later, once analysed: release it (or --include-quarantined) and clean up
    cli.run("quarantine-session", "-s", quarantined, "--release").expect(0);
    assertTrue(cli.run("cleanup-sessions").expect(0).stdout().contains("  - " + quarantined + " (dead)"));
    List<JsonNode> left = StreamSupport.stream(cli.run("list-sessions", "--json").expect(0).json().get("sessions")
        .spliterator(), false).filter(s -> s.get("name").asText().startsWith("forensic-python")).toList();
    assertEquals(1, left.size());
    assertEquals("forensic-python", left.get(0).get("name").asText());
    assertEquals("healthy", left.get(0).get("status").asText());
  }
}

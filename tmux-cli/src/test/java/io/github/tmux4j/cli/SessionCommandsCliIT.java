package io.github.tmux4j.cli;

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
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The operations LIFECYCLE.md listed as missing: kill, rename, monitor, capture-clean, reconcile,
 * backup and restore; and last_active tracking.
 */
class SessionCommandsCliIT {
  @RegisterExtension static final PrivateTmux TMUX = new PrivateTmux();

  private static CliRunner cli;
  private static Path socket;

  @BeforeAll
  static void keepServerUp() {
    cli = new CliRunner(TMUX.dir());
    // An unregistered session keeps the server running whatever the tests kill.
    socket = Path.of(cli.run("create-session", "-n", "anchor", "--shell", "--no-register").expect(0).json()
        .get("socket").asText());
  }

  private static List<String> registeredNames() {
    JsonNode sessions = cli.run("list-sessions", "--json").expect(0).json().get("sessions");
    return StreamSupport.stream(sessions.spliterator(), false).map(s -> s.get("name").asText()).toList();
  }

  private static String registryField(String session, String field) throws Exception {
    JsonNode registry = CliRunner.JSON.readTree(Files.readString(TMUX.dir().resolve(".sessions.json")));
    return registry.get("sessions").get(session).get(field).asText();
  }

  @Test
  void customCommandWithEnvironmentTagsAndTemplate() throws Exception {
    Path template = TMUX.dir().resolve("setup.txt");
    Files.writeString(template, "# set up the REPL\nsend greeting = 'hello ' + 'template'\nsend print(greeting)\n"
        + "wait hello template 10s\n");
    JsonNode created = cli.run("create-session", "-n", "custom-repl", "--cmd", "python3", "-q", "--ready", "^>>>$",
        "-e", "PYTHON_BASIC_REPL=1", "-e", "NAME=ignored", "--tag", "project=cli", "--template", template.toString())
        .expect(0).json();
    assertEquals("custom", created.get("type").asText());
    JsonNode listed = StreamSupport.stream(cli.run("list-sessions", "--json").expect(0).json().get("sessions")
        .spliterator(), false).filter(s -> s.get("name").asText().equals("custom-repl")).findFirst().orElseThrow();
    assertEquals("cli", listed.get("tags").get("project").asText());
    // the template ran before create-session returned
    assertTrue(cli.run("capture-clean", "-s", "custom-repl").expect(0).stdout().contains("hello template"));
    cli.run("safe-send", "-s", "custom-repl", "-c", "import os; print(os.environ['NAME'])", "-w", "^ignored$").expect(0);
    cli.run("kill-session", "-s", "custom-repl").expect(0);
  }

  @Test
  void killSessionKillsAndDeregisters() {
    cli.run("create-session", "-n", "to-kill", "--shell").expect(0);
    assertEquals("Killed session 'to-kill' and removed it from the registry.",
        cli.run("kill-session", "-s", "to-kill").expect(0).stdout().strip());
    assertFalse(registeredNames().contains("to-kill"));
    assertNotEquals(0, CliRunner.tmux(socket, "has-session", "-t", "=to-kill").exitCode());
  }

  @Test
  void renameSessionMovesTmuxAndRegistryTogether() {
    cli.run("create-session", "-n", "old-name", "--python").expect(0);
    cli.run("rename-session", "-s", "old-name", "-n", "new-name").expect(0);
    assertTrue(registeredNames().contains("new-name"));
    assertFalse(registeredNames().contains("old-name"));
    assertEquals(0, CliRunner.tmux(socket, "has-session", "-t", "=new-name").exitCode());
    cli.run("safe-send", "-s", "new-name", "-c", "print(40 + 2)", "-w", "^42$").expect(0);
    assertEquals(2, cli.run("rename-session", "-s", "new-name", "-n", "bad.name").exitCode());
    cli.run("kill-session", "-s", "new-name").expect(0);
  }

  @Test
  void safeSendUpdatesLastActiveAndReadOnlyCommandsDoNot() throws Exception {
    cli.run("create-session", "-n", "activity", "--shell").expect(0);
    String created = registryField("activity", "last_active");
    cli.run("pane-health", "-s", "activity").expect(0);
    cli.run("wait-for-text", "-s", "activity", "-p", "tmux4j").expect(0);
    cli.run("capture-clean", "-s", "activity").expect(0);
    cli.run("list-sessions").expect(0);
    assertEquals(created, registryField("activity", "last_active"), "read-only commands leave last_active alone");
    cli.run("safe-send", "-s", "activity", "-c", "# heartbeat").expect(0);
    assertNotEquals(created, registryField("activity", "last_active"));
    cli.run("kill-session", "-s", "activity").expect(0);
  }

  @Test
  void captureCleanKeepsOrStripsColoursAndStampsLines() {
    cli.run("create-session", "-n", "colours", "--shell").expect(0);
    cli.run("safe-send", "-s", "colours", "-c", "printf 'plain \\033[31mred\\033[0m done\\n'", "-w", "^plain").expect(0);
    String coloured = cli.run("capture-clean", "-s", "colours").expect(0).stdout();
    assertTrue(coloured.contains("\u001b["), coloured);
    String clean = cli.run("capture-clean", "-s", "colours", "--strip-ansi").expect(0).stdout();
    assertFalse(clean.contains("\u001b"), clean);
    assertTrue(clean.lines().anyMatch(l -> l.equals("plain red done")), clean);
    String stamped = cli.run("capture-clean", "-s", "colours", "--strip-ansi", "--timestamps").expect(0).stdout();
    assertTrue(stamped.lines().anyMatch(l -> l.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z plain red done")),
        stamped);
    cli.run("kill-session", "-s", "colours").expect(0);
  }

  @Test
  void monitorPanePrintsTheScreenAndFollowsNewLinesUntilTheSessionEnds() throws Exception {
    cli.run("create-session", "-n", "watched", "--shell").expect(0);
    cli.run("safe-send", "-s", "watched", "-c", "echo before-follow", "-w", "^before-follow$").expect(0);
    assertTrue(cli.run("monitor-pane", "-s", "watched").expect(0).stdout().lines().anyMatch("before-follow"::equals));
    String stamped = cli.run("monitor-pane", "-s", "watched", "--timestamps").expect(0).stdout();
    assertTrue(stamped.lines().anyMatch(l -> l.matches("\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z before-follow")),
        "stamped as capture-clean stamps its lines: " + stamped);

    Path out = TMUX.dir().resolve("follow.out");
    Path err = TMUX.dir().resolve("follow.err");
    Process follow = cli.start(out, err, "monitor-pane", "-s", "watched", "--follow", "--strip-ansi");
    try {
      await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(err).contains("Following session 'watched'"));
      cli.run("safe-send", "-s", "watched", "-c", "echo during-follow-$((6 * 7))").expect(0);
      await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(out).lines().anyMatch("during-follow-42"::equals));
      cli.run("safe-send", "-s", "watched", "-c", "exit").expect(0);
      assertTrue(follow.waitFor(30, TimeUnit.SECONDS), "following ends when the session ends");
      assertEquals(0, follow.exitValue());
      assertFalse(Files.readString(out).contains("before-follow\n"), "only what was printed after it started");
      assertTrue(Files.readString(err).contains("Session 'watched' is dead; stopped following."), Files.readString(err));
    } finally {
      follow.destroyForcibly();
    }
  }

  @Test
  void reconcileReportsAndRepairsDriftBothWays() {
    cli.run("create-session", "-n", "orphan", "--shell").expect(0);
    CliRunner.tmux(socket, "kill-session", "-t", "=orphan").expect(0);
    CliRunner.tmux(socket, "new-session", "-d", "-s", "stray", "sh").expect(0);

    String report = cli.run("reconcile-registry", "--report").expect(0).stdout();
    assertTrue(report.contains("Found orphan record: orphan"), report);
    assertTrue(report.contains("Found unregistered live session: stray on " + socket), report);
    assertTrue(report.contains("Run 'tmux4j reconcile-registry --repair'"), report);
    JsonNode json = cli.run("reconcile-registry", "--report", "--json").expect(0).json();
    assertFalse(json.get("consistent").asBoolean());
    assertEquals("orphan", json.get("orphan_records").get(0).get("name").asText());

    JsonNode repaired = cli.run("reconcile-registry", "--repair", "--json").expect(0).json();
    assertTrue(repaired.get("repaired").asBoolean());
    assertFalse(registeredNames().contains("orphan"));
    assertTrue(registeredNames().contains("stray"));
    assertTrue(registeredNames().contains("anchor"), "repair registers every live session it finds");
    assertTrue(cli.run("reconcile-registry", "--report").expect(0).stdout().contains("Registry and tmux agree."));
    cli.run("kill-session", "-s", "stray").expect(0);
  }

  @Test
  void backupAndRestoreRoundTrip() throws Exception {
    cli.run("create-session", "-n", "kept-in-backup", "--shell").expect(0);
    Path backup = TMUX.dir().resolve("backups/registry-copy.json");
    String backedUp = cli.run("backup-registry", backup.toString()).expect(0).stdout();
    assertTrue(backedUp.startsWith("Backed up "), backedUp);
    assertTrue(Files.readString(backup).contains("\"kept-in-backup\""));

    cli.run("kill-session", "-s", "kept-in-backup").expect(0);
    assertFalse(registeredNames().contains("kept-in-backup"));
    assertTrue(cli.run("restore-registry", backup.toString()).expect(0).stdout().startsWith("Restored "));
    assertTrue(registeredNames().contains("kept-in-backup"));
    // restored, but the session itself is gone: cleanup removes the record again
    assertTrue(cli.run("cleanup-sessions").expect(0).stdout().contains("  - kept-in-backup (missing)"));

    Path notARegistry = TMUX.dir().resolve("not-a-registry.json");
    Files.writeString(notARegistry, "[1, 2, 3]");
    CliRunner.Result refused = cli.run("restore-registry", notARegistry.toString()).expect(1);
    CliRunner.assertOneLineError(refused, "restore-registry", notARegistry.toString());
  }
}

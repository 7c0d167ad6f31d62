package io.github.tmux4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.tmux4j.testing.PrivateTmux;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@code --json} outputs of the commands that printed only text: one documented shape each (see
 * tmux-cli/README.md), read back with Jackson.
 */
class JsonOutputsCliIT {
  @RegisterExtension static final PrivateTmux TMUX = new PrivateTmux();

  private static CliRunner cli;

  @BeforeAll
  static void keepServerUp() {
    cli = new CliRunner(TMUX.dir());
    cli.run("create-session", "-n", "json-anchor", "--shell", "--no-register").expect(0);
  }

  private static Set<String> fields(JsonNode node) {
    Set<String> names = new TreeSet<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static void assertSecondTimestamp(JsonNode value) {
    assertTrue(value.asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), value::toString);
    Instant.parse(value.asText());
  }

  @Test
  void killSession() {
    cli.run("create-session", "-n", "json-kill", "--shell").expect(0);
    JsonNode killed = cli.run("kill-session", "-s", "json-kill", "--json").expect(0).json();
    assertEquals(Set.of("name", "killed"), fields(killed));
    assertEquals("json-kill", killed.get("name").asText());
    assertTrue(killed.get("killed").asBoolean());
    JsonNode again = cli.run("kill-session", "-s", "json-kill", "--json").expect(1).json();
    assertTrue(again.get("error").asText().contains("json-kill"), again::toString);
  }

  @Test
  void renameSession() {
    cli.run("create-session", "-n", "json-old", "--shell").expect(0);
    JsonNode renamed = cli.run("rename-session", "-s", "json-old", "-n", "json-new", "--json").expect(0).json();
    assertEquals(Set.of("name", "previous_name"), fields(renamed));
    assertEquals("json-new", renamed.get("name").asText());
    assertEquals("json-old", renamed.get("previous_name").asText());
    cli.run("kill-session", "-s", "json-new").expect(0);
  }

  @Test
  void quarantineAndRelease() {
    cli.run("create-session", "-n", "json-q", "--shell").expect(0);
    JsonNode quarantined = cli.run("quarantine-session", "-s", "json-q", "--json").expect(0).json();
    assertEquals(Set.of("name", "previous_name", "quarantined"), fields(quarantined));
    String newName = quarantined.get("name").asText();
    assertTrue(newName.startsWith("json-q-quarantined-"), newName);
    assertEquals("json-q", quarantined.get("previous_name").asText());
    assertTrue(quarantined.get("quarantined").asBoolean());

    JsonNode released = cli.run("quarantine-session", "-s", newName, "--release", "--json").expect(0).json();
    assertEquals(Set.of("name", "previous_name", "quarantined"), fields(released));
    assertEquals(newName, released.get("previous_name").asText());
    assertFalse(released.get("quarantined").asBoolean());
    cli.run("kill-session", "-s", released.get("name").asText()).expect(0);
  }

  @Test
  void captureCleanAndMonitorPane() {
    cli.run("create-session", "-n", "json-screen", "--shell").expect(0);
    cli.run("safe-send", "-s", "json-screen", "-c", "printf 'one \\033[31mred\\033[0m \"q\"\\n'", "-w", "^one").expect(0);

    JsonNode capture = cli.run("capture-clean", "-s", "json-screen", "--strip-ansi", "--json").expect(0).json();
    assertEquals(Set.of("name", "target", "captured_at", "lines"), fields(capture));
    assertEquals("json-screen", capture.get("name").asText());
    assertTrue(capture.get("target").asText().startsWith("%"), capture::toString);
    assertSecondTimestamp(capture.get("captured_at"));
    List<String> lines = new ArrayList<>();
    capture.get("lines").forEach(l -> lines.add(l.asText()));
    assertTrue(lines.contains("one red \"q\""), lines::toString);

    // monitor-pane --json: JSON Lines, one object per line of the screen.
    String monitored = cli.run("monitor-pane", "-s", "json-screen", "--strip-ansi", "--json").expect(0).stdout();
    List<String> monitoredLines = new ArrayList<>();
    for (String line : monitored.lines().toList()) {
      JsonNode object = new CliRunner.Result(List.of(), 0, line, "").json();
      assertEquals(Set.of("time", "line"), fields(object));
      assertSecondTimestamp(object.get("time"));
      monitoredLines.add(object.get("line").asText());
    }
    assertTrue(monitoredLines.contains("one red \"q\""), monitored);
    cli.run("kill-session", "-s", "json-screen").expect(0);
  }

  @Test
  void paneHealthAndCreateSessionTakeJsonToo() {
    JsonNode created = cli.run("create-session", "-n", "json-health", "--shell", "--json").expect(0).json();
    assertEquals("json-health", created.get("name").asText());
    JsonNode health = cli.run("pane-health", "-s", "json-health", "--json").expect(0).json();
    assertEquals(fields(cli.run("pane-health", "-s", "json-health").expect(0).json()), fields(health),
        "--json is the default format");
    assertEquals("healthy", health.get("status").asText());
    JsonNode conflict = cli.run("pane-health", "-s", "json-health", "--json", "--format", "text").expect(2).json();
    assertTrue(conflict.get("error").asText().contains("--format text"), conflict::toString);
    cli.run("kill-session", "-s", "json-health").expect(0);
  }

  @Test
  void backupAndRestoreRegistry() {
    cli.run("create-session", "-n", "json-backup", "--shell").expect(0);
    Path copy = TMUX.dir().resolve("json-copy.json");
    JsonNode backup = cli.run("backup-registry", copy.toString(), "--json").expect(0).json();
    assertEquals(Set.of("file", "sessions"), fields(backup));
    assertEquals(copy.toAbsolutePath().toString(), backup.get("file").asText());
    assertTrue(backup.get("sessions").asInt() >= 1, backup::toString);
    JsonNode restore = cli.run("restore-registry", copy.toString(), "--json").expect(0).json();
    assertEquals(Set.of("file", "sessions"), fields(restore));
    assertEquals(backup.get("sessions").asInt(), restore.get("sessions").asInt());
    cli.run("kill-session", "-s", "json-backup").expect(0);
  }
}

package io.github.tmux4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.tmux4j.registry.FileRegistry;
import io.github.tmux4j.spi.SessionRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command run in-process: parsing, usage errors and the commands that need no tmux server. */
class Tmux4jCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private InProcess.Run run(String... args) {
    return InProcess.run(dir, args);
  }

  @Test
  void noCommandShowsTheCommandsAndIsAUsageError() {
    InProcess.Run r = run();
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("create-session"), r.err());
    assertTrue(r.err().contains("tmux4j: Missing command"), r.err());
  }

  @Test
  void versionAndHelpExitZero() {
    InProcess.Run version = run("--version");
    assertEquals(0, version.exitCode());
    assertTrue(version.out().startsWith("tmux4j "), version.out());
    InProcess.Run help = run("safe-send", "--help");
    assertEquals(0, help.exitCode());
    assertTrue(help.out().contains("-w, --wait=PATTERN"), help.out());
  }

  @Test
  void usageErrorsExitTwoWithOneLineReason() {
    InProcess.Run r = run("cleanup-sessions", "--older-than", "soon");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().startsWith("tmux4j cleanup-sessions: Invalid value for option '--older-than': 'soon' is not a "
        + "duration"), r.err());
    assertEquals("", r.out(), "no JSON was asked for");
  }

  @Test
  void usageErrorPrintsJsonWhenTheCommandPrintsJson() throws Exception {
    InProcess.Run r = run("list-sessions", "--json", "--bogus");
    assertEquals(2, r.exitCode());
    JsonNode error = JSON.readTree(r.out());
    assertTrue(error.get("error").asText().contains("--bogus"));
    assertEquals(2, error.get("exit_code").asInt());
  }

  @Test
  void invalidSessionNameIsAUsageErrorBeforeAnyTmuxCommand() throws Exception {
    InProcess.Run r = run("create-session", "-n", "a.b", "--python");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().startsWith("tmux4j create-session: Invalid session name \"a.b\""), r.err());
    assertEquals(1, r.err().lines().count(), "one line");
    assertTrue(JSON.readTree(r.out()).get("error").asText().startsWith("Invalid session name"));
    assertEquals(2, run("kill-session", "-s", "a:b").exitCode());
  }

  @Test
  void badOptionValuesAreUsageErrors() {
    assertEquals(2, run("safe-send", "-s", "x", "-c", "y", "-r", "0").exitCode());
    assertEquals(2, run("safe-send", "-s", "x", "-c", "y", "-l", "-m").exitCode());
    assertEquals(2, run("safe-send", "-s", "x", "-c", "y", "-T", "-1").exitCode());
    assertEquals(2, run("wait-for-text", "-s", "x", "-p", "[").exitCode());
    assertEquals(2, run("wait-for-text", "-s", "x", "-p", "y", "-l", "-5").exitCode());
    assertEquals(2, run("create-session", "-n", "x", "--python", "--gdb").exitCode());
    assertEquals(2, run("reconcile-registry", "--report", "--repair").exitCode());
    assertEquals(2, run("safe-send", "-s", "x", "-t", "y", "-c", "z").exitCode());
    assertEquals(2, run("safe-send", "-S", "/tmp/sock", "-c", "z").exitCode());
  }

  @Test
  void emptyRegistryListsNothing() throws Exception {
    assertEquals("No sessions registered.\n", run("list-sessions").out());
    JsonNode json = JSON.readTree(run("list-sessions", "--json").out());
    assertEquals(0, json.get("sessions").size());
    assertEquals(0, json.get("total").asInt());
    assertEquals("No sessions in registry.\n", run("cleanup-sessions").out());
  }

  @Test
  void sessionCommandsWithoutSessionsNeedADesignation() {
    InProcess.Run r = run("pane-health", "--format", "text");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("No sessions are registered"), r.err());
  }

  @Test
  void completeSessionsPrintsTheRegisteredNames() {
    try (FileRegistry registry = FileRegistry.open(dir.resolve(FileRegistry.DEFAULT_FILE_NAME))) {
      Instant now = Instant.now();
      for (String name : List.of("beta", "alpha")) {
        registry.put(new SessionRecord(name, dir.resolve("default"), "%1", "shell", 1, now, now, Map.of()));
      }
    }
    InProcess.Run r = run(CompleteSessionsCommand.NAME);
    assertEquals(0, r.exitCode());
    assertEquals("alpha\nbeta\n", r.out());
  }

  @Test
  void completionScriptReadsSessionNamesWhenTabIsPressed() {
    String script = run("completion", "bash").out();
    assertTrue(script.contains("complete -F _complete_tmux4j"), script);
    assertEquals(8, script.split("\n      " + SessionNameCompletion.FUNCTION + "\n", -1).length - 1,
        "each of the 8 commands with -s completes it with the function: " + script);
    assertTrue(script.contains(SessionNameCompletion.FUNCTION + "() {"), script);
    assertFalse(script.contains(CompleteSessionsCommand.NAME), "no JVM per TAB: the script never calls the CLI");
    assertFalse(script.contains(SessionNameCandidates.PLACEHOLDER), "every placeholder replaced");
    assertFalse(script.contains("_picocli_tmux4j___completesessions"), "the helper command is hidden");
    assertTrue(run("completion", "zsh").out().contains("bashcompinit"));
  }

  @Test
  void backupOfAMissingRegistryIsEmptyAndRestoreRefusesAnInvalidFile() throws Exception {
    Path copy = dir.resolve("copy.json");
    InProcess.Run backup = run("backup-registry", copy.toString());
    assertEquals(0, backup.exitCode(), backup.err());
    assertTrue(backup.out().startsWith("Backed up 0 session(s) to "), backup.out());
    Path garbage = Files.writeString(dir.resolve("garbage.json"), "not json");
    InProcess.Run restore = run("restore-registry", garbage.toString());
    assertEquals(1, restore.exitCode());
    assertTrue(restore.err().startsWith("tmux4j restore-registry: "), restore.err());
    assertTrue(restore.err().contains(garbage.toString()), restore.err());
  }
}

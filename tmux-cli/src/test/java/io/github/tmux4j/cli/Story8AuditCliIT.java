package io.github.tmux4j.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.tmux4j.testing.PrivateTmux;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * LIFECYCLE.md story 8 (audit and visibility): sessions of several types and states, queried with
 * {@code list-sessions --json}, parsed with Jackson and piped through the story's jq filters.
 */
class Story8AuditCliIT {
  @RegisterExtension static final PrivateTmux TMUX = new PrivateTmux();

  private static CliRunner cli;

  @BeforeAll
  static void workspace() {
    cli = new CliRunner(TMUX.dir());
    cli.run("create-session", "-n", "audit-python", "--python").expect(0);
    cli.run("create-session", "-n", "audit-python-2", "--python").expect(0);
    cli.run("create-session", "-n", "audit-shell", "--shell").expect(0);
    cli.run("create-session", "-n", "audit-gdb", "--gdb").expect(0);
    cli.run("create-session", "-n", "audit-finished", "--shell").expect(0);
    cli.run("safe-send", "-s", "audit-finished", "-c", "exit 0").expect(0);
    await().atMost(Duration.ofSeconds(30)).until(() -> cli.run("pane-health", "-s", "audit-finished").exitCode() == 1);
  }

  private static List<JsonNode> sessions() {
    return StreamSupport.stream(cli.run("list-sessions", "--json").expect(0).json().get("sessions").spliterator(), false)
        .toList();
  }

  @Test
  void tableShowsEverySessionWithTypeStatusAndAge() {
    String table = cli.run("list-sessions").expect(0).stdout();
    List<String> lines = table.lines().toList();
    assertTrue(lines.get(0).matches("NAME\\s+TYPE\\s+STATUS\\s+PID\\s+TARGET\\s+SOCKET\\s+CREATED\\s+LAST ACTIVE"),
        table);
    assertTrue(table.lines().anyMatch(l -> l.matches("audit-finished\\s+shell\\s+dead\\s+.*")), table);
    assertTrue(table.lines().anyMatch(l -> l.matches("audit-gdb\\s+gdb\\s+healthy\\s+\\d+\\s+%\\d+\\s+default\\s+.*")),
        table);
    assertTrue(table.contains("Total: 5 | Healthy: 4 | Unhealthy: 1"), table);
  }

  @Test
  void jsonHasEveryFieldForEverySession() {
    List<JsonNode> sessions = sessions();
    assertEquals(List.of("audit-finished", "audit-gdb", "audit-python", "audit-python-2", "audit-shell"),
        sessions.stream().map(s -> s.get("name").asText()).toList());
    for (JsonNode s : sessions) {
      for (String field : List.of("name", "socket", "target", "type", "status", "pid", "created_at", "last_active")) {
        assertTrue(s.hasNonNull(field), () -> field + " in " + s);
      }
      Instant created = Instant.parse(s.get("created_at").asText());
      Instant lastActive = Instant.parse(s.get("last_active").asText());
      assertTrue(!lastActive.isBefore(created), s::toString);
      assertTrue(created.isAfter(Instant.now().minus(Duration.ofHours(1))), s::toString);
    }
    Map<String, Long> byType = new TreeMap<>();
    sessions.forEach(s -> byType.merge(s.get("type").asText(), 1L, Long::sum));
    assertEquals(Map.of("gdb", 1L, "python-repl", 2L, "shell", 2L), byType);
  }

  @Test
  void storyJqFiltersWork() {
    String json = cli.run("list-sessions", "--json").expect(0).stdout();
    // jq '.'
    assertTrue(CliRunner.jq(json, ".").contains("\"sessions\""));
    // Find only Python sessions
    assertEquals("audit-python\naudit-python-2",
        CliRunner.jq(json, "-r", ".sessions[] | select(.type == \"python-repl\") | .name"));
    // Find dead sessions
    assertEquals("audit-finished", CliRunner.jq(json, "-r", ".sessions[] | select(.status == \"dead\") | .name"));
    // Find sessions not used in 12 hours (none: all were just used); fromdate must read the timestamps
    String now = Long.toString(Instant.now().getEpochSecond());
    assertEquals("", CliRunner.jq(json, "--arg", "now", now,
        ".sessions[] | select((.last_active | fromdate) < ($now | tonumber) - 43200) | .name"));
    assertEquals("5", CliRunner.jq(json, "--arg", "now", now,
        "[.sessions[] | select((.last_active | fromdate) > ($now | tonumber) - 43200)] | length"));
    // Find sessions created today
    String today = LocalDate.now(ZoneOffset.UTC).toString();
    assertEquals("5", CliRunner.jq(json, "--arg", "today", today,
        "[.sessions[] | select(.created_at | startswith($today))] | length"));
    // Count by type (the story's filter applied to .sessions, the array it means)
    assertEquals("[{\"type\":\"gdb\",\"count\":1},{\"type\":\"python-repl\",\"count\":2},{\"type\":\"shell\",\"count\":2}]",
        CliRunner.jq(json, "-c", ".sessions | group_by(.type) | map({type: .[0].type, count: length})"));
  }

  @Test
  void withSeveralSessionsANameIsRequired() {
    CliRunner.Result r = cli.run("pane-health", "--format", "text").expect(2);
    CliRunner.assertOneLineError(r, "pane-health", "5 sessions are registered; name one with -s NAME");
  }

  @Test
  void dryRunCleanupPreviewsWithoutRemoving() {
    String preview = cli.run("cleanup-sessions", "--dry-run", "--older-than", "1h").expect(0).stdout();
    assertEquals("Dry-run mode: Would remove 1 session(s):\n  - audit-finished (dead)", preview.strip());
    JsonNode report = cli.run("cleanup-sessions", "--dry-run", "--all", "--json").expect(0).json();
    assertTrue(report.get("dry_run").asBoolean());
    assertEquals(5, report.get("removed").size());
    assertEquals(5, sessions().size(), "a dry run changes nothing");
  }
}

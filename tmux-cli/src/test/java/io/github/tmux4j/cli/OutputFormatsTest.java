package io.github.tmux4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.tmux4j.CleanupReport;
import io.github.tmux4j.Health;
import io.github.tmux4j.HealthState;
import io.github.tmux4j.ReconcileReport;
import io.github.tmux4j.SessionInfo;
import io.github.tmux4j.spi.SessionRecord;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The text and JSON the commands print, built from values (no tmux). */
class OutputFormatsTest {
  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00.750Z");
  private static final Path SOCKET = Path.of("/tmp/tmux4j-me/default");

  private static SessionInfo info(String name, String type, HealthState state, Duration age) {
    Instant created = NOW.minus(age);
    SessionRecord record = new SessionRecord(name, SOCKET, "%3", type, 4242, created, created.plusMillis(500),
        Map.of("project", "demo"));
    boolean running = state == HealthState.HEALTHY;
    return new SessionInfo(record, new Health(state, running, OptionalLong.of(4242), OptionalInt.empty(), NOW));
  }

  private static String print(Consumer<PrintWriter> printer) {
    StringWriter text = new StringWriter();
    printer.accept(new PrintWriter(text, true));
    return text.toString();
  }

  @Test
  void listSessionsJsonHasTheSeedsFieldsAndSecondTimestamps() {
    JsonNode json = ListSessionsCommand.toJson(List.of(info("analysis", "python-repl", HealthState.SERVER_NOT_RUNNING,
        Duration.ofHours(2))));
    JsonNode s = json.get("sessions").get(0);
    assertEquals("analysis", s.get("name").asText());
    assertEquals("/tmp/tmux4j-me/default", s.get("socket").asText());
    assertEquals("%3", s.get("target").asText());
    assertEquals("python-repl", s.get("type").asText());
    assertEquals("server_not_running", s.get("status").asText());
    assertEquals(4242, s.get("pid").asLong());
    assertEquals("2026-11-25T10:00:00Z", s.get("created_at").asText(), "whole seconds, which jq's fromdate reads");
    assertEquals("2026-11-25T10:00:01Z", s.get("last_active").asText());
    assertEquals("demo", s.get("tags").get("project").asText());
    assertEquals(1, json.get("total").asInt());
  }

  @Test
  void jsonIsPrettyPrintedLikeTheSeed() {
    String text = Json.write(ListSessionsCommand.toJson(List.of()));
    assertEquals("{\n  \"sessions\": [],\n  \"total\": 0\n}", text);
    assertEquals("{\n  \"error\": \"it \\\"broke\\\"\",\n  \"exit_code\": 1\n}", Json.error("it \"broke\"", 1));
  }

  @Test
  void listSessionsTableAlignsColumnsAndCounts() {
    String table = print(out -> ListSessionsCommand.printTable(List.of(
        info("a-long-session-name", "python-repl", HealthState.HEALTHY, Duration.ofHours(2)),
        info("gdb", "gdb", HealthState.DEAD, Duration.ofSeconds(30))), NOW, out));
    List<String> lines = table.lines().toList();
    assertEquals("NAME                 TYPE         STATUS   PID   TARGET  SOCKET   CREATED  LAST ACTIVE", lines.get(0));
    assertEquals("a-long-session-name  python-repl  healthy  4242  %3      default  2h ago   1h ago", lines.get(2));
    assertEquals("gdb                  gdb          dead     4242  %3      default  30s ago  29s ago", lines.get(3));
    assertEquals("Total: 2 | Healthy: 1 | Unhealthy: 1", lines.get(5));
  }

  @Test
  void paneHealthJsonAndTextForEachState() {
    Health dead = new Health(HealthState.DEAD, false, OptionalLong.of(99), OptionalInt.of(7), NOW);
    PaneHealthCommand.Report report = new PaneHealthCommand.Report("job", SOCKET.toString(), "%3", true, dead, null);
    JsonNode json = PaneHealthCommand.toJson(report);
    assertEquals("dead", json.get("status").asText());
    assertTrue(json.get("server_running").asBoolean());
    assertTrue(json.get("session_exists").asBoolean());
    assertTrue(json.get("pane_dead").asBoolean());
    assertEquals(false, json.get("process_running").asBoolean());
    assertEquals(7, json.get("exit_status").asInt());
    assertEquals("Pane %3 of session 'job' is dead (process exited with status 7)", PaneHealthCommand.toText(report));

    Health gone = new Health(HealthState.SERVER_NOT_RUNNING, false, OptionalLong.empty(), OptionalInt.empty(), NOW);
    PaneHealthCommand.Report noServer = new PaneHealthCommand.Report("job", SOCKET.toString(), "%3", true, gone, null);
    assertEquals(false, PaneHealthCommand.toJson(noServer).get("server_running").asBoolean());
    assertTrue(PaneHealthCommand.toJson(noServer).get("pid").isNull());
    assertEquals("tmux server is not running on socket: " + SOCKET, PaneHealthCommand.toText(noServer));

    Health missing = new Health(HealthState.MISSING, false, OptionalLong.empty(), OptionalInt.empty(), NOW);
    PaneHealthCommand.Report unknown = new PaneHealthCommand.Report("ghost", null, null, false, missing,
        "Session 'ghost' is not registered");
    assertTrue(PaneHealthCommand.toJson(unknown).get("server_running").isNull(), "unknowable, so null");
    assertEquals("Session 'ghost' is not registered", PaneHealthCommand.toText(unknown));

    Health zombie = new Health(HealthState.ZOMBIE, false, OptionalLong.of(12), OptionalInt.empty(), NOW);
    assertEquals("Pane %3 of session 'z' is a zombie (pane exists but process 12 exited)",
        PaneHealthCommand.toText(new PaneHealthCommand.Report("z", null, "%3", true, zombie, null)));
  }

  @Test
  void healthStatesMapToTheSeedsExitCodes() {
    assertEquals(0, ExitCodes.forHealth(HealthState.HEALTHY));
    assertEquals(1, ExitCodes.forHealth(HealthState.DEAD));
    assertEquals(2, ExitCodes.forHealth(HealthState.MISSING));
    assertEquals(3, ExitCodes.forHealth(HealthState.ZOMBIE));
    assertEquals(4, ExitCodes.forHealth(HealthState.SERVER_NOT_RUNNING));
  }

  @Test
  void cleanupTextAndJson() {
    CleanupReport report = new CleanupReport(List.of(
        new CleanupReport.Entry("crashed", HealthState.DEAD, CleanupReport.Action.WOULD_REMOVE, true, "dead"),
        new CleanupReport.Entry("busy", HealthState.HEALTHY, CleanupReport.Action.KEPT, false, "healthy")), true);
    assertEquals("Dry-run mode: Would remove 1 session(s):\n  - crashed (dead)\n",
        print(out -> CleanupSessionsCommand.printText(report, out)));
    JsonNode json = CleanupSessionsCommand.toJson(report);
    assertTrue(json.get("dry_run").asBoolean());
    assertEquals("crashed", json.get("removed").get(0).get("name").asText());
    assertTrue(json.get("removed").get(0).get("killed").asBoolean());
    assertEquals("busy", json.get("kept").get(0).get("name").asText());

    CleanupReport done = new CleanupReport(List.of(
        new CleanupReport.Entry("old", HealthState.HEALTHY, CleanupReport.Action.REMOVED, true, "idle 8d > 7d")), false);
    assertEquals("Removing 1 session(s):\n  - old (idle 8d > 7d)\nRemoved 1 session(s) successfully.\n",
        print(out -> CleanupSessionsCommand.printText(done, out)));
    CleanupReport nothing = new CleanupReport(List.of(
        new CleanupReport.Entry("busy", HealthState.HEALTHY, CleanupReport.Action.KEPT, false, "healthy")), false);
    assertEquals("No sessions to clean up.\n", print(out -> CleanupSessionsCommand.printText(nothing, out)));
  }

  @Test
  void reconcileText() {
    SessionRecord orphan = new SessionRecord("gone", SOCKET, "%9", "shell", 1, NOW, NOW, Map.of());
    SessionRecord moved = new SessionRecord("old", SOCKET, "%8", "shell", 1, NOW, NOW, Map.of());
    ReconcileReport report = new ReconcileReport(List.of(orphan),
        List.of(new ReconcileReport.LiveSession(SOCKET, "stray")), List.of(new ReconcileReport.Renamed(moved, "new")),
        List.of(new ReconcileReport.Skipped("bad", "its target 'x' is not a tmux pane id such as %3")), false);
    String text = print(out -> ReconcileRegistryCommand.printText(report, null, out));
    assertEquals("Skipped record: bad (its target 'x' is not a tmux pane id such as %3)\n"
        + "Found orphan record: gone (%9 on /tmp/tmux4j-me/default is gone)\n"
        + "Found renamed record: old (the session is now called new)\n"
        + "Found unregistered live session: stray on /tmp/tmux4j-me/default\n"
        + "Run 'tmux4j reconcile-registry --repair' to fix the registry.\n", text);
    assertEquals("Registry and tmux agree.\n", print(out -> ReconcileRegistryCommand.printText(
        new ReconcileReport(List.of(), List.of(), List.of(), List.of(), false), null, out)));
  }

  @Test
  void capturedLinesCanBeStamped() {
    assertEquals("2026-11-25T12:00:00.750Z a\n2026-11-25T12:00:00.750Z b\n",
        print(out -> CaptureCleanCommand.print(List.of("a", "b"), NOW, out)));
    assertEquals("a\n", print(out -> CaptureCleanCommand.print(List.of("a"), null, out)));
  }

  @Test
  void timeoutsShowTheLastLinesSeen() {
    assertEquals(List.of("c", "d"), WaitForTextCommand.lastLines("a\nb\nc\nd\n\n", 2));
    assertEquals(List.of("only"), WaitForTextCommand.lastLines("only", 15));
  }

  @Test
  void timesForHumans() {
    assertEquals("just now", TimeText.ago(NOW, NOW));
    assertEquals("just now", TimeText.ago(NOW.plusSeconds(5), NOW));
    assertEquals("59s ago", TimeText.ago(NOW.minusSeconds(59), NOW));
    assertEquals("2m ago", TimeText.ago(NOW.minusSeconds(150), NOW));
    assertEquals("3h ago", TimeText.ago(NOW.minus(Duration.ofMinutes(200)), NOW));
    assertEquals("8d ago", TimeText.ago(NOW.minus(Duration.ofDays(8)), NOW));
    assertEquals("15s", TimeText.seconds(Duration.ofSeconds(15)));
    assertEquals("2.5s", TimeText.seconds(Duration.ofMillis(2500)));
  }
}

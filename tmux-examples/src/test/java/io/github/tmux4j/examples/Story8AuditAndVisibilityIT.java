package io.github.tmux4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tmux4j.CleanupReport;
import io.github.tmux4j.CleanupReport.Action;
import io.github.tmux4j.Durations;
import io.github.tmux4j.HealthState;
import io.github.tmux4j.SessionInfo;
import io.github.tmux4j.SessionType;
import io.github.tmux4j.TmuxClient;
import io.github.tmux4j.testing.MutableClock;
import io.github.tmux4j.testing.PrivateTmux;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class Story8AuditAndVisibilityIT {
  @RegisterExtension static final PrivateTmux TMUX = new PrivateTmux();

  private static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");

  @Test
  void auditFiltersByTypeStateIdleTimeAndTagAndPreviewsCleanupWithoutChangingAnything() {
    MutableClock clock = new MutableClock(T0);
    TmuxClient tmux = TMUX.client(b -> b.socketName("story8").clock(clock));
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    Story8AuditAndVisibility.Outcome outcome = Story8AuditAndVisibility.run(tmux,
        new PrintStream(buffer, true, StandardCharsets.UTF_8), clock::advance);

    String p = outcome.prefix();
    String build = p + "build";
    String debug = p + "debug";
    String etl = p + "etl";
    String job = p + "job";
    SessionType debugType = onPath("gdb") ? SessionType.GDB : SessionType.SHELL;

    // Every session with its type, state and timestamps (the clock ends at T0 + 4d13h).
    assertEquals(List.of(build, debug, etl, job), outcome.all().stream().map(SessionInfo::name).toList());
    Map<String, SessionInfo> byName =
        outcome.all().stream().collect(Collectors.toMap(SessionInfo::name, Function.identity()));
    assertSession(byName.get(etl), SessionType.PYTHON, HealthState.HEALTHY, T0, T0, "PT109H");
    assertSession(byName.get(build), SessionType.SHELL, HealthState.HEALTHY, at("3d"), at("3d"), "PT37H");
    assertSession(byName.get(job), SessionType.CUSTOM, HealthState.DEAD, at("4d"), at("4d"), "PT13H");
    assertSession(byName.get(debug), debugType, HealthState.HEALTHY, at("4d11h"), at("4d11h"), "PT2H");
    assertEquals("data", byName.get(etl).record().tags().get(Story8AuditAndVisibility.TEAM_TAG));

    // Filtered views.
    assertEquals(List.of(etl), outcome.python());
    assertEquals(List.of(job), outcome.dead());
    assertEquals(List.of(build, etl, job), outcome.idleOverHalfADay());
    assertEquals(List.of(build, debug), outcome.infra());
    assertEquals(List.of(build), outcome.staleInfraTools());
    Map<SessionType, Long> expectedCounts = debugType == SessionType.GDB
        ? Map.of(SessionType.PYTHON, 1L, SessionType.SHELL, 1L, SessionType.CUSTOM, 1L, SessionType.GDB, 1L)
        : Map.of(SessionType.PYTHON, 1L, SessionType.SHELL, 2L, SessionType.CUSTOM, 1L);
    assertEquals(expectedCounts, outcome.countByType());

    // The dry run names what an --older-than 1d cleanup would remove, and removes nothing.
    CleanupReport preview = outcome.preview();
    assertTrue(preview.dryRun());
    assertEquals(List.of(
        new CleanupReport.Entry(build, HealthState.HEALTHY, Action.WOULD_REMOVE, true, "idle 1d13h > 1d"),
        new CleanupReport.Entry(debug, HealthState.HEALTHY, Action.KEPT, false, "healthy, idle 2h <= 1d"),
        new CleanupReport.Entry(etl, HealthState.HEALTHY, Action.WOULD_REMOVE, true, "idle 4d13h > 1d"),
        new CleanupReport.Entry(job, HealthState.DEAD, Action.WOULD_REMOVE, true, "dead")),
        preview.entries());
    assertEquals(List.of(build, debug, etl, job), outcome.afterPreview());

    // The table and the report were printed.
    String printed = buffer.toString(StandardCharsets.UTF_8);
    assertTrue(printed.contains("NAME"), printed);
    assertTrue(printed.matches("(?s).*" + job + "\\s+custom\\s+dead\\s+2026-03-06T08:00:00Z\\s+"
        + "2026-03-06T08:00:00Z\\s+0d 13h 00m.*"), printed);
    assertTrue(printed.contains("Dead: [" + job + "]"), printed);

    // The story closed its sessions afterwards.
    assertTrue(tmux.sessions().isEmpty(), tmux.sessions().toString());
    assertTrue(tmux.reconcile(false).consistent());
  }

  private static void assertSession(SessionInfo info, SessionType type, HealthState state, Instant createdAt,
      Instant lastActive, String idle) {
    assertEquals(type, info.type(), info.name());
    assertEquals(state, info.state(), info.name());
    assertEquals(createdAt, info.record().createdAt(), info.name() + " created_at");
    assertEquals(lastActive, info.record().lastActive(), info.name() + " last_active");
    assertEquals(Duration.parse(idle), info.idle(), info.name() + " idle");
  }

  private static Instant at(String sinceT0) {
    return T0.plus(Durations.parse(sinceT0));
  }

  private static boolean onPath(String program) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }
}

package io.github.tmux4j.examples;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tmux4j.CleanupReport;
import io.github.tmux4j.CleanupReport.Action;
import io.github.tmux4j.DuplicateSessionException;
import io.github.tmux4j.HealthState;
import io.github.tmux4j.Session;
import io.github.tmux4j.SessionFilter;
import io.github.tmux4j.TmuxClient;
import io.github.tmux4j.spi.SessionRecord;
import io.github.tmux4j.testing.MutableClock;
import io.github.tmux4j.testing.PrivateTmux;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class Story7CrashRecoveryIT {
  @RegisterExtension static final PrivateTmux TMUX = new PrivateTmux();

  private static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");

  @Test
  void crashIsDetectedEvidenceSavedSessionQuarantinedAndWorkResumesUnderTheSameName() throws Exception {
    TmuxClient tmux = TMUX.client(b -> b.socketName("story7").clock(new MutableClock(T0)));
    Path evidenceDir = Files.createDirectories(TMUX.dir().resolve("evidence"));
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    Story7CrashRecovery.Outcome outcome =
        Story7CrashRecovery.run(tmux, evidenceDir, new PrintStream(buffer, true, StandardCharsets.UTF_8));
    String name = outcome.name();

    // The crash: run() reported it, and health says dead with the exit status.
    assertNotNull(outcome.crash());
    assertEquals(name, outcome.crash().sessionName());
    assertEquals(OptionalInt.of(9), outcome.crash().exitStatus());
    assertTrue(outcome.crash().lastScreen().contains(">>> " + Story7CrashRecovery.CRASHING_COMMAND),
        outcome.crash().lastScreen());
    assertEquals(HealthState.DEAD, outcome.crashed().state());
    assertFalse(outcome.crashed().processRunning());
    assertEquals(OptionalInt.of(9), outcome.crashed().exitStatus());

    // The evidence file holds the scrollback, not just the screen.
    assertEquals(evidenceDir.resolve(name + "-crash.log"), outcome.evidenceFile());
    String file = Files.readString(outcome.evidenceFile(), StandardCharsets.UTF_8);
    assertEquals(outcome.evidence(), file);
    assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(outcome.evidenceFile()));
    List<String> lines = file.lines().toList();
    assertTrue(lines.get(1).startsWith("# session: " + name + " (python-repl) on " + tmux.socket()), lines.get(1));
    assertTrue(lines.get(2).startsWith("# health: DEAD, exit status 9, checked at " + T0), lines.get(2));
    assertTrue(lines.contains("processed row 0"), "the first output line, long scrolled off the screen");
    assertTrue(lines.contains("processed row 119"));
    assertTrue(lines.contains("ModuleNotFoundError: No module named 'story7_missing_module'"), file);
    assertTrue(lines.contains(">>> " + Story7CrashRecovery.CRASHING_COMMAND), file);
    assertFalse(outcome.screenAtCrash().lines().anyMatch(l -> l.equals("processed row 0")),
        "the visible screen alone would have lost it");
    assertTrue(outcome.screenAtCrash().lines().anyMatch(l -> l.equals("processed row 119")));

    // Quarantine renamed and tagged the dead session and kept its pane.
    assertEquals(name + "-quarantined-20260302T080000Z", outcome.quarantinedAs());
    assertEquals(T0.toString(), outcome.quarantineTags().get(Session.QUARANTINE_TAG));
    assertEquals(name, outcome.quarantineTags().get(Session.QUARANTINED_FROM_TAG));
    assertEquals(HealthState.DEAD, outcome.quarantinedHealth().state());
    assertEquals(OptionalInt.of(9), outcome.quarantinedHealth().exitStatus());

    // A fresh session under the original name resumed the work.
    assertEquals("120 row 119", outcome.resumed());
    assertEquals("45", outcome.stillWorking());

    // Cleanup kept the quarantined session until it was released, then removed it.
    assertEquals(List.of(
        new CleanupReport.Entry(name, HealthState.HEALTHY, Action.KEPT, false, "healthy"),
        new CleanupReport.Entry(outcome.quarantinedAs(), HealthState.DEAD, Action.KEPT, false, "quarantined")),
        outcome.whileQuarantined().entries());
    assertEquals(List.of(
        new CleanupReport.Entry(name, HealthState.HEALTHY, Action.KEPT, false, "healthy"),
        new CleanupReport.Entry(outcome.quarantinedAs(), HealthState.DEAD, Action.REMOVED, true, "dead")),
        outcome.afterRelease().entries());

    // The story closed the fresh session; nothing is left.
    assertEquals(List.of(), outcome.registeredAtEnd());
    assertTrue(tmux.registry().list().isEmpty(), tmux.registry().list().toString());
    assertTrue(tmux.reconcile(false).consistent(), "no tmux session left behind");
    String printed = buffer.toString(StandardCharsets.UTF_8);
    assertTrue(printed.contains(name + " crashed: DEAD, exit status 9"), printed);
    assertTrue(printed.contains("A bad import: ModuleNotFoundError"), printed);
  }

  @Test
  void theCrashedSessionHoldsItsNameUntilQuarantinedAndOnlyIncludeQuarantinedRemovesIt() {
    TmuxClient tmux = TMUX.client(b -> b.socketName("story7b"));
    String name = "crashy-python-" + ProcessHandle.current().pid();
    Session crashed = tmux.newSession(name).python().create();
    crashed.run("x = 1");
    crashed.send("import sys; sys.exit(3)");
    await().atMost(Duration.ofSeconds(15)).until(() -> crashed.health().state() == HealthState.DEAD);
    assertEquals(OptionalInt.of(3), crashed.health().exitStatus());
    SessionRecord deadRecord = tmux.registry().get(name).orElseThrow();

    // The dead pane still owns the name: recreating it fails and leaves the record alone.
    DuplicateSessionException duplicate =
        assertThrows(DuplicateSessionException.class, () -> tmux.newSession(name).python().create());
    assertEquals(name, duplicate.sessionName());
    assertEquals(deadRecord, tmux.registry().get(name).orElseThrow());

    // Quarantined, the name is free.
    crashed.quarantine();
    String quarantinedAs = crashed.name();
    assertTrue(quarantinedAs.startsWith(name + "-quarantined-"), quarantinedAs);
    assertTrue(tmux.session(name).isEmpty());
    Session fresh = tmux.newSession(name).python().create();
    assertEquals("2", fresh.run("x = 2; print(x)").output());
    assertTrue(crashed.capture().history(100).text().contains(">>> import sys; sys.exit(3)"),
        "the quarantined pane is still there to read");

    // Cleanup spares the quarantined session unless asked to include it.
    SessionFilter ours = info -> info.name().equals(name) || info.name().equals(quarantinedAs);
    CleanupReport spared = tmux.cleanup().only(ours).execute();
    assertEquals(List.of(name, quarantinedAs), spared.kept());
    CleanupReport included = tmux.cleanup().only(ours).includeQuarantined().execute();
    assertEquals(List.of(quarantinedAs), included.removed());
    assertEquals(List.of(name), included.kept());
    assertEquals(HealthState.MISSING, crashed.health().state());

    fresh.close();
    assertTrue(tmux.registry().list().isEmpty(), tmux.registry().list().toString());
  }
}

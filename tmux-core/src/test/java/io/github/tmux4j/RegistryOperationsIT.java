package io.github.tmux4j;

import io.github.tmux4j.internal.Commands;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tmux4j.spi.InMemoryRegistry;
import io.github.tmux4j.spi.SessionRecord;
import io.github.tmux4j.testing.ForwardingRegistry;
import io.github.tmux4j.testing.MutableClock;
import io.github.tmux4j.testing.PrivateTmux;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Lifecycle operations built on the registry: listing, cleanup, kill, rename, quarantine, reconcile. */
class RegistryOperationsIT {
  @RegisterExtension static final PrivateTmux TMUX = new PrivateTmux();
  private static final Duration WAIT = Duration.ofSeconds(15);

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

  private TmuxClient client(String socket) {
    return TMUX.client(b -> b.socketName(socket).clock(clock));
  }

  /** Makes a shell session's process exit and waits until tmux reports it dead. */
  private static void exitProcess(Session s) {
    s.send("exit 4");
    org.awaitility.Awaitility.await().atMost(WAIT).until(() -> s.health().state() == HealthState.DEAD);
  }

  private static void killFromOutside(Path socket, String name) throws Exception {
    Process p = new ProcessBuilder(Commands.defaultBinary(), "-S", socket.toString(), "kill-session", "-t", "=" + name)
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    assertTrue(p.waitFor(10, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue());
  }

  @Test
  void sessionsListsRecordsWithLiveHealthAndFilters() throws Exception {
    TmuxClient tmux = client("list");
    Session py = tmux.newSession("list-py").python().tag("team", "a").create();
    Session dead = tmux.newSession("list-dead").shell().create();
    Session gone = tmux.newSession("list-gone").shell().create();
    exitProcess(dead);
    killFromOutside(tmux.socket(), "list-gone");
    clock.advance(Duration.ofHours(13));
    py.send("x = 1");

    List<SessionInfo> all = tmux.sessions();
    assertEquals(List.of("list-dead", "list-gone", "list-py"), all.stream().map(SessionInfo::name).toList());
    assertEquals(List.of(HealthState.DEAD, HealthState.MISSING, HealthState.HEALTHY),
        all.stream().map(SessionInfo::state).toList());
    assertEquals(4, all.get(0).health().exitStatus().getAsInt());

    assertEquals(List.of("list-py"), names(tmux.sessions(SessionFilter.type(SessionType.PYTHON))));
    assertEquals(List.of("list-dead"), names(tmux.sessions(SessionFilter.state(HealthState.DEAD))));
    assertEquals(List.of("list-py"), names(tmux.sessions(SessionFilter.tag("team", "a"))));
    assertEquals(List.of("list-dead", "list-gone"),
        names(tmux.sessions(SessionFilter.idleLongerThan(Duration.ofHours(12)))));
    assertEquals(List.of("list-dead", "list-py"), names(tmux.sessions(
        SessionFilter.state(HealthState.DEAD).or(SessionFilter.type(SessionType.PYTHON)))));
    assertEquals(List.of("list-dead", "list-gone"), names(tmux.sessions(SessionFilter.type(SessionType.PYTHON).not())));
    assertEquals(Instant.parse("2026-01-01T00:00:00Z"), all.get(2).createdAt());
    assertEquals(Instant.parse("2026-01-01T13:00:00Z"), all.get(2).lastActive());
    assertEquals(List.of("list-dead"), tmux.cleanup().only(SessionFilter.state(HealthState.DEAD)).dryRun().execute()
        .removed());
    tmux.cleanup().all().execute();
    assertTrue(tmux.sessions().isEmpty());
  }

  @Test
  void sessionsOnAStoppedServerAreServerNotRunning() throws Exception {
    TmuxClient tmux = client("stopped");
    tmux.newSession("stopped-a").shell().create();
    Process p = new ProcessBuilder(Commands.defaultBinary(), "-S", tmux.socket().toString(), "kill-server").start();
    assertTrue(p.waitFor(10, TimeUnit.SECONDS));
    assertEquals(HealthState.SERVER_NOT_RUNNING, tmux.sessions().get(0).state());
    CleanupReport report = tmux.cleanup().execute();
    assertEquals(List.of("stopped-a"), report.removed());
    assertFalse(report.entries().get(0).killed());
    assertTrue(tmux.registry().list().isEmpty());
  }

  @Test
  void defaultCleanupRemovesDeadMissingAndKeepsHealthy() throws Exception {
    TmuxClient tmux = client("clean");
    Session ok = tmux.newSession("clean-ok").shell().create();
    Session dead = tmux.newSession("clean-dead").shell().create();
    tmux.newSession("clean-gone").shell().create();
    exitProcess(dead);
    killFromOutside(tmux.socket(), "clean-gone");

    CleanupReport preview = tmux.cleanup().dryRun().execute();
    assertTrue(preview.dryRun());
    assertEquals(List.of("clean-dead", "clean-gone"), preview.removed());
    assertEquals(3, tmux.registry().list().size(), "a dry run changes nothing");
    assertEquals(HealthState.DEAD, dead.health().state());

    CleanupReport report = tmux.cleanup().execute();
    assertEquals(List.of("clean-dead", "clean-gone"), report.removed());
    assertEquals(List.of("clean-ok"), report.kept());
    CleanupReport.Entry deadEntry = report.entries().stream().filter(e -> e.name().equals("clean-dead")).findFirst()
        .orElseThrow();
    assertEquals(CleanupReport.Action.REMOVED, deadEntry.action());
    assertTrue(deadEntry.killed(), "the dead pane is killed too");
    assertEquals(HealthState.MISSING, dead.health().state());
    assertEquals(List.of("clean-ok"), tmux.registry().list().stream().map(SessionRecord::name).toList());
    assertTrue(ok.health().isHealthy());
    ok.close();
  }

  @Test
  void cleanupOlderThanGoesByLastActiveNotCreation() {
    TmuxClient tmux = client("age");
    Session busy = tmux.newSession("age-busy").shell().create();
    Session idle = tmux.newSession("age-idle").shell().create();
    clock.advance(Duration.ofDays(8));
    busy.run("echo still here");
    idle.capture().text(); // read-only calls do not count as activity
    idle.health();

    assertEquals(List.of("age-idle"), tmux.cleanup().olderThan(Duration.ofDays(7)).dryRun().execute().removed());
    CleanupReport report = tmux.cleanup().olderThan(Duration.ofDays(7)).execute();
    assertEquals(List.of("age-idle"), report.removed());
    assertTrue(report.entries().stream().anyMatch(e -> e.reason().startsWith("idle 8d")), report.toString());
    assertEquals(HealthState.MISSING, idle.health().state(), "a stale healthy session is killed");
    assertTrue(busy.health().isHealthy());
    busy.close();
  }

  @Test
  void cleanupAllSparesQuarantinedAndKeptSessions() {
    TmuxClient tmux = client("all");
    tmux.newSession("all-a").shell().create();
    tmux.newSession("all-keep").shell().tag("pin", "yes").create();
    Session q = tmux.newSession("all-q").shell().create().quarantine();

    CleanupReport report = tmux.cleanup().all().keep(SessionFilter.tag("pin", "yes")).execute();
    assertEquals(List.of("all-a"), report.removed());
    assertEquals(2, report.kept().size());
    assertTrue(q.health().isHealthy());

    q.endQuarantine();
    assertEquals(List.of("all-keep", q.name()), tmux.cleanup().all().execute().removed());
    assertTrue(tmux.registry().list().isEmpty());
  }

  /** Counts the activity writes that reach a registry. */
  private static final class CountingRegistry extends ForwardingRegistry {
    final java.util.concurrent.atomic.AtomicInteger touches = new java.util.concurrent.atomic.AtomicInteger();

    @Override
    public void touch(String name, Instant when) {
      touches.incrementAndGet();
      inner.touch(name, when);
    }
  }

  @Test
  void inputWritesLastActiveAtMostOncePerResolution() {
    CountingRegistry registry = new CountingRegistry();
    TmuxClient tmux = TMUX.client(b -> b.socketName("resolution").clock(clock).registry(registry)
        .activityResolution(Duration.ofSeconds(1)));
    Session s = tmux.newSession("burst").shell().create();
    Instant start = clock.instant();
    for (int i = 0; i < 20; i++) {
      s.run("true");
    }
    s.sendKeys("C-l");
    assertEquals(1, registry.touches.get(), "a burst within one second writes once");
    assertEquals(start, registry.get("burst").orElseThrow().lastActive());

    clock.advance(Duration.ofMillis(999));
    s.send("true");
    assertEquals(1, registry.touches.get());
    clock.advance(Duration.ofMillis(1));
    s.send("true");
    assertEquals(2, registry.touches.get(), "input a full resolution later writes again");
    assertEquals(start.plusSeconds(1), registry.get("burst").orElseThrow().lastActive());

    s.touch();
    assertEquals(3, registry.touches.get(), "touch() always writes");
    s.close();

    TmuxClient everyInput = TMUX.client(b -> b.socketName("resolution-zero").clock(clock).registry(registry)
        .activityResolution(Duration.ZERO));
    Session z = everyInput.newSession("every").shell().create();
    for (int i = 0; i < 5; i++) {
      z.run("true");
    }
    assertEquals(3 + 5, registry.touches.get(), "resolution zero writes every input");
    z.close();
    assertThrows(IllegalArgumentException.class, () -> TmuxClient.builder().activityResolution(Duration.ofSeconds(-1)));
  }

  @Test
  void sendUpdatesLastActiveAndReadOnlyCallsDoNot() {
    TmuxClient tmux = client("active");
    Session s = tmux.newSession("active-a").shell().create();
    Instant created = tmux.registry().get("active-a").orElseThrow().lastActive();
    clock.advance(Duration.ofMinutes(5));
    s.capture().text();
    s.health();
    s.waitFor("tmux4j", WAIT);
    tmux.sessions();
    assertEquals(created, tmux.registry().get("active-a").orElseThrow().lastActive());
    s.send("true");
    assertEquals(created.plus(Duration.ofMinutes(5)), tmux.registry().get("active-a").orElseThrow().lastActive());
    clock.advance(Duration.ofMinutes(1));
    s.touch();
    assertEquals(created.plus(Duration.ofMinutes(6)), tmux.registry().get("active-a").orElseThrow().lastActive());
    s.close();
  }

  @Test
  void killByNameRemovesSessionAndRecord() {
    TmuxClient tmux = client("kill");
    Session neighbour = tmux.newSession("kill-neighbour").shell().create(); // keeps the server running
    Session s = tmux.newSession("kill-me").python().create();
    assertTrue(tmux.kill("kill-me"));
    assertEquals(HealthState.MISSING, s.health().state());
    assertTrue(tmux.registry().get("kill-me").isEmpty());
    assertFalse(tmux.kill("kill-me"), "nothing left to kill");
    assertTrue(neighbour.health().isHealthy());
    neighbour.close();
  }

  @Test
  void renameMovesTmuxSessionAndRecordAndTheHandleFollows() {
    TmuxClient tmux = client("rename");
    Session s = tmux.newSession("rename-old").python().create();
    s.run("x = 5");
    assertEquals("rename-new", s.rename("rename-new").name());
    assertEquals("5", s.run("print(x)").output());
    assertTrue(tmux.registry().get("rename-old").isEmpty());
    assertEquals(s.target(), tmux.registry().get("rename-new").orElseThrow().target());
    assertTrue(tmux.session("rename-new").orElseThrow().health().isHealthy());

    Session other = tmux.newSession("rename-other").shell().create();
    assertThrows(DuplicateSessionException.class, () -> other.rename("rename-new"));
    assertThrows(InvalidSessionNameException.class, () -> other.rename("bad.name"));
    assertEquals("rename-other", other.name());
    assertTrue(other.health().isHealthy());
    s.close();
    other.close();
  }

  @Test
  void quarantineKeepsEvidenceAndFreesTheName() {
    TmuxClient tmux = client("quar");
    Session crashed = tmux.newSession("quar-py").python().create();
    crashed.send("print('evidence-' + 'line'); import os; os._exit(9)");
    org.awaitility.Awaitility.await().atMost(WAIT).until(() -> crashed.health().state() == HealthState.DEAD);

    crashed.quarantine();
    assertTrue(crashed.name().startsWith("quar-py-quarantined-20260101T"), crashed.name());
    SessionRecord record = tmux.registry().get(crashed.name()).orElseThrow();
    assertEquals("quar-py", record.tags().get(Session.QUARANTINED_FROM_TAG));
    assertTrue(record.tags().containsKey(Session.QUARANTINE_TAG));
    assertTrue(crashed.capture().history(100).text().contains("evidence-line"));

    CleanupReport report = tmux.cleanup().execute();
    assertEquals(List.of(), report.removed(), "a quarantined dead session survives cleanup");
    assertEquals("quarantined", report.entries().get(0).reason());

    Session fresh = tmux.newSession("quar-py").python().create();
    assertEquals("2", fresh.run("print(1 + 1)").output());
    crashed.endQuarantine();
    assertEquals(List.of(crashed.name()), tmux.cleanup().execute().removed());
    fresh.close();
  }

  @Test
  void reconcileReportsAndRepairsDrift() throws Exception {
    TmuxClient tmux = client("recon");
    Session unregistered = tmux.newSession("recon-free").shell().register(false).create();
    tmux.newSession("recon-gone").shell().create();
    Session ok = tmux.newSession("recon-ok").shell().create();
    killFromOutside(tmux.socket(), "recon-gone");

    ReconcileReport report = tmux.reconcile(false);
    assertFalse(report.consistent());
    assertEquals(List.of("recon-gone"), report.orphanRecords().stream().map(SessionRecord::name).toList());
    assertEquals(List.of(new ReconcileReport.LiveSession(tmux.socket(), "recon-free")), report.unregisteredSessions());
    assertTrue(tmux.registry().get("recon-gone").isPresent(), "report only");

    ReconcileReport repaired = tmux.reconcile(true);
    assertTrue(repaired.repaired());
    assertTrue(tmux.registry().get("recon-gone").isEmpty());
    SessionRecord adopted = tmux.registry().get("recon-free").orElseThrow();
    assertEquals(unregistered.target(), adopted.target());
    assertTrue(tmux.reconcile(false).consistent());
    ok.close();
    tmux.kill("recon-free");
  }

  @Test
  void reattachFromAnotherClientSharingTheRegistry() {
    InMemoryRegistry shared = new InMemoryRegistry();
    TmuxClient first = TMUX.client(b -> b.socketName("share").registry(shared));
    first.newSession("share-py").python().create().run("answer = 42");
    first.close();

    TmuxClient second = TMUX.client(b -> b.socketName("other").registry(shared));
    Session again = second.session("share-py").orElseThrow();
    assertEquals(first.socket(), again.socket());
    assertEquals(SessionType.PYTHON, again.type());
    assertEquals("42", again.run("print(answer)").output());
    again.close();
    assertTrue(second.session("share-py").isEmpty());
  }

  @Test
  void templateStepsRunBeforeCreateReturns() {
    TmuxClient tmux = client("tmpl");
    SessionTemplate setup = SessionTemplate.builder("setup")
        .run("import math")
        .send("ready = 'ye' + 's'")
        .run("print(ready)")
        .build();
    Session py = tmux.newSession("tmpl-py").python().template(setup).create();
    assertEquals("3.14", py.run("print(round(math.pi, 2))").output());

    SessionTemplate failing = SessionTemplate.builder("failing")
        .waitFor(java.util.regex.Pattern.compile("never printed"), Duration.ofMillis(300)).build();
    assertThrows(WaitTimeoutException.class,
        () -> tmux.newSession("tmpl-bad").python().template(failing).create());
    assertTrue(tmux.registry().get("tmpl-bad").isEmpty(), "a failed setup leaves nothing registered");
    assertFalse(tmux.sessions().stream().anyMatch(i -> i.name().equals("tmpl-bad")));
    py.close();
  }

  private static List<String> names(List<SessionInfo> infos) {
    return infos.stream().map(SessionInfo::name).toList();
  }
}

package io.github.tmux4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tmux4j.spi.InMemoryRegistry;
import io.github.tmux4j.spi.SessionRecord;
import io.github.tmux4j.testing.PrivateTmux;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The lifecycle's rules, each as the bug it closes (issue 13): names tmux would re-parse, kills and
 * closes that hit another session, registry drift, rollbacks, registry content used as paths, the
 * transcript, ephemeral sessions, a stopped server.
 */
class LifecycleRulesIT {
  @RegisterExtension static final PrivateTmux TMUX = new PrivateTmux();
  private static final Duration WAIT = Duration.ofSeconds(15);

  private static boolean live(TmuxClient tmux, String name) throws Exception {
    return ItSupport.tmux(tmux.socket(), "list-sessions", "-F", "#{session_name}").stdout().lines()
        .anyMatch(name::equals);
  }

  @Test
  void namesWithSemicolonsAndFormatCharactersAreHandledExactly() throws Exception {
    TmuxClient tmux = TMUX.client(b -> b.socketName("names"));
    Session plain = tmux.newSession("a").command("cat").create();
    Session semi = tmux.newSession("a;").command("cat").create();
    Session hash = tmux.newSession("#(x)#{y}").command("cat").create();
    assertTrue(live(tmux, "a;") && live(tmux, "#(x)#{y}"));
    semi.close(); // once killed "a" (tmux split "=a;" at the ';')
    assertTrue(live(tmux, "a"), "the session named 'a' is untouched");
    assertTrue(tmux.registry().get("a").isPresent(), "and so is its record");
    assertFalse(live(tmux, "a;"));
    hash.rename("##z;");
    assertTrue(live(tmux, "##z;"));
    assertEquals("##z;", tmux.sessions().stream().map(SessionInfo::name).filter(n -> n.startsWith("#")).findFirst()
        .orElseThrow());
    hash.close();
    plain.close();
  }

  @Test
  void namesThatTmuxStoresDifferentlyPerVersionAreRefused() {
    TmuxClient tmux = TMUX.client(b -> b.socketName("refused"));
    for (String name : List.of("$1", "${HOME}", "a\\b", "#[fg=red]")) {
      InvalidSessionNameException e = assertThrows(InvalidSessionNameException.class, () -> tmux.newSession(name));
      assertTrue(e.getMessage().contains("escaped") || e.getMessage().contains("'##['"), e.getMessage());
    }
    Session s = tmux.newSession("ok-name").command("cat").create();
    assertThrows(InvalidSessionNameException.class, () -> s.rename("$0"));
    s.close();
  }

  @Test
  void closeKillsTheHandlesOwnSessionEvenAfterAnotherProgramRenamedIt() throws Exception {
    TmuxClient tmux = TMUX.client(b -> b.socketName("renamed"));
    Session mine = tmux.newSession("ren-a").command("cat").create();
    ItSupport.tmux(tmux.socket(), "rename-session", "-t", "=ren-a", "ren-b");
    ItSupport.tmux(tmux.socket(), "new-session", "-d", "-s", "ren-a", "cat");
    mine.close();
    assertFalse(live(tmux, "ren-b"), "the handle's own session, now called ren-b, is killed");
    assertTrue(live(tmux, "ren-a"), "the new session that took the name is not");
  }

  @Test
  void aStaleHandleDoesNotRemoveTheRecordOfANewSessionOfTheSameName() throws Exception {
    InMemoryRegistry shared = new InMemoryRegistry();
    TmuxClient first = TMUX.client(b -> b.socketName("drift").registry(shared));
    TmuxClient second = TMUX.client(b -> b.socketName("drift").registry(shared));
    Session old = first.newSession("drift-x").command("cat").create();
    ItSupport.tmux(first.socket(), "kill-session", "-t", "=drift-x"); // gone behind its back
    Session fresh = second.newSession("drift-x").command("cat").create(); // replaces the stale record
    old.close();
    SessionRecord record = shared.get("drift-x").orElseThrow(() -> new AssertionError("the new record was removed"));
    assertEquals(fresh.target(), record.target());
    assertTrue(live(first, "drift-x"), "and the new session lives");
    fresh.close();
  }

  @Test
  void aHandleOnARestartedServerNeitherDrivesNorKillsTheNewSessionOfItsName() throws Exception {
    TmuxClient tmux = TMUX.client(b -> b.socketName("restart"));
    Session old = tmux.newSession("same").shell().create();
    assertEquals("one", old.run("echo one").output());
    long oldServer = Long.parseLong(ItSupport.tmux(tmux.socket(), "display-message", "-p", "#{pid}").stdout().strip());
    Files.delete(tmux.socket());
    try {
      // Another program starts a server on the same path with a session of the same name: pane %0 again.
      ItSupport.tmux(tmux.socket(), "new-session", "-d", "-s", "same", "cat");
      assertThrows(SessionNotFoundException.class, () -> old.run("echo two", Duration.ofSeconds(5)));
      assertThrows(SessionNotFoundException.class, () -> old.send("echo typed"));
      assertEquals(HealthState.MISSING, old.health().state());
      old.close();
      assertTrue(live(tmux, "same"), "the other program's session is not killed");
      assertFalse(ItSupport.tmux(tmux.socket(), "capture-pane", "-p", "-t", "%0").stdout().contains("typed"),
          "and nothing was typed into it");
    } finally {
      ProcessHandle.of(oldServer).ifPresent(ProcessHandle::destroy);
    }
  }

  /** A registry whose writes fail while {@code broken} is set, as a full or read-only disk makes them. */
  private static final class FaultyRegistry extends io.github.tmux4j.testing.ForwardingRegistry {
    volatile boolean broken;

    private void check() {
      if (broken) {
        throw new RegistryException("disk full (simulated)", null);
      }
    }

    @Override
    public void put(SessionRecord record) {
      check();
      inner.put(record);
    }

    @Override
    public boolean remove(String name) {
      check();
      return inner.remove(name);
    }

    @Override
    public boolean replace(SessionRecord expected, SessionRecord replacement) {
      check();
      return inner.replace(expected, replacement);
    }
  }

  @Test
  void aRecordThatCannotBeWrittenRollsTheNewSessionBack() throws Exception {
    FaultyRegistry failing = new FaultyRegistry();
    failing.broken = true;
    TmuxClient tmux = TMUX.client(b -> b.socketName("rollback").registry(failing));
    assertThrows(RegistryException.class, () -> tmux.newSession("rb-1").command("cat").create());
    assertFalse(live(tmux, "rb-1"), "the session is not left running");
  }

  @Test
  void closeWithABrokenRegistryKillsTheSessionAndSaysTheRecordIsLeftForCleanup() throws Exception {
    FaultyRegistry registry = new FaultyRegistry();
    TmuxClient tmux = TMUX.client(b -> b.socketName("brokenclose").registry(registry));
    Session keeper = tmux.newSession("bc-keeper").command("cat").register(false).create(); // keeps the server up
    Session s = tmux.newSession("bc-1").command("cat").create();
    registry.broken = true;
    RegistryException e = assertThrows(RegistryException.class, s::close);
    assertTrue(e.getMessage().contains("killed") && e.getMessage().contains("cleanup()"), e.getMessage());
    assertFalse(live(tmux, "bc-1"));
    registry.broken = false;
    assertEquals(HealthState.MISSING, tmux.sessions().get(0).state());
    assertEquals(List.of("bc-1"), tmux.cleanup().execute().removed());
    keeper.close();
  }

  @Test
  void recordsPointingOutsideTheSocketDirectoryAreNeverUsed() throws Exception {
    InMemoryRegistry registry = new InMemoryRegistry();
    TmuxClient tmux = TMUX.client(b -> b.socketName("crafted").registry(registry));
    Session real = tmux.newSession("crafted-live").command("cat").create();
    Path elsewhere = Files.createDirectories(TMUX.dir().resolve("elsewhere"));
    TmuxClient foreign = TMUX.client(b -> b.socketDir(elsewhere).socketName("f"));
    Session victim = foreign.newSession("victim").command("cat").create();
    Instant now = Instant.now();
    registry.put(new SessionRecord("evil-socket", foreign.socket(), victim.target(), "shell", 1, now, now, Map.of()));
    registry.put(new SessionRecord("evil-target", tmux.socket(), "../../x", "shell", 1, now, now, Map.of()));
    registry.put(new SessionRecord("evil-prompt", tmux.socket(), "%99", "custom", 1, now, now,
        Map.of("tmux4j.prompt", "(unclosed")));

    RegistryCorruptException bad = assertThrows(RegistryCorruptException.class, () -> tmux.session("evil-socket"));
    assertTrue(bad.getMessage().contains("socket directory"), bad.getMessage());
    assertThrows(RegistryCorruptException.class, () -> tmux.session("evil-target"));
    assertTrue(assertThrows(RegistryCorruptException.class, () -> tmux.session("evil-prompt")).getMessage()
        .contains("regular expression"));
    assertEquals(List.of("crafted-live"), tmux.sessions().stream().map(SessionInfo::name).toList());
    tmux.cleanup().all().execute();
    assertTrue(victim.health().isHealthy(), "cleanup().all() left the session on the foreign socket alone");
    ReconcileReport report = tmux.reconcile(false);
    assertEquals(3, report.skippedRecords().size());
    assertFalse(Files.exists(TMUX.dir().resolve("x")));
    assertFalse(Files.exists(elsewhere.resolve(".tmux4j-locks").resolve("f-" + victim.target().substring(1) + ".lock")),
        "no lock file was made next to the foreign socket");
    victim.close();
    assertFalse(real.health().isHealthy(), "cleanup().all() removed the real one");
  }

  @Test
  void aTranscriptPathThatIsASymbolicLinkIsRefused() throws Exception {
    TmuxClient tmux = TMUX.client(b -> b.socketName("transcript"));
    Path target = TMUX.dir().resolve("secret-target.txt");
    Path link = TMUX.dir().resolve("transcript.log");
    Files.createSymbolicLink(link, target);
    TmuxException e = assertThrows(TmuxException.class,
        () -> tmux.newSession("tr-1").shell().transcript(link).create());
    assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
    assertFalse(Files.exists(target), "nothing was written through the link");
    assertFalse(live(tmux, "tr-1"), "and the session is rolled back");
  }

  @Test
  void ephemeralSessionsEndWithTheirClientAndTheirRecordsGoToo() throws Exception {
    InMemoryRegistry registry = new InMemoryRegistry();
    TmuxClient owner = TmuxClient.builder().socketDir(TMUX.dir()).socketName("eph").registry(registry).build();
    Session s = owner.newSession("eph-1").command("cat").ephemeral().create();
    s.rename("eph-renamed");
    owner.close();
    TmuxClient other = TMUX.client(b -> b.socketName("eph").registry(registry));
    assertFalse(live(other, "eph-renamed"));
    assertEquals(Optional.empty(), registry.get("eph-renamed"));
    assertEquals(List.of(), registry.list());
  }

  @Test
  void aSessionWhoseRecordWasLostIsFoundKilledAndReRegisteredExactly() throws Exception {
    InMemoryRegistry registry = new InMemoryRegistry();
    TmuxClient tmux = TMUX.client(b -> b.socketName("lost").registry(registry));
    Session py = tmux.newSession("lost-py").python().tag("team", "a b&c=d").create();
    SessionRecord original = registry.get("lost-py").orElseThrow();
    registry.remove("lost-py"); // as a crash between tmux's new-session and the registry write leaves it
    assertEquals(List.of("lost-py"), tmux.sessions().stream().map(SessionInfo::name).toList(), "listed");
    Session again = tmux.session("lost-py").orElseThrow(); // found, and its record written again
    assertEquals(SessionType.PYTHON, again.type());
    assertEquals("42", again.run("6 * 7").output());
    SessionRecord restored = registry.get("lost-py").orElseThrow();
    assertTrue(restored.sameSession(original));
    assertEquals(original.type(), restored.type());
    assertEquals(original.tags(), restored.tags());
    registry.remove("lost-py");
    assertTrue(tmux.kill("lost-py"), "kill(name) finds it too");
    assertFalse(py.health().isHealthy());
  }

  @Test
  void aStoppedServerIsReportedAsNotRunning() throws Exception {
    for (Transport transport : Transport.values()) {
      TmuxClient tmux = TMUX.client(b -> b.socketName("term-" + transport).transport(transport));
      Session s = tmux.newSession("term").shell().create();
      long server = Long.parseLong(ItSupport.tmux(tmux.socket(), "display-message", "-p", "#{pid}").stdout().strip());
      ProcessHandle handle = ProcessHandle.of(server).orElseThrow();
      handle.destroy(); // SIGTERM
      handle.onExit().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join();
      assertEquals(HealthState.SERVER_NOT_RUNNING, s.health().state(), transport.toString());
      assertThrows(ServerNotRunningException.class, () -> s.run("echo x", Duration.ofSeconds(5)), transport.toString());
    }
  }

  @Test
  void healthRightAfterKillServerIsServerNotRunning() throws Exception {
    for (int i = 0; i < 20; i++) {
      TmuxClient tmux = TMUX.client(b -> b.socketName("ks"));
      Session s = tmux.newSession("ks-" + i).command("cat").create();
      s.send("x"); // its control client is attached
      ItSupport.tmux(tmux.socket(), "kill-server");
      assertNotEquals(HealthState.HEALTHY, s.health().state());
      assertEquals(HealthState.SERVER_NOT_RUNNING, s.health().state(), "round " + i);
      tmux.close();
    }
  }
}

package io.github.tmux4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tmux4j.spi.InMemoryRegistry;
import io.github.tmux4j.spi.SessionRecord;
import io.github.tmux4j.testing.PrivateTmux;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Faults from outside: the socket or its directory deleted under a running server, huge registries. */
class FaultsIT {
  @RegisterExtension static final PrivateTmux TMUX = new PrivateTmux();

  /** The pid of the tmux server behind a session, to stop it when its socket is gone. */
  private static long serverPid(Session s) throws Exception {
    return Long.parseLong(ItSupport.tmux(s.socket(), "display-message", "-p", "-t", s.target(), "#{pid}")
        .stdout().strip());
  }

  private static void stop(long pid) throws Exception {
    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
    ProcessHandle.of(pid).ifPresent(p -> p.onExit().orTimeout(10, TimeUnit.SECONDS).join());
  }

  @Test
  void deletedSocketMakesItsSessionsUnreachableAndANewServerIsNotConfusedWithTheOld() throws Exception {
    TmuxClient tmux = TMUX.client(b -> b.socketName("del"));
    Session old = tmux.newSession("del-old").python().create();
    assertEquals("1", old.run("print(1)").output()); // its control client is connected
    long oldServer = serverPid(old);
    try {
      Files.delete(tmux.socket());
      assertEquals(HealthState.SERVER_NOT_RUNNING, old.health().state());
      assertThrows(ServerNotRunningException.class, () -> old.run("print(2)", Duration.ofSeconds(5)));
      assertEquals(HealthState.SERVER_NOT_RUNNING, tmux.sessions().get(0).state());

      // A new server on the same path numbers its panes from %0 again: the old connection must not be used.
      Session fresh = tmux.newSession("del-new").python().create();
      assertEquals(old.target(), fresh.target(), "the new server reuses the pane id");
      assertEquals("3", fresh.run("print(3)").output());
      // The socket is served again, by a server without the old session: MISSING, never the new one's health.
      assertEquals(HealthState.MISSING, old.health().state(), "the old session stays unreachable");
      assertThrows(SessionNotFoundException.class, () -> old.run("print(4)", Duration.ofSeconds(5)));
      fresh.close();
    } finally {
      stop(oldServer);
    }
  }

  @Test
  void aCrashedServerIsReportedAsNotRunningNamingTheLikelyCause() throws Exception {
    TmuxClient tmux = TMUX.client(b -> b.socketName("crash"));
    Session s = tmux.newSession("crash-sh").shell().create();
    assertEquals("up", s.run("echo up").output());
    long server = serverPid(s);
    ProcessHandle handle = ProcessHandle.of(server).orElseThrow();
    new ProcessBuilder("kill", "-SEGV", Long.toString(server)).start().waitFor(10, TimeUnit.SECONDS); // as a crash
    handle.onExit().orTimeout(10, TimeUnit.SECONDS).join();
    assertTrue(Files.exists(tmux.socket(), java.nio.file.LinkOption.NOFOLLOW_LINKS), "a crash leaves the socket");
    assertEquals(HealthState.SERVER_NOT_RUNNING, s.health().state());
    ServerNotRunningException e = assertThrows(ServerNotRunningException.class,
        () -> s.run("echo down", Duration.ofSeconds(5)));
    assertTrue(e.getMessage().contains("crashed"), e.getMessage());
    assertEquals(tmux.socket(), e.socket());
    assertEquals(HealthState.SERVER_NOT_RUNNING, tmux.sessions().get(0).state());
  }

  @Test
  void removedSocketDirectoryIsRecreatedPrivateForTheNextSession() throws Exception {
    Path dir = TMUX.dir().resolve("gone");
    TmuxClient tmux = TmuxClient.builder().socketDir(dir).socketName("s").registry(new InMemoryRegistry()).build();
    try {
      Session old = tmux.newSession("dir-old").shell().create();
      long oldServer = serverPid(old);
      try {
        try (var files = Files.walk(dir)) { // the socket, the registry, the lock directory
          for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
            Files.delete(p);
          }
        }
        assertEquals(HealthState.SERVER_NOT_RUNNING, old.health().state());
        Session fresh = tmux.newSession("dir-new").shell().create();
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        assertEquals("ok", fresh.run("echo ok").output());
        fresh.close();
      } finally {
        stop(oldServer);
      }
    } finally {
      tmux.close();
    }
  }

  @Test
  void tenThousandRegisteredSessionsAreListedAndCleanedInOnePass() throws Exception {
    InMemoryRegistry registry = new InMemoryRegistry();
    TmuxClient tmux = TMUX.client(b -> b.socketName("many").registry(registry));
    Session live = tmux.newSession("many-live").shell().create();
    Instant now = Instant.now();
    Path nowhere = TMUX.dir().resolve("no-server");
    for (int i = 0; i < 9_999; i++) {
      Path socket = i % 2 == 0 ? tmux.socket() : nowhere; // half missing on a live server, half no server
      registry.put(new SessionRecord(String.format("many-%05d", i), socket, "%" + (100_000 + i), "shell", 1, now, now,
          Map.of()));
    }
    long start = System.nanoTime();
    List<SessionInfo> all = tmux.sessions();
    long millis = (System.nanoTime() - start) / 1_000_000;
    System.out.println("FaultsIT: sessions() of 10,000 records took " + millis + " ms");
    assertEquals(10_000, all.size());
    assertEquals(5_000, all.stream().filter(i -> i.state() == HealthState.MISSING).count());
    assertEquals(4_999, all.stream().filter(i -> i.state() == HealthState.SERVER_NOT_RUNNING).count());
    assertEquals(HealthState.HEALTHY, all.stream().filter(i -> i.name().equals("many-live")).findFirst()
        .orElseThrow().state());

    CleanupReport report = tmux.cleanup().execute();
    assertEquals(9_999, report.removed().size());
    assertEquals(List.of("many-live"), report.kept());
    assertEquals(1, registry.list().size());
    assertTrue(live.health().isHealthy());
    live.close();
  }
}

package io.github.tmux4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.failsafe.RetryPolicy;
import io.github.tmux4j.spi.InMemoryRegistry;
import io.github.tmux4j.testing.PrivateTmux;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The client: socket isolation, socket directory safety, a missing tmux, and retries of transient failures. */
class ClientIT {
  @RegisterExtension static final PrivateTmux TMUX = new PrivateTmux();

  private static TmuxClient tmux;

  @BeforeAll
  static void client() {
    tmux = TMUX.client();
  }

  // ---- sockets ----

  @Test
  void clientsOnDifferentSocketsDoNotSeeEachOthersSessions() throws Exception {
    TmuxClient a = TMUX.client(b -> b.socketName("iso-a"));
    TmuxClient b = TMUX.client(c -> c.socketName("iso-b"));
    assertNotEquals(a.socket(), b.socket());
    try (Session inA = a.newSession("client-iso").python().create();
        Session inB = b.newSession("client-iso").shell().create()) {
      assertEquals(a.socket(), inA.socket());
      assertEquals(b.socket(), inB.socket());
      assertEquals("client-iso\n", ItSupport.tmux(a.socket(), "list-sessions", "-F", "#{session_name}").stdout());
      assertEquals("client-iso\n", ItSupport.tmux(b.socket(), "list-sessions", "-F", "#{session_name}").stdout());
      // Same name, different servers: each handle talks to its own program.
      assertEquals("'python'", inA.run("'py' + 'thon'").output());
      assertEquals("shell", inB.run("echo shell").output());
      assertEquals(Optional.empty(), b.session("only-in-a"));
      try (Session onlyA = a.newSession("only-in-a").shell().create()) {
        assertEquals(Optional.empty(), b.session("only-in-a"));
        assertNotEquals(0, ItSupport.tmux(b.socket(), "has-session", "-t", "=only-in-a").exitCode());
        assertEquals(HealthState.HEALTHY, onlyA.health().state());
      }
    }
  }

  @Test
  void nameRegisteredOnAnotherLiveSocketOfASharedRegistryIsDuplicate() {
    InMemoryRegistry shared = new InMemoryRegistry();
    TmuxClient a = TMUX.client(b -> b.socketName("reg-a").registry(shared));
    TmuxClient b = TMUX.client(c -> c.socketName("reg-b").registry(shared));
    Session inA = a.newSession("client-shared").shell().create();
    DuplicateSessionException e =
        assertThrows(DuplicateSessionException.class, () -> b.newSession("client-shared").shell().create());
    assertTrue(e.getMessage().contains(a.socket().toString()), e.getMessage());
    assertEquals(a.socket(), shared.get("client-shared").orElseThrow().socket());
    inA.close();
    try (Session inB = b.newSession("client-shared").shell().create()) {
      assertEquals(b.socket(), shared.get("client-shared").orElseThrow().socket());
      assertEquals("b", inB.run("echo b").output());
    }
  }

  @Test
  void groupWritableSocketDirIsRefused() throws Exception {
    Path dir = Files.createDirectory(TMUX.dir().resolve("group-writable"));
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwx---"));
    TmuxException e = assertThrows(TmuxException.class,
        () -> TmuxClient.builder().socketDir(dir).registry(new InMemoryRegistry()).build());
    assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("writable"), e.getMessage());
    assertTrue(e.getMessage().contains("chmod 700"), e.getMessage());
  }

  @Test
  void worldWritableSocketDirIsRefused() throws Exception {
    Path dir = Files.createDirectory(TMUX.dir().resolve("world-writable"));
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
    TmuxException e = assertThrows(TmuxException.class,
        () -> TmuxClient.builder().socketDir(dir).registry(new InMemoryRegistry()).build());
    assertTrue(e.getMessage().contains("writable"), e.getMessage());
  }

  @Test
  void socketDirOwnedByAnotherUserIsRefused() throws Exception {
    Path dir = Files.createDirectory(TMUX.dir().resolve("foreign"),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    java.nio.file.attribute.UserPrincipal nobody;
    try {
      nobody = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
      Files.setOwner(dir, nobody);
    } catch (java.io.IOException notRootOrNoNobody) {
      org.junit.jupiter.api.Assumptions.abort("cannot give a directory to 'nobody' here: " + notRootOrNoNobody);
      return;
    }
    TmuxException e = assertThrows(TmuxException.class,
        () -> TmuxClient.builder().socketDir(dir).registry(new InMemoryRegistry()).build());
    assertTrue(e.getMessage().contains("owned by 'nobody'"), e.getMessage());
  }

  @Test
  void symlinkedSocketDirIsRefused() throws Exception {
    Path real = Files.createDirectory(TMUX.dir().resolve("real"),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Path link = Files.createSymbolicLink(TMUX.dir().resolve("link"), real);
    TmuxException e = assertThrows(TmuxException.class,
        () -> TmuxClient.builder().socketDir(link).registry(new InMemoryRegistry()).build());
    assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
  }

  @Test
  void missingSocketDirIsCreatedPrivate() throws Exception {
    Path dir = TMUX.dir().resolve("fresh");
    try (TmuxClient c = TmuxClient.builder().socketDir(dir).socketName("f").registry(new InMemoryRegistry())
        .build()) {
      assertEquals(dir, c.socketDir());
      assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
      assertEquals(dir.resolve("f"), c.socket());
    }
  }

  @Test
  void tooLongSocketPathIsRefused() {
    String longName = "s".repeat(120);
    TmuxException e = assertThrows(TmuxException.class,
        () -> TmuxClient.builder().socketDir(TMUX.dir()).socketName(longName).registry(new InMemoryRegistry())
            .build());
    assertTrue(e.getMessage().contains("107"), e.getMessage());
    assertTrue(e.getMessage().contains("shorter"), e.getMessage());
  }

  @Test
  void closedClientRefusesNewSessions() {
    TmuxClient c = TMUX.client(b -> b.socketName("closed"));
    c.close();
    c.close(); // idempotent
    assertThrows(IllegalStateException.class, () -> c.newSession("client-after-close"));
  }

  @Test
  void closingTheClientDoesNotKillItsSessions() throws Exception {
    TmuxClient c = TMUX.client(b -> b.socketName("outlive"));
    Session sh = c.newSession("client-outlives").shell().create();
    sh.run("survivor=yes");
    long pid = sh.health().pid().orElseThrow();
    c.close();
    assertEquals(0, ItSupport.tmux(c.socket(), "has-session", "-t", "=client-outlives").exitCode());
    assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    // A later client on the same socket finds the program still running, with its state.
    TmuxClient later = TMUX.client(b -> b.socketName("outlive"));
    try (Session again = later.newSession("client-outlives").shell().getOrCreate()) {
      assertEquals(pid, again.health().pid().orElseThrow());
      assertEquals("yes", again.run("echo $survivor").output());
    }
  }

  // ---- tmux not installed ----

  @Test
  void missingTmuxBinaryThrowsTmuxNotInstalledWithInstallHint() {
    TmuxClient noTmux = TMUX.client(b -> b.socketName("none").tmuxBinary(Path.of("/nonexistent/tmux")));
    TmuxNotInstalledException e =
        assertThrows(TmuxNotInstalledException.class, () -> noTmux.newSession("client-no-tmux").shell().create());
    assertTrue(e.getMessage().contains("/nonexistent/tmux"), e.getMessage());
    assertTrue(e.getMessage().contains("apt-get install"), e.getMessage());
    assertTrue(e.getMessage().contains("tmuxBinary"), e.getMessage());
    assertEquals(Optional.empty(), noTmux.registry().get("client-no-tmux"));
  }

  // ---- retries ----

  /**
   * Writes a tmux wrapper that logs each invocation and, if {@code failFirst}, fails the first one as a
   * fork failure would, then runs the real tmux.
   */
  private static Path flakyTmux(String id, boolean failFirst) throws Exception {
    Path dir = TMUX.dir();
    Path log = dir.resolve(id + ".log");
    Path marker = dir.resolve(id + ".failed");
    if (!failFirst) {
      Files.createFile(marker);
    }
    Path script = dir.resolve(id + ".sh");
    Files.writeString(script, "#!/bin/bash\n"
        + "printf '%s\\n' \"$*\" >> '" + log + "'\n"
        + "if [ ! -e '" + marker + "' ]; then\n"
        + "  touch '" + marker + "'\n"
        + "  echo 'fork failed: Resource temporarily unavailable' >&2\n"
        + "  exit 1\n"
        + "fi\n"
        + "exec tmux \"$@\"\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    return script;
  }

  private static List<String> invocations(String id) throws Exception {
    Path log = TMUX.dir().resolve(id + ".log");
    return Files.exists(log) ? Files.readAllLines(log) : List.of();
  }

  @Test
  void defaultPolicyRetriesTransientFailure() throws Exception {
    Path wrapper = flakyTmux("retry-default", true);
    TmuxClient flaky = TMUX.client(b -> b.socketName("retry1").tmuxBinary(wrapper));
    try (Session sh = flaky.newSession("client-retried").shell().create()) {
      assertEquals(HealthState.HEALTHY, sh.health().state());
      assertEquals("ok", sh.run("echo ok").output());
    }
    List<String> calls = invocations("retry-default");
    long newSessions = calls.stream().filter(l -> l.contains("new-session")).count();
    assertEquals(2, newSessions, "the failed new-session was retried once:\n" + String.join("\n", calls));
    assertTrue(calls.get(0).contains("new-session"), calls.get(0));
  }

  @Test
  void policyWithoutRetriesFailsOnTransientFailure() throws Exception {
    Path wrapper = flakyTmux("retry-none", true);
    TmuxClient strict = TMUX.client(b -> b.socketName("retry2").tmuxBinary(wrapper)
        .retryPolicy(RetryPolicy.builder().handle(TmuxException.class).withMaxRetries(0).build()));
    TmuxException e = assertThrows(TmuxException.class, () -> strict.newSession("client-not-retried").shell()
        .create());
    assertTrue(e.isTransient(), "a fork failure is transient: " + e);
    assertTrue(e.getMessage().contains("Resource temporarily unavailable"), e.getMessage());
    assertEquals(1, invocations("retry-none").size(), String.join("\n", invocations("retry-none")));
    assertEquals(Optional.empty(), strict.registry().get("client-not-retried"));
  }

  @Test
  void permanentErrorIsNotRetried() throws Exception {
    Path wrapper = flakyTmux("retry-permanent", false);
    java.util.concurrent.atomic.AtomicInteger retries = new java.util.concurrent.atomic.AtomicInteger();
    RetryPolicy<Object> countedDefault = RetryPolicy.builder(TmuxClient.defaultRetryPolicy().getConfig())
        .onRetry(e -> retries.incrementAndGet()).build();
    TmuxClient counted = TMUX.client(b -> b.socketName("retry3").tmuxBinary(wrapper).retryPolicy(countedDefault));
    try (Session keeper = counted.newSession("client-keeper").shell().create()) {
      Session victim = counted.newSession("client-victim").shell().create();
      assertEquals(0, ItSupport.tmux(counted.socket(), "kill-session", "-t", "=client-victim").exitCode());
      int before = invocations("retry-permanent").size();
      retries.set(0);
      assertThrows(SessionNotFoundException.class, () -> victim.send("echo hi"));
      assertEquals(0, retries.get(), "the default policy does not retry a missing session");
      // The send went to the victim's control client if that had not yet seen the session end (it is
      // not a process of its own), else to a tmux process: at most one process ran it.
      List<String> calls = invocations("retry-permanent").subList(before, invocations("retry-permanent").size());
      assertTrue(calls.stream().filter(c -> c.contains("send-keys")).count() <= 1,
          "the failed send ran once, no retry:\n" + String.join("\n", calls));
      assertEquals(HealthState.HEALTHY, keeper.health().state());
    }
  }

  @Test
  void commandTimeoutAbandonsAHangingTmux() throws Exception {
    Path hanging = TMUX.dir().resolve("hanging-tmux.sh");
    Files.writeString(hanging, "#!/bin/bash\nexec sleep 30\n");
    Files.setPosixFilePermissions(hanging, PosixFilePermissions.fromString("rwx------"));
    TmuxClient slow = TMUX.client(b -> b.socketName("hang").tmuxBinary(hanging)
        .commandTimeout(Duration.ofMillis(300)));
    long start = System.nanoTime();
    TmuxException e = assertThrows(TmuxException.class, () -> slow.newSession("client-hang").shell().create());
    assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(10)) < 0,
        "gave up long before the fake tmux finished");
    assertTrue(e.getMessage().contains("did not answer"), e.getMessage());
    assertFalse(e.isTransient());
  }
}

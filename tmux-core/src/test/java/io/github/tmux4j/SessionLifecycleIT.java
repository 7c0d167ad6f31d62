package io.github.tmux4j;

import static io.github.tmux4j.ItSupport.WAIT;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.tmux4j.spi.SessionRecord;
import io.github.tmux4j.testing.PrivateTmux;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Creating, naming, reusing, reattaching and closing sessions on a real tmux server. */
class SessionLifecycleIT {
  @RegisterExtension static final PrivateTmux TMUX = new PrivateTmux();

  private static TmuxClient tmux;

  @BeforeAll
  static void client() {
    tmux = TMUX.client();
    // Keeps the server up while tests close their sessions: a tmux server exits with its last session,
    // and creating a session on a server that is shutting down is a separate test.
    tmux.newSession("life-class-keeper").command("cat").register(false).create();
  }

  @Test
  void pythonSessionReachesPromptAndEvaluates() {
    try (Session py = tmux.newSession("life-python").python().create()) {
      assertEquals("life-python", py.name());
      assertEquals(SessionType.PYTHON, py.type());
      assertEquals(tmux.socket(), py.socket());
      assertTrue(py.target().matches("%\\d+"), "target is a pane id: " + py.target());
      assertTrue(py.capture().text().endsWith(">>>"), "screen ends at the prompt:\n" + py.capture().text());
      assertEquals(HealthState.HEALTHY, py.health().state());
      assertEquals("42", py.run("6 * 7").output());
    }
  }

  @Test
  void shellSessionReachesPromptAndEvaluates() {
    try (Session sh = tmux.newSession("life-shell").shell().create()) {
      assertEquals(SessionType.SHELL, sh.type());
      assertTrue(Prompts.SHELL.matcher(sh.capture().text()).find(), sh.capture().text());
      CommandResult r = sh.run("echo $((6 * 7))");
      assertEquals("42", r.output());
      assertEquals(0, r.exitCode().getAsInt());
    }
  }

  @Test
  void defaultSessionTypeIsShell() {
    try (Session sh = tmux.newSession("life-default").create()) {
      assertEquals(SessionType.SHELL, sh.type());
      assertEquals("hi", sh.run("echo hi").output());
    }
  }

  @Test
  void gdbSessionReachesPromptAndEvaluates() {
    assumeTrue(ItSupport.onPath("gdb"), "gdb is not installed");
    try (Session gdb = tmux.newSession("life-gdb").gdb().create()) {
      assertEquals(SessionType.GDB, gdb.type());
      assertTrue(gdb.capture().text().endsWith("(gdb)"), gdb.capture().text());
      assertEquals("$1 = 42", gdb.run("print 6 * 7").output());
      assertEquals("$2 = 5", gdb.run("print sizeof(\"abcd\")").output());
    }
  }

  @Test
  void customCommandWithReadyWhenSupportsRun() {
    try (Session py = tmux.newSession("life-custom").command("python3", "-q").readyWhen(Prompts.PYTHON).create()) {
      assertEquals(SessionType.CUSTOM, py.type());
      assertEquals("7", py.run("3 + 4").output());
    }
  }

  @Test
  void customCommandWithoutPromptRefusesRunButWaitsWork() {
    try (Session cat = tmux.newSession("life-cat").command("cat").create()) {
      assertThrows(IllegalStateException.class, () -> cat.run("hello"));
      cat.send("meow");
      // cat's tty echoes the line and cat prints it again: only the second one is output.
      assertEquals("meow", cat.waitFor("meow", WAIT).group());
    }
  }

  @Test
  void envAndWorkingDirReachTheProgram() throws Exception {
    java.nio.file.Path wd = java.nio.file.Files.createDirectories(TMUX.dir().resolve("wd"));
    try (Session sh = tmux.newSession("life-env").shell().env("TMUX4J_IT", "a b;$HOME 'q'").workingDir(wd)
        .create()) {
      assertEquals("a b;$HOME 'q'", sh.run("printf '%s\\n' \"$TMUX4J_IT\"").output());
      assertEquals(wd.toRealPath().toString(), sh.run("pwd -P").output());
    }
  }

  @Test
  void programThatExitsDuringStartupThrowsSessionDeadAndLeavesNothingBehind() throws Exception {
    // The program works a moment before it dies: what one prints in the very instant it exits can be lost
    // by tmux 3.2a-3.6b whatever tmux4j does (docs/tmux-facts.md, fact 6), and that is not this test's point.
    String name = "life-startup-dead";
    SessionDeadException e = assertThrows(SessionDeadException.class, () -> tmux.newSession(name)
        .command("sh", "-c", "echo boom-at-startup; sleep 0.3; exit 5").readyWhen(Pattern.compile("never-ready")).create());
    assertEquals(OptionalInt.of(5), e.exitStatus());
    assertTrue(e.lastScreen().contains("boom-at-startup"), e.lastScreen());
    assertEquals(Optional.empty(), tmux.registry().get(name));
    assertNotEquals(0, ItSupport.tmux(tmux.socket(), "has-session", "-t", "=" + name).exitCode());
  }

  @Test
  void programNeverReadyTimesOutAndLeavesNothingBehind() throws Exception {
    String name = "life-startup-timeout";
    WaitTimeoutException e = assertThrows(WaitTimeoutException.class, () -> tmux.newSession(name)
        .command("sh", "-c", "echo still-starting; exec sleep 60").readyWhen(Pattern.compile("never-ready"))
        .startupTimeout(Duration.ofMillis(700)).create());
    assertTrue(e.lastScreen().contains("still-starting"), e.lastScreen());
    assertTrue(e.getMessage().contains("still-starting"), e.getMessage());
    assertEquals(Optional.empty(), tmux.registry().get(name));
    assertNotEquals(0, ItSupport.tmux(tmux.socket(), "has-session", "-t", "=" + name).exitCode());
  }

  @Test
  void createRightAfterClosingTheLastSessionSucceeds() {
    // With its last session gone the server exits; a create racing with that exit must still succeed.
    TmuxClient own = TMUX.client(b -> b.socketName("churn"));
    for (int i = 0; i < 200; i++) {
      Session s = own.newSession("life-churn").command("cat").create();
      assertEquals(HealthState.HEALTHY, s.health().state(), "round " + i);
      s.close();
    }
  }

  @Test
  void duplicateNameThrowsDuplicateSessionException() {
    try (Session first = tmux.newSession("life-dup").shell().create()) {
      DuplicateSessionException e =
          assertThrows(DuplicateSessionException.class, () -> tmux.newSession("life-dup").python().create());
      assertEquals("life-dup", e.sessionName());
      assertTrue(e.getMessage().contains("life-dup"), e.getMessage());
      // The existing session is untouched.
      assertEquals(HealthState.HEALTHY, first.health().state());
      assertEquals("ok", first.run("echo ok").output());
    }
  }

  static Stream<Arguments> badNames() {
    return Stream.of(
        Arguments.of("a.b", "'.'"),
        Arguments.of("a:b", "':'"),
        Arguments.of("a b", "U+0020"),
        Arguments.of("", "empty"),
        Arguments.of("a\tb", "U+0009"),
        Arguments.of("\t", "U+0009"),
        Arguments.of("a\nb", "U+000A"),
        Arguments.of("-a", "'-'"),
        Arguments.of("$1", "'$'"),
        Arguments.of("${HOME}", "'$'"),
        Arguments.of("a\\b", "'\\'"),
        Arguments.of("x".repeat(201), "201"));
  }

  @ParameterizedTest
  @MethodSource("badNames")
  void badNameIsRejectedNamingTheProblem(String name, String named) {
    InvalidSessionNameException e = assertThrows(InvalidSessionNameException.class, () -> tmux.newSession(name));
    assertTrue(e.getMessage().contains(named), "message should name " + named + ": " + e.getMessage());
    assertEquals(name, e.sessionName());
  }

  @Test
  void nameOfTwoHundredCharactersIsAccepted() {
    String name = "n".repeat(200);
    try (Session sh = tmux.newSession(name).shell().create()) {
      assertEquals(name, sh.name());
      assertEquals(HealthState.HEALTHY, sh.health().state());
    }
  }

  @Test
  void hashInNameIsKeptLiterally() throws Exception {
    try (Session sh = tmux.newSession("a#b").shell().create()) {
      assertEquals("a#b", sh.name());
      assertEquals(HealthState.HEALTHY, sh.health().state());
      assertEquals("a#b", ItSupport.tmux(tmux.socket(), "display-message", "-p", "-t", sh.target(),
          "#{session_name}").stdout().strip());
      assertEquals("ok", sh.run("echo ok").output());
    }
  }

  @Test
  void hashInNameIsReusedByGetOrCreateAndClosed() throws Exception {
    try (Session keeper = tmux.newSession("life-keeper2").shell().create()) {
      Session first = tmux.newSession("h#{session_name}").shell().create();
      assertEquals("h#{session_name}", first.name());
      assertEquals(HealthState.HEALTHY, first.health().state());
      Session again = tmux.newSession("h#{session_name}").shell().getOrCreate();
      assertEquals(first.health().pid(), again.health().pid());
      again.close();
      assertEquals(Optional.empty(), tmux.registry().get("h#{session_name}"));
      assertNotEquals(0, ItSupport.tmux(tmux.socket(), "has-session", "-t", "=h#{session_name}").exitCode());
      assertEquals(HealthState.HEALTHY, keeper.health().state());
    }
  }

  @Test
  void getOrCreateCreatesNewSessionWhileOtherSessionsExist() {
    try (Session keeper = tmux.newSession("life-keeper3").shell().create();
        Session fresh = tmux.newSession("life-fresh").python().getOrCreate()) {
      assertEquals(HealthState.HEALTHY, fresh.health().state());
      assertEquals("3", fresh.run("1 + 2").output());
      assertEquals(fresh.target(), tmux.registry().get("life-fresh").orElseThrow().target());
      assertEquals(HealthState.HEALTHY, keeper.health().state());
    }
  }

  @Test
  void getOrCreateReusesHealthySession() {
    Session first = tmux.newSession("life-reuse").python().getOrCreate();
    try {
      first.run("reused = 'yes'");
      long pid = first.health().pid().getAsLong();
      Session second = tmux.newSession("life-reuse").python().getOrCreate();
      assertEquals(pid, second.health().pid().getAsLong());
      assertEquals(first.target(), second.target());
      assertEquals("'yes'", second.run("reused").output());
    } finally {
      first.close();
    }
  }

  @Test
  void getOrCreateReplacesDeadSession() {
    Session first = tmux.newSession("life-replace").python().create();
    long oldPid = first.health().pid().getAsLong();
    first.send("import os; os._exit(4)");
    await().atMost(WAIT).until(() -> first.health().state() == HealthState.DEAD);
    Session second = tmux.newSession("life-replace").python().getOrCreate();
    try {
      Health h = second.health();
      assertEquals(HealthState.HEALTHY, h.state());
      assertNotEquals(oldPid, h.pid().getAsLong());
      assertEquals("2", second.run("1 + 1").output());
      SessionRecord record = tmux.registry().get("life-replace").orElseThrow();
      assertEquals(h.pid().getAsLong(), record.pid());
      assertEquals(second.target(), record.target());
    } finally {
      second.close();
    }
  }

  @Test
  void getOrCreateReplacesSessionKilledFromOutside() throws Exception {
    try (Session keeper = tmux.newSession("life-keeper1").shell().create()) {
      Session first = tmux.newSession("life-replace-missing").shell().create();
      assertEquals(0, ItSupport.tmux(tmux.socket(), "kill-session", "-t", "=life-replace-missing").exitCode());
      Session second = tmux.newSession("life-replace-missing").shell().getOrCreate();
      try {
        assertEquals(HealthState.HEALTHY, second.health().state());
        assertNotEquals(first.target(), second.target());
        assertEquals("ok", second.run("echo ok").output());
      } finally {
        second.close();
      }
      assertEquals(HealthState.HEALTHY, keeper.health().state());
    }
  }

  @Test
  void closeIsIdempotentAndRemovesRegistryRecord() throws Exception {
    Session sh = tmux.newSession("life-close").shell().create();
    SessionRecord record = tmux.registry().get("life-close").orElseThrow();
    assertEquals(sh.target(), record.target());
    assertEquals(tmux.socket(), record.socket());
    assertEquals(sh.health().pid().getAsLong(), record.pid());
    sh.close();
    assertEquals(Optional.empty(), tmux.registry().get("life-close"));
    assertNotEquals(0, ItSupport.tmux(tmux.socket(), "has-session", "-t", "=life-close").exitCode());
    sh.close(); // again: nothing happens
    assertEquals(Optional.empty(), tmux.registry().get("life-close"));
    assertFalse(sh.health().isHealthy());
  }

  @Test
  void registerFalseKeepsRegistryUnchanged() {
    List<SessionRecord> before = tmux.registry().list();
    try (Session sh = tmux.newSession("life-unregistered").shell().register(false).create()) {
      assertEquals(before, tmux.registry().list());
      assertEquals(Optional.empty(), tmux.registry().get("life-unregistered"));
      assertEquals(Optional.empty(), tmux.session("life-unregistered"));
      sh.send("true");
      sh.run("echo ok");
      assertEquals(before, tmux.registry().list());
      assertEquals(HealthState.HEALTHY, sh.health().state());
    }
    assertEquals(before, tmux.registry().list());
  }

  @Test
  void registeredSessionIsReattachedByName() {
    Session py = tmux.newSession("life-reattach").python().create();
    try {
      py.run("kept = 40 + 2");
      Session again = tmux.session("life-reattach").orElseThrow();
      assertEquals(py.target(), again.target());
      assertEquals(SessionType.PYTHON, again.type());
      assertEquals("42", again.run("kept").output());
      assertEquals(Optional.empty(), tmux.session("life-never-created"));
    } finally {
      py.close();
    }
  }

  @Test
  void sendUpdatesLastActive() {
    try (Session sh = tmux.newSession("life-active").shell().create()) {
      java.time.Instant created = tmux.registry().get("life-active").orElseThrow().lastActive();
      sh.send("true");
      assertTrue(tmux.registry().get("life-active").orElseThrow().lastActive().isAfter(created));
    }
  }
}

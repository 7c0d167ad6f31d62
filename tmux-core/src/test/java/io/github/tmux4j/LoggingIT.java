package io.github.tmux4j;

import static io.github.tmux4j.ItSupport.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.tmux4j.testing.CapturedLogs;
import io.github.tmux4j.testing.PrivateTmux;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * tmux4j's logs through System.Logger, read here through java.util.logging (the JDK's default backend:
 * FINE is DEBUG, FINER is TRACE): commands at DEBUG, control-mode events at TRACE, and a timed-out
 * wait that says what it examined; nothing at all when those levels are off.
 */
class LoggingIT {
  @RegisterExtension static final PrivateTmux TMUX = new PrivateTmux();

  private static final String COMMANDS = "io.github.tmux4j.tmux";
  private static final String EVENTS = "io.github.tmux4j.control";
  private static final String WAITS = "io.github.tmux4j.wait";
  private static final Duration SHORT = Duration.ofMillis(400);
  /** Far more than any message may be, far less than the output it reports on. */
  private static final int MESSAGE_BOUND = 4_000;

  private static TmuxClient tmux;
  private static Session py;

  @BeforeAll
  static void sessions() {
    tmux = TMUX.client();
    py = tmux.newSession("log-py").python().create();
  }

  /** Leaves the shared REPL at a fresh prompt for the next test. */
  @AfterEach
  void settle() {
    py.run("pass", WAIT);
  }

  @AfterAll
  static void close() {
    py.close();
  }

  @Test
  void aTimedOutWaitLogsThePatternTheScopeAndTheLinesItExamined() {
    try (CapturedLogs logs = CapturedLogs.of(Level.FINE, WAITS)) {
      py.send("print('on-' + 'screen')");
      py.waitFor("on-screen", WAIT); // matched: logs nothing
      assertThrows(WaitTimeoutException.class, () -> py.waitFor("never-there", SHORT));
      List<String> messages = logs.messages(WAITS, Level.FINE);
      assertEquals(1, messages.size(), messages.toString());
      String log = messages.get(0);
      assertTrue(log.startsWith("Wait timed out: pattern '\\Qnever-there\\E' in session 'log-py', after "), log);
      assertTrue(Pattern.compile("after \\d+ ms \\(timeout 400 ms\\); tested [1-9]\\d* times").matcher(log).find(), log);
      assertTrue(log.contains("scope: the output since the last input through this handle, echo left out"), log);
      assertTrue(log.contains("    | on-screen\n"), log);
      assertFalse(log.contains("\u001b"), log);
    }
  }

  @Test
  void aTimedOutScreenWaitLogsTheScreen() {
    py.run("print('shown-' + 'here')");
    try (CapturedLogs logs = CapturedLogs.of(Level.FINE, WAITS)) {
      assertThrows(WaitTimeoutException.class, () -> py.waitForScreen(Pattern.compile("not-on-screen"), SHORT));
      String log = String.join("\n", logs.messages(WAITS, Level.FINE));
      assertTrue(log.contains("pattern 'not-on-screen' on the screen of session 'log-py'"), log);
      assertTrue(log.contains("scope: tmux's screen"), log);
      assertTrue(log.contains("tmux's screen at the last look"), log);
      assertTrue(log.contains("    | shown-here\n"), log);
    }
  }

  @Test
  void aTimedOutRunLogsThePromptItWaitedForAndThatTheEchoCame() {
    try (CapturedLogs logs = CapturedLogs.of(Level.FINE, WAITS)) {
      assertThrows(WaitTimeoutException.class, () -> py.run("import time; time.sleep(1); print('slept')", SHORT));
      String log = String.join("\n", logs.messages(WAITS, Level.FINE));
      assertTrue(log.startsWith("Wait timed out: the prompt after 'import time; time.sleep(1); print('slept')' in "
          + "session 'log-py', after "), log);
      assertTrue(log.contains("why: nothing was printed after the echo of the input; input 1 line(s) "
          + "\"import time; time.sleep(1); print('slept')\", echoed true"), log);
    }
    py.waitFor(Prompts.PYTHON, WAIT); // the sleep ends; the next test starts at a prompt
  }

  @Test
  void theProcessTransportsWaitsAndCommandsAreLoggedToo() {
    TmuxClient processes = TMUX.client(b -> b.socketName("proc").transport(Transport.PROCESS));
    try (CapturedLogs logs = CapturedLogs.of(Level.FINE, COMMANDS, WAITS)) {
      Session sh = processes.newSession("log-proc").shell().create();
      try {
        sh.send("echo spooled-$((6 * 7))");
        assertThrows(WaitTimeoutException.class, () -> sh.waitFor("never-there", SHORT));
      } finally {
        sh.close();
      }
      String wait = String.join("\n", logs.messages(WAITS, Level.FINE));
      assertTrue(wait.contains("pattern '\\Qnever-there\\E' in session 'log-proc'"), wait);
      assertTrue(wait.contains("    | spooled-42\n"), wait);
      List<String> commands = logs.messages(COMMANDS, Level.FINE);
      assertTrue(commands.stream().anyMatch(m -> m.startsWith("tmux process: ") && m.contains("pipe-pane")
          && m.contains("echo spooled-") && m.contains(" -> exit 0 in ")), String.join("\n", commands));
      assertTrue(commands.stream().noneMatch(m -> m.startsWith("control client")), String.join("\n", commands));
    }
  }

  @Test
  void listingTheSessionsAsksEachServerOnce() {
    // The shared client's registry, so that the sessions are on two servers: its own and this one's.
    TmuxClient processes = TMUX.client(b -> b.socketName("listing").transport(Transport.PROCESS).registry(tmux.registry()));
    Session first = processes.newSession("list-first").shell().create();
    Session second = processes.newSession("list-second").shell().create();
    try (CapturedLogs logs = CapturedLogs.of(Level.FINE, COMMANDS)) {
      List<SessionInfo> infos = processes.sessions();
      for (String name : List.of("list-first", "list-second", "log-py")) {
        assertTrue(infos.stream().anyMatch(i -> i.name().equals(name) && i.state() == HealthState.HEALTHY),
            name + " in " + infos);
      }
      // One list-panes per server tells its panes, its sessions and their labels.
      List<String> commands = logs.messages(COMMANDS, Level.FINE).stream()
          .filter(m -> m.contains(TMUX.dir().toString())).toList();
      assertEquals(2, commands.size(), String.join("\n", commands));
      assertTrue(commands.stream().allMatch(m -> m.contains(" list-panes -a -F ")), String.join("\n", commands));
    } finally {
      first.close();
      second.close();
    }
  }

  @Test
  void aLeaseThatCannotBeHadInTimeIsLoggedWithItsHolder() throws Exception {
    ExecutorService other = Executors.newSingleThreadExecutor();
    try (CapturedLogs logs = CapturedLogs.of(Level.FINE, WAITS); SessionLease lease = py.exclusive(WAIT)) {
      Future<?> blocked = other.submit(() -> py.run("print('never typed')", Duration.ofMillis(200)));
      ExecutionException e = assertThrows(ExecutionException.class, () -> blocked.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
      assertTrue(e.getCause() instanceof SessionBusyException, e.toString());
      String log = String.join("\n", logs.messages(WAITS, Level.FINE));
      assertTrue(log.startsWith("Wait for the lease timed out: " + e.getCause().getMessage() + " (lock file "), log);
      assertTrue(log.contains("held exclusively by process " + ProcessHandle.current().pid()), log);
    } finally {
      other.shutdownNow();
    }
  }

  @Test
  void everyCommandIsLoggedWithItsCommandDurationAndResult() {
    List<String> messages;
    try (CapturedLogs logs = CapturedLogs.of(Level.FINE, COMMANDS)) {
      Session sh = tmux.newSession("log-sh").shell().create();
      assertEquals("logged-42", sh.run("echo logged-$((6 * 7))").output());
      sh.close();
      messages = logs.messages(COMMANDS, Level.FINE);
    }
    Pattern process = Pattern.compile("^tmux process: \\S+ -u -S \\S+ .*new-session .* -> exit 0 in \\d+\\.\\d{3} ms");
    assertTrue(messages.stream().anyMatch(m -> process.matcher(m).find()), String.join("\n", messages));
    if (PrivateTmux.controlModeSafe()) {
      Pattern control = Pattern.compile("^control client for %\\d+ on \\S+: .*send-keys.*echo logged-.* -> %end in "
          + "\\d+\\.\\d{3} ms");
      assertTrue(messages.stream().anyMatch(m -> control.matcher(m).find()), String.join("\n", messages));
    }
  }

  @Test
  void controlModeEventsAreTracedAndEveryMessageIsBounded() {
    assumeTrue(PrivateTmux.controlModeSafe(), "this tmux gets no control clients");
    List<String> messages;
    try (CapturedLogs logs = CapturedLogs.of(Level.FINER, COMMANDS, EVENTS)) {
      py.run("print('traced-' + 'output')");
      assertEquals(100_000, py.run("print('x' * 100000)", WAIT).output().length());
      messages = logs.records().stream().map(r -> r.getMessage()).toList();
      assertTrue(logs.messages(EVENTS, Level.FINER).stream()
          .anyMatch(m -> m.contains(": %output %") && m.contains("traced-output")), String.join("\n", messages));
    }
    for (String m : messages) {
      assertTrue(m.length() < MESSAGE_BOUND, () -> m.length() + " chars: " + m.substring(0, 300));
    }
  }

  @Test
  void nothingIsLoggedWhenDebugAndTraceAreOff() {
    try (CapturedLogs logs = CapturedLogs.of(Level.INFO, COMMANDS, EVENTS, WAITS)) {
      py.run("print('quiet-' + 'run')");
      assertThrows(WaitTimeoutException.class, () -> py.waitFor("never-there", SHORT));
      assertEquals(List.of(), logs.records());
    }
  }
}

package io.github.tmux4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.awaitility.Awaitility.await;

import io.github.tmux4j.testing.PrivateTmux;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Started commands ({@link Session#start}) against real programs on both transports: soft timeouts that
 * are continued, the no-output timeout, programs waiting for input (bash {@code read}, {@code cat},
 * Python's {@code input()} in a shell and in the REPL), interrupts that escalate to signals, output caps
 * on 10 MB of output, a program that exits, and many threads on one client.
 */
class ExecutionIT {
  @RegisterExtension static final PrivateTmux TMUX = new PrivateTmux();

  private static final Duration WAIT = Duration.ofSeconds(20);
  /** How soon a program asking a question must be reported waiting (far below WAIT). */
  private static final Duration PROMPTLY = Duration.ofSeconds(5);
  private static final Map<String, TmuxClient> CLIENTS = new ConcurrentHashMap<>();
  private static final AtomicInteger NAMES = new AtomicInteger();

  static boolean linux() {
    return Files.isDirectory(Path.of("/proc/self"));
  }

  @Nested
  class ControlMode extends Corpus {
    ControlMode() {
      super(Transport.CONTROL_MODE);
    }
  }

  @Nested
  class Process extends Corpus {
    Process() {
      super(Transport.PROCESS);
    }
  }

  abstract static class Corpus {
    private final Transport transport;

    Corpus(Transport transport) {
      this.transport = transport;
    }

    private TmuxClient client() {
      return CLIENTS.computeIfAbsent(transport.name(), t -> TMUX.client(b -> b.socketName("ex-" + t.toLowerCase())
          .transport(transport)));
    }

    private Session shell() {
      return client().newSession("sh-" + NAMES.incrementAndGet()).size(120, 40).shell().create();
    }

    private Session python() {
      return client().newSession("py-" + NAMES.incrementAndGet()).size(120, 40).python().create();
    }

    /** Awaits, and checks that the await kept its bound. */
    private static ExecutionStatus bounded(Execution e, Duration timeout) {
      long started = System.nanoTime();
      ExecutionStatus s = e.await(timeout);
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      assertTrue(took.compareTo(timeout.plusSeconds(2)) < 0, "await(" + timeout + ") took " + took);
      return s;
    }

    /** Awaits until a state other than RUNNING/NO_OUTPUT comes, within WAIT in all. */
    private static ExecutionStatus settled(Execution e) {
      long deadline = System.nanoTime() + WAIT.toNanos();
      ExecutionStatus s;
      do {
        s = bounded(e, WAIT);
      } while ((s.state() == ExecutionState.RUNNING || s.state() == ExecutionState.NO_OUTPUT)
          && System.nanoTime() < deadline);
      return s;
    }

    /** Awaits in short steps until the output shows a text, within WAIT in all. */
    private static ExecutionStatus untilOutput(Execution e, String text) {
      long deadline = System.nanoTime() + WAIT.toNanos();
      ExecutionStatus s;
      do {
        s = bounded(e, Duration.ofMillis(300));
      } while (!s.output().contains(text) && !s.done() && System.nanoTime() < deadline);
      return s;
    }

    private static ExecutionStatus promptly(Supplier<ExecutionStatus> call) {
      long started = System.nanoTime();
      ExecutionStatus s = call.get();
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      assertTrue(took.compareTo(PROMPTLY) < 0, s.state() + " took " + took);
      return s;
    }

    // ---- soft timeouts ----

    @Test
    void finishedCommandReportsOutputAndExitCodeLikeRun() {
      try (Session sh = shell()) {
        Execution e = sh.start("printf 'a\\nb\\n'; false");
        ExecutionStatus s = bounded(e, WAIT);
        assertEquals(ExecutionState.FINISHED, s.state());
        assertEquals("a\nb", s.output());
        assertEquals(OptionalInt.of(1), s.exitCode());
        assertFalse(s.truncation().any());
        assertEquals(s, e.await(WAIT), "a finished execution answers the same at once");
        assertEquals("after", sh.run("echo after", WAIT).output());
      }
    }

    @Test
    void longJobTimesOutSoftlyIsContinuedThenInterrupted() {
      try (Session sh = shell()) {
        Execution e = sh.start("echo begin; sleep 60; echo never");
        ExecutionStatus first = bounded(e, Duration.ofMillis(700));
        assertEquals(ExecutionState.RUNNING, first.state());
        assertEquals(OptionalInt.empty(), first.exitCode());
        ExecutionStatus second = bounded(e, Duration.ofMillis(300));
        assertEquals(ExecutionState.RUNNING, second.state(), "sleep is not waiting for input");
        assertTrue(second.output().startsWith("begin"), second.output());
        assertThrows(NotAtPromptException.class, () -> sh.run("echo busy", WAIT));
        Interruption stop = e.interrupt();
        assertEquals(List.of(Interruption.Step.CTRL_C), stop.steps());
        assertTrue(stop.stopped());
        assertEquals(ExecutionState.FINISHED, stop.status().state());
        assertEquals(OptionalInt.of(130), stop.status().exitCode());
        assertFalse(stop.status().output().contains("never"));
        assertEquals("after", sh.run("echo after", WAIT).output());
      }
    }

    @Test
    void continuedAwaitsReturnWhatIsNew() {
      assumeTrue(linux());
      try (Session sh = shell()) {
        Execution e = sh.start("echo one; read -r _; echo two");
        ExecutionStatus asked = promptly(() -> settled(e));
        assertEquals(ExecutionState.WAITING_FOR_INPUT, asked.state());
        assertEquals("one", asked.output());
        assertEquals("one", asked.newOutput());
        e.send("");
        ExecutionStatus done = settled(e);
        assertEquals(ExecutionState.FINISHED, done.state());
        assertEquals("one\n\ntwo", done.output());
        assertFalse(done.newOutput().contains("one"), done.newOutput());
        assertTrue(done.newOutput().endsWith("two"), done.newOutput());
      }
    }

    @Test
    void noOutputTimeoutEndsAnAwaitSoftly() {
      try (Session sh = shell()) {
        Execution e = sh.start("echo started; sleep 60",
            ExecutionOptions.builder().noOutputTimeout(Duration.ofMillis(400)).build());
        ExecutionStatus s = promptly(() -> bounded(e, WAIT));
        assertEquals(ExecutionState.NO_OUTPUT, s.state());
        assertEquals("started", s.output());
        assertTrue(s.silence().compareTo(Duration.ofMillis(400)) >= 0, "silent for " + s.silence());
        assertEquals(ExecutionState.NO_OUTPUT, promptly(() -> bounded(e, WAIT)).state(), "again, counted per await");
        assertTrue(e.interrupt().stopped());
      }
    }

    @Test
    void multiLineCommandsAndPythonBlocks() {
      try (Session sh = shell(); Session py = python()) {
        ExecutionStatus s = settled(sh.start("echo one\necho two"));
        assertEquals("one\ntwo", s.output());
        assertEquals(OptionalInt.of(0), s.exitCode());
        ExecutionStatus block = settled(py.start("for i in range(3): print(i)"));
        assertEquals(ExecutionState.FINISHED, block.state());
        assertEquals("0\n1\n2", block.output());
      }
    }

    @org.junit.jupiter.api.RepeatedTest(5)
    void programThatExitsIsReported() {
      Session sh = shell();
      ExecutionStatus s = settled(sh.start("echo bye; exit 3"));
      assertEquals(ExecutionState.PROGRAM_EXITED, s.state());
      assertEquals(OptionalInt.of(3), s.exitCode());
      assertTrue(s.output().startsWith("bye"), s.toString());
      sh.close();
    }

    // ---- waiting for input ----

    @Test
    void bashReadWaitsForInput() {
      assumeTrue(linux());
      try (Session sh = shell()) {
        Execution e = sh.start("read -r -p 'Name? ' n; echo \"hello $n\"");
        ExecutionStatus asked = promptly(() -> bounded(e, WAIT));
        assertEquals(ExecutionState.WAITING_FOR_INPUT, asked.state());
        assertEquals("Name?", asked.output());
        e.send("bob");
        ExecutionStatus done = bounded(e, WAIT);
        assertEquals(ExecutionState.FINISHED, done.state());
        assertEquals("Name? bob\nhello bob", done.output());
        assertEquals(OptionalInt.of(0), done.exitCode());
      }
    }

    @Test
    void catWithoutArgumentsWaitsUntilEndOfInput() {
      assumeTrue(linux());
      try (Session sh = shell()) {
        Execution e = sh.start("cat");
        assertEquals(ExecutionState.WAITING_FOR_INPUT, promptly(() -> bounded(e, WAIT)).state());
        sh.send("line"); // the session's own send goes into the started command
        ExecutionStatus echoed = promptly(() -> bounded(e, WAIT));
        assertEquals(ExecutionState.WAITING_FOR_INPUT, echoed.state());
        assertEquals("line\nline", echoed.output());
        e.sendKeys("C-d");
        ExecutionStatus done = bounded(e, WAIT);
        assertEquals(ExecutionState.FINISHED, done.state());
        assertEquals(OptionalInt.of(0), done.exitCode());
      }
    }

    @Test
    void inputThatNothingAnsweredIsNotTakenForTheNextQuestionAtOnce() {
      assumeTrue(linux());
      try (Session sh = shell()) {
        // head needs 5 bytes at once: with echo and line editing off, a key it is sent shows nothing, and
        // /proc cannot tell a key still on its way from a key read (a busy machine once made an answered
        // input('q? ') look like a new question, so that a caller would have answered twice).
        Execution e = sh.start("stty -echo -icanon min 5; head -c 5 >/dev/null; stty sane; echo got");
        assertEquals(ExecutionState.WAITING_FOR_INPUT, promptly(() -> bounded(e, WAIT)).state());
        e.sendKeys("a");
        long sent = System.nanoTime();
        ExecutionStatus still = bounded(e, WAIT);
        Duration took = Duration.ofNanos(System.nanoTime() - sent);
        assertEquals(ExecutionState.WAITING_FOR_INPUT, still.state(), "head waits for 4 more bytes");
        // A look is trusted only a second after input that nothing answered (the second is counted from
        // just before the key was sent, so a little less of it is left after sendKeys returns).
        assertTrue(took.compareTo(Duration.ofMillis(800)) >= 0, "reported after " + took);
        e.sendKeys("b", "c", "d", "e");
        ExecutionStatus done = bounded(e, WAIT);
        assertEquals(ExecutionState.FINISHED, done.state());
        assertEquals("got", done.output());
      }
    }

    @Test
    void pythonInputInAShellWaits() {
      assumeTrue(linux());
      try (Session sh = shell()) {
        Execution e = sh.start("python3 -c 'print(input(\"q? \").upper())'");
        ExecutionStatus asked = promptly(() -> bounded(e, WAIT));
        assertEquals(ExecutionState.WAITING_FOR_INPUT, asked.state());
        assertEquals("q?", asked.output());
        e.send("abc");
        ExecutionStatus done = bounded(e, WAIT);
        assertEquals("q? abc\nABC", done.output());
        assertEquals(OptionalInt.of(0), done.exitCode());
      }
    }

    @Test
    void pythonReplInputWaits() {
      assumeTrue(linux());
      try (Session py = python()) {
        Execution e = py.start("input('q? ')");
        ExecutionStatus asked = promptly(() -> bounded(e, WAIT));
        assertEquals(ExecutionState.WAITING_FOR_INPUT, asked.state());
        assertEquals("q?", asked.output());
        e.send("xyz");
        ExecutionStatus done = bounded(e, WAIT);
        assertEquals(ExecutionState.FINISHED, done.state());
        assertEquals("q? xyz\n'xyz'", done.output());
        assertEquals("3", py.run("1 + 2", WAIT).output());
      }
    }

    @Test
    void busyOrSleepingCommandsAreNotWaitingForInput() {
      try (Session sh = shell()) {
        Execution sleeping = sh.start("sleep 2");
        assertEquals(ExecutionState.RUNNING, bounded(sleeping, Duration.ofMillis(800)).state());
        assertEquals(ExecutionState.FINISHED, settled(sleeping).state());
        Execution piped = sh.start("sleep 2 | cat");
        assertEquals(ExecutionState.RUNNING, bounded(piped, Duration.ofMillis(800)).state());
        assertEquals(ExecutionState.FINISHED, settled(piped).state());
        Execution told = sh.start("read -r x", ExecutionOptions.builder().detectInput(false).build());
        assertEquals(ExecutionState.RUNNING, bounded(told, Duration.ofMillis(600)).state());
        assertEquals(OptionalInt.of(130), told.interrupt().status().exitCode());
      }
    }

    @Test
    void programWithoutMarkersGoesByItsPrompt() {
      try (Session py = client().newSession("custom-" + NAMES.incrementAndGet()).size(120, 40)
          .command("python3", "-q").env("PYTHON_BASIC_REPL", "1").readyWhen(Prompts.PYTHON).create()) {
        ExecutionStatus s = settled(py.start("print(6 * 7)"));
        assertEquals(ExecutionState.FINISHED, s.state());
        assertEquals("42", s.output());
        assumeTrue(linux());
        Execution asking = py.start("input('q? ')");
        ExecutionStatus asked = promptly(() -> bounded(asking, WAIT));
        assertEquals(ExecutionState.WAITING_FOR_INPUT, asked.state());
        assertEquals("q?", asked.output());
        asking.send("a");
        assertEquals("q? a\n'a'", settled(asking).output());
      }
    }

    @Test
    void inputFromOneThreadWhileAnotherAwaits() throws Exception {
      try (Session sh = shell()) {
        Execution e = sh.start("echo ready; read -r x; echo \"got $x\"",
            ExecutionOptions.builder().detectInput(false).build());
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
          Future<ExecutionStatus> waiting = pool.submit(() -> e.await(WAIT));
          // Typed before bash has left its line editor, the answer could be flushed with its terminal mode.
          await().atMost(WAIT).until(() -> List.of(sh.capture().text().split("\n")).stream()
              .anyMatch(row -> row.strip().equals("ready")));
          e.send("hi");
          ExecutionStatus done = waiting.get(WAIT.toSeconds() + 5, TimeUnit.SECONDS);
          assertEquals(ExecutionState.FINISHED, done.state(), done::toString);
          assertEquals("ready\nhi\ngot hi", done.output());
        } finally {
          pool.shutdownNow();
        }
      }
    }

    // ---- interrupts ----

    @Test
    void interruptEscalatesToSignalsForAProgramThatIgnoresThem() {
      assumeTrue(linux());
      try (Session sh = shell()) {
        Execution e = sh.start("bash -c 'trap \"\" INT QUIT TERM; echo armed; exec sleep 60'",
            ExecutionOptions.builder().interruptGrace(Duration.ofMillis(700)).build());
        ExecutionStatus armed = untilOutput(e, "armed");
        assertFalse(armed.done());
        assertEquals("armed", armed.output());
        Interruption stop = e.interrupt();
        assertEquals(List.of(Interruption.Step.CTRL_C, Interruption.Step.CTRL_BACKSLASH, Interruption.Step.SIGINT,
            Interruption.Step.SIGTERM, Interruption.Step.SIGKILL), stop.steps());
        assertTrue(stop.processGroup().isPresent());
        assertEquals(ExecutionState.FINISHED, stop.status().state());
        assertEquals(OptionalInt.of(137), stop.status().exitCode());
        assertEquals("still here", sh.run("echo still here", WAIT).output());
      }
    }

    @Test
    void interruptNeverSignalsTheSessionsOwnProgram() {
      try (Session py = python()) {
        Execution e = py.start("import signal; signal.signal(signal.SIGINT, signal.SIG_IGN); print('ready')");
        assertEquals(ExecutionState.FINISHED, settled(e).state());
        Execution spin = py.start("while True: pass",
            ExecutionOptions.builder().interruptGrace(Duration.ofMillis(500)).build());
        assertEquals(ExecutionState.RUNNING, bounded(spin, Duration.ofMillis(300)).state());
        Interruption stop = spin.interrupt();
        assertEquals(List.of(Interruption.Step.CTRL_C), stop.steps(), "the REPL is the session: not signalled");
        assertFalse(stop.stopped());
        assertEquals(HealthState.HEALTHY, py.health().state());
      }
    }

    @Test
    void interruptFromAnotherThreadEndsAnAwait() throws Exception {
      try (Session sh = shell()) {
        Execution e = sh.start("sleep 60");
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
          Future<ExecutionStatus> waiting = pool.submit(() -> e.await(Duration.ofSeconds(60)));
          assertEquals(ExecutionState.RUNNING, bounded(e, Duration.ofMillis(200)).state());
          Interruption stop = e.interrupt();
          ExecutionStatus seen = waiting.get(WAIT.toSeconds(), TimeUnit.SECONDS);
          assertEquals(ExecutionState.FINISHED, seen.state());
          assertEquals(OptionalInt.of(130), seen.exitCode());
          assertEquals(ExecutionState.FINISHED, stop.status().state());
        } finally {
          pool.shutdownNow();
        }
      }
    }

    // ---- output caps ----

    @Test
    void tenMegabytesCappedInBytesKeepHeadAndTail() {
      try (Session sh = shell()) {
        ExecutionOptions caps = ExecutionOptions.builder().maxBytes(4096).build();
        Execution e = sh.start("yes | head -c 10000000", caps);
        ExecutionStatus s = e.await(Duration.ofMillis(50));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!s.done() && System.nanoTime() < deadline) {
          s = bounded(e, Duration.ofSeconds(5));
          assertTrue(s.output().length() < 4096 + 100, "capped while running too");
        }
        assertEquals(ExecutionState.FINISHED, s.state());
        assertCapped(s.toResult(), 5_000_000);
        CommandResult r = sh.run("yes | head -c 10000000", Duration.ofSeconds(120), caps);
        assertCapped(r, 5_000_000);
      }
    }

    private static void assertCapped(CommandResult r, long total) {
      List<String> lines = r.lines();
      List<String> markers = lines.stream().filter(l -> l.startsWith("[... ")).collect(Collectors.toList());
      assertEquals(1, markers.size(), markers.toString());
      assertTrue(r.truncated());
      assertTrue(r.output().getBytes(StandardCharsets.UTF_8).length <= 4096 + markers.get(0).length() + 2);
      assertEquals("y", lines.get(0));
      assertEquals("y", lines.get(lines.size() - 1));
      CommandResult.Truncation t = r.truncation();
      assertEquals(total, lines.size() - 1 + t.cutLines() + t.droppedLines(), t.toString());
      assertEquals("[... " + (t.cutLines() + t.droppedLines()) + " lines (" + (t.cutBytes() + t.droppedChars())
          + " bytes) cut ...]", markers.get(0));
    }

    @Test
    void lineCapKeepsFirstAndLastHalves() {
      try (Session sh = shell()) {
        ExecutionStatus s = settled(sh.start("seq 1 1000", ExecutionOptions.builder().maxLines(10).build()));
        long cutBytes = IntStream.rangeClosed(6, 995).mapToLong(i -> Integer.toString(i).length() + 1).sum();
        assertEquals(seq(1, 5) + "\n[... 990 lines (" + cutBytes + " bytes) cut ...]\n" + seq(996, 1000), s.output());
        assertEquals(new CommandResult.Truncation(0, 0, false, 990, cutBytes), s.truncation());
        assertEquals(OptionalInt.of(0), s.exitCode());
      }
    }

    private static String seq(int from, int to) {
      return IntStream.rangeClosed(from, to).mapToObj(Integer::toString).collect(Collectors.joining("\n"));
    }

    // ---- many threads ----

    @Test
    void manyThreadsStartAndAwaitOnOneClient() throws Exception {
      int n = 6;
      List<Session> sessions = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        sessions.add(shell());
      }
      ExecutorService pool = Executors.newFixedThreadPool(n);
      try {
        List<Future<ExecutionStatus>> results = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          Session sh = sessions.get(i);
          int k = i;
          results.add(pool.submit(() -> {
            Execution e = sh.start("for j in 1 2 3; do echo " + k + "-$j; sleep 0.2; done");
            ExecutionStatus s = e.await(Duration.ofMillis(100));
            while (!s.done()) {
              s = e.await(Duration.ofMillis(150));
            }
            return s;
          }));
        }
        for (int i = 0; i < n; i++) {
          ExecutionStatus s = results.get(i).get(60, TimeUnit.SECONDS);
          assertEquals(ExecutionState.FINISHED, s.state());
          assertEquals(i + "-1\n" + i + "-2\n" + i + "-3", s.output());
        }
      } finally {
        pool.shutdownNow();
        sessions.forEach(Session::close);
      }
    }
  }
}

package io.github.tmux4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.tmux4j.testing.PrivateTmux;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The verbs against real programs, each case with its exact expected result, on both transports: bash
 * ({@code clear}, {@code reset}, full histories, {@code read -p}, fake prompts, progress bars), Python
 * (blocks without their blank line, {@code input()}, tracebacks, the {@code help()} pager), gdb, less,
 * vi, man, top and node. Each row of issue 12's table is one of these cases.
 */
class RealProgramsIT {
  @RegisterExtension static final PrivateTmux TMUX = new PrivateTmux();

  private static final Duration WAIT = Duration.ofSeconds(20);
  /** How soon a handle must report a continuation or an unfinished earlier input (issue 12: within 1 s). */
  private static final Duration PROMPTLY = Duration.ofMillis(2500);
  private static final Map<String, TmuxClient> CLIENTS = new ConcurrentHashMap<>();
  private static final AtomicInteger NAMES = new AtomicInteger();

  /** Whether man has a page (minimal images install man without the pages). */
  static boolean manPage(String page) {
    try {
      return new ProcessBuilder("man", "-w", page).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
    } catch (java.io.IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
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
      return CLIENTS.computeIfAbsent(transport.name(), t -> TMUX.client(b -> b.socketName("rp-" + t.toLowerCase())
          .transport(transport)));
    }

    private SessionBuilder session(String kind) {
      return client().newSession(kind + "-" + NAMES.incrementAndGet()).size(120, 40);
    }

    private Session shell() {
      return session("sh").shell().create();
    }

    private Session python() {
      return session("py").python().create();
    }

    private static String seq(int from, int to) {
      return IntStream.rangeClosed(from, to).mapToObj(Integer::toString).collect(Collectors.joining("\n"));
    }

    private static <T extends Throwable> T promptly(Class<T> type, org.junit.jupiter.api.function.Executable call) {
      long started = System.nanoTime();
      T thrown = assertThrows(type, call);
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      assertTrue(took.compareTo(PROMPTLY) < 0, type.getSimpleName() + " took " + took);
      return thrown;
    }

    // ---- bash ----

    @Test
    void bashRunReturnsOutputAndExitCode() {
      try (Session sh = shell()) {
        CommandResult r = sh.run("printf 'a\\nb\\n'; false", WAIT);
        assertEquals("a\nb", r.output());
        assertEquals(OptionalInt.of(1), r.exitCode());
        assertFalse(r.truncated());
      }
    }

    @Test
    void bashClearThenMoreCommands() {
      try (Session sh = shell()) {
        CommandResult clear = sh.run("clear", WAIT);
        assertEquals("", clear.output());
        assertEquals(OptionalInt.of(0), clear.exitCode());
        assertEquals("after", sh.run("echo after", WAIT).output());
        assertEquals("again", sh.run("echo again", WAIT).output());
      }
    }

    @Test
    void bashResetThenMoreCommands() {
      try (Session sh = shell()) {
        assertEquals(OptionalInt.of(0), sh.run("reset", WAIT).exitCode());
        assertEquals("after reset", sh.run("echo after reset", WAIT).output());
      }
    }

    @Test
    void bashWaitForFindsTextPrintedAfterClear() {
      try (Session sh = shell()) {
        sh.send("clear; echo marker-after-clear");
        sh.waitFor("marker-after-clear", WAIT);
        assertEquals("x", sh.run("echo x", WAIT).output());
      }
    }

    @Test
    void bashReadPromptEndingInASpace() {
      try (Session sh = shell()) {
        sh.send("read -p 'Name: ' n; echo \"hi $n\"");
        sh.waitFor(Pattern.compile("Name: $"), WAIT);
        sh.send("Bob");
        sh.waitFor("hi Bob", WAIT);
        assertEquals("done", sh.run("echo done", WAIT).output());
      }
    }

    @Test
    void bashFakePromptPrintedByACommand() {
      try (Session sh = shell()) {
        CommandResult r = sh.run("printf '[tmux4j 0]$ \\n[tmux4j 0]$ '; sleep 0.3; echo real", WAIT);
        assertEquals("[tmux4j 0]$\n[tmux4j 0]$ real", r.output());
        assertEquals(OptionalInt.of(0), r.exitCode());
      }
    }

    @Test
    void bashFakeMarkerWithAnotherNonceIsJustText() {
      try (Session sh = shell()) {
        CommandResult r = sh.run("printf '\\033]7331;tmux4j;00000000;p;7\\007fake\\n'; sleep 0.3; echo real", WAIT);
        assertEquals("fake\nreal", r.output());
        assertEquals(OptionalInt.of(0), r.exitCode());
      }
    }

    @Test
    void bashProgressBarWithCarriageReturns() {
      try (Session sh = shell()) {
        CommandResult r = sh.run("for i in 1 2 3; do printf '\\rstep %s of 3' $i; sleep 0.05; done; echo", WAIT);
        assertEquals("step 3 of 3", r.output());
      }
    }

    @Test
    void bashColouredOutputIsPlainText() {
      try (Session sh = shell()) {
        assertEquals("red and plain", sh.run("printf '\\033[1;31mred\\033[0m and plain\\n'", WAIT).output());
      }
    }

    @Test
    void bashLineLongerThanTheScreenIsOneLine() {
      try (Session sh = shell()) {
        assertEquals("x".repeat(500), sh.run("printf 'x%.0s' {1..500}; echo", WAIT).output());
      }
    }

    @Test
    void bashOutputWithoutFinalNewline() {
      try (Session sh = shell()) {
        assertEquals("no newline", sh.run("printf 'no newline'", WAIT).output());
        assertEquals("next", sh.run("echo next", WAIT).output());
      }
    }

    @Test
    void longCommandsInANarrowPane() {
      try (Session sh = session("narrow").shell().size(40, 10).create();
          Session py = session("narrowpy").python().size(40, 10).create()) {
        assertEquals("x".repeat(100), sh.run("echo " + "x".repeat(100), WAIT).output());
        assertEquals("y".repeat(100), py.run("print('" + "y".repeat(100) + "')", WAIT).output());
      }
    }

    @Test
    void bashPasswordPromptWithEchoOff() {
      try (Session sh = shell()) {
        sh.send("read -s -p 'Password: ' pw; echo; echo \"length ${#pw}\"");
        sh.waitFor("Password: ", WAIT);
        sh.send("secret");
        sh.waitFor("length 6", WAIT);
        assertEquals("after", sh.run("echo after", WAIT).output());
      }
    }

    @Test
    void bashMultiLineCommand() {
      try (Session sh = shell()) {
        CommandResult r = sh.run("for i in 1 2\ndo echo $i\ndone", WAIT);
        assertEquals("1\n2", r.output());
        assertEquals(OptionalInt.of(0), r.exitCode());
      }
    }

    @Test
    void bashUnfinishedQuoteIsReportedAndCancelled() {
      try (Session sh = shell()) {
        IncompleteCommandException e = promptly(IncompleteCommandException.class,
            () -> sh.run("echo 'unterminated", WAIT));
        assertEquals(">", e.continuationPrompt().strip());
        assertEquals("ok", sh.run("echo ok", WAIT).output());
      }
    }

    @Test
    void bashRunAfterASendStillRunningSaysSoAtOnce() {
      try (Session sh = shell()) {
        sh.send("sleep 30");
        NotAtPromptException e = promptly(NotAtPromptException.class, () -> sh.run("echo x", WAIT));
        assertTrue(e.getMessage().contains("echo x"), e.getMessage());
        sh.sendKeys("C-c");
        assertEquals("ok", sh.run("echo ok", WAIT).output());
      }
    }

    @Test
    void bashRunThatTimedOutDoesNotPoisonTheHandle() {
      try (Session sh = shell()) {
        assertThrows(WaitTimeoutException.class, () -> sh.run("sleep 30", Duration.ofMillis(300)));
        promptly(NotAtPromptException.class, () -> sh.run("echo x", WAIT));
        sh.sendKeys("C-c");
        assertEquals("ok", sh.run("echo ok", WAIT).output());
      }
    }

    @Test
    void bashOwnPromptWithoutMarkersStillWorks() {
      try (Session sh = session("ps1").shell().env("PS1", "> ").readyWhen(Pattern.compile("> $")).create()) {
        CommandResult r = sh.run("echo custom", WAIT);
        assertEquals("custom", r.output());
      }
    }

    @Test
    void lessFullScreenTextIsFoundAndQuittingLeavesTheHandleWorking() {
      try (Session sh = shell()) {
        sh.send("seq 1 500 | less");
        sh.waitFor(Pattern.compile("(?m)^1$"), WAIT);
        sh.waitForScreen(Pattern.compile("(?m)^39$"), WAIT);
        sh.sendKeys("q");
        assertEquals("back", sh.run("echo back", WAIT).output());
      }
    }

    @Test
    void manPageQuitThenRun() {
      assumeTrue(ItSupport.onPath("man") && manPage("printf"), "man or the printf(1) page is not installed");
      try (Session sh = shell()) {
        sh.send("man --no-hyphenation printf 2>/dev/null || man printf");
        sh.waitFor(Pattern.compile("PRINTF"), WAIT);
        sh.sendKeys("q");
        assertEquals("after man", sh.run("echo after man", WAIT).output());
      }
    }

    @Test
    void viEditThenRun() throws Exception {
      assumeTrue(ItSupport.onPath("vi"), "vi is not installed");
      java.nio.file.Path file = java.nio.file.Files.createTempFile("tmux4j-vi", ".txt");
      try (Session sh = shell()) {
        sh.send("vi " + ItSupport.shellQuote(file.toString()));
        sh.waitForScreen(Pattern.compile("(?m)^~"), WAIT);
        sh.type("ihello from vi");
        sh.sendKeys("Escape");
        sh.send(":wq");
        assertEquals("hello from vi", sh.run("cat " + ItSupport.shellQuote(file.toString()), WAIT).output());
      } finally {
        java.nio.file.Files.deleteIfExists(file);
      }
    }

    @Test
    void topOnceThenRun() {
      try (Session sh = shell()) {
        CommandResult r = sh.run("top -n 1 >/dev/tty; echo top-exit=$?", WAIT);
        assertTrue(r.output().endsWith("top-exit=0"), r.output());
        assertEquals("after top", sh.run("echo after top", WAIT).output());
      }
    }

    @Test
    void historyLimit100WithFullHistory() {
      historyCase(100, 300);
    }

    @Test
    void historyLimit50000WithFullHistory() {
      historyCase(50_000, 60_000);
    }

    private void historyCase(int limit, int fill) {
      TmuxClient c = TMUX.client(b -> b.socketName("hist-" + limit + "-" + transport.name().toLowerCase())
          .transport(transport));
      try (Session starter = c.newSession("starter").shell().create()) {
        ItSupport.tmux(c.socket(), "set-option", "-g", "history-limit", Integer.toString(limit));
        try (Session sh = c.newSession("hist").shell().create()) {
          assertEquals(Integer.toString(fill), sh.run("seq 1 " + fill + " | tail -n 1; seq 1 " + fill + " >/dev/tty",
              WAIT).lines().get(0));
          CommandResult r = sh.run("seq 0 7999", WAIT);
          assertEquals(seq(0, 7999), r.output());
          assertFalse(r.truncated());
          CommandResult small = sh.run("seq 0 5999", WAIT);
          assertEquals(6000, small.lines().size());
        }
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    }

    @Test
    void outputOverTheLimitKeepsHeadAndTailAndSaysSo() {
      TmuxClient c = TMUX.client(b -> b.socketName("limit-" + transport.name().toLowerCase()).transport(transport)
          .outputLimit(200_000));
      try (Session sh = c.newSession("big").shell().create()) {
        CommandResult r = sh.run("seq 1 200000", WAIT);
        assertTrue(r.truncated());
        List<String> lines = r.lines();
        assertEquals("1", lines.get(0));
        assertEquals("200000", lines.get(lines.size() - 1));
        long kept = lines.size() - 1; // one line says what was left out
        assertEquals(200_000, kept + r.truncation().droppedLines());
        assertTrue(lines.contains("[... " + r.truncation().droppedLines() + " lines left out ...]"));
        assertEquals(OptionalInt.of(0), r.exitCode());
        assertEquals("after", sh.run("echo after", WAIT).output());
      }
    }

    @Test
    void twentyMegabytesOfOutputUnderTheDefaultLimit() {
      try (Session sh = shell()) {
        CommandResult r = sh.run("seq 1 2800000", Duration.ofSeconds(120)); // 20.1 MB
        assertTrue(r.truncated());
        List<String> lines = r.lines();
        assertEquals("1", lines.get(0));
        assertEquals("2800000", lines.get(lines.size() - 1));
        assertEquals(2_800_000, lines.size() - 1 + r.truncation().droppedLines());
        assertFalse(r.truncation().gap(), "nothing lost on the way");
      }
    }

    // ---- python ----

    @Test
    void pythonExpression() {
      try (Session py = python()) {
        assertEquals("2", py.run("print(1 + 1)", WAIT).output());
        assertEquals("", py.run("x = 5", WAIT).output());
        assertEquals("5", py.run("x", WAIT).output());
      }
    }

    @Test
    void pythonBlockWithoutItsBlankLine() {
      try (Session py = python()) {
        long started = System.nanoTime();
        assertEquals("0\n1\n2", py.run("for i in range(3): print(i)", WAIT).output());
        assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(PROMPTLY) < 0);
        assertEquals("next", py.run("print('next')", WAIT).output());
      }
    }

    @Test
    void pythonNestedBlock() {
      try (Session py = python()) {
        assertEquals("0 0\n0 1\n1 0\n1 1",
            py.run("for i in range(2):\n    for j in range(2):\n        print(i, j)", WAIT).output());
      }
    }

    @Test
    void pythonBlockWithItsBlankLine() {
      try (Session py = python()) {
        assertEquals("y", py.run("if True:\n    print('y')\n", WAIT).output());
      }
    }

    @Test
    void pythonTraceback() {
      try (Session py = python()) {
        List<String> lines = py.run("1/0", WAIT).lines();
        assertEquals("Traceback (most recent call last):", lines.get(0));
        assertEquals("ZeroDivisionError: division by zero", lines.get(lines.size() - 1));
        assertEquals("fine", py.run("print('fine')", WAIT).output());
      }
    }

    @Test
    void pythonInputPromptEndingInASpace() {
      try (Session py = python()) {
        py.send("name = input('Your name? ')");
        py.waitFor("Your name? ", WAIT);
        py.send("Ann");
        assertEquals("Ann", py.run("print(name)", WAIT).output());
      }
    }

    @Test
    void pythonHelpPager() {
      try (Session py = python()) {
        py.send("help(len)");
        py.waitFor("Return the number of items", WAIT);
        // less reads keys once it shows its own prompt; a key typed while it starts can be lost.
        py.waitForScreen(Pattern.compile("\\(END\\)"), WAIT);
        py.sendKeys("q");
        assertEquals("after help", py.run("print('after help')", WAIT).output());
      }
    }

    @Test
    void pythonPrintWithoutNewlineAndUnicode() {
      try (Session py = python()) {
        assertEquals("a", py.run("print('a', end='')", WAIT).output());
        assertEquals("héllo 日本", py.run("print('héllo 日本')", WAIT).output());
      }
    }

    @Test
    void pythonUnfinishedBracketIsReported() {
      try (Session py = python()) {
        // A bracket left open is a continuation a blank line does not end: reported, then cancelled.
        IncompleteCommandException e = promptly(IncompleteCommandException.class,
            () -> py.run("print((1,", Duration.ofSeconds(20)));
        assertEquals("...", e.continuationPrompt().strip());
        assertEquals("3", py.run("print(3)", WAIT).output());
      }
    }

    // ---- gdb ----

    @Test
    void gdbPrint() {
      assumeTrue(ItSupport.onPath("gdb"), "gdb is not installed");
      try (Session gdb = session("gdb").gdb().create()) {
        assertEquals("$1 = 42", gdb.run("print 6*7", WAIT).output());
        assertEquals("No stack.", gdb.run("info frame", WAIT).output());
      }
    }

    @Test
    void gdbDefineContinuationIsReported() {
      assumeTrue(ItSupport.onPath("gdb"), "gdb is not installed");
      try (Session gdb = session("gdb").gdb().create()) {
        IncompleteCommandException e = promptly(IncompleteCommandException.class, () -> gdb.run("define foo", WAIT));
        assertEquals(">", e.continuationPrompt().strip());
        assertEquals("$1 = 3", gdb.run("print 1+2", WAIT).output());
        assertEquals("Type commands for definition of \"bar\".\nEnd with a line saying just \"end\".",
            gdb.run("define bar\necho hi\\n\nend", WAIT).output());
        assertEquals("hi", gdb.run("bar", WAIT).output());
      }
    }

    // ---- node (the README's custom-program example) ----

    @Test
    void nodeReplWithItsPromptEndingInASpace() {
      assumeTrue(ItSupport.onPath("node"), "node is not installed");
      try (Session node = session("node").command("node", "-i").env("NODE_NO_READLINE", "1")
          .readyWhen(Pattern.compile("> $")).create()) {
        assertEquals("42", node.run("6*7", WAIT).output());
      }
    }
  }
}

package io.github.tmux4j;

import static io.github.tmux4j.ItSupport.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tmux4j.testing.PrivateTmux;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** send, sendKeys and run against real programs: exact bytes in, exact output out. */
class SendAndRunIT {
  @RegisterExtension static final PrivateTmux TMUX = new PrivateTmux();

  private static TmuxClient tmux;
  /** One Python REPL for the many byte-exactness cases; each case leaves it at a fresh prompt. */
  private static Session py;
  /** One shell for the shell cases. */
  private static Session sh;

  @BeforeAll
  static void sessions() {
    tmux = TMUX.client();
    py = tmux.newSession("send-py").python().create();
    sh = tmux.newSession("send-sh").shell().create();
  }

  @AfterAll
  static void close() {
    py.close();
    sh.close();
  }

  // ---- run: exact output ----

  @Test
  void runReturnsExactMultiLinePythonOutput() {
    CommandResult r = py.run("for i in range(3): print('line', i)\n");
    assertEquals("line 0\nline 1\nline 2", r.output());
    assertEquals(List.of("line 0", "line 1", "line 2"), r.lines());
    assertEquals("for i in range(3): print('line', i)\n", r.command());
    assertEquals(OptionalInt.empty(), r.exitCode());
    assertFalse(r.elapsed().isNegative());
  }

  @Test
  void runOfMultiLinePythonBlockReturnsOnlyItsOutput() {
    CommandResult r = py.run("for i in range(3):\n    print(i * 10)\n");
    assertEquals("0\n10\n20", r.output());
  }

  @Test
  void runOfPythonStatementWithoutOutputReturnsEmpty() {
    CommandResult r = py.run("quiet = 1 + 1");
    assertEquals("", r.output());
    assertEquals(List.of(), r.lines());
    assertEquals("2", py.run("quiet").output());
  }

  @Test
  void runKeepsOutputThatLooksLikeTheCommand() {
    assertEquals("print('x')", py.run("print(\"print('x')\")").output());
    // A quine prints exactly the line that was typed: the echo is dropped, the identical output kept.
    String quine = "q='q=%r;print(q%%q)';print(q%q)";
    assertEquals(quine, py.run(quine).output());
  }

  @Test
  void runReturnsOutputWithoutTrailingNewline() {
    assertEquals("no newline", py.run("import sys; _ = sys.stdout.write('no newline'); sys.stdout.flush()")
        .output());
  }

  @Test
  void runReturnsExactMultiLineShellOutput() {
    CommandResult r = sh.run("printf 'a\\nb\\nc\\n'");
    assertEquals("a\nb\nc", r.output());
    assertEquals(OptionalInt.of(0), r.exitCode());
  }

  @Test
  void runOfSeveralLinesReturnsTheOutputOfAll() {
    CommandResult shell = sh.run("echo one\necho two");
    assertEquals("one\ntwo", shell.output());
    assertEquals(OptionalInt.of(0), shell.exitCode());
    assertEquals("2", py.run("several = 1\nprint(several + 1)").output());
  }

  @Test
  void shellRunReportsExitCodes() {
    assertEquals(OptionalInt.of(1), sh.run("false").exitCode());
    assertEquals("", sh.run("false").output());
    assertEquals(OptionalInt.of(3), sh.run("(exit 3)").exitCode());
    assertEquals(OptionalInt.of(0), sh.run("true").exitCode());
    CommandResult r = sh.run("echo oops >&2; (exit 7)");
    assertEquals("oops", r.output());
    assertEquals(OptionalInt.of(7), r.exitCode());
  }

  @Test
  void runReturnsLongWrappedOutputAsOneLine() {
    String expected = "0123456789".repeat(50);
    assertEquals(expected, py.run("print('0123456789' * 50)").output());
  }

  @Test
  void runOnAScrollingNarrowScreenReturnsExactlyItsOutput() {
    // Each look at the pane captures some rows above where it needs to start, in case the output
    // scrolled the screen meanwhile, and drops them again; rows that wrapped (or are exactly full) must
    // not be miscounted. A 24-column, 8-row screen scrolls on every command; the outputs mix wrapped,
    // full-width and short lines, from 1 line to more rows than the look reaches above.
    try (Session narrow = tmux.newSession("send-narrow").shell().size(24, 8).create()) {
      for (int round = 0; round < 30; round++) {
        int lines = 1 + round % 22;
        String full = "f".repeat(24);
        String wrapped = "w".repeat(24 + 7 * (round % 5));
        String script = "for i in $(seq 1 " + lines + "); do case $((i % 3)) in 0) echo " + full + ";; 1) echo "
            + wrapped + ";; *) echo s$i;; esac; done";
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= lines; i++) {
          expected.add(i % 3 == 0 ? full : i % 3 == 1 ? wrapped : "s" + i);
        }
        CommandResult r = narrow.run(script);
        assertEquals(expected, r.lines(), "round " + round);
        assertEquals(OptionalInt.of(0), r.exitCode());
        String marker = "mark" + round + "x";
        narrow.send("echo " + "x".repeat(round) + " && echo mark" + round + "''x");
        assertEquals(marker, narrow.waitFor(java.util.regex.Pattern.compile("^mark\\d+x$",
            java.util.regex.Pattern.MULTILINE), WAIT).group());
      }
    }
  }

  @Test
  void previousOutputDoesNotBleedIntoNextRun() {
    assertEquals("first", py.run("print('first')").output());
    assertEquals("second", py.run("print('second')").output());
    assertEquals("", py.run("pass").output());
  }

  @Test
  void longSinglePythonStatementRunsExactly() {
    // Longer than the argument limit, so it goes through a paste buffer; its echo wraps over 40 screen
    // lines and scrolls the screen while run() watches. Several rounds, since scrolling is timing-dependent.
    String filler = "x;$(y)`z`#{h}%1 ~ -".repeat(400); // 8000 characters, no quotes or backslashes
    assertTrue(filler.getBytes(StandardCharsets.UTF_8).length > 4096);
    assertEquals("", py.run("import hashlib").output());
    for (int round = 0; round < 15; round++) {
      CommandResult r = py.run("long_text = '" + filler + "'", WAIT);
      assertEquals("", r.output(), "round " + round + ": the echo of a long statement is not output");
    }
    assertEquals(filler.length() + " " + ItSupport.sha256(filler),
        py.run("print(len(long_text), hashlib.sha256(long_text.encode()).hexdigest())").output());
  }

  // ---- send: hostile text arrives byte-exact ----

  static Stream<String> hostileTexts() {
    return Stream.of(
        "; echo pwned",
        "ends with;",
        ";",
        ";;",
        "ends with \\;",
        "\\;",
        "two backslashes \\\\;",
        "it's \"quoted\" 'twice'",
        "$(echo pwned)",
        "`echo pwned`",
        "$HOME ${HOME} $$ $?",
        "back\\slash \\\\ \\n \\t \\",
        "tab\there\t\tand at end\t",
        "#{session_name} #S #[fg=red] ##",
        "-leading dash",
        "-t",
        "--",
        "Enter",
        "C-c",
        "é 日本語 🎉 👨‍👩‍👧 ñ Ω",
        "~ ! & | < > * ? [ ] { } ^ % @ =",
        "  spaces around  ",
        "%1 %%");
  }

  @ParameterizedTest
  @MethodSource("hostileTexts")
  void hostileTextArrivesByteExactInPython(String text) {
    py.send("import sys, hashlib; print('READ' + 'ING'); s = sys.stdin.readline()");
    py.waitFor("READING", WAIT);
    py.send(text);
    py.waitFor(Prompts.PYTHON, WAIT);
    String seen = py.run("print(hashlib.sha256(s.encode()).hexdigest(), len(s))").output();
    assertEquals(ItSupport.pythonDigest(text + "\n"), seen, "python read something else than " + text);
  }

  @Test
  void hundredKilobytesOfTextArriveByteExact() throws Exception {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; sb.length() < 100 * 1024; i++) {
      sb.append(String.format("%05d ; echo pwned $(x) `y` $HOME \\ 'q' \"dq\" #{session_name} é日本語🎉\t-x;", i));
      sb.append("\n");
    }
    String big = sb.substring(0, sb.length() - 1); // send() presses Enter after it
    assertTrue(big.getBytes(StandardCharsets.UTF_8).length >= 100 * 1024);
    // Terminal echo is turned off while reading: the kernel drops and reorders the echo of a 100 KB burst
    // (its echo buffer holds 4 KB), which would garble the screen, prompt included. The bytes read are
    // what this test is about.
    py.send("import sys, hashlib, termios; saved = termios.tcgetattr(0); quiet = termios.tcgetattr(0); "
        + "quiet[3] &= ~termios.ECHO; termios.tcsetattr(0, termios.TCSANOW, quiet); print('READ' + 'ING'); "
        + "data = sys.stdin.read(); termios.tcsetattr(0, termios.TCSANOW, saved)");
    py.waitFor("READING", WAIT);
    py.send(big);
    py.sendKeys("C-d"); // EOF at the start of a line ends sys.stdin.read()
    py.waitFor(Prompts.PYTHON, Duration.ofSeconds(60));
    String seen = py.run("print(hashlib.sha256(data.encode()).hexdigest(), len(data))").output();
    assertEquals(ItSupport.pythonDigest(big + "\n"), seen);
    // The paste buffer that carried the text is gone.
    assertEquals("", ItSupport.tmux(tmux.socket(), "list-buffers").stdout());
  }

  @Test
  void shellCommandWithSemicolonInQuotesWritesFileExactly() throws Exception {
    Path file = TMUX.dir().resolve("semi");
    assertEquals(OptionalInt.of(0), sh.run("echo ';x' > " + file).exitCode());
    assertEquals(";x\n", Files.readString(file));
  }

  @Test
  void shellCommandEndingWithSemicolonRuns() throws Exception {
    Path file = TMUX.dir().resolve("ends-semi");
    assertEquals(OptionalInt.of(0), sh.run("echo 'x;' > " + file + ";").exitCode());
    assertEquals("x;\n", Files.readString(file));
  }

  @Test
  void shellCommandEndingWithEscapedSemicolonRuns() throws Exception {
    Path file = TMUX.dir().resolve("ends-escaped-semi");
    assertEquals(OptionalInt.of(0), sh.run("echo ok > " + file + " \\;").exitCode());
    assertEquals("ok ;\n", Files.readString(file));
  }

  static Stream<String> shellPayloads() {
    // No tabs: bash's line editor would complete them.
    return hostileTexts().filter(t -> t.indexOf('\t') < 0);
  }

  @ParameterizedTest
  @MethodSource("shellPayloads")
  void hostileTextArrivesByteExactInShell(String payload) throws Exception {
    Path file = TMUX.dir().resolve("payload");
    Files.deleteIfExists(file);
    CommandResult r = sh.run("printf '%s' " + ItSupport.shellQuote(payload) + " > " + file);
    assertEquals(OptionalInt.of(0), r.exitCode(), r.output());
    assertEquals(payload, Files.readString(file, StandardCharsets.UTF_8));
  }

  @Test
  void typeSendsTextWithoutEnter() {
    py.type("typed = 'half");
    py.send("-done'");
    py.waitFor(Prompts.PYTHON, WAIT);
    assertEquals("'half-done'", py.run("typed").output());
  }

  @Test
  void runRightAfterSendReturnsOnlyItsOwnOutput() {
    // The earlier input may still be echoing when run() starts: it must not bleed into run's output.
    for (int i = 0; i < 20; i++) {
      py.send("print('earlier', " + i + ")");
      assertEquals("now " + i, py.run("print('now', " + i + ")").output(), "round " + i);
    }
  }

  @Test
  void textWithNulOrUnpairedSurrogateIsRefusedNamingTheCharacter() {
    IllegalArgumentException nul = assertThrows(IllegalArgumentException.class, () -> py.send("a\0b"));
    assertTrue(nul.getMessage().contains("NUL"), nul.getMessage());
    IllegalArgumentException surrogate = assertThrows(IllegalArgumentException.class, () -> py.send("a\uD800b"));
    assertTrue(surrogate.getMessage().contains("D800"), surrogate.getMessage());
    assertEquals("'still fine'", py.run("'still fine'").output());
  }

  // ---- keys ----

  @Test
  void ctrlCInterruptsRunningPython() {
    try (Session sleeper = tmux.newSession("send-sleeper").python().create()) {
      sleeper.send("import time; print('sleep' + 'ing'); time.sleep(60)");
      sleeper.waitFor("sleeping", WAIT);
      long start = System.nanoTime();
      sleeper.sendKeys("C-c");
      sleeper.waitFor("KeyboardInterrupt", WAIT);
      assertEquals("42", sleeper.run("6 * 7").output());
      assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(30)) < 0);
      assertEquals(HealthState.HEALTHY, sleeper.health().state());
    }
  }

  // ---- dead process ----

  @Test
  void runThrowsSessionDeadWhenProcessExits() {
    try (Session dying = tmux.newSession("send-dying").python().create()) {
      SessionDeadException e = assertThrows(SessionDeadException.class,
          () -> dying.run("print('bye' + '-bye'); import os; os._exit(7)", WAIT));
      assertEquals(OptionalInt.of(7), e.exitStatus());
      assertEquals("send-dying", e.sessionName());
      assertTrue(e.getMessage().contains("status 7"), e.getMessage());
      assertTrue(e.lastScreen().contains("bye-bye"), e.lastScreen());
    }
  }

  // ---- concurrency ----

  @Test
  void concurrentRunsOnOneSessionEachGetTheirOwnAnswer() throws Exception {
    try (Session shared = tmux.newSession("send-concurrent").python().create()) {
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<List<String>>> futures = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
          int thread = t;
          Callable<List<String>> work = () -> {
            List<String> problems = new ArrayList<>();
            for (int k = 0; k < 25; k++) {
              int i = thread * 1000 + k;
              String out = shared.run("print(" + i + "*2)", WAIT).output();
              if (!out.equals(Integer.toString(i * 2))) {
                problems.add("print(" + i + "*2) returned '" + out + "'");
              }
            }
            return problems;
          };
          futures.add(pool.submit(work));
        }
        List<String> problems = new ArrayList<>();
        assertTimeoutPreemptively(Duration.ofSeconds(90), () -> {
          for (Future<List<String>> f : futures) {
            problems.addAll(f.get());
          }
        });
        assertEquals(List.of(), problems);
      } finally {
        pool.shutdownNow();
      }
    }
  }
}

package io.github.tmux4j.junit.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.tmux4j.Session;
import io.github.tmux4j.SessionType;
import io.github.tmux4j.junit.TmuxSession;
import io.github.tmux4j.junit.TmuxTest;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Tests that run at the same time on one class's socket, as JUnit's parallel execution runs them: per-test
 * shell and Python sessions are created and closed concurrently, and a shared session is used by all.
 * Each test publishes the tmux server's pid, which must be the same for all.
 */
@TmuxTest
@Execution(ExecutionMode.CONCURRENT)
public class ParallelSamples {
  @TmuxSession(shared = true, name = "parallel-shared")
  static Session shared;

  @RepeatedTest(8)
  void shell(@TmuxSession Session sh, RepetitionInfo info, TestReporter reporter) {
    int n = info.getCurrentRepetition();
    assertEquals("sh-" + n, sh.run("echo sh-" + n).output());
    assertEquals(Integer.toString(n * 3), sh.run("echo $((" + n + " * 3))").output());
    assertEquals("shared-" + n, shared.run("echo shared-" + n).output());
    reporter.publishEntry("server.pid", sh.run("echo $PPID").output());
  }

  @RepeatedTest(8)
  void python(@TmuxSession(type = SessionType.PYTHON) Session py, RepetitionInfo info, TestReporter reporter) {
    int n = info.getCurrentRepetition();
    assertEquals(Integer.toString(n * 7), py.run(n + " * 7").output());
    py.send("x = " + n);
    assertEquals(Integer.toString(n + 1), py.run("x + 1").output());
    reporter.publishEntry("server.pid", py.run("import os; os.getppid()").output());
  }

  @Test
  void twoSessionsInOneTest(@TmuxSession Session a, @TmuxSession(type = SessionType.PYTHON) Session b,
      TestReporter reporter) {
    assertEquals("a", a.run("echo a").output());
    assertEquals("'b'", b.run("'b'").output());
    reporter.publishEntry("server.pid", a.run("echo $PPID").output());
  }
}

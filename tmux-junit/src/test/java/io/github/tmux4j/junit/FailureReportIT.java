package io.github.tmux4j.junit;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tmux4j.junit.samples.FailureSamples;
import io.github.tmux4j.junit.samples.LifecycleFailureSamples;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** A failed test's report shows what its sessions showed. */
class FailureReportIT {
  private static final String SCREEN = TmuxExtension.SCREEN_ENTRY_PREFIX;
  private static EngineExecutionResults results;

  @BeforeAll
  static void runFailureSamples() {
    results = Kit.run(FailureSamples.class);
  }

  @Test
  void theSamplesEndedAsIntended() {
    results.testEvents().assertStatistics(s -> s.started(6).failed(4).succeeded(1).aborted(1));
  }

  @Test
  void aFailedAssertionsMessageEndsWithTheLastScreenOfEverySessionOfTheTest() {
    Throwable failure = Kit.failure(results, "failsWithAssertion");
    String message = failure.getMessage();
    assertAll(
        () -> assertTrue(message.startsWith("values differ ==> expected: <expected-value> but was: <actual-value>"),
            message),
        () -> assertTrue(message.contains("Last screen of tmux session 'py-failsWithAssertion' (python-repl, HEALTHY):"),
            message),
        () -> assertTrue(message.contains("  | marker-42\n"), message),
        () -> assertTrue(message.contains("Last screen of tmux session 'sharedPy' (python-repl, HEALTHY):"), message),
        () -> assertTrue(message.contains("  | shared-marker\n"), message));
  }

  @Test
  void aFailedAssertionKeepsItsTypeValuesOriginalAndLocation() {
    AssertionFailedError failure = assertInstanceOf(AssertionFailedError.class, Kit.failure(results, "failsWithAssertion"));
    assertEquals("expected-value", failure.getExpected().getValue());
    assertEquals("actual-value", failure.getActual().getValue());
    AssertionFailedError original = assertInstanceOf(AssertionFailedError.class, failure.getCause());
    assertEquals("values differ ==> expected: <expected-value> but was: <actual-value>", original.getMessage());
    assertTrue(Arrays.stream(failure.getStackTrace())
        .anyMatch(frame -> frame.getClassName().equals(FailureSamples.class.getName())
            && frame.getMethodName().equals("failsWithAssertion")), "the stack trace points into the test");
  }

  @Test
  void aPlainAssertionErrorIsExtendedTheSameWay() {
    Throwable failure = Kit.failure(results, "failsWithPlainAssertionError");
    assertSame(AssertionError.class, failure.getClass());
    assertTrue(failure.getMessage().startsWith("plain assertion\n\nLast screen of tmux session"), failure.getMessage());
    assertTrue(failure.getMessage().contains("  | plain-marker\n"), failure.getMessage());
    assertEquals("plain assertion", failure.getCause().getMessage());
  }

  @Test
  void anExceptionKeepsItsTypeAndMessageAndCarriesTheScreensAsSuppressed() {
    Throwable failure = Kit.failure(results, "failsWithException");
    assertInstanceOf(IllegalStateException.class, failure);
    assertEquals("deliberate exception", failure.getMessage());
    assertEquals(1, failure.getSuppressed().length);
    String screens = failure.getSuppressed()[0].getMessage();
    assertTrue(screens.contains("Last screen of tmux session 'py-failsWithException'"), screens);
    assertTrue(screens.contains("  | boom-marker\n"), screens);
  }

  @Test
  void theScreensArePublishedAsReportEntries() {
    Map<String, String> entries = Kit.entries(results, "failsWithAssertion");
    assertTrue(entries.get(SCREEN + "py-failsWithAssertion").contains("\nmarker-42\n>>>"),
        entries.toString());
    assertTrue(entries.get(SCREEN + "sharedPy").contains("\nshared-marker\n"), entries.toString());
    assertTrue(Kit.entries(results, "failsWithException").get(SCREEN + "py-failsWithException")
        .contains("boom-marker"));
  }

  @Test
  void aDeadSessionsScreenIsStillShown() {
    Throwable failure = Kit.failure(results, "failsAfterTheProgramExited");
    String message = failure.getMessage();
    assertTrue(message.contains("Last screen of tmux session 'shell-failsAfterTheProgramExited' (shell, DEAD):"), message);
    assertTrue(message.contains("  | [tmux4j 0]$ echo last-$((40 + 2))\n  | last-42\n  | [tmux4j 0]$ "), message);
  }

  @Test
  void passingAndAbortedTestsPublishNoScreens() {
    assertEquals(Map.of(), Kit.entries(results, "passes"));
    assertEquals(Map.of(), Kit.entries(results, "isAborted"));
    Throwable aborted = results.testEvents().aborted().list().get(0)
        .getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow();
    assertInstanceOf(TestAbortedException.class, aborted);
    assertEquals("Assumption failed: not in this environment", aborted.getMessage());
  }

  @Test
  void aFailingBeforeEachMethodGetsTheScreensToo() {
    EngineExecutionResults lifecycle = Kit.run(LifecycleFailureSamples.class);
    Throwable failure = Kit.failure(lifecycle, "test");
    assertTrue(failure.getMessage().startsWith("setup failed\n\n"), failure.getMessage());
    assertTrue(failure.getMessage().contains("  | setup-marker\n"), failure.getMessage());
    assertTrue(Kit.entries(lifecycle, "test").get(SCREEN + "py-test").contains("setup-marker"));
  }
}

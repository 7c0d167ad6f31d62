package io.github.tmux4j.junit;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tmux4j.junit.samples.ScreenOnceSamples;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * A failed test shows the last screen of each of its sessions once: in the failure as a stack trace
 * prints it (message, causes and suppressed exceptions), and once as a report entry; not again when an
 * assertion's message already has it, nor for a second failure of the same test.
 */
class ScreenShownOnceIT {
  private static EngineExecutionResults results;

  @BeforeAll
  static void runSamples() {
    results = Kit.run(ScreenOnceSamples.class);
    results.testEvents().assertStatistics(s -> s.started(6).failed(6));
  }

  /** Every test of the samples, each failed by a session whose name is "py-" and the test's. */
  private static final List<String> TESTS = List.of("failsInEventuallyShows", "failsInHasState", "failsInShows",
      "failsInAndOutputsWithASharedSessionToo", "failsWithAWaitTimeout", "failsAndItsAfterEachFailsToo");

  @Test
  void eachSessionsLastScreenIsShownOnceInThePrintedFailure() {
    assertAll(TESTS.stream().map(test -> () -> {
      String printed = printed(Kit.failure(results, test));
      assertEquals(1, count(printed, "Last screen of tmux session 'py-" + test + "' ("), printed);
    }));
  }

  /**
   * The screen's lines once among the messages (a wait's exception keeps the lines its wait saw, which
   * is not the screen: those tests are left out here).
   */
  @Test
  void anAssertionsMessageThatShowsTheScreenGetsNoSecondCopy() {
    assertAll(TESTS.stream().filter(test -> !test.equals("failsWithAWaitTimeout")).map(test -> () -> {
      Throwable failure = Kit.failure(results, test);
      assertEquals(1, count(failure.getMessage() + suppressedMessages(failure), "  | once-marker\n"),
          printed(failure));
    }));
  }

  @Test
  void eachScreenIsPublishedOnceAsAReportEntry() {
    assertAll(TESTS.stream().map(test -> () -> assertEquals(1, screenEntries(test, "py-" + test), test)));
    assertEquals(1, screenEntries("failsInAndOutputsWithASharedSessionToo", "sharedPy"));
  }

  @Test
  void theOtherSessionsOfATestFailedByAnAssertionAreShownOnceToo() {
    String printed = printed(Kit.failure(results, "failsInAndOutputsWithASharedSessionToo"));
    assertEquals(1, count(printed, "Last screen of tmux session 'sharedPy' ("), printed);
    assertTrue(printed.contains("  | shared-marker\n"), printed);
  }

  @Test
  void aSecondFailureOfTheTestIsReportedWithTheFirstWithoutTheScreenAgain() {
    Throwable failure = Kit.failure(results, "failsAndItsAfterEachFailsToo");
    assertTrue(failure.getMessage().startsWith("test failure\n\nLast screen of tmux session"), failure.getMessage());
    List<Throwable> afterEach = List.of(failure.getSuppressed()).stream()
        .filter(t -> "after-each failure".equals(t.getMessage())).toList();
    assertEquals(1, afterEach.size(), printed(failure));
    assertEquals(0, afterEach.get(0).getSuppressed().length, printed(failure));
  }

  private static String printed(Throwable failure) {
    StringWriter out = new StringWriter();
    failure.printStackTrace(new PrintWriter(out));
    return out.toString();
  }

  private static String suppressedMessages(Throwable failure) {
    StringBuilder sb = new StringBuilder();
    for (Throwable t : failure.getSuppressed()) {
      sb.append(t.getMessage());
    }
    return sb.toString();
  }

  private static int count(String text, String part) {
    Matcher m = Pattern.compile(Pattern.quote(part)).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  private static long screenEntries(String test, String session) {
    return results.allEvents().reportingEntryPublished().list().stream()
        .filter(e -> e.getTestDescriptor().getSource().filter(MethodSource.class::isInstance)
            .map(s -> ((MethodSource) s).getMethodName()).filter(test::equals).isPresent())
        .map(e -> e.getPayload(ReportEntry.class).orElseThrow().getKeyValuePairs())
        .filter(pairs -> pairs.containsKey(TmuxExtension.SCREEN_ENTRY_PREFIX + session))
        .count();
  }
}

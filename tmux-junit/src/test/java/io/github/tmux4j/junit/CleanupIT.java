package io.github.tmux4j.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.github.tmux4j.junit.samples.CleanupSamples;
import io.github.tmux4j.junit.samples.InjectionSamples;
import java.nio.file.Files;
import java.nio.file.Path;
import io.github.tmux4j.WaitTimeoutException;
import io.github.tmux4j.junit.samples.BrokenSharedSamples;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** After each test and after the class, the extension leaves nothing running and nothing on disk. */
class CleanupIT {
  /** One run of a sample whose first test fails and leaves a stray session behind. */
  private static EngineExecutionResults results;
  private static Map<String, String> first;
  private static Map<String, String> second;

  @BeforeAll
  static void runCleanupSamples() {
    results = Kit.run(CleanupSamples.class);
    first = Kit.entries(results, "first");
    second = Kit.entries(results, "second");
  }

  @Test
  void theSampleFailedAsIntended() {
    results.testEvents().assertStatistics(s -> s.started(2).failed(1).succeeded(1));
  }

  @Test
  void theSocketDirectoryIsPrivateDuringTheClassAndDeletedAfterIt() {
    assertEquals("rwx------", first.get("socketDirMode"));
    assertFalse(Files.exists(Path.of(first.get("socketDir"))), first.get("socketDir") + " still exists");
  }

  @Test
  void theTmuxServerIsKilledAfterTheClassEvenThoughATestFailed() {
    Kit.awaitGone(Long.parseLong(first.get("server.pid")));
  }

  @Test
  void sessionsStartedDirectlyOnTheClientAreKilledWithTheServer() {
    Kit.awaitGone(Long.parseLong(first.get("stray.pid")));
  }

  @Test
  void sharedAndPerTestSessionsEnd() {
    Kit.awaitGone(Long.parseLong(first.get("sharedPy.pid")));
    Kit.awaitGone(Long.parseLong(first.get("sh.pid")));
    Kit.awaitGone(Long.parseLong(second.get("sh.pid")));
  }

  @Test
  void aFailedTestsSessionIsClosedBeforeTheNextTest() {
    assertEquals("sh-first", first.get("sh.name"));
    assertEquals("sh-second", second.get("sh.name"));
    assertNotEquals(first.get("sh.pid"), second.get("sh.pid"));
    // Listed from inside the server during the second test: the first test's shell is gone.
    assertEquals(Set.of("sh-second", "sharedPy", "stray"), Set.of(second.get("liveSessions").split(" ")));
  }

  @Test
  void everythingIsCleanedUpWhenASharedSessionCannotStart(@TempDir Path base) throws IOException {
    EngineExecutionResults broken = Kit.run(BrokenSharedSamples.class, base);
    Throwable failure = broken.containerEvents().failed().list().get(0)
        .getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow();
    assertInstanceOf(WaitTimeoutException.class, failure);
    broken.testEvents().assertStatistics(s -> s.started(0));
    try (Stream<Path> left = Files.list(base)) {
      assertEquals(List.of(), left.toList(), "the private socket directory is deleted");
    }
    Kit.awaitNoProcessMentions(base);
  }

  @Test
  void everyInjectedSessionOfAPassingClassEnds() {
    EngineExecutionResults passing = Kit.run(InjectionSamples.class);
    passing.testEvents().assertStatistics(s -> s.failed(0));
    for (String test : new String[] {"first", "second"}) {
      Map<String, String> pids = Kit.entries(passing, test);
      for (String session : new String[] {"staticPy", "sharedPy", "perTestShell", "perTestParam", "sharedParam",
          "beforeAll"}) {
        Kit.awaitGone(Long.parseLong(pids.get(session)));
      }
      assertFalse(Files.exists(Path.of(pids.get("socketDir"))));
    }
  }
}

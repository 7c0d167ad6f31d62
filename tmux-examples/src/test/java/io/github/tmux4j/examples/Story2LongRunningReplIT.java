package io.github.tmux4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tmux4j.HealthState;
import io.github.tmux4j.TmuxClient;
import io.github.tmux4j.testing.MutableClock;
import io.github.tmux4j.testing.PrivateTmux;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class Story2LongRunningReplIT {
  @RegisterExtension static final PrivateTmux TMUX = new PrivateTmux();

  private static final Instant START = Instant.parse("2026-01-05T09:00:00Z");

  @Test
  void sessionInUseSurvivesDailyCleanupForDaysAndIsRemovedOnceIdleForAWeek() {
    MutableClock clock = new MutableClock(START);
    TmuxClient tmux = TMUX.client(b -> b.socketName("story2").clock(clock));
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    Story2LongRunningRepl.Outcome outcome = Story2LongRunningRepl.run(tmux,
        new PrintStream(buffer, true, StandardCharsets.UTF_8), clock::advance);

    assertEquals(Story2LongRunningRepl.DAYS, outcome.days().size());
    assertEquals(START, outcome.createdAt(), "created_at never moves");
    for (Story2LongRunningRepl.Day day : outcome.days()) {
      int n = day.day();
      assertEquals(HealthState.HEALTHY, day.health(), "health on day " + n);
      assertEquals(START.plus(Duration.ofDays(n)), day.lastActive(), "last_active on day " + n);
      // The same interpreter all along: its list holds every value appended so far.
      assertEquals(Integer.toString(IntStream.rangeClosed(1, n).sum()), day.total(), "total on day " + n);
      assertTrue(day.keptByCleanup(), "cleanup --older-than 7d kept the session on day " + n);
    }
    assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10),
        outcome.days().stream().map(Story2LongRunningRepl.Day::day).toList());

    assertTrue(outcome.removedOnceIdle(), "cleanup removed the session after 8 idle days");
    assertTrue(tmux.registry().list().isEmpty(), tmux.registry().list().toString());
    assertTrue(tmux.session(outcome.name()).isEmpty());
    assertTrue(tmux.reconcile(false).consistent(), "no session left running without a record");
    String printed = buffer.toString(StandardCharsets.UTF_8);
    assertTrue(printed.contains("Day 10: HEALTHY, total 55"), printed);
    assertTrue(printed.contains("cleanup removed it (idle 8d > 7d)"), printed);
  }
}

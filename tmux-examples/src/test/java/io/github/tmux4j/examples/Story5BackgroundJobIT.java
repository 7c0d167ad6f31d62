package io.github.tmux4j.examples;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tmux4j.CleanupReport;
import io.github.tmux4j.Health;
import io.github.tmux4j.HealthState;
import io.github.tmux4j.Session;
import io.github.tmux4j.SessionFilter;
import io.github.tmux4j.SessionInfo;
import io.github.tmux4j.TmuxClient;
import io.github.tmux4j.Transport;
import io.github.tmux4j.spi.InMemoryRegistry;
import io.github.tmux4j.spi.SessionRecord;
import io.github.tmux4j.testing.PrivateTmux;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class Story5BackgroundJobIT {
  @RegisterExtension static final PrivateTmux TMUX = new PrivateTmux();

  private static final List<String> STEPS = List.of("step 1", "step 2", "step 3");

  @Test
  void jobStartsWithoutWaitingAndIsPolledUntilItExitsWithStatus7ThenCleanedUp() {
    TmuxClient tmux = TMUX.client(b -> b.socketName("story5"));
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    Story5BackgroundJob.Outcome outcome =
        Story5BackgroundJob.run(tmux, new PrintStream(buffer, true, StandardCharsets.UTF_8));

    // start() returned while the job was still running (it runs for about a second).
    assertEquals(HealthState.HEALTHY, outcome.rightAfterStart().state());
    assertTrue(outcome.rightAfterStart().processRunning());
    assertEquals(HealthState.HEALTHY, outcome.polls().get(0).health().state(), "the first look found it running");

    // The registry captured the job's metadata.
    SessionRecord record = outcome.record();
    assertEquals(outcome.name(), record.name());
    assertEquals("custom", record.type());
    assertEquals(tmux.socket(), record.socket());
    assertEquals(outcome.name(), record.tags().get(Story5BackgroundJob.JOB_TAG));
    assertEquals(outcome.rightAfterStart().pid().getAsLong(), record.pid());

    // Polling ended with the process's exit: dead, status 7, all of its output kept.
    Story5BackgroundJob.Progress last = outcome.last();
    assertTrue(last.finished());
    assertEquals(HealthState.DEAD, last.health().state());
    assertFalse(last.health().processRunning());
    assertEquals(OptionalInt.of(7), last.health().exitStatus());
    assertEquals(STEPS, last.output());
    assertEquals(last, outcome.polls().get(outcome.polls().size() - 1));
    for (Story5BackgroundJob.Progress p : outcome.polls()) {
      assertEquals(STEPS.subList(0, p.output().size()), p.output(), "output only grows, in order");
    }
    assertTrue(outcome.polls().stream().limit(outcome.polls().size() - 1).noneMatch(Story5BackgroundJob.Progress::finished));

    // Each look counted as activity.
    assertTrue(outcome.lastActive().isAfter(record.createdAt()), outcome.lastActive() + " vs " + record.createdAt());
    assertFalse(outcome.lastActive().isBefore(last.health().checkedAt()));

    // The cleanup removed the finished job, and only it.
    CleanupReport cleanup = outcome.cleanup().orElseThrow();
    assertEquals(List.of(new CleanupReport.Entry(outcome.name(), HealthState.DEAD, CleanupReport.Action.REMOVED,
        true, "dead")), cleanup.entries());
    assertFalse(outcome.registeredAtEnd());
    assertTrue(tmux.registry().list().isEmpty(), tmux.registry().list().toString());
    assertTrue(tmux.reconcile(false).consistent(), "the dead pane was killed too");
    assertTrue(buffer.toString(StandardCharsets.UTF_8).contains("  | step 3"), buffer.toString());
  }

  @Test
  void aForgottenJobOutlivesItsClientAndAnotherClientFollowsItToTheEnd() {
    InMemoryRegistry registry = new InMemoryRegistry();
    TmuxClient starter = TMUX.client(b -> b.socketName("story5b").registry(registry));
    String name = "forgotten-job-" + ProcessHandle.current().pid();
    Session started = Story5BackgroundJob.start(starter, name, Story5BackgroundJob.SCRIPT);
    Health atStart = started.health();
    starter.close(); // fire and forget: the job does not depend on the client that started it

    TmuxClient watcher = TMUX.client(b -> b.socketName("story5b").registry(registry));
    Session job = watcher.session(name).orElseThrow();
    Story5BackgroundJob.Progress last = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
        .until(() -> Story5BackgroundJob.check(job), Story5BackgroundJob.Progress::finished);

    assertEquals(HealthState.HEALTHY, atStart.state());
    assertEquals(HealthState.DEAD, last.health().state());
    assertEquals(OptionalInt.of(7), last.health().exitStatus());
    assertEquals(STEPS, last.output());
    List<SessionInfo> dead = watcher.sessions(SessionFilter.state(HealthState.DEAD));
    assertEquals(List.of(name), dead.stream().map(SessionInfo::name).toList());
    // Not asserted here: dead.get(0).health().exitStatus(); see listedFinishedJobsCarryTheirExitStatus.

    job.close();
    assertTrue(registry.list().isEmpty(), registry.list().toString());
  }

  @Test
  void listedFinishedJobsCarryTheirExitStatus() {
    TmuxClient tmux = TMUX.client(b -> b.socketName("story5d").transport(Transport.PROCESS));
    String prefix = "listed-job-" + ProcessHandle.current().pid() + "-";
    for (int i = 1; i <= 10; i++) {
      Session job = Story5BackgroundJob.start(tmux, prefix + i, "echo job; sleep 0.2; exit 7");
      await().atMost(Duration.ofSeconds(20)).until(() -> job.health().state() == HealthState.DEAD);
      assertEquals(OptionalInt.of(7), job.health().exitStatus(), job.name());

      List<SessionInfo> listed = tmux.sessions(info -> info.name().equals(job.name()));
      assertEquals(1, listed.size());
      assertEquals(HealthState.DEAD, listed.get(0).state(), job.name());
      assertEquals(OptionalInt.of(7), listed.get(0).health().exitStatus(), "sessions() agrees with health(): "
          + job.name());
      job.close();
    }
  }

  @Test
  void theBoundedPollGivesUpAtItsDeadlineAndLeavesTheJobRunning() {
    TmuxClient tmux = TMUX.client(b -> b.socketName("story5c"));
    Duration deadline = Duration.ofMillis(600);

    Story5BackgroundJob.Outcome outcome = Story5BackgroundJob.run(tmux,
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        "echo working; sleep 120; exit 0", deadline);

    assertFalse(outcome.last().finished());
    assertEquals(HealthState.HEALTHY, outcome.last().health().state());
    assertTrue(outcome.waited().compareTo(deadline) >= 0, "polled until the deadline: " + outcome.waited());
    assertTrue(outcome.waited().compareTo(deadline.plusSeconds(5)) < 0, "then stopped: " + outcome.waited());
    assertTrue(outcome.polls().size() >= 2, "looked more than once: " + outcome.polls().size());
    assertTrue(outcome.cleanup().isEmpty());
    assertTrue(outcome.registeredAtEnd());

    Session job = tmux.session(outcome.name()).orElseThrow();
    assertEquals(HealthState.HEALTHY, job.health().state(), "the job still runs");
    await().atMost(Duration.ofSeconds(10)).until(() -> Story5BackgroundJob.check(job).output(),
        output -> output.equals(List.of("working")));
    job.close();
    assertTrue(tmux.sessions().isEmpty(), tmux.sessions().toString());
  }
}

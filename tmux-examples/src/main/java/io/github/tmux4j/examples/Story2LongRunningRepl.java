package io.github.tmux4j.examples;

import io.github.tmux4j.CleanupReport;
import io.github.tmux4j.Health;
import io.github.tmux4j.HealthState;
import io.github.tmux4j.Session;
import io.github.tmux4j.TmuxClient;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Lifecycle story 2, "long-running REPL": one Python session used day after day. Each day the agent
 * finds the session again by name (it keeps nothing else), checks its health, does some work, and the
 * nightly {@code cleanup().olderThan(7d)} leaves it alone because it is in use. Once it has been idle
 * for more than seven days, the same cleanup removes it.
 *
 * <p>Days pass through a hook, so that a test can move a clock instead of waiting a week; {@link #main}
 * lets no time pass, so there the final cleanup keeps the session and the example kills it itself.
 */
public final class Story2LongRunningRepl {

  /** How many days the session is used. */
  public static final int DAYS = 10;

  /** The idle time after which housekeeping removes a healthy session. */
  public static final Duration STALE_AFTER = Duration.ofDays(7);

  /**
   * One day of work.
   *
   * @param day the day, from 1
   * @param health the session's health when the agent came back to it
   * @param lastActive the registry's {@code last_active} after the day's work
   * @param total what the REPL computed from everything sent so far
   * @param keptByCleanup whether that night's {@code cleanup().olderThan(7d)} kept the session
   */
  public record Day(int day, HealthState health, Instant lastActive, String total, boolean keptByCleanup) {}

  /**
   * What the story produced.
   *
   * @param name the session name
   * @param createdAt the registry's {@code created_at}, read on the last day
   * @param days one entry per day of work
   * @param removedOnceIdle whether the cleanup after a week without input removed the session
   */
  public record Outcome(String name, Instant createdAt, List<Day> days, boolean removedOnceIdle) {}

  private Story2LongRunningRepl() {}

  /**
   * Runs the story with a default client; no time passes between days.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    try (TmuxClient tmux = TmuxClient.create()) {
      run(tmux, System.out, time -> System.out.println("  ... " + time.toDays() + " day(s) pass ..."));
    }
  }

  /**
   * Runs the story on a given client.
   *
   * @param tmux the client
   * @param out where to report
   * @param timePasses called whenever time passes in the story, with how much
   * @return what happened
   */
  public static Outcome run(TmuxClient tmux, PrintStream out, Consumer<Duration> timePasses) {
    String name = "analysis-python-" + ProcessHandle.current().pid();
    Session created = tmux.newSession(name).python().create();
    out.println("Created " + created);
    List<Day> days = new ArrayList<>();
    try {
      created.run("data = []");
      for (int day = 1; day <= DAYS; day++) {
        timePasses.accept(Duration.ofDays(1));
        // The agent only remembers the name: find the session again, as after a lost connection.
        Session py = tmux.session(name).orElseThrow(() -> new IllegalStateException(name + " is not registered"));
        Health health = py.health();
        if (!health.isHealthy()) {
          throw new IllegalStateException(name + " is " + health.state() + " on day " + day);
        }
        py.run("data.append(" + day + ")");
        String total = py.run("print(sum(data))").output();
        Instant lastActive = tmux.registry().get(name).orElseThrow().lastActive();

        // Nightly housekeeping. keep() limits it to this story's session, so that running the example
        // never removes yours; a real cron job would leave it out.
        CleanupReport nightly = tmux.cleanup().olderThan(STALE_AFTER)
            .keep(info -> !info.name().equals(name))
            .execute();
        boolean kept = nightly.kept().contains(name);
        out.printf("Day %2d: %s, total %s, last_active %s, cleanup %s%n", day, health.state(), total, lastActive,
            kept ? "kept it" : "REMOVED it");
        days.add(new Day(day, health.state(), lastActive, total, kept));
      }
      Instant createdAt = tmux.registry().get(name).orElseThrow().createdAt();

      // The analysis is over; nobody sends anything for more than a week.
      timePasses.accept(STALE_AFTER.plusDays(1));
      CleanupReport later = tmux.cleanup().olderThan(STALE_AFTER)
          .keep(info -> !info.name().equals(name))
          .execute();
      CleanupReport.Entry verdict = later.entries().stream().filter(e -> e.name().equals(name)).findFirst()
          .orElseThrow();
      boolean removed = verdict.action() == CleanupReport.Action.REMOVED;
      out.println("After a week without input, cleanup " + (removed ? "removed" : "kept") + " it ("
          + verdict.reason() + ")");
      return new Outcome(name, createdAt, days, removed);
    } finally {
      tmux.kill(name); // does nothing if cleanup removed it already
    }
  }
}

package io.github.tmux4j.examples;

import io.github.tmux4j.CleanupReport;
import io.github.tmux4j.Health;
import io.github.tmux4j.HealthState;
import io.github.tmux4j.Session;
import io.github.tmux4j.SessionFilter;
import io.github.tmux4j.TmuxClient;
import io.github.tmux4j.spi.SessionRecord;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Lifecycle story 5, "background job / fire-and-forget": start a long-running job in its own registered
 * session, return at once, and later poll its health until the job's process has exited. tmux keeps the
 * dead pane, so the job's exit status and its whole output are still there to collect as evidence;
 * then a cleanup removes the finished job.
 *
 * <p>The job is the session's program itself ({@code bash -c <script>}), so the session's health follows
 * the job: {@code HEALTHY} while it runs, {@code DEAD} with its exit status once it has finished. Reading
 * a pane does not count as activity, so each check also {@linkplain Session#touch() touches} the session:
 * a job someone is still watching is never idle in the eyes of {@code cleanup().olderThan(...)}.
 *
 * <p>Polling is bounded: {@link #awaitFinished} looks every {@link #POLL_EVERY} and gives up at a
 * deadline ({@link #DEADLINE} in {@link #run(TmuxClient, PrintStream)}), returning the last progress it
 * saw. Giving up does not stop the job: it goes on running, registered, and any later process can find
 * it by name and poll it again.
 */
public final class Story5BackgroundJob {

  /** The registry tag that marks a session as a background job; its value is the job's name. */
  public static final String JOB_TAG = "job";

  /** The job of the story: three steps, then a failure with exit status 7. */
  public static final String SCRIPT = "for i in 1 2 3; do echo step $i; sleep 0.3; done; exit 7";

  /** How often {@link #awaitFinished} looks at the job. */
  public static final Duration POLL_EVERY = Duration.ofMillis(100);

  /** How long {@link #run(TmuxClient, PrintStream)} polls before it gives up (and leaves the job running). */
  public static final Duration DEADLINE = Duration.ofSeconds(30);

  /** How many lines of scrollback a check reads, enough for this job's whole output. */
  private static final int HISTORY_LINES = 2_000;

  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  /**
   * One look at the job.
   *
   * @param health the session's health at that moment
   * @param output what the job had printed by then: the pane's lines without tmux's "Pane is dead" note
   *     and without trailing blank lines
   */
  public record Progress(Health health, List<String> output) {
    /** Copies the output. */
    public Progress {
      Objects.requireNonNull(health, "health");
      output = List.copyOf(output);
    }

    /**
     * Whether the job is over: its process exited ({@code DEAD}) or its session is gone.
     *
     * @return {@code true} unless the job is still running
     */
    public boolean finished() {
      return health.state() != HealthState.HEALTHY;
    }
  }

  /**
   * What the story produced.
   *
   * @param name the job's session name
   * @param startTook how long starting the job took (it does not wait for the job)
   * @param rightAfterStart the health checked as soon as the job was started
   * @param record the registry record of the running job
   * @param polls every look {@link #awaitFinished} took, in order
   * @param waited how long {@link #awaitFinished} polled
   * @param last the last look: finished, or still running at the deadline
   * @param lastActive the record's {@code last_active} after the polls
   * @param cleanup what the cleanup after the job did; empty if the job was still running at the deadline
   * @param registeredAtEnd whether the job is still registered when the story ends
   */
  public record Outcome(String name, Duration startTook, Health rightAfterStart, SessionRecord record,
      List<Progress> polls, Duration waited, Progress last, Instant lastActive, Optional<CleanupReport> cleanup,
      boolean registeredAtEnd) {}

  private Story5BackgroundJob() {}

  /**
   * Runs the story with a default client.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    try (TmuxClient tmux = TmuxClient.create()) {
      run(tmux, System.out);
    }
  }

  /**
   * Runs the story's job ({@link #SCRIPT}) on a given client, polling for at most {@link #DEADLINE}.
   *
   * @param tmux the client
   * @param out where to report
   * @return what happened
   */
  public static Outcome run(TmuxClient tmux, PrintStream out) {
    return run(tmux, out, SCRIPT, DEADLINE);
  }

  /**
   * Runs the story with any job script and deadline.
   *
   * @param tmux the client
   * @param out where to report
   * @param script the job, a bash script
   * @param deadline how long to poll before giving up
   * @return what happened
   */
  public static Outcome run(TmuxClient tmux, PrintStream out, String script, Duration deadline) {
    String name = "background-job-" + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet();
    long t0 = System.nanoTime();
    Session job = start(tmux, name, script);
    Duration startTook = Duration.ofNanos(System.nanoTime() - t0);
    Health rightAfterStart = job.health();
    SessionRecord record = tmux.registry().get(name).orElseThrow();
    out.println("Started " + job + " in " + startTook.toMillis() + " ms: " + rightAfterStart.state() + ", pid "
        + record.pid() + "; not waiting for it");

    // ... the agent does other work here, then comes back to the job ...
    List<Progress> polls = new ArrayList<>();
    long t1 = System.nanoTime();
    Progress last = awaitFinished(job, POLL_EVERY, deadline, progress -> {
      polls.add(progress);
      out.println("  " + progress.health().state() + ", " + progress.output().size() + " line(s) of output");
    });
    Duration waited = Duration.ofNanos(System.nanoTime() - t1);
    Instant lastActive = tmux.registry().get(name).map(SessionRecord::lastActive).orElseThrow();
    if (!last.finished()) {
      out.println(name + " is still running after " + deadline + "; leaving it to run. Poll it again later with"
          + " tmux.session(\"" + name + "\")");
      return new Outcome(name, startTook, rightAfterStart, record, polls, waited, last, lastActive, Optional.empty(),
          tmux.registry().get(name).isPresent());
    }

    out.println(name + " finished: " + last.health().state() + ", exit status "
        + (last.health().exitStatus().isPresent() ? last.health().exitStatus().getAsInt() : "unknown"));
    out.println("Its output:");
    last.output().forEach(line -> out.println("  | " + line));

    // The job is over and its evidence collected: the default cleanup removes it (and only it, here).
    CleanupReport cleanup = tmux.cleanup().only(SessionFilter.tag(JOB_TAG, name)).execute();
    out.println("Cleanup removed " + cleanup.removed());
    return new Outcome(name, startTook, rightAfterStart, record, polls, waited, last, lastActive,
        Optional.of(cleanup), tmux.registry().get(name).isPresent());
  }

  /**
   * Starts a job in its own registered session and returns at once, without waiting for any output.
   *
   * @param tmux the client
   * @param name the session name
   * @param script the job, a bash script
   * @return the job's session
   */
  public static Session start(TmuxClient tmux, String name, String script) {
    return tmux.newSession(name).command("bash", "-c", script).tag(JOB_TAG, name).create();
  }

  /**
   * Looks at a job once, without blocking: its health, then its output so far (read after the health, so
   * that a finished job's output is complete). Marks the session active.
   *
   * @param job the job's session
   * @return the job's progress
   */
  public static Progress check(Session job) {
    Health health = job.health();
    if (health.state() == HealthState.MISSING || health.state() == HealthState.SERVER_NOT_RUNNING) {
      return new Progress(health, List.of());
    }
    List<String> output = new ArrayList<>(job.capture().history(HISTORY_LINES).lines());
    output.removeIf(line -> line.startsWith("Pane is dead"));
    while (!output.isEmpty() && output.get(output.size() - 1).isBlank()) {
      output.remove(output.size() - 1);
    }
    job.touch();
    return new Progress(health, output);
  }

  /**
   * Polls a job until it has finished or the deadline has passed, whichever comes first: looks at once,
   * then every {@code pollEvery}. Never blocks longer than {@code deadline} plus one look.
   *
   * @param job the job's session
   * @param pollEvery the pause between looks
   * @param deadline how long to poll at most
   * @param onPoll called with every look, in order
   * @return the last look: {@link Progress#finished()} tells whether the job finished in time
   * @throws IllegalStateException if the thread is interrupted while polling
   */
  public static Progress awaitFinished(Session job, Duration pollEvery, Duration deadline, Consumer<Progress> onPoll) {
    long end = System.nanoTime() + deadline.toNanos();
    while (true) {
      Progress progress = check(job);
      onPoll.accept(progress);
      long left = end - System.nanoTime();
      if (progress.finished() || left <= 0) {
        return progress;
      }
      try {
        Thread.sleep(Math.max(1, Math.min(pollEvery.toMillis(), left / 1_000_000)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while polling " + job.name(), e);
      }
    }
  }
}

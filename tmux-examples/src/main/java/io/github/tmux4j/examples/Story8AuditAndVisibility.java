package io.github.tmux4j.examples;

import io.github.tmux4j.CleanupReport;
import io.github.tmux4j.Health;
import io.github.tmux4j.HealthState;
import io.github.tmux4j.Session;
import io.github.tmux4j.SessionBuilder;
import io.github.tmux4j.SessionFilter;
import io.github.tmux4j.SessionInfo;
import io.github.tmux4j.SessionType;
import io.github.tmux4j.TmuxClient;
import java.io.File;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Lifecycle story 8, "audit and visibility": an operator looks at sessions of different types and ages,
 * filters them by type, state, idle time and tags, prints a table, counts them by type, and previews a
 * cleanup before running one.
 *
 * <p>The story first sets up four sessions over a few days: a Python REPL, a shell, a batch job that has
 * finished (its pane is dead) and gdb (a shell if gdb is not installed). Days pass through a hook, so
 * that a test can move a clock; {@link #main} lets no time pass. At the end the four sessions are closed.
 */
public final class Story8AuditAndVisibility {

  /** The tag naming the team that owns a session. */
  public static final String TEAM_TAG = "team";

  /**
   * What the audit found.
   *
   * @param prefix the prefix of the four session names ({@code etl}, {@code build}, {@code job},
   *     {@code debug} follow it)
   * @param all every registered session, in name order
   * @param python the names of the Python sessions
   * @param dead the names of the dead sessions
   * @param idleOverHalfADay the names of the sessions without input for more than 12 hours
   * @param infra the names of the sessions tagged {@code team=infra}
   * @param staleInfraTools the names of infra's shell and gdb sessions idle for more than a day
   * @param countByType how many sessions there are of each type
   * @param preview what {@code cleanup().olderThan(1d)} would remove
   * @param afterPreview the names still registered after the preview (all of them: it is a dry run)
   */
  public record Outcome(String prefix, List<SessionInfo> all, List<String> python, List<String> dead,
      List<String> idleOverHalfADay, List<String> infra, List<String> staleInfraTools,
      Map<SessionType, Long> countByType, CleanupReport preview, List<String> afterPreview) {}

  private Story8AuditAndVisibility() {}

  /**
   * Runs the story with a default client; no time passes.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    try (TmuxClient tmux = TmuxClient.create()) {
      run(tmux, System.out, time -> {});
    }
  }

  /**
   * Runs the story on a given client.
   *
   * @param tmux the client
   * @param out where to report
   * @param timePasses called whenever time passes in the story, with how much
   * @return what the audit found
   */
  public static Outcome run(TmuxClient tmux, PrintStream out, Consumer<Duration> timePasses) {
    String p = "audit-" + ProcessHandle.current().pid() + "-";
    List<Session> created = new ArrayList<>();
    try {
      // Some work, spread over a few days.
      Session etl = tmux.newSession(p + "etl").python().tag(TEAM_TAG, "data").create();
      created.add(etl);
      etl.run("rows = 1200");
      timePasses.accept(Duration.ofDays(3));

      Session build = tmux.newSession(p + "build").shell().tag(TEAM_TAG, "infra").create();
      created.add(build);
      build.run("echo built");
      timePasses.accept(Duration.ofDays(1));

      Session job = tmux.newSession(p + "job").command("python3", "-c", "print('report written')")
          .tag(TEAM_TAG, "data").create();
      created.add(job);
      awaitExit(job, Duration.ofSeconds(10));
      timePasses.accept(Duration.ofHours(11));

      SessionBuilder debugger = tmux.newSession(p + "debug").tag(TEAM_TAG, "infra");
      Session debug = (onPath("gdb") ? debugger.gdb() : debugger.shell()).create();
      created.add(debug);
      timePasses.accept(Duration.ofHours(2));

      // The audit: everything, then filtered views.
      List<SessionInfo> all = tmux.sessions();
      printTable(out, all);
      List<String> python = names(tmux.sessions(SessionFilter.type(SessionType.PYTHON)));
      List<String> dead = names(tmux.sessions(SessionFilter.state(HealthState.DEAD)));
      List<String> idle = names(tmux.sessions(SessionFilter.idleLongerThan(Duration.ofHours(12))));
      List<String> infra = names(tmux.sessions(SessionFilter.tag(TEAM_TAG, "infra")));
      List<String> staleInfraTools = names(tmux.sessions(SessionFilter.type(SessionType.SHELL, SessionType.GDB)
          .and(SessionFilter.tag(TEAM_TAG, "infra"))
          .and(SessionFilter.idleLongerThan(Duration.ofDays(1)))));
      Map<SessionType, Long> byType =
          all.stream().collect(Collectors.groupingBy(SessionInfo::type, TreeMap::new, Collectors.counting()));
      out.println("Python: " + python);
      out.println("Dead: " + dead);
      out.println("Idle > 12h: " + idle);
      out.println("Team infra: " + infra);
      out.println("Infra shells and debuggers idle > 1d: " + staleInfraTools);
      out.println("By type: " + byType);

      // What would a cleanup of everything idle for a day remove? A dry run changes nothing.
      CleanupReport preview = tmux.cleanup().olderThan(Duration.ofDays(1)).dryRun().execute();
      out.println("Cleanup --older-than 1d --dry-run:");
      for (CleanupReport.Entry e : preview.entries()) {
        out.printf("  %-12s %-32s %s%n", e.action(), e.name(), e.reason());
      }
      return new Outcome(p, all, python, dead, idle, infra, staleInfraTools, byType, preview,
          names(tmux.sessions()));
    } finally {
      created.forEach(Session::close);
    }
  }

  private static void printTable(PrintStream out, List<SessionInfo> sessions) {
    String row = "%-32s %-12s %-18s %-20s %-20s %s%n";
    out.printf(row, "NAME", "TYPE", "STATE", "CREATED_AT", "LAST_ACTIVE", "IDLE");
    for (SessionInfo s : sessions) {
      out.printf(row, s.name(), s.type().typeName(), s.state().jsonName(),
          s.record().createdAt().truncatedTo(ChronoUnit.SECONDS),
          s.record().lastActive().truncatedTo(ChronoUnit.SECONDS), human(s.idle()));
    }
  }

  private static String human(Duration d) {
    return String.format("%dd %02dh %02dm", d.toDays(), d.toHoursPart(), d.toMinutesPart());
  }

  private static List<String> names(List<SessionInfo> sessions) {
    return sessions.stream().map(SessionInfo::name).toList();
  }

  /** Polls the session's health until its program has exited; a batch job has no prompt to wait for. */
  private static void awaitExit(Session session, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    Health health = session.health();
    while (health.state() != HealthState.DEAD) {
      if (health.state() == HealthState.MISSING || Instant.now().isAfter(deadline)) {
        throw new IllegalStateException(session.name() + " did not finish within " + timeout + ": " + health);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for " + session.name(), e);
      }
      health = session.health();
    }
  }

  private static boolean onPath(String program) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }
}

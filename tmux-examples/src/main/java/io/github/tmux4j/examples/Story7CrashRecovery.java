package io.github.tmux4j.examples;

import io.github.tmux4j.CleanupReport;
import io.github.tmux4j.Health;
import io.github.tmux4j.HealthState;
import io.github.tmux4j.Session;
import io.github.tmux4j.SessionDeadException;
import io.github.tmux4j.SessionFilter;
import io.github.tmux4j.TmuxClient;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Lifecycle story 7, "crash recovery and forensics": a Python REPL crashes in the middle of work. The
 * agent sees it ({@link Session#run} throws {@link SessionDeadException}; the health is {@code DEAD} with
 * the exit status), saves the pane's output with its scrollback to a file, and
 * {@linkplain Session#quarantine() quarantines} the dead session: it is renamed and tagged, kept for
 * analysis, and its name is free again. A fresh session under the original name resumes the work.
 * Housekeeping leaves the quarantined session alone until the analysis is done and it is
 * {@linkplain Session#endQuarantine() ends its quarantine}; then the next cleanup removes it.
 *
 * <p>tmux4j starts sessions with {@code remain-on-exit on}, so a crashed program's pane, and everything it
 * printed, stays until the session is killed.
 */
public final class Story7CrashRecovery {

  /** The command that crashes the interpreter, as a bug in native or library code might. */
  public static final String CRASHING_COMMAND = "import os; os._exit(9)";

  /** How many lines of scrollback the evidence includes. */
  public static final int EVIDENCE_LINES = 500;

  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  /**
   * What the story produced.
   *
   * @param name the session's name, before and after the crash
   * @param crash what {@code run} threw when the interpreter died under it
   * @param crashed the health checked after the crash
   * @param screenAtCrash the visible screen after the crash (without scrollback)
   * @param evidenceFile the file the evidence was written to, readable by its owner only
   * @param evidence the file's content
   * @param quarantinedAs the crashed session's name after {@code quarantine()}
   * @param quarantineTags the quarantined session's registry tags
   * @param quarantinedHealth the crashed session's health under its new name
   * @param resumed the output of the first command in the fresh session
   * @param whileQuarantined what a cleanup did while the crashed session was quarantined
   * @param afterRelease what a cleanup did once it was released
   * @param stillWorking the output of a command in the fresh session after both cleanups
   * @param registeredAtEnd the story's sessions still registered when it ends
   */
  public record Outcome(String name, SessionDeadException crash, Health crashed, String screenAtCrash,
      Path evidenceFile, String evidence, String quarantinedAs, Map<String, String> quarantineTags,
      Health quarantinedHealth, String resumed, CleanupReport whileQuarantined, CleanupReport afterRelease,
      String stillWorking, List<String> registeredAtEnd) {}

  private Story7CrashRecovery() {}

  /**
   * Runs the story with a default client.
   *
   * @param args optionally, the directory for the evidence file (default: {@code java.io.tmpdir})
   */
  public static void main(String[] args) {
    Path evidenceDir = Path.of(args.length > 0 ? args[0] : System.getProperty("java.io.tmpdir"));
    try (TmuxClient tmux = TmuxClient.create()) {
      run(tmux, evidenceDir, System.out);
    }
  }

  /**
   * Runs the story on a given client.
   *
   * @param tmux the client
   * @param evidenceDir an existing directory for the evidence file
   * @param out where to report
   * @return what happened
   * @throws UncheckedIOException if the evidence cannot be written
   * @throws IllegalStateException if the interpreter does not crash as planned
   */
  public static Outcome run(TmuxClient tmux, Path evidenceDir, PrintStream out) {
    String name = "claude-python-" + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet();
    Session py = tmux.newSession(name).python().create();
    Session fresh = null;
    try {
      // Work that leaves a trail: more output than the screen holds, and a failed import.
      py.run("rows = [f'row {i}' for i in range(120)]");
      py.run("print('\\n'.join('processed ' + r for r in rows))");
      out.println("A bad import: " + py.run("import story7_missing_module").lines().stream()
          .reduce((first, second) -> second).orElse(""));

      // The crash: run() notices that the process died while it waited for the prompt.
      SessionDeadException crash;
      try {
        py.run(CRASHING_COMMAND);
        throw new IllegalStateException("'" + CRASHING_COMMAND + "' did not crash " + name);
      } catch (SessionDeadException e) {
        crash = e;
      }
      Health crashed = py.health();
      out.println(name + " crashed: " + crashed.state() + ", exit status " + status(crashed));

      // 1. Preserve the evidence before anything else: the screen and its scrollback, wrapped lines joined.
      String screenAtCrash = py.capture().text();
      String captured = py.capture().history(EVIDENCE_LINES).joinWrapped().text();
      String evidence = "# tmux4j crash evidence\n"
          + "# session: " + name + " (" + py.type().typeName() + ") on " + py.socket() + ", pane " + py.target()
          + "\n# health: " + crashed.state() + ", exit status " + status(crashed) + ", checked at "
          + crashed.checkedAt() + "\n" + captured + "\n";
      Path evidenceFile = evidenceDir.resolve(name + "-crash.log");
      try {
        writePrivately(evidenceFile, evidence);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot write the evidence to " + evidenceFile, e);
      }
      out.println("Evidence: " + captured.lines().count() + " lines in " + evidenceFile);

      // 2. Quarantine the dead session: renamed, tagged, kept; the original name is free.
      py.quarantine();
      String quarantinedAs = py.name();
      Map<String, String> tags = tmux.registry().get(quarantinedAs).orElseThrow().tags();
      Health quarantinedHealth = py.health();
      out.println("Quarantined as " + quarantinedAs + " (" + quarantinedHealth.state() + ")");

      // 3. Recreate under the original name and resume the work.
      fresh = tmux.newSession(name).python().create();
      fresh.run("rows = [f'row {i}' for i in range(120)]");
      String resumed = fresh.run("print(len(rows), rows[-1])").output();
      out.println("Resumed in a fresh " + name + ": " + resumed);

      // 4. Housekeeping during the analysis keeps the quarantined session. only() confines it to this
      //    story's sessions, so that running the example never removes yours.
      SessionFilter ours = info -> info.name().equals(name) || info.name().equals(quarantinedAs);
      CleanupReport whileQuarantined = tmux.cleanup().only(ours).execute();
      out.println("Cleanup during the analysis kept " + whileQuarantined.kept());

      // 5. Analysis done: release the quarantine; the next cleanup removes the dead session.
      py.endQuarantine();
      CleanupReport afterRelease = tmux.cleanup().only(ours).execute();
      out.println("Cleanup after release removed " + afterRelease.removed());

      String stillWorking = fresh.run("print(sum(range(10)))").output();
      fresh.close();
      List<String> registeredAtEnd = tmux.sessions(ours).stream().map(info -> info.name()).toList();
      return new Outcome(name, crash, crashed, screenAtCrash, evidenceFile, evidence, quarantinedAs, tags,
          quarantinedHealth, resumed, whileQuarantined, afterRelease, stillWorking, registeredAtEnd);
    } finally {
      // Only does something if the story failed half-way (close() is idempotent).
      if (fresh != null) {
        fresh.close();
      }
      py.close();
    }
  }

  /**
   * Writes a file only its owner can read (mode 0600 where the file system has POSIX permissions): a
   * crash log can hold whatever the program printed. Replaces an existing file (or a symbolic link, not
   * its target).
   */
  private static void writePrivately(Path file, String text) throws IOException {
    Files.deleteIfExists(file);
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException notPosix) {
      Files.createFile(file);
    }
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  private static String status(Health health) {
    return health.exitStatus().isPresent() ? Integer.toString(health.exitStatus().getAsInt()) : "unknown";
  }
}

package io.github.tmux4j.examples;

import io.github.tmux4j.CleanupReport;
import io.github.tmux4j.SessionFilter;
import io.github.tmux4j.SessionInfo;
import io.github.tmux4j.TmuxClient;
import java.io.File;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lifecycle story 6, "multi-session workspace": a Python REPL, a shell and (if installed) gdb side by
 * side on one socket, each addressed by name, listed together with their health, and cleaned up
 * together.
 *
 * <p>The workspace's sessions carry a tag, so that the final {@code cleanup().all()} removes exactly
 * them and none of your other sessions.
 */
public final class Story6MultiSessionWorkspace {

  /** The tag that marks the sessions of one workspace. */
  public static final String WORKSPACE_TAG = "workspace";

  /**
   * What the story produced.
   *
   * @param workspace the workspace's tag value, also the prefix of its session names
   * @param listed the workspace's sessions as {@code tmux.sessions()} listed them, in name order
   * @param answers each session's answer to a question, by session name
   * @param cleanup what the workspace cleanup did
   * @param leftAfterCleanup the workspace's sessions still listed after the cleanup
   */
  public record Outcome(String workspace, List<SessionInfo> listed, Map<String, String> answers,
      CleanupReport cleanup, List<SessionInfo> leftAfterCleanup) {}

  private Story6MultiSessionWorkspace() {}

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
   * Runs the story on a given client.
   *
   * @param tmux the client
   * @param out where to report
   * @return what happened
   */
  public static Outcome run(TmuxClient tmux, PrintStream out) {
    String ws = "ws-" + ProcessHandle.current().pid();
    SessionFilter inWorkspace = SessionFilter.tag(WORKSPACE_TAG, ws);
    try {
      // One workspace, one socket (the client's), one session per tool.
      tmux.newSession(ws + "-python").python().tag(WORKSPACE_TAG, ws).create();
      tmux.newSession(ws + "-shell").shell().tag(WORKSPACE_TAG, ws).create();
      boolean withGdb = onPath("gdb");
      if (withGdb) {
        tmux.newSession(ws + "-gdb").gdb().tag(WORKSPACE_TAG, ws).create();
      }

      // Each session is addressed by its name alone.
      Map<String, String> answers = new LinkedHashMap<>();
      answers.put(ws + "-python", ask(tmux, ws + "-python", "print(6 * 7)"));
      answers.put(ws + "-shell", ask(tmux, ws + "-shell", "echo $((6 * 7)) from $0"));
      if (withGdb) {
        answers.put(ws + "-gdb", ask(tmux, ws + "-gdb", "print 6 * 7"));
      }
      answers.forEach((name, answer) -> out.println(name + " says: " + answer));

      // The whole workspace at a glance: one tmux call per socket, however many sessions.
      List<SessionInfo> listed = tmux.sessions(inWorkspace);
      out.println("Workspace " + ws + ":");
      for (SessionInfo info : listed) {
        out.printf("  %-24s %-12s %-8s %s%n", info.name(), info.type().typeName(), info.state(),
            info.record().socket());
      }

      // Clean up the whole workspace, healthy or not; keep() spares every session outside it.
      CleanupReport cleanup = tmux.cleanup().all().keep(info -> !inWorkspace.test(info)).execute();
      out.println("Cleanup removed " + cleanup.removed());
      return new Outcome(ws, listed, answers, cleanup, tmux.sessions(inWorkspace));
    } finally {
      tmux.sessions(inWorkspace).forEach(info -> tmux.kill(info.name())); // only if something failed
    }
  }

  private static String ask(TmuxClient tmux, String name, String command) {
    return tmux.session(name).orElseThrow().run(command).output();
  }

  private static boolean onPath(String program) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }
}

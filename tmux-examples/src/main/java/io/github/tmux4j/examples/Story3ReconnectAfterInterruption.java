package io.github.tmux4j.examples;

import io.github.tmux4j.Health;
import io.github.tmux4j.Session;
import io.github.tmux4j.TmuxClient;
import java.io.PrintStream;
import java.util.Optional;

/**
 * Lifecycle story 3, "interrupted connection recovery": one process starts a Python session and puts
 * state in it, then goes away (a crash, a closed terminal, a lost connection); a later process finds the
 * session by name in the shared registry, checks its health, and carries on with the state intact. If
 * the session died meanwhile, the later process says so and recreates it.
 *
 * <p>Run the two halves as separate JVMs, e.g. {@code -Dexec.args="start analysis"} then
 * {@code -Dexec.args="resume analysis"}; with {@code tmux-registry} on the class path the registry is the
 * JSON file in the socket directory, so both processes see the same sessions.
 */
public final class Story3ReconnectAfterInterruption {

  private Story3ReconnectAfterInterruption() {}

  /**
   * Runs one half of the story.
   *
   * @param args {@code start <name>} or {@code resume <name>}
   */
  public static void main(String[] args) {
    if (args.length != 2 || !(args[0].equals("start") || args[0].equals("resume"))) {
      System.err.println("usage: Story3ReconnectAfterInterruption start|resume <session-name>");
      System.exit(2);
    }
    try (TmuxClient tmux = TmuxClient.create()) {
      if (args[0].equals("start")) {
        start(tmux, args[1], System.out);
      } else {
        resume(tmux, args[1], System.out);
      }
    }
  }

  /**
   * The first process: creates the session and leaves state in it. The session outlives this process.
   *
   * @param tmux the client
   * @param name the session name
   * @param out where to report
   */
  public static void start(TmuxClient tmux, String name, PrintStream out) {
    Session py = tmux.newSession(name).python().getOrCreate();
    py.run("progress = ['loaded data', 'cleaned data']");
    out.println("started " + name + " on " + py.socket() + "; state: " + py.run("print(len(progress))").output()
        + " steps");
  }

  /**
   * A later process: rediscovers the session and continues, or recreates it if it did not survive.
   *
   * @param tmux the client
   * @param name the session name
   * @param out where to report
   * @return the output of the resumed work
   */
  public static String resume(TmuxClient tmux, String name, PrintStream out) {
    Optional<Session> found = tmux.session(name);
    if (found.isEmpty()) {
      out.println(name + " is not registered; creating it");
      start(tmux, name, out);
      found = tmux.session(name);
    }
    Session py = found.orElseThrow();
    Health health = py.health();
    out.println("found " + name + " in the registry: " + health.state());
    if (!health.isHealthy()) {
      out.println(name + " did not survive (" + health.state() + "); recreating it with a fresh state");
      py.close();
      start(tmux, name, out);
      py = tmux.session(name).orElseThrow();
    }
    py.run("progress.append('resumed')");
    String result = py.run("print(', '.join(progress))").output();
    out.println("resumed: " + result);
    return result;
  }
}

package io.github.tmux4j.examples;

import io.github.tmux4j.CommandResult;
import io.github.tmux4j.Session;
import io.github.tmux4j.TmuxClient;
import java.io.PrintStream;

/**
 * Lifecycle story 1, "run and done": create a Python session, run one command, print its output, and
 * clean up, leaving nothing registered.
 *
 * <p>Run it with {@code mvn -q -pl tmux-examples exec:java} (after {@code mvn -q install -DskipTests}).
 */
public final class Story1RunAndDone {

  /** What the story produced. */
  public record Outcome(String sessionName, String output, boolean registeredWhileRunning,
      boolean registeredAfterClose) {}

  private Story1RunAndDone() {}

  /**
   * Runs the story with a default client ({@code $TMUX4J_SOCKET_DIR} or {@code <tmpdir>/tmux4j-<user>}).
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
    String name = "story1-" + ProcessHandle.current().pid();
    Session py = tmux.newSession(name).python().create();
    boolean registered;
    CommandResult result;
    try {
      registered = tmux.registry().get(name).isPresent();
      out.println("Created " + py + (registered ? ", registered" : ""));
      result = py.run("import sys; print(sys.version)");
      out.println("Python says (" + result.elapsed().toMillis() + " ms): " + result.output());
    } finally {
      py.close();
    }
    boolean stillRegistered = tmux.registry().get(name).isPresent();
    out.println("Closed; '" + name + "' registered: " + stillRegistered + "; sessions in the registry: "
        + tmux.registry().list().size());
    return new Outcome(name, result.output(), registered, stillRegistered);
  }
}

package io.github.tmux4j.examples;

import io.github.tmux4j.CommandResult;
import io.github.tmux4j.HealthState;
import io.github.tmux4j.Session;
import io.github.tmux4j.SessionInfo;
import io.github.tmux4j.TmuxClient;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.MatchResult;

/**
 * Lifecycle story 4, "collaborative multi-user session": two agents, each with its own
 * {@link TmuxClient}, share one socket directory and one registry. Agent A creates a Python session and
 * puts state in it; agent B finds it by name alone, checks its health and runs a command in it; agent A
 * sees B's result on the shared screen, both with {@link Session#waitFor} and with a capture. Both
 * agents' registries agree on the session and on its {@code last_active}.
 *
 * <p>Collaborators in one JVM may also share one handle: its {@link Session#run} calls are serialized,
 * so two threads running commands at the same time never mix their input and each gets its own answer.
 * Separate handles (other clients, other processes) take turns as well: each {@code run} holds the
 * session's {@linkplain Session#exclusive exclusive lease} until its prompt is back.
 *
 * <p>{@link #main} builds both clients with defaults: with {@code tmux-registry} on the class path they
 * open the same {@code .sessions.json} in the socket directory, as two separate processes would.
 */
public final class Story4CollaborativeSession {

  /** How many commands each of the two threads runs on the shared handle. */
  public static final int RUNS_PER_THREAD = 8;

  private static final AtomicInteger SEQUENCE = new AtomicInteger();
  private static final Duration WAIT = Duration.ofSeconds(15);

  /**
   * One command run on the shared handle during the concurrent part.
   *
   * @param worker which thread ran it ({@code "A"} or {@code "B"})
   * @param command the command
   * @param expected the output it must produce
   * @param actual the output {@code run} returned
   */
  public record Exchange(String worker, String command, String expected, String actual) {
    /**
     * Whether the command got its own answer.
     *
     * @return {@code true} if the output is the expected one
     */
    public boolean answered() {
      return expected.equals(actual);
    }
  }

  /**
   * What the story produced.
   *
   * @param name the shared session's name
   * @param socketOfA the socket of A's handle
   * @param socketOfB the socket of B's handle, found through the registry
   * @param listedByA the sessions A's client lists (name order), with their health
   * @param listedByB the sessions B's client lists (name order), with their health
   * @param healthSeenByA the health A saw after B's command
   * @param healthSeenByB the health B saw before its command
   * @param answerToB the output of B's {@code run}
   * @param seenByA what A's {@code waitFor} matched of B's output
   * @param screenOfA what A captured of the shared screen afterwards
   * @param lastActiveSeenByA the record's {@code last_active} as A's registry has it after B's command
   * @param lastActiveSeenByB the same as B's registry has it
   * @param exchanges every command of the concurrent part, in the order each thread ran them
   * @param foundByBAfterClose whether B still found the session after A closed it
   * @param healthSeenByBAfterClose the health B's old handle reports after A closed the session
   */
  public record Outcome(String name, Path socketOfA, Path socketOfB, List<SessionInfo> listedByA,
      List<SessionInfo> listedByB, HealthState healthSeenByA, HealthState healthSeenByB, String answerToB,
      String seenByA, String screenOfA, Instant lastActiveSeenByA, Instant lastActiveSeenByB,
      List<Exchange> exchanges, boolean foundByBAfterClose, HealthState healthSeenByBAfterClose) {}

  private Story4CollaborativeSession() {}

  /**
   * Runs the story with two default clients, standing for two agents.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    try (TmuxClient agentA = TmuxClient.create(); TmuxClient agentB = TmuxClient.create()) {
      run(agentA, agentB, System.out);
    }
  }

  /**
   * Runs the story on two clients that share a socket directory and a registry.
   *
   * @param agentA the client of the agent that creates the session
   * @param agentB the client of the agent that joins it
   * @param out where to report
   * @return what happened
   * @throws IllegalStateException if agent B cannot find the session in its registry
   */
  public static Outcome run(TmuxClient agentA, TmuxClient agentB, PrintStream out) {
    String name = "shared-debug-" + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet();
    Session a = agentA.newSession(name).python().tag("purpose", "collaboration").create();
    try {
      // Agent A: set up the shared state.
      a.run("x = 21");
      out.println("A created " + a);

      // Agent B: knows only the name; the shared registry says where the session is.
      Session b = agentB.session(name)
          .orElseThrow(() -> new IllegalStateException("agent B does not find '" + name + "' in its registry"));
      HealthState healthSeenByB = b.health().state();
      out.println("B found " + b + ": " + healthSeenByB);
      List<SessionInfo> listedByA = agentA.sessions();
      List<SessionInfo> listedByB = agentB.sessions();

      // Agent B runs a command; agent A sees its result on the shared screen.
      CommandResult answer = b.run("print('B computed', x * 2)");
      out.println("B got: " + answer.output());
      MatchResult seen = a.waitFor("B computed 42", WAIT);
      String screenOfA = a.capture().text();
      HealthState healthSeenByA = a.health().state();
      out.println("A saw: " + seen.group() + " (" + healthSeenByA + ")");
      Instant lastActiveA = agentA.registry().get(name).orElseThrow().lastActive();
      Instant lastActiveB = agentB.registry().get(name).orElseThrow().lastActive();
      out.println("last_active as A's registry has it: " + lastActiveA + ", as B's: " + lastActiveB);

      // Two collaborators in one JVM share one handle: their run() calls take turns.
      List<Exchange> exchanges = runConcurrently(b);
      long answered = exchanges.stream().filter(Exchange::answered).count();
      out.println(exchanges.size() + " concurrent runs on one handle, " + answered + " got their own answer");

      // Agent A ends the collaboration; agent B finds nothing any more.
      a.close();
      boolean foundAfterClose = agentB.session(name).isPresent();
      HealthState afterClose = b.health().state();
      out.println("A closed " + name + "; B finds it: " + foundAfterClose + ", B's handle says " + afterClose);
      return new Outcome(name, a.socket(), b.socket(), listedByA, listedByB, healthSeenByA, healthSeenByB,
          answer.output(), seen.group(), screenOfA, lastActiveA, lastActiveB, exchanges, foundAfterClose,
          afterClose);
    } finally {
      a.close(); // idempotent; only does something if the story failed half-way
    }
  }

  /**
   * Two threads run {@link #RUNS_PER_THREAD} commands each on the same handle, released at the same
   * moment; each command prints something only it can print.
   */
  private static List<Exchange> runConcurrently(Session shared) {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<List<Exchange>>> futures = new ArrayList<>();
      for (String worker : List.of("A", "B")) {
        futures.add(pool.submit(() -> {
          go.await();
          List<Exchange> mine = new ArrayList<>();
          for (int i = 1; i <= RUNS_PER_THREAD; i++) {
            int factor = worker.equals("A") ? 100 : 1000;
            String command = "print('" + worker + "', " + i + ", " + i + " * " + factor + ")";
            String expected = worker + " " + i + " " + (i * factor);
            mine.add(new Exchange(worker, command, expected, shared.run(command, WAIT).output()));
          }
          return mine;
        }));
      }
      go.countDown();
      List<Exchange> all = new ArrayList<>();
      for (Future<List<Exchange>> f : futures) {
        all.addAll(f.get());
      }
      return all;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while running commands concurrently", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }
}

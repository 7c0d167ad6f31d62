package io.github.tmux4j.registry;

import io.github.tmux4j.CleanupReport;
import io.github.tmux4j.CommandResult;
import io.github.tmux4j.Session;
import io.github.tmux4j.SessionBuilder;
import io.github.tmux4j.SessionType;
import io.github.tmux4j.TmuxClient;
import io.github.tmux4j.TmuxException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * The child JVM of {@link LifecycleCrashIT}: a program that uses tmux4j as an application would (the
 * default {@link TmuxClient}: control mode, the file registry found on the class path), with a few threads
 * doing random lifecycle operations on a small shared pool of names until it is killed with SIGKILL.
 *
 * <p>Arguments: socket directory, child id, seed, threads, maximum pause between two operations of a
 * thread (ms). Protocol on standard output, one line each, fields separated by tabs:
 * <ul>
 *   <li>{@code READY} once the client is built (and the registry read once); then it waits for a line
 *       {@code GO} on standard input (so that the JVM's start is not part of the kill window);
 *   <li>{@code STARTED} when the threads start;
 *   <li>{@code B <op> <what> <args...>} before each operation, {@code E <op> ok <result>} or
 *       {@code E <op> <exception class> <message>} after it; an operation with a {@code B} and no
 *       {@code E} was in flight when the JVM died;
 *   <li>{@code U <op> <stack trace>} for an exception that is not a {@link TmuxException} (a bug).
 * </ul>
 * It ends itself (the test is gone) when its standard input closes, and after 60 seconds in any case.
 */
public final class LifecycleCrashChild {
  /** Names of registered sessions: shared by all children, so that they collide and find each other. */
  static final List<String> REGISTERED_NAMES = List.of("r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7");
  /** Names of {@code register(false)} sessions (kept apart: nothing but a handle can remove them). */
  static final List<String> UNREGISTERED_NAMES = List.of("u0", "u1", "u2");
  /** The prompt of {@code cat} sessions: matches at once (cat prints nothing), with characters to encode. */
  static final Pattern CAT_READY = Pattern.compile("\\A|[&=% +#\\t]");
  private static final Duration RUN_TIMEOUT = Duration.ofSeconds(10);

  private final TmuxClient tmux;
  private final String id;
  private final int pauseMillis;
  private final List<Held> held = new ArrayList<>();
  private final AtomicLong ops = new AtomicLong();

  /** A handle this child holds, with the pool its session's names come from. */
  private record Held(Session session, boolean registered) {}

  private LifecycleCrashChild(TmuxClient tmux, String id, int pauseMillis) {
    this.tmux = tmux;
    this.id = id;
    this.pauseMillis = pauseMillis;
  }

  /**
   * Entry point.
   *
   * @param args socket directory, child id, seed, threads, maximum pause (ms)
   * @throws Exception if it cannot start
   */
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    String id = args[1];
    long seed = Long.parseLong(args[2]);
    int threads = Integer.parseInt(args[3]);
    int pause = Integer.parseInt(args[4]);

    CountDownLatch go = new CountDownLatch(1);
    Thread stdin = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
        for (String line; (line = in.readLine()) != null; ) {
          if (line.equals("GO")) {
            go.countDown();
          }
        }
      } catch (IOException ignored) {
        // the test is gone
      }
      Runtime.getRuntime().halt(3); // end of input: the test is finished or gone
    }, "stdin");
    stdin.setDaemon(true);
    stdin.start();

    TmuxClient tmux = TmuxClient.builder().socketDir(dir).build(); // every default: control mode, FileRegistry
    tmux.registry().list(); // loads the registry's classes before the kill window opens
    say("READY");
    if (!go.await(120, TimeUnit.SECONDS)) {
      say("NO-GO");
      Runtime.getRuntime().halt(4);
    }
    LifecycleCrashChild child = new LifecycleCrashChild(tmux, id, pause);
    say("STARTED");
    for (int t = 0; t < threads; t++) {
      Random random = new Random(seed * 31 + t);
      Thread worker = new Thread(() -> child.loop(random), "op-" + t);
      worker.setDaemon(true);
      worker.start();
    }
    Thread.sleep(60_000); // the test kills it long before; this only bounds a forgotten child
    say("TIMEOUT");
    Runtime.getRuntime().halt(5);
  }

  private static void say(String line) {
    System.out.println(line); // System.out flushes on println: the line is out before the next step
  }

  private void loop(Random random) {
    while (true) {
      String op = id + "-" + ops.incrementAndGet();
      try {
        step(op, random);
      } catch (TmuxException expected) {
        say("E\t" + op + "\t" + expected.getClass().getSimpleName() + "\t" + oneLine(expected.getMessage()));
      } catch (RuntimeException | AssertionError bug) {
        StringWriter trace = new StringWriter();
        bug.printStackTrace(new PrintWriter(trace));
        say("E\t" + op + "\t" + bug.getClass().getSimpleName() + "\t" + oneLine(bug.getMessage()));
        say("U\t" + op + "\t" + oneLine(trace.toString()));
      }
      if (pauseMillis > 0) {
        try {
          Thread.sleep(random.nextInt(pauseMillis + 1)); // pacing between operations, not a wait
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  private void step(String op, Random random) {
    int dice = random.nextInt(100);
    if (dice < 34) {
      create(op, random);
    } else if (dice < 48) {
      withHandle(op, random, "run");
    } else if (dice < 60) {
      withHandle(op, random, "rename");
    } else if (dice < 72) {
      withHandle(op, random, "close");
    } else if (dice < 80) {
      String name = pick(REGISTERED_NAMES, random);
      say("B\t" + op + "\tkill\t" + name);
      say("E\t" + op + "\tok\t" + tmux.kill(name));
    } else if (dice < 84) {
      say("B\t" + op + "\tcleanup\t*");
      CleanupReport report = tmux.cleanup().execute();
      say("E\t" + op + "\tok\t" + String.join(",", report.removed()));
    } else if (dice < 95) {
      String name = pick(REGISTERED_NAMES, random);
      say("B\t" + op + "\tsession\t" + name);
      Optional<Session> found = tmux.session(name);
      found.ifPresent(s -> hold(new Held(s, true)));
      say("E\t" + op + "\tok\t" + found.map(Session::target).orElse("-"));
    } else {
      // The only way to end a register(false) session whose creator died: adopt it by name and close it.
      String name = pick(UNREGISTERED_NAMES, random);
      say("B\t" + op + "\tadoptclose\t" + name);
      Session s = tmux.adopt("=" + name);
      String pane = s.target();
      s.close();
      say("E\t" + op + "\tok\t" + pane);
    }
  }

  private void create(String op, Random random) {
    boolean register = random.nextInt(100) >= 15;
    String name = pick(register ? REGISTERED_NAMES : UNREGISTERED_NAMES, random);
    SessionBuilder b = tmux.newSession(name);
    String kind;
    int k = random.nextInt(100);
    if (k < 35) {
      kind = "shell";
      b.shell();
    } else if (k < 60) {
      kind = "python";
      b.python();
    } else if (k < 85) {
      kind = "cat-ready";
      b.command("cat").readyWhen(CAT_READY);
    } else {
      kind = "cat";
      b.command("cat");
    }
    StringBuilder tags = new StringBuilder();
    if (random.nextBoolean()) {
      b.tag("child", id);
      tags.append("child=").append(id);
      if (random.nextBoolean()) {
        String odd = "a b&c=d%e+f#" + random.nextInt(1000); // characters the labels must encode
        b.tag("odd key&=", odd);
        tags.append(",odd");
      }
    }
    b.register(register);
    say("B\t" + op + "\tcreate\t" + name + "\t" + kind + "\t" + (register ? 1 : 0) + "\t" + tags);
    Session s = b.create();
    hold(new Held(s, register));
    say("E\t" + op + "\tok\t" + s.target());
  }

  private void withHandle(String op, Random random, String what) {
    Held h;
    synchronized (held) {
      if (held.isEmpty()) {
        return;
      }
      h = held.get(random.nextInt(held.size()));
      if (what.equals("close")) {
        held.remove(h);
      }
    }
    Session s = h.session();
    switch (what) {
      case "run" -> {
        if (s.type() == SessionType.CUSTOM) {
          return; // cat has no prompt to wait for
        }
        String token = "t" + random.nextInt(1_000_000);
        String command = s.type() == SessionType.PYTHON ? "print('" + token + "')" : "echo " + token;
        say("B\t" + op + "\trun\t" + s.target() + "\t" + s.name());
        CommandResult result = s.run(command, RUN_TIMEOUT);
        if (!result.output().contains(token)) {
          throw new AssertionError("run(" + command + ") in " + s.name() + " printed [" + result.output() + "]");
        }
        say("E\t" + op + "\tok\t" + s.target());
      }
      case "rename" -> {
        String from = s.name();
        List<String> others = new ArrayList<>(h.registered() ? REGISTERED_NAMES : UNREGISTERED_NAMES);
        others.remove(from);
        String to = pick(others, random);
        say("B\t" + op + "\trename\t" + s.target() + "\t" + from + "\t" + to);
        s.rename(to);
        say("E\t" + op + "\tok\t" + s.target());
      }
      case "close" -> {
        say("B\t" + op + "\tclose\t" + s.target() + "\t" + s.name());
        s.close();
        say("E\t" + op + "\tok\t" + s.target());
      }
      default -> throw new IllegalArgumentException(what);
    }
  }

  private void hold(Held h) {
    synchronized (held) {
      held.add(h);
      if (held.size() > 12) {
        held.remove(0); // forget the oldest handle (its session lives on)
      }
    }
  }

  private static String pick(List<String> names, Random random) {
    return names.get(random.nextInt(names.size()));
  }

  private static String oneLine(String text) {
    return text == null ? "" : text.replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
  }
}

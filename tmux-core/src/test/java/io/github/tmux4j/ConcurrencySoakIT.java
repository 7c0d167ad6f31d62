package io.github.tmux4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.tmux4j.testing.PrivateTmux;
import io.github.tmux4j.testing.SessionChurnMain;
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
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Many threads of one {@link TmuxClient} (control-mode transport) and a second JVM create, use, rename
 * and close sessions on one socket for a while; meanwhile a bystander session must keep answering and the
 * tmux server must stay the same process. Catches anything that crashes or wedges the shared server, such
 * as tmux 3.3a-3.6b segfaulting when a {@code tmux -C} client still in its handshake receives a
 * notification fired by another client's {@code new-session} or {@code kill-session}.
 *
 * <p>Knobs (system properties): {@code tmux4j.soak.seconds} (default 20), {@code tmux4j.soak.workers}
 * (default and minimum 6); the tmux executable is {@link PrivateTmux#tmuxBinary()}
 * ({@code $TMUX4J_TMUX}, set by the build from {@code -Dtmux4j.tmux}).
 */
class ConcurrencySoakIT {
  @RegisterExtension static final PrivateTmux TMUX = new PrivateTmux();

  private static final Duration SOAK = Duration.ofSeconds(Long.getLong("tmux4j.soak.seconds", 20));
  /** The slow-handshake soak: it finds a gap in seconds. */
  private static final Duration SLOW_SOAK = Duration.ofSeconds(Long.getLong("tmux4j.soak.slow.seconds", 12));
  private static final int WORKERS = Math.max(6, Integer.getInteger("tmux4j.soak.workers", 6));
  /** Pacing of the bystander and server checks (a rate, not a wait for a condition). */
  private static final Duration CHECK_EVERY = Duration.ofMillis(200);
  /** Bound on any one step: a create, a run, a wait, a close. */
  private static final Duration STEP = Duration.ofSeconds(30);
  /** How long past the soak's end the workers and the second JVM may take to wind down. */
  private static final Duration GRACE = Duration.ofSeconds(90);
  /** How many failure reports (with stack traces) are kept; all are counted. */
  private static final int KEPT_ERRORS = 20;

  private enum Kind { SHELL, PYTHON, CAT }

  @Test
  void threadsAndASecondProcessChurnSessionsWhileTheServerAndABystanderSurvive() throws Exception {
    soak(PrivateTmux.tmuxBinary(), "soak", SOAK);
  }

  /**
   * The same with every control client's handshake slowed down to 20 ms (and its exit by 30 ms) by an
   * {@code LD_PRELOAD} shim that changes only timing: any gap in the attach gate then crashes tmux
   * 3.2a-3.6b within seconds instead of once in thousands of runs. It found a real gap (a killed
   * session's control clients counted as gone too early).
   */
  @Test
  void theSameWithSlowControlClientHandshakes() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(PrivateTmux.controlModeSafe(), "no control clients with this tmux");
    soak(slowHandshakes(PrivateTmux.tmuxBinary()).toString(), "slow", SLOW_SOAK);
  }

  private void soak(String binary, String socketName, Duration soak) throws Exception {
    TmuxClient tmux = TMUX.client(b -> b.socketName(socketName).tmuxBinary(Path.of(binary)));
    Path socket = tmux.socket();
    Session bystander = tmux.newSession("soak-bystander").shell().create();
    assertEquals("alive", bystander.run("echo alive", STEP).output());
    String serverPid = serverPid(socket);
    assertTrue(serverPid.matches("\\d+"), "server pid: [" + serverPid + "]");
    String version = version(binary);

    List<String> problems = new ArrayList<>();
    ConcurrentLinkedQueue<String> workerErrors = new ConcurrentLinkedQueue<>();
    AtomicInteger workerErrorCount = new AtomicInteger();
    AtomicIntegerArray cycles = new AtomicIntegerArray(WORKERS);
    AtomicBoolean stop = new AtomicBoolean();
    CountDownLatch workersDone = new CountDownLatch(WORKERS);
    int checks = 0;
    int answered = 0;

    long start = System.nanoTime();
    long deadline = start + soak.toNanos();
    Process child = startChurnProcess(binary, socketName, soak);
    List<String> childOutput = new ArrayList<>();
    Thread childReader = readAll(child, childOutput);
    ExecutorService pool = Executors.newFixedThreadPool(WORKERS, r -> {
      Thread t = new Thread(r);
      t.setDaemon(true);
      return t;
    });
    try {
      for (int w = 0; w < WORKERS; w++) {
        int worker = w;
        pool.execute(() -> {
          Thread.currentThread().setName("soak-worker-" + worker);
          try {
            churn(tmux, worker, deadline, stop, cycles, workerErrors, workerErrorCount);
          } finally {
            workersDone.countDown();
          }
        });
      }

      // The checks, at a fixed pace until every worker is done (or the soak overruns its bound).
      long giveUp = deadline + GRACE.toNanos();
      boolean last = false;
      while (problems.isEmpty() && !last) {
        // ... and once more after the last worker's last close
        last = workersDone.await(CHECK_EVERY.toMillis(), TimeUnit.MILLISECONDS) || System.nanoTime() > giveUp;
        checks++;
        String when = String.format("check %d at %.1f s%s: ", checks, (System.nanoTime() - start) / 1e9,
            last ? " (final)" : "");
        String server = checkServer(socket, serverPid);
        String asked = askBystander(bystander);
        if (server != null) {
          problems.add(when + server);
        }
        if (asked != null) {
          problems.add(when + asked);
        } else {
          answered++;
        }
      }
      stop.set(true); // if the server or the bystander is broken, there is nothing more to learn
    } finally {
      stop.set(true);
      pool.shutdown();
      if (!pool.awaitTermination(GRACE.toSeconds(), TimeUnit.SECONDS)) {
        problems.add("workers still running " + GRACE.toSeconds() + " s after being told to stop: "
            + workerStacks());
        pool.shutdownNow();
      }
      child.getOutputStream().close(); // tells the second JVM to stop if it has not yet
      if (!child.waitFor(GRACE.toSeconds(), TimeUnit.SECONDS)) {
        problems.add("the second JVM did not exit within " + GRACE.toSeconds() + " s after the soak; destroyed it");
        child.destroyForcibly();
        child.waitFor(30, TimeUnit.SECONDS);
      }
      childReader.join(TimeUnit.SECONDS.toMillis(10));
      try {
        bystander.close();
      } catch (RuntimeException e) {
        problems.add("closing the bystander failed: " + e);
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;

    int[] perWorker = new int[WORKERS];
    for (int w = 0; w < WORKERS; w++) {
      perWorker[w] = cycles.get(w);
      if (perWorker[w] == 0) {
        problems.add("worker " + w + " completed no cycle");
      }
    }
    String childSummary;
    synchronized (childOutput) {
      childSummary = childOutput.stream().filter(l -> l.startsWith("DONE")).findFirst().orElse("no DONE line");
      String exit = child.isAlive() ? "still running" : "exit " + child.exitValue();
      if (!exit.equals("exit 0") || !childSummary.matches("DONE cycles=[1-9]\\d* errors=0")) {
        problems.add("the second JVM: " + exit + ", " + childSummary + "; its output:\n  "
            + String.join("\n  ", childOutput.subList(Math.max(0, childOutput.size() - 60), childOutput.size())));
      }
    }
    if (checks != answered) {
      problems.add("the bystander answered " + answered + " of " + checks + " checks ('echo alive')");
    }
    if (workerErrorCount.get() > 0) {
      problems.add(workerErrorCount.get() + " unexpected worker exception(s); the first " + workerErrors.size()
          + ":\n" + String.join("\n", workerErrors));
    }

    String summary = String.format("ConcurrencySoakIT: %s (%s), %.1f s, %d workers, cycles per worker %s, "
        + "second JVM %s, %d/%d checks answered, server pid %s", version, binary, seconds, WORKERS,
        java.util.Arrays.toString(perWorker), childSummary, answered, checks, serverPid);
    System.out.println(summary);
    if (!problems.isEmpty()) {
      fail(summary + "\n" + String.join("\n", problems));
    }
  }

  /** One worker: create, use, sometimes rename, and close sessions until the deadline or a stop. */
  private static void churn(TmuxClient tmux, int worker, long deadline, AtomicBoolean stop,
      AtomicIntegerArray cycles, ConcurrentLinkedQueue<String> errors, AtomicInteger errorCount) {
    for (int i = 0; !stop.get() && System.nanoTime() < deadline; i++) {
      Kind kind = Kind.values()[(worker + i) % Kind.values().length];
      String name = "soak-w" + worker + "-" + i;
      String token = "w" + worker + "-" + i;
      String step = "create";
      Session s = null;
      try {
        s = switch (kind) {
          case SHELL -> tmux.newSession(name).shell().create();
          case PYTHON -> tmux.newSession(name).python().create();
          case CAT -> tmux.newSession(name).command("cat").create();
        };
        step = "use";
        use(s, kind, worker, i, token);
        if (i % 4 == 3) {
          step = "rename";
          String renamed = name + "-renamed";
          s.rename(renamed);
          check(renamed, s.name(), "name after rename()");
          step = "use after rename";
          use(s, kind, worker, i + 1_000_000, token + "-r");
        }
        step = "close";
        Session closing = s;
        s = null;
        closing.close();
        cycles.incrementAndGet(worker);
      } catch (Throwable t) {
        if (errorCount.incrementAndGet() <= KEPT_ERRORS) {
          errors.add("worker " + worker + " cycle " + i + " (" + kind + " session " + name + ", " + step + "): "
              + stackTrace(t));
        }
      } finally {
        if (s != null) {
          try {
            s.close();
          } catch (Throwable ignored) {
            // the failure that brought us here is reported
          }
        }
      }
    }
  }

  /** Runs one command (or, for cat, one line in and out) and checks the answer exactly. */
  private static void use(Session s, Kind kind, int worker, int cycle, String token) {
    switch (kind) {
      case SHELL -> check(token, s.run("echo " + token, STEP).output(), "echo " + token);
      case PYTHON -> {
        long n = worker * 10_000_000L + cycle;
        check(Long.toString(n * 7), s.run(n + " * 7", STEP).output(), n + " * 7");
        if (cycle % 5 == 0) {
          check("42", s.run("6*7", STEP).output(), "6*7");
        }
      }
      case CAT -> {
        s.send(token + " meow");
        check(token + " meow", s.waitFor(token + " meow", STEP).group(), "cat of " + token);
      }
    }
  }

  private static void check(String expected, String actual, String what) {
    if (!expected.equals(actual)) {
      throw new AssertionError(what + ": expected [" + expected + "] but got [" + actual + "]");
    }
  }

  /** The bystander's answer to one check: {@code null} if it said {@code alive}, else what went wrong. */
  private static String askBystander(Session bystander) {
    try {
      String out = bystander.run("echo alive", STEP).output();
      return "alive".equals(out) ? null : "the bystander answered [" + out + "] to echo alive";
    } catch (RuntimeException e) {
      return "the bystander failed: " + stackTrace(e);
    }
  }

  /** The server check: {@code null} if the same server answers from outside, else what it said. */
  private static String checkServer(Path socket, String serverPid) throws Exception {
    String pid = serverPid(socket);
    return serverPid.equals(pid) ? null : "the tmux server changed: pid " + serverPid + " before, now [" + pid
        + "]; the old server process: " + processState(serverPid) + " (a crash leaves a line 'tmux: server["
        + serverPid + "]: segfault' in dmesg)";
  }

  /** A process's state from {@code /proc} (R, S, Z for a zombie, ...), or "gone". */
  private static String processState(String pid) {
    try {
      String stat = java.nio.file.Files.readString(Path.of("/proc", pid, "stat"));
      return "state " + stat.substring(stat.lastIndexOf(')') + 2).split(" ")[0];
    } catch (IOException | RuntimeException e) {
      return "gone";
    }
  }

  /** The server's pid as an outside tmux client sees it, or what tmux said instead. */
  private static String serverPid(Path socket) throws Exception {
    ItSupport.Result r = ItSupport.tmux(socket, "display-message", "-p", "#{pid}");
    return r.exitCode() == 0 ? r.stdout().strip() : "exit " + r.exitCode() + ": " + r.stderr().strip();
  }

  private static String version(String binary) {
    try {
      Process p = new ProcessBuilder(binary, "-V").redirectErrorStream(true).start();
      if (!p.waitFor(10, TimeUnit.SECONDS)) { // a few bytes of output: the pipe cannot fill up
        p.destroyForcibly();
        return "unknown version (" + binary + " -V did not finish)";
      }
      return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    } catch (IOException | InterruptedException e) {
      return "unknown version (" + e + ")";
    }
  }

  /** Starts {@link SessionChurnMain} in a second JVM on the same socket for the soak's duration. */
  private static Process startChurnProcess(String binary, String socketName, Duration soak) throws IOException {
    return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), SessionChurnMain.class.getName(),
        TMUX.dir().toString(), socketName, binary, Long.toString(soak.toSeconds()), "soak-child-")
        .redirectErrorStream(true).start();
  }

  /**
   * A tmux wrapper whose control clients run with the slow-handshake shim, compiled here with gcc from
   * {@code slow-handshake/slowident.c}.
   */
  private static Path slowHandshakes(String binary) throws Exception {
    Path dir = TMUX.dir().resolve("slow-handshake");
    java.nio.file.Files.createDirectories(dir);
    Path source = dir.resolve("slowident.c");
    try (var in = ConcurrencySoakIT.class.getResourceAsStream("/slow-handshake/slowident.c")) {
      java.nio.file.Files.write(source, in.readAllBytes());
    }
    Path shim = dir.resolve("slowident.so");
    Process gcc = new ProcessBuilder("gcc", "-shared", "-fPIC", "-O2", "-o", shim.toString(), source.toString(), "-ldl")
        .redirectErrorStream(true).start();
    String out = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(gcc.waitFor(60, TimeUnit.SECONDS) && gcc.exitValue() == 0, "gcc could not build the shim: " + out);
    Path wrapper = dir.resolve("tmux");
    java.nio.file.Files.writeString(wrapper, String.join("\n", "#!/bin/sh",
        "case \" $* \" in",
        "  *\" -C \"*) SLOWIDENT_MS=20 SLOWEXIT_MS=30 LD_PRELOAD='" + shim + "' exec '" + binary + "' \"$@\" ;;",
        "  *) exec '" + binary + "' \"$@\" ;;",
        "esac", ""));
    java.nio.file.Files.setPosixFilePermissions(wrapper, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    return wrapper;
  }

  /** Collects a process's output lines on a daemon thread. */
  private static Thread readAll(Process p, List<String> lines) {
    Thread t = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = in.readLine()) != null; ) {
          synchronized (lines) {
            lines.add(line);
          }
        }
      } catch (IOException ignored) {
        // the process is gone
      }
    }, "soak-child-output");
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static String workerStacks() {
    StringBuilder sb = new StringBuilder();
    Thread.getAllStackTraces().forEach((t, stack) -> {
      if (t.getName().startsWith("soak-worker-")) {
        sb.append("\n").append(t.getName());
        for (StackTraceElement e : stack) {
          sb.append("\n    at ").append(e);
        }
      }
    });
    return sb.toString();
  }

  /** The stack trace, causes included, cut to its first 40 lines. */
  private static String stackTrace(Throwable t) {
    StringWriter w = new StringWriter();
    t.printStackTrace(new PrintWriter(w));
    String[] lines = w.toString().split("\n");
    return lines.length <= 40 ? w.toString()
        : String.join("\n", java.util.Arrays.copyOf(lines, 40)) + "\n    ... " + (lines.length - 40) + " more lines";
  }
}

package io.github.tmux4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.awaitility.Awaitility.await;

import io.github.tmux4j.testing.PrivateTmux;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The control-mode transport (the default): routing, event-driven waits, streaming, failure handling. */
class ControlModeIT {
  @RegisterExtension static final PrivateTmux TMUX = new PrivateTmux();

  @org.junit.jupiter.api.BeforeAll
  static void needsControlMode() {
    org.junit.jupiter.api.Assumptions.assumeTrue(PrivateTmux.controlModeSafe(),
        "this tmux gets no control clients (older than 3.3): nothing here applies");
  }
  private static final Duration WAIT = Duration.ofSeconds(20);

  /** A tmux wrapper that logs each invocation, so a test can see which commands spawned a process. */
  private static Path countingTmux(Path log) throws Exception {
    Path script = TMUX.dir().resolve("tmux-counting-" + System.nanoTime());
    Files.writeString(script, "#!/bin/sh\necho \"$*\" >> '" + log + "'\nexec tmux \"$@\"\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    return script;
  }

  @Test
  void runAndWaitGoOverTheControlClientWithoutSpawningTmuxProcesses() throws Exception {
    Path log = TMUX.dir().resolve("invocations-" + System.nanoTime());
    Path binary = countingTmux(log);
    TmuxClient tmux = TMUX.client(b -> b.socketName("count").tmuxBinary(binary));
    Session py = tmux.newSession("count-py").python().create();
    long before = Files.readAllLines(log).size();
    for (int i = 0; i < 20; i++) {
      assertEquals(Integer.toString(i * 3), py.run("print(" + i + " * 3)").output());
    }
    py.send("print('wa' + 'ited')");
    py.waitFor("waited", WAIT);
    py.capture().text();
    py.health();
    assertEquals(before, Files.readAllLines(log).size(), "no tmux process per command: " + Files.readAllLines(log));
    py.close();
  }

  @Test
  void processTransportStillWorksWithPolling() {
    TmuxClient tmux = TMUX.client(b -> b.socketName("proc").transport(Transport.PROCESS));
    Session sh = tmux.newSession("proc-sh").shell().create();
    CommandResult r = sh.run("printf 'a\\nb\\n'; (exit 2)");
    assertEquals("a\nb", r.output());
    assertEquals(2, r.exitCode().getAsInt());
    assertThrows(IllegalStateException.class, () -> sh.output().follow(s -> {}));
    sh.close();
  }

  @Test
  void concurrentRunsOnSeveralSessionsEachGetTheirOwnAnswer() throws Exception {
    TmuxClient tmux = TMUX.client(b -> b.socketName("many"));
    List<Session> sessions = new ArrayList<>();
    for (int s = 0; s < 5; s++) {
      sessions.add(tmux.newSession("many-" + s).python().create());
    }
    ExecutorService pool = Executors.newFixedThreadPool(10);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < 10; t++) {
        int thread = t;
        results.add(pool.submit(() -> {
          int ok = 0;
          for (int i = 0; i < 200; i++) {
            Session s = sessions.get((thread + i) % sessions.size());
            long a = thread * 1000L + i;
            CommandResult r = s.run("print(" + a + " * 7)");
            assertEquals(Long.toString(a * 7), r.output(), "thread " + thread + " call " + i + " on " + s.name());
            ok++;
          }
          return ok;
        }));
      }
      int total = 0;
      for (Future<Integer> f : results) {
        total += f.get(5, TimeUnit.MINUTES);
      }
      assertEquals(2000, total);
    } finally {
      pool.shutdownNow();
      sessions.forEach(Session::close);
    }
  }

  @Test
  void killingTheServerFailsAWaiterFastWithServerNotRunning() throws Exception {
    TmuxClient tmux = TMUX.client(b -> b.socketName("killsrv"));
    Session sh = tmux.newSession("killsrv-sh").shell().create();
    sh.send("echo started");
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<?> waiter = pool.submit(() -> sh.waitFor("never printed", Duration.ofSeconds(60)));
      sh.waitFor("started", WAIT);
      long start = System.nanoTime();
      ItSupport.tmux(tmux.socket(), "kill-server");
      ExecutionException e = assertThrows(ExecutionException.class, () -> waiter.get(10, TimeUnit.SECONDS));
      assertInstanceOf(ServerNotRunningException.class, e.getCause(), String.valueOf(e.getCause()));
      assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "the waiter failed fast");
      // kill-server returns before the server has finished exiting
      await().atMost(WAIT).until(() -> sh.health().state() == HealthState.SERVER_NOT_RUNNING);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void killingTheSessionFailsAWaiterWithSessionNotFound() throws Exception {
    TmuxClient tmux = TMUX.client(b -> b.socketName("killsess"));
    Session keep = tmux.newSession("killsess-keep").shell().create(); // keeps the server up
    Session sh = tmux.newSession("killsess-sh").shell().create();
    sh.send("echo started");
    sh.waitFor("started", WAIT);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<?> waiter = pool.submit(() -> sh.waitFor("never printed", Duration.ofSeconds(60)));
      ItSupport.tmux(tmux.socket(), "kill-session", "-t", "=killsess-sh");
      ExecutionException e = assertThrows(ExecutionException.class, () -> waiter.get(10, TimeUnit.SECONDS));
      assertInstanceOf(SessionNotFoundException.class, e.getCause(), String.valueOf(e.getCause()));
      assertEquals(HealthState.MISSING, sh.health().state());
      assertEquals("ok", keep.run("echo ok").output(), "the other session's connection is unaffected");
    } finally {
      pool.shutdownNow();
      keep.close();
    }
  }

  @Test
  void textThatAppearedBeforeWaitForWasCalledIsStillSeen() {
    TmuxClient tmux = TMUX.client(b -> b.socketName("early"));
    Session sh = tmux.newSession("early-sh").shell().create();
    sh.send("echo early''bird");
    await().atMost(WAIT).until(() -> sh.capture().text().contains("earlybird"));
    assertEquals("earlybird", sh.waitFor("earlybird", Duration.ofMillis(500)).group());
    sh.close();
  }

  @Test
  void controlClientDoesNotChangeTheWindowSize() throws Exception {
    TmuxClient tmux = TMUX.client(b -> b.socketName("size"));
    Session sh = tmux.newSession("size-sh").shell().size(123, 41).create();
    sh.run("echo hi");
    ItSupport.Result size = ItSupport.tmux(tmux.socket(), "display-message", "-p", "-t", sh.target(),
        "#{window_width}x#{window_height}");
    assertEquals("123x41", size.stdout().strip());
    assertEquals("123", sh.run("tput cols").output());
    sh.close();
  }

  @Test
  void outputFeedDeliversLinesCleanedAndTimestamped() throws Exception {
    TmuxClient tmux = TMUX.client(b -> b.socketName("feed"));
    Session py = tmux.newSession("feed-py").python().create();
    List<String> chunks = new CopyOnWriteArrayList<>();
    try (OutputFeed.Subscription raw = py.follow(chunks::add);
         OutputFeed.OutputTail lines = py.output().lines().stripAnsi().timestamps().open()) {
      py.run("print('\\033[31mred\\033[0m and ' + '日本語' * 3)");
      String expected = "red and 日本語日本語日本語";
      String line;
      do {
        line = lines.next(WAIT).orElseThrow(() -> new AssertionError("no line"));
      } while (!line.endsWith(expected));
      assertTrue(Pattern.matches("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z " + Pattern.quote(expected), line), line);
      await().atMost(WAIT).until(() -> String.join("", chunks).contains("\u001b[31mred"));
      assertFalse(String.join("", chunks).contains("\ufffd"), "no broken UTF-8");
    }
    py.close();
  }

  @Test
  void aWaiterAndATailStayBoundedWhileAPanePrintsAHundredMegabytes() throws Exception {
    TmuxClient tmux = TMUX.client(b -> b.socketName("flood"));
    Session py = tmux.newSession("flood-py").python().create();
    java.lang.management.MemoryMXBean memory = java.lang.management.ManagementFactory.getMemoryMXBean();
    System.gc();
    long heapBefore = memory.getHeapMemoryUsage().getUsed();
    long start = System.nanoTime();
    try (OutputFeed.OutputTail tail = py.output().open(100)) {
      py.send("import sys; [sys.stdout.write('x' * 999 + '\\n') for _ in range(100_000)]; print('DO' + 'NE')");
      py.waitFor("DONE", Duration.ofMinutes(3));
      await().atMost(WAIT).until(() -> tail.dropped() > 0);
      int kept = 0;
      while (tail.next(Duration.ofMillis(1)).isPresent()) {
        kept++;
      }
      assertTrue(kept <= 100, "kept " + kept);
    }
    System.gc();
    long grown = memory.getHeapMemoryUsage().getUsed() - heapBefore;
    System.out.printf("ControlModeIT: 100 MB waited on in %.1f s; heap grew by %d KB%n",
        (System.nanoTime() - start) / 1e9, grown / 1024);
    assertTrue(grown < 64L * 1024 * 1024, "heap grew by " + grown + " bytes");
    assertEquals("2", py.run("print(1 + 1)").output());
    py.close();
  }

  @Test
  void transcriptRecordsEverythingThePanePrinted() throws Exception {
    Path file = TMUX.dir().resolve("transcript with 'quote' $x.log");
    TmuxClient tmux = TMUX.client(b -> b.socketName("tx"));
    Session py = tmux.newSession("tx-py").python().transcript(file).create();
    py.run("print('in the ' + 'transcript')");
    py.send("import os; os._exit(0)");
    await().atMost(WAIT).until(() -> py.health().state() == HealthState.DEAD);
    await().atMost(WAIT).until(() -> Files.readString(file, StandardCharsets.UTF_8).contains("in the transcript"));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    py.close();
  }
}

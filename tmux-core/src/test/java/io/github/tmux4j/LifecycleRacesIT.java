package io.github.tmux4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tmux4j.spi.InMemoryRegistry;
import io.github.tmux4j.spi.SessionRecord;
import io.github.tmux4j.testing.PrivateTmux;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Races in the lifecycle, each as the bug it closes: a cleanup that saw a session created under it as
 * lost, a close racing a rename on another handle, renames chained or swapped behind tmux4j's back, a run
 * on a session still starting, and a run after a command whose runner died.
 */
class LifecycleRacesIT {
  @RegisterExtension static final PrivateTmux TMUX = new PrivateTmux();
  private static final Duration WAIT = ItSupport.WAIT;

  /** Every pane of the client's server with the name of its session, as tmux lists them. */
  private static Map<String, String> sessionOfPane(TmuxClient tmux) throws Exception {
    ItSupport.Result r = ItSupport.tmux(tmux.socket(), "list-panes", "-a", "-F", "#{pane_id} #{session_name}");
    assertEquals(0, r.exitCode(), r.stderr());
    Map<String, String> panes = new HashMap<>();
    r.stdout().lines().filter(l -> !l.isBlank())
        .forEach(l -> panes.put(l.substring(0, l.indexOf(' ')), l.substring(l.indexOf(' ') + 1)));
    return panes;
  }

  /** Renames a session the way another program would, checking that tmux did it. */
  private static void renameBehindItsBack(TmuxClient tmux, String from, String to) throws Exception {
    ItSupport.Result r = ItSupport.tmux(tmux.socket(), "rename-session", "-t", "=" + from, to);
    assertEquals(0, r.exitCode(), "rename-session " + from + " " + to + ": " + r.stderr());
  }

  /** The records of the client's registry as {@code name -> target}. */
  private static Map<String, String> records(TmuxClient tmux) {
    return tmux.registry().list().stream().collect(Collectors.toMap(SessionRecord::name, SessionRecord::target,
        (a, b) -> a + "," + b, TreeMap::new));
  }

  // ---------------------------------------------------------------------------------------------------
  // 1. cleanup() listed panes and sessions in two calls: a session created in between was MISSING.

  /**
   * A clock that stops the first time the thread {@code cleaner} reads it once armed: inside
   * {@code sessions()}, after the panes were listed (the health of the first record) and before the live
   * sessions are.
   */
  private static final class PausingClock extends Clock {
    final AtomicBoolean armed = new AtomicBoolean();
    final CountDownLatch paused = new CountDownLatch(1);
    final CountDownLatch resume = new CountDownLatch(1);

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      if (Thread.currentThread().getName().equals("cleaner") && armed.compareAndSet(true, false)) {
        paused.countDown();
        try {
          resume.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return Instant.now();
    }
  }

  @Test
  void aSessionCreatedWhileCleanupListsTheServerKeepsItsRecord() throws Exception {
    PausingClock clock = new PausingClock();
    TmuxClient tmux = TMUX.client(b -> b.socketName("cleanup-pause").clock(clock));
    Session keep = tmux.newSession("cp-keep").command("cat").create(); // a record, so the clock is read
    clock.armed.set(true);
    AtomicReference<CleanupReport> report = new AtomicReference<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread cleaner = new Thread(() -> {
      try {
        report.set(tmux.cleanup().execute());
      } catch (Throwable t) {
        failure.set(t);
      }
    }, "cleaner");
    cleaner.start();
    try {
      // If the clock is no longer read between the two listings this only loses its precision.
      clock.paused.await(WAIT.toSeconds(), TimeUnit.SECONDS);
      Session x = tmux.newSession("cp-x").command("cat").create();
      clock.resume.countDown();
      cleaner.join(WAIT.toMillis());
      assertFalse(cleaner.isAlive(), "cleanup() finished");
      assertNull(failure.get(), () -> "cleanup() threw " + failure.get());
      assertEquals(List.of(), report.get().removed(), "cleanup() removed nothing: " + report.get().entries());
      assertEquals(HealthState.HEALTHY, x.health().state());
      assertEquals(x.target(), tmux.registry().get("cp-x").map(SessionRecord::target).orElse("NONE"),
          "the new session's record is kept");
      assertTrue(tmux.reconcile(false).consistent(), () -> tmux.reconcile(false).toString());
      x.close();
      keep.close();
    } finally {
      clock.resume.countDown();
      cleaner.join(WAIT.toMillis());
    }
  }

  @Test
  void cleanupRunningAllTheTimeNeverRemovesTheRecordOfASessionBeingCreated() throws Exception {
    TmuxClient tmux = TMUX.client(b -> b.socketName("cleanup-loop"));
    Session keep = tmux.newSession("cl-keep").command("cat").create(); // keeps the server up
    AtomicBoolean stop = new AtomicBoolean();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<String> removed = Collections.synchronizedList(new ArrayList<>());
    int[] cleanups = {0};
    Thread cleaner = new Thread(() -> {
      try {
        while (!stop.get()) {
          CleanupReport r = tmux.cleanup().execute();
          r.entries().stream().filter(e -> e.action() == CleanupReport.Action.REMOVED)
              .forEach(e -> removed.add(e.name() + " as " + e.state()));
          cleanups[0]++;
        }
      } catch (Throwable t) {
        failure.set(t);
      }
    }, "cleaner");
    cleaner.start();
    List<Session> created = new ArrayList<>();
    try {
      for (int round = 0; round < 40 && failure.get() == null; round++) {
        created.add(tmux.newSession("cl-" + round).command("cat").create());
        Map<String, HealthState> states = tmux.sessions().stream()
            .collect(Collectors.toMap(SessionInfo::name, SessionInfo::state));
        for (Session s : created) {
          String what = "round " + round + ", session " + s.name() + " (cleanup removed " + removed + ")";
          assertEquals(s.target(), tmux.registry().get(s.name()).map(SessionRecord::target).orElse("NONE"),
              what + ": its record is there");
          assertEquals(HealthState.HEALTHY, states.get(s.name()), what);
        }
      }
    } finally {
      stop.set(true);
      cleaner.join(WAIT.toMillis());
    }
    assertNull(failure.get(), () -> "cleanup() threw " + failure.get());
    assertEquals(List.of(), removed, "cleanup() removed nothing (" + cleanups[0] + " cleanups)");
    assertTrue(cleanups[0] > 0, "cleanup() ran");
    for (Session s : created) {
      s.close();
    }
    keep.close();
  }

  // ---------------------------------------------------------------------------------------------------
  // 2. close() on one handle racing rename() on another left a record for the dead session.

  @Test
  void closeRacingRenameOnAnotherHandleLeavesNoRecordOfTheDeadSession() throws Exception {
    TmuxClient tmux = TMUX.client(b -> b.socketName("close-rename"));
    Session keep = tmux.newSession("cr-keep").command("cat").create();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    Map<String, Integer> outcomes = new TreeMap<>();
    try {
      for (int cycle = 0; cycle < 100; cycle++) {
        Session created = tmux.newSession("cr-a").command("cat").create();
        Session one = tmux.session("cr-a").orElseThrow();
        Session two = tmux.session("cr-a").orElseThrow();
        Session renamer = cycle % 2 == 0 ? one : two;
        Session closer = cycle % 2 == 0 ? two : one;
        // Stagger one side by 0 to 2 ms so the two operations overlap at different points.
        long renameDelay = cycle % 3 == 1 ? (cycle % 5) * 500_000L : 0;
        long closeDelay = cycle % 3 == 2 ? (cycle % 5) * 500_000L : 0;
        CyclicBarrier barrier = new CyclicBarrier(2);
        Future<String> rename = pool.submit(() -> {
          barrier.await();
          LockSupport.parkNanos(renameDelay);
          try {
            renamer.rename("cr-b");
            return "renamed";
          } catch (TmuxException e) {
            return e.getClass().getSimpleName();
          }
        });
        Future<String> close = pool.submit(() -> {
          barrier.await();
          LockSupport.parkNanos(closeDelay);
          closer.close();
          return "closed";
        });
        String what = "cycle " + cycle + ": rename " + rename.get(WAIT.toSeconds(), TimeUnit.SECONDS) + ", close "
            + close.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        outcomes.merge(what.substring(what.indexOf(':') + 2), 1, Integer::sum);
        assertFalse(created.health().isHealthy(), what + ": close() killed the session");
        Map<String, String> left = records(tmux);
        left.remove("cr-keep");
        assertEquals(Map.of(), left, what + ": no record of the dead session is left");
        assertEquals(Map.of("cr-keep", HealthState.HEALTHY), tmux.sessions().stream()
            .collect(Collectors.toMap(SessionInfo::name, SessionInfo::state)), what);
      }
    } finally {
      pool.shutdownNow();
    }
    ReconcileReport report = tmux.reconcile(false);
    assertTrue(report.consistent(), report + " after " + outcomes);
    keep.close();
  }

  /**
   * An atomic registry that orders one close/rename race: the renamer, having renamed the session in tmux,
   * waits before it reads the record until the closer (which killed the session meanwhile) has read it
   * too; the closer then waits until the renamer has moved the record, so that its own compare-and-set
   * removal finds it gone from the old name. Each side waits at most a few seconds.
   */
  private static final class OrderingRegistry extends io.github.tmux4j.testing.ForwardingRegistry {
    final CountDownLatch renamerRead = new CountDownLatch(1);
    final CountDownLatch closerRead = new CountDownLatch(1);
    final CountDownLatch moved = new CountDownLatch(1);

    private static void await(CountDownLatch latch) {
      try {
        latch.await(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public Optional<SessionRecord> get(String name) {
      String thread = Thread.currentThread().getName();
      if (name.equals("ord-a") && thread.equals("renamer") && renamerRead.getCount() > 0) {
        renamerRead.countDown();
        await(closerRead);
      }
      Optional<SessionRecord> found = inner.get(name);
      if (name.equals("ord-a") && thread.equals("closer") && found.isPresent() && closerRead.getCount() > 0) {
        closerRead.countDown();
        await(moved);
      }
      return found;
    }

    @Override
    public boolean replace(SessionRecord expected, SessionRecord replacement) {
      boolean done = inner.replace(expected, replacement);
      if (Thread.currentThread().getName().equals("renamer") && replacement != null
          && replacement.name().equals("ord-b")) {
        moved.countDown();
      }
      return done;
    }
  }

  @Test
  void aCloseThatReadTheRecordBeforeAConcurrentRenameMovedItStillRemovesIt() throws Exception {
    OrderingRegistry registry = new OrderingRegistry();
    TmuxClient tmux = TMUX.client(b -> b.socketName("ordered").registry(registry));
    Session keep = tmux.newSession("ord-keep").command("cat").create();
    Session created = tmux.newSession("ord-a").command("cat").create();
    Session renamer = tmux.session("ord-a").orElseThrow();
    Session closer = tmux.session("ord-a").orElseThrow();
    ExecutorService renaming = Executors.newSingleThreadExecutor(r -> new Thread(r, "renamer"));
    ExecutorService closing = Executors.newSingleThreadExecutor(r -> new Thread(r, "closer"));
    try {
      Future<String> rename = renaming.submit(() -> {
        renamer.rename("ord-b");
        return "renamed";
      });
      // The renamer has renamed the session in tmux and is about to move its record.
      assertTrue(registry.renamerRead.await(WAIT.toSeconds(), TimeUnit.SECONDS), "rename() reads the record");
      Future<String> close = closing.submit(() -> {
        closer.close();
        return "closed";
      });
      assertEquals("closed", close.get(WAIT.toSeconds(), TimeUnit.SECONDS));
      assertEquals("renamed", rename.get(WAIT.toSeconds(), TimeUnit.SECONDS));
      assertEquals(0, registry.moved.getCount(), "the rename moved the record while close() removed it");
    } finally {
      renaming.shutdownNow();
      closing.shutdownNow();
    }
    assertFalse(created.health().isHealthy(), "close() killed the session");
    Map<String, String> left = records(tmux);
    left.remove("ord-keep");
    assertEquals(Map.of(), left, "no record of the dead session is left");
    assertTrue(tmux.reconcile(false).consistent());
    keep.close();
  }

  // ---------------------------------------------------------------------------------------------------
  // 3. reconcile(true) did not repair a chain of renames nor a swap in one pass.

  /** Checks that the registry is {@code expected} and each record names the session of its pane. */
  private static void assertRecordsNameTheirSessions(TmuxClient tmux, Map<String, String> expected)
      throws Exception {
    ReconcileReport after = tmux.reconcile(false);
    assertTrue(after.consistent(), "one reconcile(true) repaired everything: " + after + ", records "
        + records(tmux));
    assertEquals(new TreeMap<>(expected), records(tmux));
    Map<String, String> panes = sessionOfPane(tmux);
    for (SessionRecord r : tmux.registry().list()) {
      assertEquals(r.name(), panes.get(r.target()), "record " + r.name() + " names the session of " + r.target());
    }
    for (SessionInfo info : tmux.sessions()) {
      assertEquals(HealthState.HEALTHY, info.state(), info.name());
    }
    for (Map.Entry<String, String> e : expected.entrySet()) {
      assertEquals(e.getValue(), tmux.session(e.getKey()).map(Session::target).orElse("NONE"), e.getKey());
    }
  }

  @Test
  void oneReconcileRepairsAChainOfRenames() throws Exception {
    TmuxClient tmux = TMUX.client(b -> b.socketName("chain"));
    Session r1 = tmux.newSession("r1").command("cat").create();
    Session r2 = tmux.newSession("r2").command("cat").create();
    renameBehindItsBack(tmux, "r2", "r3");
    renameBehindItsBack(tmux, "r1", "r2"); // records r1 -> live r2, r2 -> live r3
    ReconcileReport first = tmux.reconcile(true);
    assertEquals(2, first.renamedRecords().size(), first.toString());
    assertRecordsNameTheirSessions(tmux, Map.of("r2", r1.target(), "r3", r2.target()));
    r1.close();
    r2.close();
    assertEquals(Map.of(), records(tmux), "close() finds the records under their new names");
  }

  @Test
  void oneReconcileRepairsASwapAndARotation() throws Exception {
    TmuxClient tmux = TMUX.client(b -> b.socketName("swap"));
    Session s1 = tmux.newSession("s1").command("cat").create();
    Session s2 = tmux.newSession("s2").command("cat").create();
    renameBehindItsBack(tmux, "s2", "tmp");
    renameBehindItsBack(tmux, "s1", "s2");
    renameBehindItsBack(tmux, "tmp", "s1"); // s1 <-> s2
    ReconcileReport first = tmux.reconcile(true);
    assertEquals(2, first.renamedRecords().size(), first.toString());
    assertRecordsNameTheirSessions(tmux, Map.of("s1", s2.target(), "s2", s1.target()));

    Session s3 = tmux.newSession("s3").command("cat").create();
    // s1 -> s2 -> s3 -> s1, as tmux names them now: session of s1's pane gets s2's name and so on
    renameBehindItsBack(tmux, "s1", "tmp");
    renameBehindItsBack(tmux, "s3", "s1");
    renameBehindItsBack(tmux, "s2", "s3");
    renameBehindItsBack(tmux, "tmp", "s2");
    ReconcileReport second = tmux.reconcile(true);
    assertEquals(3, second.renamedRecords().size(), second.toString());
    assertRecordsNameTheirSessions(tmux, Map.of("s2", s2.target(), "s3", s1.target(), "s1", s3.target()));
    s1.close();
    s2.close();
    s3.close();
    assertEquals(Map.of(), records(tmux));
  }

  // ---------------------------------------------------------------------------------------------------
  // 4. run() on a handle from session(name) while create() still waited for the prompt.

  @Test
  void runOnAHandleFoundWhileCreateStillWaitsForThePromptReturnsOnlyItsOutput() throws Exception {
    TmuxClient tmux = TMUX.client(b -> b.socketName("early"));
    Session keep = tmux.newSession("early-keep").command("cat").create(); // a session that dies leaves the server up
    // Python with markers, slowed down before its first prompt by a sitecustomize module.
    Path slowSite = Files.createDirectories(TMUX.dir().resolve("slow-site"));
    Files.writeString(slowSite.resolve("sitecustomize.py"), "import time\ntime.sleep(0.7)\n");
    ExecutorService creator = Executors.newSingleThreadExecutor();
    try {
      for (int round = 0; round < 4; round++) {
        String name = "early-" + round;
        SessionBuilder builder = tmux.newSession(name);
        if (round % 2 == 0) {
          builder.python().env("PYTHONPATH", slowSite.toString());
        } else { // no markers: run() goes by the prompt pattern
          builder.command("sh", "-c", "sleep 0.7; exec env PYTHON_BASIC_REPL=1 python3 -q").readyWhen(Prompts.PYTHON);
        }
        Future<Session> creating = creator.submit(builder::create);
        // The record exists from the moment create() wrote it, before it waits for the prompt. (Polling
        // session(name) instead can find the session before its record is written and register it as a
        // lost one: see aSessionFoundByNameWhileCreateRegistersItDoesNotBreakTheCreate.)
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (tmux.registry().get(name).isEmpty() && !creating.isDone() && System.nanoTime() < deadline) {
          Thread.sleep(1);
        }
        Optional<Session> found = tmux.session(name);
        String what = "round " + round + " (" + (round % 2 == 0 ? "python()" : "custom") + ")";
        assertTrue(found.isPresent() && !creating.isDone(),
            what + ": the record was found while create() still waited for the prompt");
        CommandResult early;
        try {
          early = found.get().run("print(6*7)", WAIT);
        } catch (RuntimeException e) {
          try {
            creating.get(WAIT.toSeconds(), TimeUnit.SECONDS);
          } catch (java.util.concurrent.ExecutionException c) {
            e.addSuppressed(c.getCause());
          }
          throw e;
        }
        assertEquals("42", early.output(), what);
        Session created = creating.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertEquals("3", created.run("print(1+2)", WAIT).output(), what + ": and the creating handle works on");
        assertEquals("7", found.get().run("print(3+4)", WAIT).output(), what);
        created.close();
      }
    } finally {
      creator.shutdownNow();
    }
    keep.close();
  }

  // ---------------------------------------------------------------------------------------------------
  // 4b. session(name) or reconcile(true) between create()'s new-session and its registry write: the
  // session looks lost (labelled registered, no record), they register it, and create() then found its
  // name taken, failed with DuplicateSessionException and killed the session the other handle holds.

  /**
   * A registry (atomic, as {@link InMemoryRegistry}) that holds the thread {@code creator} before it
   * writes the record of {@code held}: between tmux's new-session and the registry write of create().
   */
  private static final class HoldingRegistry extends io.github.tmux4j.testing.ForwardingRegistry {
    final String held;
    final CountDownLatch holding = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    HoldingRegistry(String held) {
      this.held = held;
    }

    @Override
    public boolean replace(SessionRecord expected, SessionRecord replacement) {
      if (replacement != null && replacement.name().equals(held) && Thread.currentThread().getName().equals("creator")
          && holding.getCount() > 0) {
        holding.countDown();
        try {
          release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return inner.replace(expected, replacement);
    }
  }

  @Test
  void aSessionFoundByNameWhileCreateRegistersItDoesNotBreakTheCreate() throws Exception {
    createWhileAnotherCallRegistersTheSession("session(name)");
  }

  @Test
  void aReconcileRepairWhileCreateRegistersTheSessionDoesNotBreakTheCreate() throws Exception {
    createWhileAnotherCallRegistersTheSession("reconcile(true)");
  }

  private static void createWhileAnotherCallRegistersTheSession(String interloper) throws Exception {
    String name = interloper.startsWith("session") ? "held-s" : "held-r";
    HoldingRegistry registry = new HoldingRegistry(name);
    TmuxClient tmux = TMUX.client(b -> b.socketName(name).registry(registry));
    Session keep = tmux.newSession("held-keep").command("cat").create();
    ExecutorService creator = Executors.newSingleThreadExecutor(r -> new Thread(r, "creator"));
    try {
      Future<Session> creating = creator.submit(() -> tmux.newSession(name).command("cat").create());
      assertTrue(registry.holding.await(WAIT.toSeconds(), TimeUnit.SECONDS), "create() reached its registry write");
      Session found;
      if (interloper.startsWith("session")) {
        found = tmux.session(name).orElseThrow(() -> new AssertionError("session(name) finds the live session"));
      } else {
        tmux.reconcile(true);
        found = tmux.session(name).orElseThrow(() -> new AssertionError("reconcile(true) registered it"));
      }
      registry.release.countDown();
      Session created;
      try {
        created = creating.get(WAIT.toSeconds(), TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException e) {
        throw new AssertionError(interloper + " during create(): create() failed and its session is "
            + found.health().state(), e.getCause());
      }
      assertEquals(found.target(), created.target(), interloper);
      assertEquals(HealthState.HEALTHY, created.health().state(), interloper);
      assertEquals(created.target(), registry.get(name).map(SessionRecord::target).orElse("NONE"), interloper);
      found.send("hello");
      found.waitFor("hello", WAIT);
      assertTrue(tmux.reconcile(false).consistent(), interloper);
      created.close();
    } finally {
      registry.release.countDown();
      creator.shutdownNow();
    }
    keep.close();
  }

  // ---------------------------------------------------------------------------------------------------
  // 5. After a runner died in the middle of run(), the next run() returned the dead command's output too.

  @Test
  void aRunAfterAnAbandonedCommandWaitsForItAndReturnsOnlyItsOwnOutput() throws Exception {
    TmuxClient tmux = TMUX.client(b -> b.socketName("abandoned"));
    Session py = tmux.newSession("ab-py").python().create();
    for (int round = 0; round < 2; round++) {
      // A handle types a slow command and is never heard of again: as a run() whose JVM died, lease gone.
      Session a = tmux.session("ab-py").orElseThrow();
      String slow = "import time; time.sleep(1); print('A" + round + "')";
      long sent = System.nanoTime();
      a.send(slow);
      // The dead run had typed its command well before: wait until Python echoed it.
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (!ItSupport.tmux(tmux.socket(), "capture-pane", "-p", "-t", py.target()).stdout().contains(slow)) {
        assertTrue(System.nanoTime() < deadline, "the slow command was echoed");
        Thread.sleep(20);
      }
      Session b = tmux.session("ab-py").orElseThrow();
      CommandResult r = b.run("print('B" + round + "')", WAIT);
      long took = System.nanoTime() - sent;
      assertEquals("B" + round, r.output(), "round " + round);
      assertTrue(took >= Duration.ofMillis(900).toNanos(),
          "round " + round + ": the run waited for the abandoned command (" + took / 1_000_000 + " ms)");
      String screen = ItSupport.tmux(tmux.socket(), "capture-pane", "-p", "-t", py.target()).stdout();
      assertTrue(screen.indexOf("\nA" + round + "\n") >= 0 && screen.indexOf("\nA" + round + "\n")
          < screen.indexOf("print('B" + round + "')"), "A" + round + " was printed before B was typed:\n" + screen);
    }
    assertEquals("42", py.run("6 * 7", WAIT).output(), "the creating handle works on");
    py.close();
  }

  // ---------------------------------------------------------------------------------------------------
  // 6. A handle whose last run had settled typed straight away, even though another handle (or a process
  //    that died) had typed a command since that was still running: the first marker after its input was
  //    the prompt after the other command, and run() returned [] (seen in LifecycleCrashIT).

  @Test
  void aHandleThatRanBeforeWaitsForACommandAnotherHandleTypedSince() throws Exception {
    for (Transport transport : Transport.values()) {
      TmuxClient tmux = TMUX.client(b -> b.socketName("since-" + transport.name().toLowerCase()).transport(transport));
      Session py = tmux.newSession("since").python().create();
      assertEquals("1", py.run("print(1)", WAIT).output(), transport + ": the handle has run before");
      Session other = tmux.session("since").orElseThrow();
      String slow = "import time; time.sleep(0.6); print('other')";
      other.send(slow);
      awaitOnScreen(tmux, py, slow);
      assertEquals("mine", py.run("print('mine')", WAIT).output(), transport + ": only its own output");

      String slower = "time.sleep(4); print('slower')";
      other.send(slower);
      awaitOnScreen(tmux, py, slower);
      long start = System.nanoTime();
      assertThrows(NotAtPromptException.class, () -> py.run("print('typed into a busy program')", WAIT),
          transport + ": not typed while another handle's command runs");
      assertTrue(System.nanoTime() - start < Duration.ofSeconds(3).toNanos(), transport + ": said so within the grace");
      other.waitFor("slower", WAIT);
      assertEquals("again", py.run("print('again')", WAIT).output(), transport + ": works once the prompt is back");
      assertFalse(ItSupport.tmux(tmux.socket(), "capture-pane", "-p", "-t", py.target()).stdout()
          .contains("typed into a busy program"), transport + ": the refused command was never typed");
      py.close();
    }
  }

  private static void awaitOnScreen(TmuxClient tmux, Session s, String text) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!ItSupport.tmux(tmux.socket(), "capture-pane", "-p", "-t", s.target()).stdout().contains(text)) {
      assertTrue(System.nanoTime() < deadline, "echoed: " + text);
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20)); // polling tmux's screen, not a stand-in wait
    }
  }
}

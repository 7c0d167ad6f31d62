package io.github.tmux4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tmux4j.testing.LeaseHolderMain;
import io.github.tmux4j.testing.PrivateTmux;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Exclusive leases between threads and processes; commands of two agents never interleave. */
class LeaseIT {
  @RegisterExtension static final PrivateTmux TMUX = new PrivateTmux();

  @Test
  void anotherThreadWaitsForTheLeaseAndGivesUpNamingTheHolder() throws Exception {
    TmuxClient tmux = TMUX.client(b -> b.socketName("thr"));
    Session sh = tmux.newSession("lease-thr").shell().create();
    ExecutorService other = Executors.newSingleThreadExecutor();
    try (SessionLease lease = sh.exclusive(Duration.ofSeconds(5))) {
      assertEquals("mine", sh.run("echo mine").output(), "the holder's own run is reentrant");
      Future<?> blocked = other.submit(() -> sh.run("echo theirs", Duration.ofMillis(300)));
      java.util.concurrent.ExecutionException e =
          assertThrows(java.util.concurrent.ExecutionException.class, () -> blocked.get(10, TimeUnit.SECONDS));
      SessionBusyException busy = (SessionBusyException) e.getCause();
      assertEquals(ProcessHandle.current().pid(), busy.holderPid().getAsLong());
      assertTrue(busy.getMessage().contains("lease-thr"), busy.getMessage());
    }
    Future<CommandResult> after = other.submit(() -> sh.run("echo theirs", Duration.ofSeconds(10)));
    assertEquals("theirs", after.get(15, TimeUnit.SECONDS).output());
    other.shutdownNow();
    sh.close();
  }

  @Test
  void aLeaseHeldByAnotherProcessBlocksUntilThatProcessDies() throws Exception {
    TmuxClient tmux = TMUX.client(b -> b.socketName("proc"));
    Session sh = tmux.newSession("lease-proc").shell().create();
    Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), LeaseHolderMain.class.getName(),
        TMUX.dir().toString(), "proc", "lease-proc").redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
      assertTrue(out.readLine().startsWith("HELD"));
      SessionBusyException busy = assertThrows(SessionBusyException.class,
          () -> sh.run("echo blocked", Duration.ofMillis(500)));
      assertEquals(holder.pid(), busy.holderPid().getAsLong());
      assertTrue(busy.holderHost().isPresent());

      holder.destroyForcibly(); // SIGKILL: the OS drops its lock
      assertTrue(holder.waitFor(30, TimeUnit.SECONDS));
      assertEquals("free", sh.run("echo free", Duration.ofSeconds(10)).output());
    } finally {
      holder.destroyForcibly();
      sh.close();
    }
  }

  @Test
  void twoAgentsRunningOnOneSessionThroughSeparateClientsNeverMixTheirCommands() throws Exception {
    TmuxClient agentA = TMUX.client(b -> b.socketName("two"));
    TmuxClient agentB = TMUX.client(b -> b.socketName("two"));
    Session a = agentA.newSession("lease-two").python().create();
    Session b = agentB.newSession("lease-two").python().register(false).getOrCreate();
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (Session s : List.of(a, b)) {
        int base = s == a ? 1000 : 2000;
        results.add(pool.submit(() -> {
          go.await();
          for (int i = 0; i < 40; i++) {
            assertEquals(Integer.toString((base + i) * 3), s.run("print(" + (base + i) + " * 3)").output());
          }
          return 40;
        }));
      }
      go.countDown();
      int done = 0;
      for (Future<Integer> f : results) {
        done += f.get(3, TimeUnit.MINUTES);
      }
      assertEquals(80, done);
    } finally {
      pool.shutdownNow();
      a.close();
    }
  }
}

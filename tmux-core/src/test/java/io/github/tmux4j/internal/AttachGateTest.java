package io.github.tmux4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tmux4j.TmuxException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The attach gate: shared holders together, an attach alone, between threads and between processes. */
class AttachGateTest {
  private static final Duration SHORT = Duration.ofMillis(200);
  private static final Duration LONG = Duration.ofSeconds(20);

  @TempDir Path dir;

  private AttachGate gate(String name) throws Exception {
    Path socketDir = dir.resolve("s");
    Files.createDirectories(socketDir);
    return AttachGate.of(socketDir.resolve(name));
  }

  @Test
  void oneGatePerSocketInTheJvm() throws Exception {
    Path socketDir = Files.createDirectories(dir.resolve("same"));
    assertTrue(AttachGate.of(socketDir.resolve("x")) == AttachGate.of(socketDir.resolve("./x")));
  }

  @Test
  void sharedHoldersDoNotWaitForEachOtherButKeepAnAttachOut() throws Exception {
    AttachGate gate = gate("a");
    AttachGate.Permit first = gate.shared(SHORT);
    AttachGate.Permit second = CompletableFuture.supplyAsync(() -> gate.shared(SHORT)).get(10, TimeUnit.SECONDS);
    assertNull(CompletableFuture.supplyAsync(() -> gate.exclusive(SHORT)).get(10, TimeUnit.SECONDS));
    first.close();
    assertNull(CompletableFuture.supplyAsync(() -> gate.exclusive(SHORT)).get(10, TimeUnit.SECONDS));
    second.close();
    AttachGate.Permit attach = CompletableFuture.supplyAsync(() -> gate.exclusive(SHORT)).get(10, TimeUnit.SECONDS);
    assertNotNull(attach);
    attach.close();
  }

  @Test
  void anAttachKeepsSharedHoldersOutUntilItEnds() throws Exception {
    AttachGate gate = gate("b");
    AttachGate.Permit attach = gate.exclusive(SHORT);
    assertNotNull(attach);
    TmuxException busy = assertThrows(TmuxException.class,
        () -> join(CompletableFuture.runAsync(() -> gate.shared(SHORT).close())));
    assertTrue(busy.isTransient(), "a busy gate is worth a retry");
    assertTrue(busy.getMessage().contains("attaching"), busy.getMessage());
    CompletableFuture<AttachGate.Permit> waiting = CompletableFuture.supplyAsync(() -> gate.shared(LONG));
    attach.close();
    waiting.get(10, TimeUnit.SECONDS).close();
  }

  @Test
  void aWaitingAttachIsNotStarvedByNewSharedHolders() throws Exception {
    AttachGate gate = gate("c");
    AttachGate.Permit reader = gate.shared(SHORT);
    CompletableFuture<AttachGate.Permit> attach = CompletableFuture.supplyAsync(() -> gate.exclusive(LONG));
    // once the attach waits, a new shared holder waits behind it
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
      try {
        CompletableFuture.runAsync(() -> gate.shared(Duration.ofMillis(50)).close()).get(10, TimeUnit.SECONDS);
        return false;
      } catch (java.util.concurrent.ExecutionException blocked) {
        return true;
      }
    });
    reader.close();
    AttachGate.Permit got = attach.get(10, TimeUnit.SECONDS);
    assertNotNull(got);
    got.close();
    gate.shared(SHORT).close();
  }

  @Test
  void sharedIsReentrantForItsThreadAndAThreadHoldingItCannotAttach() throws Exception {
    AttachGate gate = gate("d");
    try (AttachGate.Permit outer = gate.shared(SHORT)) {
      assertTrue(gate.heldSharedByCurrentThread());
      CompletableFuture<AttachGate.Permit> attach = CompletableFuture.supplyAsync(() -> gate.exclusive(LONG));
      // even with an attach waiting, the holder's nested shared permit is granted at once
      org.awaitility.Awaitility.await().pollDelay(Duration.ofMillis(50)).atMost(Duration.ofSeconds(10))
          .until(() -> !attach.isDone());
      try (AttachGate.Permit inner = gate.shared(SHORT)) {
        assertTrue(gate.heldSharedByCurrentThread());
      }
      assertTrue(gate.heldSharedByCurrentThread());
      assertThrows(IllegalStateException.class, () -> gate.exclusive(SHORT));
      outer.close();
      assertFalse(gate.heldSharedByCurrentThread());
      attach.get(10, TimeUnit.SECONDS).close();
    }
  }

  @Test
  void anExclusivePermitCanBeClosedByAnotherThreadAndClosingTwiceIsHarmless() throws Exception {
    AttachGate gate = gate("e");
    AttachGate.Permit attach = gate.exclusive(SHORT);
    CompletableFuture.runAsync(attach::close).get(10, TimeUnit.SECONDS);
    attach.close();
    AttachGate.Permit again = gate.exclusive(SHORT);
    assertNotNull(again);
    again.close();
  }

  @Test
  void manyThreadsNeverSeeAnAttachTogetherWithAnything() throws Exception {
    AttachGate gate = gate("f");
    AtomicInteger readers = new AtomicInteger();
    AtomicInteger writers = new AtomicInteger();
    AtomicInteger violations = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    Thread[] threads = new Thread[8];
    for (int t = 0; t < threads.length; t++) {
      boolean attacher = t % 4 == 0;
      threads[t] = new Thread(() -> {
        try {
          start.await();
          for (int i = 0; i < 300; i++) {
            if (attacher) {
              AttachGate.Permit p = gate.exclusive(LONG);
              if (writers.incrementAndGet() != 1 || readers.get() != 0) {
                violations.incrementAndGet();
              }
              writers.decrementAndGet();
              p.close();
            } else {
              try (AttachGate.Permit p = gate.shared(LONG)) {
                readers.incrementAndGet();
                if (writers.get() != 0) {
                  violations.incrementAndGet();
                }
                readers.decrementAndGet();
              }
            }
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      threads[t].start();
    }
    start.countDown();
    for (Thread t : threads) {
      t.join(60_000);
      assertFalse(t.isAlive());
    }
    assertEquals(0, violations.get());
  }

  @Test
  void anotherProcessHoldingTheGateSharedKeepsAnAttachOutUntilItDies() throws Exception {
    AttachGate gate = gate("g");
    Process holder = holder(dir.resolve("s").resolve("g"), "shared");
    try {
      assertNull(gate.exclusive(Duration.ofMillis(300)), "the other process holds it shared");
      gate.shared(SHORT).close(); // shared with it is fine
      holder.destroyForcibly();
      assertTrue(holder.waitFor(30, TimeUnit.SECONDS));
      AttachGate.Permit attach = gate.exclusive(LONG);
      assertNotNull(attach, "the OS dropped the dead holder's lock");
      attach.close();
    } finally {
      holder.destroyForcibly();
    }
  }

  @Test
  void anotherProcessAttachingKeepsSharedHoldersOut() throws Exception {
    AttachGate gate = gate("h");
    Process holder = holder(dir.resolve("s").resolve("h"), "exclusive");
    try {
      assertThrows(TmuxException.class, () -> gate.shared(Duration.ofMillis(300)));
      holder.destroyForcibly();
      assertTrue(holder.waitFor(30, TimeUnit.SECONDS));
      gate.shared(LONG).close();
    } finally {
      holder.destroyForcibly();
    }
  }

  @Test
  void theGateFileIsPrivateAndASymlinkIsRefused() throws Exception {
    AttachGate gate = gate("i");
    gate.shared(SHORT).close();
    Path locks = dir.resolve("s").resolve(LockFiles.DIRECTORY);
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(locks)));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(locks.resolve("i.gate"))));
    Path elsewhere = dir.resolve("elsewhere");
    Files.createSymbolicLink(locks.resolve("j.gate"), elsewhere);
    AttachGate hostile = gate("j");
    TmuxException e = assertThrows(TmuxException.class, () -> hostile.shared(SHORT));
    assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
    assertFalse(Files.exists(elsewhere), "nothing was created through the link");
  }

  @Test
  void withoutASocketDirectoryNothingIsCreated() {
    Path gone = dir.resolve("missing").resolve("sock");
    AttachGate.of(gone).shared(SHORT).close();
    assertFalse(Files.exists(gone.getParent()));
  }

  private static Process holder(Path socket, String mode) throws Exception {
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("java.class.path"), GateHolderMain.class.getName(), socket.toString(), mode)
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    assertEquals("HELD", out.readLine());
    return p;
  }

  private static void join(CompletableFuture<?> f) throws Exception {
    try {
      f.get(10, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    }
  }
}

package io.github.tmux4j.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.github.tmux4j.registry.internal.FileLocker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * POSIX drops all of a process's locks on a file when the process closes any descriptor of it. Closing
 * one registry must therefore not drop the lock another registry of the same JVM holds on the same file.
 */
class FileLockerIT {
  @TempDir Path dir;

  @Test
  void closingOneInstanceKeepsTheLockAnotherInstanceHolds() throws Exception {
    Path lockFile = dir.resolve(".sessions.json.lock");
    FileLocker holder = new FileLocker(lockFile, Duration.ofSeconds(10));
    FileLocker closing = new FileLocker(lockFile, Duration.ofSeconds(10));
    closing.locked(() -> null); // opens its channel on the lock file
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Object> holding = CompletableFuture.supplyAsync(() -> holder.locked(() -> {
      held.countDown();
      try {
        return release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }));
    try {
      held.await(10, TimeUnit.SECONDS);
      CompletableFuture<Void> close = CompletableFuture.runAsync(closing::close);

      assertEquals(List.of("busy"), probe(lockFile), "another process still sees the lock held");
      assertFalse(close.isDone(), "close() waits for the lock rather than dropping it");

      release.countDown();
      close.get(10, TimeUnit.SECONDS);
      holding.get(10, TimeUnit.SECONDS);
      assertEquals(List.of("free"), probe(lockFile));
    } finally {
      release.countDown();
      holder.close();
    }
  }

  private static List<String> probe(Path lockFile) throws InterruptedException {
    try (ChildJvm probe = ChildJvm.start("probe", lockFile.toString())) {
      assertEquals(0, probe.waitFor(Duration.ofSeconds(30)), probe.stderr());
      // The exit comes after the output; the reader thread may need a moment to collect it.
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !probe.lines().isEmpty());
      return List.copyOf(probe.lines());
    }
  }
}

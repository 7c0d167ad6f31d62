package io.github.tmux4j.registry;

import static io.github.tmux4j.registry.TestRecords.record;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tmux4j.RegistryException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lock against other processes: bounded waits, clear failures, prompt hand-over. */
class FileRegistryLockIT {
  @TempDir Path dir;

  @Test
  void lockHeldByAnotherProcessTimesOutThenIsHandedOverPromptly() throws Exception {
    Path file = dir.resolve(FileRegistry.DEFAULT_FILE_NAME);
    try (FileRegistry impatient = FileRegistry.builder().file(file).lockTimeout(Duration.ofMillis(500)).build();
        FileRegistry patient = FileRegistry.open(file);
        ChildJvm holder = ChildJvm.start("hold", impatient.lockFile().toString())) {
      await("child holds the lock").atMost(Duration.ofSeconds(30))
          .until(() -> !holder.lines().isEmpty() || !holder.process().isAlive());
      assertEquals(List.of("locked true"), holder.lines(), holder.stderr());

      long start = System.nanoTime();
      RegistryException e = assertThrows(RegistryException.class, () -> impatient.put(record("a")));
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertTrue(e.getMessage().contains(impatient.lockFile().toString()), e.getMessage());
      assertTrue(e.getMessage().contains("another process holds it"), e.getMessage());
      assertTrue(millis >= 490 && millis < 5_000, "waited " + millis + " ms");

      // A writer waiting in the kernel gets the lock as soon as the holder lets go.
      CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> patient.put(record("b")));
      assertThrows(java.util.concurrent.TimeoutException.class, () -> waiting.get(300, TimeUnit.MILLISECONDS));
      holder.process().getOutputStream().close(); // the holder exits, releasing the lock
      long released = System.nanoTime();
      waiting.get(10, TimeUnit.SECONDS);
      System.out.printf("lock handed over %d ms after the holder was told to exit%n",
          (System.nanoTime() - released) / 1_000_000);
      assertEquals(0, holder.waitFor(Duration.ofSeconds(10)));

      impatient.put(record("a")); // the channel closed by the timed-out wait is reopened
      assertEquals(List.of(record("a"), record("b")), impatient.list());
      assertFalse(holder.process().isAlive());
    }
  }
}

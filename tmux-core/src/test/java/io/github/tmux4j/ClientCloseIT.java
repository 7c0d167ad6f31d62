package io.github.tmux4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tmux4j.spi.SessionRecord;
import io.github.tmux4j.testing.PrivateTmux;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * close() called while another thread closes the client returns only once that close is complete. A
 * shutdown hook relies on it: the JVM stops the other threads as soon as its hooks return, so a hook whose
 * close() returned early left the main thread's close half done (control clients not detached; seen as
 * "did not leave within 10000 ms" after an MCP client SIGTERMed its server).
 */
class ClientCloseIT {
  @RegisterExtension static final PrivateTmux TMUX = new PrivateTmux();

  @Test
  void aSecondCloseWaitsUntilTheFirstIsDone() throws Exception {
    HoldingRegistry registry = new HoldingRegistry();
    TmuxClient tmux = TMUX.client(b -> b.registry(registry));
    tmux.newSession("closing-ephemeral").shell().ephemeral().create();
    AtomicLong firstDone = new AtomicLong();
    AtomicLong secondDone = new AtomicLong();
    Thread first = new Thread(() -> {
      tmux.close();
      firstDone.set(System.nanoTime());
    }, "closer-a");
    first.start();
    assertTrue(registry.holding.await(30, TimeUnit.SECONDS), "the first close reached the registry");
    Thread second = new Thread(() -> {
      tmux.close();
      secondDone.set(System.nanoTime());
    }, "closer-b");
    second.start();
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> second.getState() == Thread.State.BLOCKED);
    assertEquals(0, secondDone.get(), "the second close returned while the first was still closing");
    registry.release.countDown();
    first.join(30_000);
    second.join(30_000);
    assertFalse(first.isAlive() || second.isAlive());
    assertTrue(firstDone.get() > 0 && secondDone.get() > 0);
    assertTrue(registry.list().isEmpty(), "the ephemeral session was removed by the one close");
  }

  /** Holds the thread "closer-a" when it removes a record, until released. */
  private static final class HoldingRegistry extends io.github.tmux4j.testing.ForwardingRegistry {
    final CountDownLatch holding = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    private void hold() {
      if (Thread.currentThread().getName().equals("closer-a") && holding.getCount() > 0) {
        holding.countDown();
        try {
          release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }

    @Override
    public boolean remove(String name) {
      hold();
      return inner.remove(name);
    }

    @Override
    public boolean replace(SessionRecord expected, SessionRecord replacement) {
      if (replacement == null) {
        hold();
      }
      return inner.replace(expected, replacement);
    }
  }
}

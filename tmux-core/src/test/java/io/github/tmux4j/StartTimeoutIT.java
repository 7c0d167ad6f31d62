package io.github.tmux4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tmux4j.testing.PrivateTmux;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link ExecutionOptions.Builder#startTimeout}: a handle that finds its session busy with a command typed
 * elsewhere is told within that bound, not after the client's default timeout.
 */
class StartTimeoutIT {
  @RegisterExtension static final PrivateTmux TMUX = new PrivateTmux();

  @Test
  void startOnASessionBusyWithAnotherHandlesCommandGivesUpWithinItsStartTimeout() {
    TmuxClient tmux = TMUX.client(b -> b.defaultTimeout(Duration.ofSeconds(60)));
    Session sh = tmux.newSession("busy").shell().create();
    try {
      Session other = tmux.session("busy").orElseThrow();
      other.send("sleep 30");
      other.waitForScreen(java.util.regex.Pattern.compile("sleep 30"), Duration.ofSeconds(10));
      long start = System.nanoTime();
      assertThrows(NotAtPromptException.class, () -> sh.start("echo x",
          ExecutionOptions.builder().startTimeout(Duration.ofSeconds(2)).build()));
      long took = System.nanoTime() - start;
      assertTrue(took < TimeUnit.SECONDS.toNanos(10), took / 1e9 + " s");
      other.sendKeys("C-c");
      ExecutionStatus s = sh.start("echo x", ExecutionOptions.builder().startTimeout(Duration.ofSeconds(10)).build())
          .await(Duration.ofSeconds(10));
      assertEquals("x", s.output(), s::toString);
    } finally {
      sh.close();
    }
  }
}

package io.github.tmux4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tmux4j.Health;
import io.github.tmux4j.HealthState;
import io.github.tmux4j.internal.HealthDecision.ProcessState;
import java.time.Instant;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class HealthDecisionTest {
  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

  @Test
  void livePaneWithRunningProcessIsHealthy() {
    Health h = HealthDecision.decide(false, null, 42, ProcessState.RUNNING, NOW);
    assertEquals(HealthState.HEALTHY, h.state());
    assertTrue(h.processRunning());
    assertEquals(42, h.pid().getAsLong());
    assertEquals(NOW, h.checkedAt());
  }

  @Test
  void deadPaneReportsExitStatus() {
    Health h = HealthDecision.decide(true, 3, 42, ProcessState.GONE, NOW);
    assertEquals(HealthState.DEAD, h.state());
    assertFalse(h.processRunning());
    assertEquals(OptionalInt.of(3), h.exitStatus());
  }

  @Test
  void livePaneWhoseProcessIsDefunctIsZombie() {
    assertEquals(HealthState.ZOMBIE, HealthDecision.decide(false, null, 42, ProcessState.DEFUNCT, NOW).state());
  }

  @Test
  void livePaneWhoseProcessIsGoneIsZombie() {
    Health h = HealthDecision.decide(false, null, 42, ProcessState.GONE, NOW);
    assertEquals(HealthState.ZOMBIE, h.state());
    assertFalse(h.processRunning());
  }

  @Test
  void observeSeesThisJvmRunningAndAnImpossiblePidGone() {
    assertEquals(ProcessState.RUNNING, HealthDecision.observe(ProcessHandle.current().pid()));
    assertEquals(ProcessState.GONE, HealthDecision.observe(Integer.MAX_VALUE));
    assertEquals(ProcessState.GONE, HealthDecision.observe(0));
  }

  @Test
  void observeSeesAnUnreapedChildAsDefunct() throws Exception {
    // sh starts a short-lived child, then becomes "sleep", which never reaps it: a real zombie.
    Process parent = new ProcessBuilder("sh", "-c", "sleep 0 & exec sleep 30").start();
    try {
      java.util.concurrent.atomic.AtomicLong zombie = new java.util.concurrent.atomic.AtomicLong();
      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> {
        parent.toHandle().children().forEach(c -> zombie.set(c.pid()));
        return zombie.get() > 0 && HealthDecision.observe(zombie.get()) == ProcessState.DEFUNCT;
      });
      assertEquals(ProcessState.DEFUNCT, HealthDecision.observe(zombie.get()));
    } finally {
      parent.destroyForcibly().waitFor();
    }
  }
}

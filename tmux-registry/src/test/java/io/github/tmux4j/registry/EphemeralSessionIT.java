package io.github.tmux4j.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tmux4j.CleanupReport;
import io.github.tmux4j.HealthState;
import io.github.tmux4j.Session;
import io.github.tmux4j.TmuxClient;
import io.github.tmux4j.testing.PrivateTmux;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Ephemeral sessions die with the JVM that created them, however it dies. */
class EphemeralSessionIT {
  @RegisterExtension static final PrivateTmux TMUX = new PrivateTmux();

  private static Process owner(Path dir, String name, String mode) throws Exception {
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), EphemeralOwner.class.getName(), dir.toString(), name, mode)
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    assertEquals("READY " + name, out.readLine());
    return p;
  }

  @Test
  void anEphemeralSessionIsKilledWhenItsJvmExits() throws Exception {
    Path dir = TMUX.dir().resolve("exit");
    try (TmuxClient tmux = TmuxClient.builder().socketDir(dir).build()) {
      Session keep = tmux.newSession("eph-keep").shell().create(); // keeps the server up
      Process p = owner(dir, "eph-exit", "exit");
      assertTrue(p.waitFor(60, TimeUnit.SECONDS));
      assertEquals(0, p.exitValue());
      assertTrue(tmux.session("eph-exit").isEmpty(), "the record is removed too");
      assertFalse(tmux.sessions().stream().anyMatch(i -> i.name().equals("eph-exit")));
      keep.close();
    }
  }

  @Test
  void anEphemeralSessionOfAKilledJvmIsRemovedByTheNextCleanup() throws Exception {
    Path dir = TMUX.dir().resolve("kill");
    try (TmuxClient tmux = TmuxClient.builder().socketDir(dir).build()) {
      Session durable = tmux.newSession("eph-durable").shell().create();
      Process p = owner(dir, "eph-orphan", "hang");
      Session orphan = tmux.session("eph-orphan").orElseThrow();
      assertTrue(tmux.sessions().stream().noneMatch(i -> i.orphaned()), "the owner is alive");
      assertEquals(List.of(), tmux.cleanup().execute().removed(), "nothing to clean while the owner lives");

      p.destroyForcibly(); // SIGKILL: no shutdown hook runs
      assertTrue(p.waitFor(30, TimeUnit.SECONDS));
      assertEquals(HealthState.HEALTHY, orphan.health().state(), "tmux keeps it running");

      CleanupReport report = tmux.cleanup().execute();
      assertEquals(List.of("eph-orphan"), report.removed());
      assertTrue(report.entries().stream().anyMatch(e -> e.reason().startsWith("ephemeral, owner " + p.pid())),
          report.toString());
      assertEquals(HealthState.MISSING, orphan.health().state());
      assertTrue(durable.health().isHealthy(), "an ordinary session is not touched");
      durable.close();
    }
  }
}

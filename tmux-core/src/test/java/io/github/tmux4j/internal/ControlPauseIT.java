package io.github.tmux4j.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tmux4j.testing.PrivateTmux;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Flow control. Connections attach with {@code pause-after}, so tmux drops the output of a connection
 * that lags by seconds instead of keeping all of it; it then sends {@code %pause}, outside any reply, and
 * the connection must tell its listeners of the gap and continue the pane. tmux pauses a connection only
 * in a race (when it kept reading a pane while the connection stalled), so a scripted control client
 * plays tmux's side here; the real tmux runs with {@code pause-after} in every other integration test.
 */
class ControlPauseIT {
  @RegisterExtension static final PrivateTmux TMUX = new PrivateTmux();

  @Test
  void aPauseTellsListenersOfTheGapAndContinuesThePane() throws Exception {
    Path log = TMUX.dir().resolve("fake-tmux-stdin.log");
    Path fake = TMUX.dir().resolve("fake-tmux.sh");
    Files.writeString(fake, String.join("\n",
        "#!/bin/bash",
        "echo \"$*\" > '" + log + "'",
        "echo '%begin 1 1 0'; echo '%end 1 1 0'; echo '%session-changed $0 fake'",
        "read -r line; echo \"$line\" >> '" + log + "'",
        "echo '%begin 2 2 1'; echo 'go'; echo '%end 2 2 1'",
        "echo '%pause %0'",
        // An empty line detaches, as with tmux (the client holds its input open: no end of input comes).
        "while read -r line && [ -n \"$line\" ]; do echo \"$line\" >> '" + log + "'; echo '%begin 3 3 1';"
            + " echo '%end 3 3 1'; done",
        ""));
    Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));

    PaneSignal signal = new PaneSignal();
    ControlConnection c = ControlConnection.start(fake.toString(), TMUX.dir().resolve("socket"), "%0", "fake",
        signal);
    assertNotNull(c, "started the scripted client");
    assertTrue(c.awaitAttached(Duration.ofSeconds(10).toNanos()), "attached to the scripted client");
    try {
      AtomicInteger gaps = new AtomicInteger();
      signal.subscribe(new PaneSignal.Listener() {
        @Override
        public void output(long version, byte[] data) {}

        @Override
        public void gap(long version) {
          gaps.incrementAndGet();
        }

        @Override
        public void closed() {}
      });
      long before = signal.version();

      assertEquals("go\n", c.execute("%0", List.of("display-message", "-p", "go"), Duration.ofSeconds(10)).stdout());
      await().atMost(Duration.ofSeconds(10)).until(() -> gaps.get() == 1);
      assertTrue(signal.version() > before, "waiters are told to look again");
      await().atMost(Duration.ofSeconds(10)).until(() -> Files.readAllLines(log).size() == 3);
      List<String> seen = Files.readAllLines(log);
      assertTrue(seen.get(0).contains("-f ignore-size,pause-after=" + ControlConnection.PAUSE_AFTER_SECONDS),
          seen.get(0));
      assertEquals("\"refresh-client\" \"-A\" \"%0:continue\"", seen.get(2));
      assertTrue(c.alive());
    } finally {
      c.close();
    }
  }
}

package io.github.tmux4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.tmux4j.testing.PrivateTmux;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * tmux 3.2a and older crash when a program exits while a control client is attached to its session, so
 * with them a client attaches none and runs a process per command. A wrapper that reports version 3.2a
 * stands in for the old tmux here (the real 3.2a runs the integration tests in the version matrix).
 */
class OldTmuxIT {
  @RegisterExtension static final PrivateTmux TMUX = new PrivateTmux();

  @Test
  void withTmuxOlderThan33NoControlClientIsAttachedAndProgramsMayExit() throws Exception {
    Path wrapper = TMUX.dir().resolve("tmux-3.2a");
    Files.writeString(wrapper, "#!/bin/sh\n[ \"$1\" = -V ] && { echo 'tmux 3.2a'; exit 0; }\nexec '"
        + PrivateTmux.tmuxBinary() + "' \"$@\"\n");
    Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwx------"));
    TmuxClient tmux = TMUX.client(b -> b.socketName("old").tmuxBinary(wrapper));
    Session sh = tmux.newSession("old-sh").shell().create();
    assertEquals("polled", sh.run("echo polled").output());
    sh.send("exit 7");
    org.awaitility.Awaitility.await().atMost(ItSupport.WAIT).until(() -> sh.health().state() == HealthState.DEAD);
    assertEquals(7, sh.health().exitStatus().getAsInt());
    ItSupport.Result clients = ItSupport.tmux(tmux.socket(), "list-clients", "-F", "#{client_control_mode}");
    assertEquals("", clients.stdout().strip(), "no control client was attached");
    sh.close();
  }
}

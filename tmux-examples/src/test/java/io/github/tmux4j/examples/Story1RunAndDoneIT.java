package io.github.tmux4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tmux4j.HealthState;
import io.github.tmux4j.TmuxClient;
import io.github.tmux4j.testing.PrivateTmux;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class Story1RunAndDoneIT {
  @RegisterExtension static final PrivateTmux TMUX = new PrivateTmux();

  @Test
  void runsPythonPrintsItsVersionAndLeavesNothingBehind() {
    TmuxClient tmux = TMUX.client();
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    Story1RunAndDone.Outcome outcome =
        Story1RunAndDone.run(tmux, new PrintStream(buffer, true, StandardCharsets.UTF_8));

    assertTrue(Pattern.matches("3\\.\\d+\\.\\d+.*", outcome.output()), outcome.output());
    assertFalse(outcome.output().contains(">>>"), "no prompt in the output");
    assertFalse(outcome.output().contains("print(sys.version)"), "no echo in the output");
    assertTrue(outcome.registeredWhileRunning());
    assertFalse(outcome.registeredAfterClose());
    assertTrue(tmux.registry().list().isEmpty());
    assertEquals(HealthState.MISSING, tmux.session(outcome.sessionName()).map(s -> s.health().state())
        .orElse(HealthState.MISSING));
    assertTrue(buffer.toString(StandardCharsets.UTF_8).contains("Python says"));
  }
}

package io.github.tmux4j.junit;

import static io.github.tmux4j.junit.TmuxAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.tmux4j.Session;
import io.github.tmux4j.SessionType;
import io.github.tmux4j.Transport;
import org.junit.jupiter.api.Test;

/** {@code @TmuxTest(transport = ...)} configures the class's client. */
@TmuxTest(transport = Transport.PROCESS)
class ProcessTransportIT {
  @TmuxSession(type = SessionType.PYTHON)
  Session py;

  @Test
  void sessionsWorkOverTheProcessTransport() {
    assertThat(py).runs("print(2 ** 10)").andOutputs("1024");
    // Live output feeds need control mode: this shows the class's client really uses PROCESS.
    assertThrows(IllegalStateException.class, () -> py.follow(chunk -> {}));
  }
}

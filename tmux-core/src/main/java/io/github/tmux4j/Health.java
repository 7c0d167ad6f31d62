package io.github.tmux4j;

import java.time.Instant;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The result of one health check of a session.
 *
 * @param state the health state
 * @param processRunning whether the pane's process is running
 * @param pid the pane's process id, when tmux still knows the pane
 * @param exitStatus the process's exit status, when the pane is {@link HealthState#DEAD} and it exited
 *     normally
 * @param checkedAt when the check was made
 */
public record Health(
    HealthState state, boolean processRunning, OptionalLong pid, OptionalInt exitStatus, Instant checkedAt) {

  /** Validates the components. */
  public Health {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(pid, "pid");
    Objects.requireNonNull(exitStatus, "exitStatus");
    Objects.requireNonNull(checkedAt, "checkedAt");
  }

  /**
   * Whether the session is ready for input.
   *
   * @return {@code true} if the state is {@link HealthState#HEALTHY}
   */
  public boolean isHealthy() {
    return state == HealthState.HEALTHY;
  }
}

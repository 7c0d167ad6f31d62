package io.github.tmux4j.cli;

import io.github.tmux4j.HealthState;

/**
 * The session or pane a command was pointed at cannot be reached: it is not registered, or its pane or
 * tmux server is gone. Carries the health state that describes why, so that {@code pane-health} can
 * report it and other commands can choose their exit code.
 */
final class TargetUnavailableException extends CliException {
  private static final long serialVersionUID = 1L;

  private final transient HealthState state;
  private final boolean registered;

  /**
   * Creates the failure.
   *
   * @param state {@link HealthState#MISSING} or {@link HealthState#SERVER_NOT_RUNNING}
   * @param registered whether the target was looked up in the registry and found there
   * @param message the one-line reason
   */
  TargetUnavailableException(HealthState state, boolean registered, String message) {
    super(ExitCodes.FAILURE, message);
    this.state = state;
    this.registered = registered;
  }

  /**
   * Why the target cannot be reached.
   *
   * @return the state
   */
  HealthState state() {
    return state;
  }

  /**
   * Whether the target came from the registry.
   *
   * @return {@code false} if the name is not registered or an explicit socket and target were given
   */
  boolean registered() {
    return registered;
  }
}

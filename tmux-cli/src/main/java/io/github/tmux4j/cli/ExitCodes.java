package io.github.tmux4j.cli;

import io.github.tmux4j.HealthState;

/**
 * The exit codes of the {@code tmux4j} command. Every command exits {@link #OK} on success,
 * {@link #FAILURE} when what it was asked to do could not be done, and {@link #USAGE} on bad input (an
 * unknown option, a bad session name, duration or pattern). Some commands keep the seed's own codes on
 * top of these: {@code pane-health} ({@link #forHealth}), {@code safe-send} and {@code create-session}.
 */
final class ExitCodes {
  /** Success. */
  static final int OK = 0;
  /** The command could not do what it was asked (session not registered, tmux error, timeout...). */
  static final int FAILURE = 1;
  /** Bad input: unknown option, missing argument, bad session name, duration or pattern. */
  static final int USAGE = 2;

  /** safe-send: the pattern given with {@code -w} did not appear in time (the seed's code). */
  static final int SEND_TIMEOUT = 2;
  /** safe-send: the session is not healthy, or gone (the seed's "pane not ready"). */
  static final int SEND_NOT_READY = 3;

  /** create-session: a session of that name already exists (the seed's code). */
  static final int CREATE_DUPLICATE = 2;
  /** create-session: tmux failed, or the program exited or never became ready (the seed's code). */
  static final int CREATE_FAILED = 3;
  /** create-session: the registry could not be written (the seed's code). */
  static final int CREATE_REGISTRY = 4;

  private ExitCodes() {}

  /**
   * The seed's pane-health exit code for a state: healthy 0, dead 1, missing 2, zombie 3, server not
   * running 4.
   *
   * @param state the health state
   * @return the exit code
   */
  static int forHealth(HealthState state) {
    return switch (state) {
      case HEALTHY -> 0;
      case DEAD -> 1;
      case MISSING -> 2;
      case ZOMBIE -> 3;
      case SERVER_NOT_RUNNING -> 4;
    };
  }
}

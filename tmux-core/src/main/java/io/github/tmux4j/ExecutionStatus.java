package io.github.tmux4j;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * What {@link Execution#await} returns: where the command stands and what it printed. Output is scoped
 * as {@link Session#run}'s is (no echo of the command, no prompt after it) and capped by the execution's
 * {@link ExecutionOptions}.
 *
 * @param command the command as started
 * @param state where it stands
 * @param output everything the command printed so far (the cursor's line with what is on it so far,
 *     e.g. a question without its line break), lines separated by {@code \n}
 * @param newOutput what was printed since the previous {@code await} of this execution: the lines from
 *     the one that await ended on (again in full if it was not complete) to now; the same as
 *     {@code output} for the first
 * @param exitCode for {@link ExecutionState#FINISHED}, the command's exit code when the prompt reports
 *     one (shell sessions); for {@link ExecutionState#PROGRAM_EXITED}, the program's exit status when
 *     tmux knows it; otherwise empty
 * @param elapsed the time since the command was typed
 * @param silence how long the pane has printed nothing
 * @param truncation what {@code output} leaves out (see {@link CommandResult.Truncation})
 */
public record ExecutionStatus(String command, ExecutionState state, String output, String newOutput,
    OptionalInt exitCode, Duration elapsed, Duration silence, CommandResult.Truncation truncation) {

  /** Validates the components. */
  public ExecutionStatus {
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(newOutput, "newOutput");
    Objects.requireNonNull(exitCode, "exitCode");
    Objects.requireNonNull(elapsed, "elapsed");
    Objects.requireNonNull(silence, "silence");
    Objects.requireNonNull(truncation, "truncation");
  }

  /**
   * Whether the execution is over: {@link ExecutionState#FINISHED} or {@link ExecutionState#PROGRAM_EXITED}.
   *
   * @return {@code true} if awaiting again returns this same status
   */
  public boolean done() {
    return state == ExecutionState.FINISHED || state == ExecutionState.PROGRAM_EXITED;
  }

  /**
   * The status as the result {@link Session#run} would have returned.
   *
   * @return the command, output, elapsed time, exit code and truncation
   */
  public CommandResult toResult() {
    return new CommandResult(command, output, elapsed, exitCode, truncation);
  }
}

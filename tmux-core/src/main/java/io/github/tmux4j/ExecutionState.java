package io.github.tmux4j;

/**
 * Where a command started with {@link Session#start} stands when an {@link Execution#await} returns.
 * Only {@link #FINISHED} and {@link #PROGRAM_EXITED} are final; after the others, {@code await} can be
 * called again to go on waiting.
 */
public enum ExecutionState {
  /** The program's prompt came back: the command is done ({@link ExecutionStatus#exitCode()} for shells). */
  FINISHED,
  /** The await's time ran out while the command was still going (a soft timeout: nothing was stopped). */
  RUNNING,
  /**
   * The pane printed nothing for {@link ExecutionOptions#noOutputTimeout()} during the await; the command
   * still runs.
   */
  NO_OUTPUT,
  /**
   * The command is blocked reading the terminal (a question, {@code read}, {@code input()}, {@code cat}
   * without arguments): type the answer with {@link Execution#send}. Known only on Linux, for programs
   * on this host (see {@link Execution}).
   */
  WAITING_FOR_INPUT,
  /** The session's own program exited (the pane is dead); {@link ExecutionStatus#exitCode()} is its status. */
  PROGRAM_EXITED
}

package io.github.tmux4j;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What {@link Execution#interrupt()} did, step by step, and where the command stood afterwards.
 *
 * @param steps what was sent, in order; each step was only taken if the prompt had not come back
 *     within {@link ExecutionOptions#interruptGrace()} of the one before
 * @param processGroup the foreground process group of the pane's terminal that signals went to, or
 *     would have gone to (empty where {@code /proc} cannot tell)
 * @param status the execution's status after the last step: {@link ExecutionState#FINISHED} (or
 *     {@link ExecutionState#PROGRAM_EXITED}) if the interrupt worked
 */
public record Interruption(List<Step> steps, OptionalLong processGroup, ExecutionStatus status) {

  /** Validates and copies the components. */
  public Interruption {
    steps = List.copyOf(steps);
    Objects.requireNonNull(processGroup, "processGroup");
    Objects.requireNonNull(status, "status");
  }

  /**
   * Whether the command stopped: the prompt came back or the program exited.
   *
   * @return {@code true} if the execution is done
   */
  public boolean stopped() {
    return status.done();
  }

  /** One step of an interrupt, in the order they are tried. */
  public enum Step {
    /** Ctrl-C typed into the pane (SIGINT through the terminal, or a program's own Ctrl-C handling). */
    CTRL_C,
    /** Ctrl-\ typed into the pane (SIGQUIT through the terminal). */
    CTRL_BACKSLASH,
    /** SIGINT sent to the foreground process group (Linux). */
    SIGINT,
    /** SIGTERM sent to the foreground process group (Linux). */
    SIGTERM,
    /** SIGKILL sent to the foreground process group (Linux). */
    SIGKILL
  }
}

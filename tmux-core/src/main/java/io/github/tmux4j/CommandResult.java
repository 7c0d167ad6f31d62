package io.github.tmux4j;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * What {@link Session#run} returns: the output of one command, without the echo of the command and
 * without the prompt that followed it.
 *
 * @param command the command as sent
 * @param output the command's output; lines separated by {@code \n}, trailing whitespace of each line
 *     removed, no trailing newline
 * @param elapsed the time from sending the command to seeing the next prompt
 * @param exitCode the command's exit code, when the prompt reports one (shell sessions do)
 */
public record CommandResult(String command, String output, Duration elapsed, OptionalInt exitCode) {

  /** Validates the components. */
  public CommandResult {
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(elapsed, "elapsed");
    Objects.requireNonNull(exitCode, "exitCode");
  }

  /**
   * The output split into lines.
   *
   * @return the lines, empty if there was no output
   */
  public List<String> lines() {
    return output.isEmpty() ? List.of() : List.of(output.split("\n", -1));
  }
}

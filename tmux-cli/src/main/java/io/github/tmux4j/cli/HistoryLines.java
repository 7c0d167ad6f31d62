package io.github.tmux4j.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * The {@code -l/--lines N} option of the commands that read the pane ({@code capture-clean},
 * {@code monitor-pane}, {@code wait-for-text}): how many lines of the pane's history above the screen to
 * read as well. Not negative; the check is made when the command asks for the value, so a bad value is a
 * usage error (exit 2) at the same point for every command.
 *
 * <p>Its default is the command's own, given where the command declares the mixin, and shown by
 * {@code --help}:
 *
 * <pre>{@code final HistoryLines lines = HistoryLines.byDefault(1000);}</pre>
 */
final class HistoryLines {
  /** The command that takes the option, for its usage error. */
  private CommandSpec spec;

  private int lines;

  private HistoryLines(int defaultLines) {
    lines = defaultLines;
  }

  /**
   * The option with a default.
   *
   * @param defaultLines the command's default, not negative
   * @return the mixin
   */
  static HistoryLines byDefault(int defaultLines) {
    return new HistoryLines(defaultLines);
  }

  /**
   * The option's model, to add to {@code command} with {@link CommandSpec#addMixin}.
   *
   * @param command the command taking the option
   * @return the mixin
   */
  CommandSpec mixin(CommandSpec command) {
    this.spec = command;
    return Specs.mixin(this).addOption(Specs.option(int.class, Specs.Binding.of(() -> lines, v -> lines = v), "-l",
        "--lines").paramLabel("N")
        .description("Lines of history to include above the screen (default: ${DEFAULT-VALUE}).").build());
  }

  /**
   * The number of lines: the value given, or the command's default.
   *
   * @return the number, not negative
   * @throws ParameterException (exit 2) if the value given is negative
   */
  int value() {
    if (lines < 0) {
      throw new ParameterException(spec.commandLine(), "-l/--lines must not be negative, got " + lines);
    }
    return lines;
  }
}

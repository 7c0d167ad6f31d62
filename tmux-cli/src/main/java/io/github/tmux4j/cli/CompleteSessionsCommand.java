package io.github.tmux4j.cli;

import io.github.tmux4j.spi.SessionRecord;
import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The hidden {@code __complete-sessions} command: the registered session names, one per line, read from
 * the registry only (no tmux command). Completion scripts of earlier versions call it; the current one
 * reads the registry in the shell ({@link SessionNameCompletion}).
 */
final class CompleteSessionsCommand implements CliCommand {
  /** The command's name. */
  static final String NAME = "__complete-sessions";

  private final CliContext context;

  CompleteSessionsCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public CommandSpec spec() {
    CommandSpec spec = Specs.command(this, NAME,
        "Print the registered session names, one per line (for shell completion).");
    spec.usageMessage().hidden(true);
    return spec;
  }

  @Override
  public Integer call() {
    PrintWriter out = context.out();
    for (SessionRecord record : context.client().registry().list()) {
      out.println(record.name());
    }
    return ExitCodes.OK;
  }
}

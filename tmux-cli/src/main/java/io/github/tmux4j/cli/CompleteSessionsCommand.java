package io.github.tmux4j.cli;

import io.github.tmux4j.spi.SessionRecord;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * The hidden {@code __complete-sessions} command: the registered session names, one per line, read from
 * the registry only (no tmux command). Completion scripts of earlier versions call it; the current one
 * reads the registry in the shell ({@link SessionNameCompletion}).
 */
@Command(name = CompleteSessionsCommand.NAME, hidden = true,
    description = "Print the registered session names, one per line (for shell completion).")
final class CompleteSessionsCommand implements Callable<Integer> {
  /** The command's name. */
  static final String NAME = "__complete-sessions";

  @ParentCommand
  private Tmux4jCli root;

  @Override
  public Integer call() {
    PrintWriter out = root.context().out();
    for (SessionRecord record : root.context().client().registry().list()) {
      out.println(record.name());
    }
    return ExitCodes.OK;
  }
}

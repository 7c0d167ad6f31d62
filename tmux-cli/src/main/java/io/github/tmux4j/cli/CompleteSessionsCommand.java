package io.github.tmux4j.cli;

import io.github.tmux4j.spi.SessionRecord;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * The hidden {@code __complete-sessions} command the completion script calls: the registered session
 * names, one per line. It reads only the registry (no tmux command), so TAB stays fast.
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

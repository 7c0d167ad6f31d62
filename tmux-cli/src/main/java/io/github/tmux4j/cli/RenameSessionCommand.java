package io.github.tmux4j.cli;

import io.github.tmux4j.Session;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code tmux4j rename-session -s OLD -n NEW}: renames a registered session in tmux and in the registry
 * together.
 */
@Command(name = "rename-session", mixinStandardHelpOptions = true,
    description = "Rename a registered session, in tmux and in the registry.",
    footer = {"", "Exit codes: 0 renamed, 1 not registered or gone, 2 bad input or the new name is taken."})
final class RenameSessionCommand implements Callable<Integer> {
  @ParentCommand
  private Tmux4jCli root;

  @Option(names = {"-s", "--session"}, required = true, paramLabel = "OLD",
      completionCandidates = SessionNameCandidates.class, description = "Current session name.")
  String oldName;

  @Option(names = {"-n", "--name"}, required = true, paramLabel = "NEW", description = "New session name.")
  String newName;

  @Override
  public Integer call() {
    Session session = root.context().client().session(oldName).orElseThrow(() -> new CliException(
        ExitCodes.FAILURE, "Session '" + oldName + "' is not registered; see 'tmux4j list-sessions'"));
    session.rename(newName);
    root.context().out().println("Renamed session '" + oldName + "' to '" + newName + "'.");
    return ExitCodes.OK;
  }
}

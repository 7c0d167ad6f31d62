package io.github.tmux4j.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code tmux4j rename-session -s NAME -n NEW}: renames a registered session in tmux and in the registry
 * together.
 */
@Command(name = RenameSessionCommand.NAME, mixinStandardHelpOptions = true,
    description = "Rename a registered session, in tmux and in the registry.",
    footer = {"", "Exit codes: 0 renamed, 1 not registered or gone, 2 bad input or the new name is taken."})
final class RenameSessionCommand implements Callable<Integer> {
  /** The command's name. */
  static final String NAME = "rename-session";

  @ParentCommand
  private Tmux4jCli root;

  @Mixin
  RegisteredSession registered;

  @Option(names = {"-n", "--name"}, required = true, paramLabel = "NEW", description = "New session name.")
  String newName;

  @Mixin
  JsonOption output;

  @Override
  public Integer call() {
    registered.find(root.context()).rename(newName);
    if (output.jsonOutput()) {
      ObjectNode json = Json.object();
      json.put("name", newName);
      json.put("previous_name", registered.name);
      root.context().out().println(Json.write(json));
    } else {
      root.context().out().println("Renamed session '" + registered.name + "' to '" + newName + "'.");
    }
    return ExitCodes.OK;
  }
}

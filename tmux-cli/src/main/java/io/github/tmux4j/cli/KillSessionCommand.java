package io.github.tmux4j.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/**
 * {@code tmux4j kill-session -s NAME}: kills a registered session and removes its record, as one
 * operation; a record whose session is already gone is just removed.
 */
@Command(name = KillSessionCommand.NAME, mixinStandardHelpOptions = true,
    description = "Kill a registered session and remove it from the registry.",
    footer = {"", "Exit codes: 0 killed, 1 not registered, 2 bad input."})
final class KillSessionCommand implements Callable<Integer> {
  /** The command's name. */
  static final String NAME = "kill-session";

  @ParentCommand
  private Tmux4jCli root;

  @Mixin
  RegisteredSession registered;

  @Mixin
  JsonOption output;

  @Override
  public Integer call() {
    if (!root.context().client().kill(registered.name)) {
      throw RegisteredSession.notRegistered(registered.name);
    }
    if (output.jsonOutput()) {
      ObjectNode json = Json.object();
      json.put("name", registered.name);
      json.put("killed", true);
      root.context().out().println(Json.write(json));
    } else {
      root.context().out().println("Killed session '" + registered.name + "' and removed it from the registry.");
    }
    return ExitCodes.OK;
  }
}

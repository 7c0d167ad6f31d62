package io.github.tmux4j.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code tmux4j kill-session -s NAME}: kills a registered session and removes its record, as one
 * operation; a record whose session is already gone is just removed.
 */
final class KillSessionCommand implements CliCommand {
  /** The command's name. */
  static final String NAME = "kill-session";

  private final CliContext context;

  final RegisteredSession registered = new RegisteredSession();

  final JsonOption output = new JsonOption();

  KillSessionCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public CommandSpec spec() {
    CommandSpec spec = Specs.command(this, NAME, "Kill a registered session and remove it from the registry.");
    spec.usageMessage().footer("", "Exit codes: 0 killed, 1 not registered, 2 bad input.");
    return Specs.withStandardHelp(spec.addMixin("registered", registered.mixin()).addMixin("output", output.mixin()));
  }

  @Override
  public Integer call() {
    if (!context.client().kill(registered.name)) {
      throw RegisteredSession.notRegistered(registered.name);
    }
    if (output.jsonOutput()) {
      ObjectNode json = Json.object();
      json.put("name", registered.name);
      json.put("killed", true);
      context.out().println(Json.write(json));
    } else {
      context.out().println("Killed session '" + registered.name + "' and removed it from the registry.");
    }
    return ExitCodes.OK;
  }
}

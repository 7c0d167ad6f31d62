package io.github.tmux4j.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code tmux4j rename-session -s NAME -n NEW}: renames a registered session in tmux and in the registry
 * together.
 */
final class RenameSessionCommand implements CliCommand {
  /** The command's name. */
  static final String NAME = "rename-session";

  private final CliContext context;

  final RegisteredSession registered = new RegisteredSession();

  String newName;

  final JsonOption output = new JsonOption();

  RenameSessionCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public CommandSpec spec() {
    CommandSpec spec = Specs.command(this, NAME, "Rename a registered session, in tmux and in the registry.");
    spec.usageMessage().footer("", "Exit codes: 0 renamed, 1 not registered or gone, 2 bad input or the new name is "
        + "taken.");
    return Specs.withStandardHelp(spec.addMixin("registered", registered.mixin())
        .addOption(Specs.option(String.class, Specs.Binding.of(() -> newName, v -> newName = v), "-n", "--name")
            .required(true).paramLabel("NEW").description("New session name.").build())
        .addMixin("output", output.mixin()));
  }

  @Override
  public Integer call() {
    registered.find(context).rename(newName);
    if (output.jsonOutput()) {
      ObjectNode json = Json.object();
      json.put("name", newName);
      json.put("previous_name", registered.name);
      context.out().println(Json.write(json));
    } else {
      context.out().println("Renamed session '" + registered.name + "' to '" + newName + "'.");
    }
    return ExitCodes.OK;
  }
}

package io.github.tmux4j.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.tmux4j.Session;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code tmux4j quarantine-session -s NAME [--release]}: keeps a broken session for forensics (renamed
 * {@code NAME-quarantined-<time>}, its pane and output untouched, spared by cleanup), so that its name is
 * free for a new session; {@code --release} lets cleanup remove it again.
 */
final class QuarantineSessionCommand implements CliCommand {
  /** The command's name. */
  static final String NAME = "quarantine-session";

  private final CliContext context;

  final RegisteredSession registered = new RegisteredSession();

  boolean release;

  final JsonOption output = new JsonOption();

  QuarantineSessionCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public CommandSpec spec() {
    CommandSpec spec = Specs.command(this, NAME, "Keep a (crashed) session for forensics: rename it "
        + "NAME-quarantined-<time>, spared by cleanup-sessions.", "With --release, end the quarantine of a "
        + "quarantined session.");
    spec.usageMessage().footer("", "Exit codes: 0 done, 1 not registered or gone, 2 bad input.");
    return Specs.withStandardHelp(spec.addMixin("registered", registered.mixin())
        .addOption(Specs.flag(Specs.Binding.of(() -> release, v -> release = v), "--release")
            .description("End the quarantine instead.").build())
        .addMixin("output", output.mixin()));
  }

  @Override
  public Integer call() {
    Session session = registered.find(context);
    Session after = release ? session.endQuarantine() : session.quarantine();
    if (output.jsonOutput()) {
      ObjectNode json = Json.object();
      json.put("name", after.name());
      json.put("previous_name", registered.name);
      json.put("quarantined", !release);
      context.out().println(Json.write(json));
    } else if (release) {
      context.out().println("Released session '" + registered.name + "' from quarantine.");
    } else {
      context.out().println(after.name());
    }
    return ExitCodes.OK;
  }
}

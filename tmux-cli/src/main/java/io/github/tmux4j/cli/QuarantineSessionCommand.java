package io.github.tmux4j.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.tmux4j.Session;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code tmux4j quarantine-session -s NAME [--release]}: keeps a broken session for forensics (renamed
 * {@code NAME-quarantined-<time>}, its pane and output untouched, spared by cleanup), so that its name is
 * free for a new session; {@code --release} lets cleanup remove it again.
 */
@Command(name = QuarantineSessionCommand.NAME, mixinStandardHelpOptions = true,
    description = {"Keep a (crashed) session for forensics: rename it NAME-quarantined-<time>, spared by "
        + "cleanup-sessions.", "With --release, end the quarantine of a quarantined session."},
    footer = {"", "Exit codes: 0 done, 1 not registered or gone, 2 bad input."})
final class QuarantineSessionCommand implements Callable<Integer> {
  /** The command's name. */
  static final String NAME = "quarantine-session";

  @ParentCommand
  private Tmux4jCli root;

  @Mixin
  RegisteredSession registered;

  @Option(names = "--release", description = "End the quarantine instead.")
  boolean release;

  @Mixin
  JsonOption output;

  @Override
  public Integer call() {
    Session session = registered.find(root.context());
    Session after = release ? session.endQuarantine() : session.quarantine();
    if (output.jsonOutput()) {
      ObjectNode json = Json.object();
      json.put("name", after.name());
      json.put("previous_name", registered.name);
      json.put("quarantined", !release);
      root.context().out().println(Json.write(json));
    } else if (release) {
      root.context().out().println("Released session '" + registered.name + "' from quarantine.");
    } else {
      root.context().out().println(after.name());
    }
    return ExitCodes.OK;
  }
}

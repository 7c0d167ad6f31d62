package io.github.tmux4j.cli;

import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code tmux4j restore-registry FILE}: replaces the registry with a copy made by
 * {@code backup-registry}, after checking that it is valid; the replaced registry is kept as the backup.
 */
final class RestoreRegistryCommand implements CliCommand {
  /** The command's name. */
  static final String NAME = "restore-registry";

  private final CliContext context;

  Path file;

  final JsonOption output = new JsonOption();

  RestoreRegistryCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public CommandSpec spec() {
    return Specs.withStandardHelp(Specs.command(this, NAME,
            "Replace the session registry with FILE (a copy from backup-registry), checked first.",
            "Run 'tmux4j reconcile-registry --report' afterwards to see which restored sessions still exist.")
        .addPositional(Specs.parameter(Path.class, Specs.Binding.of(() -> file, v -> file = v), "0").paramLabel("FILE")
            .description("The copy to restore.").build())
        .addMixin("output", output.mixin()));
  }

  @Override
  public Integer call() {
    int records = context.fileRegistry().restore(file);
    if (output.jsonOutput()) {
      context.out().println(Json.write(BackupRegistryCommand.toJson(file, records)));
    } else {
      context.out().println("Restored " + records + " session(s) from " + file.toAbsolutePath());
    }
    return ExitCodes.OK;
  }
}

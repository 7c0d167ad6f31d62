package io.github.tmux4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code tmux4j restore-registry FILE}: replaces the registry with a copy made by
 * {@code backup-registry}, after checking that it is valid; the replaced registry is kept as the backup.
 */
@Command(name = RestoreRegistryCommand.NAME, mixinStandardHelpOptions = true,
    description = {"Replace the session registry with FILE (a copy from backup-registry), checked first.",
        "Run 'tmux4j reconcile-registry --report' afterwards to see which restored sessions still exist."})
final class RestoreRegistryCommand implements Callable<Integer> {
  /** The command's name. */
  static final String NAME = "restore-registry";

  @ParentCommand
  private Tmux4jCli root;

  @Parameters(index = "0", paramLabel = "FILE", description = "The copy to restore.")
  Path file;

  @Mixin
  JsonOption output;

  @Override
  public Integer call() {
    int records = root.context().fileRegistry().restore(file);
    if (output.jsonOutput()) {
      root.context().out().println(Json.write(BackupRegistryCommand.toJson(file, records)));
    } else {
      root.context().out().println("Restored " + records + " session(s) from " + file.toAbsolutePath());
    }
    return ExitCodes.OK;
  }
}

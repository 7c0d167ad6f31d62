package io.github.tmux4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code tmux4j backup-registry FILE}: copies the registry file, checked to be valid, to FILE (mode 0600). */
@Command(name = BackupRegistryCommand.NAME, mixinStandardHelpOptions = true,
    description = "Copy the session registry to FILE (checked to be valid first).")
final class BackupRegistryCommand implements Callable<Integer> {
  /** The command's name. */
  static final String NAME = "backup-registry";

  @ParentCommand
  private Tmux4jCli root;

  @Parameters(index = "0", paramLabel = "FILE", description = "Where to write the copy.")
  Path file;

  @Override
  public Integer call() {
    int records = root.context().fileRegistry().backup(file);
    root.context().out().println("Backed up " + records + " session(s) to " + file.toAbsolutePath());
    return ExitCodes.OK;
  }
}

package io.github.tmux4j.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

  @Mixin
  JsonOption output;

  @Override
  public Integer call() {
    int records = root.context().fileRegistry().backup(file);
    if (output.jsonOutput()) {
      root.context().out().println(Json.write(BackupRegistryCommand.toJson(file, records)));
    } else {
      root.context().out().println("Backed up " + records + " session(s) to " + file.toAbsolutePath());
    }
    return ExitCodes.OK;
  }

  /**
   * The JSON of {@code backup-registry} and {@code restore-registry}: the copy and how many sessions it
   * holds.
   *
   * @param file the copy written or read
   * @param records how many records it holds
   * @return {@code {"file": "/abs/path", "sessions": n}}
   */
  static ObjectNode toJson(Path file, int records) {
    ObjectNode json = Json.object();
    json.put("file", file.toAbsolutePath().toString());
    json.put("sessions", records);
    return json;
  }
}

package io.github.tmux4j.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;

/** {@code tmux4j backup-registry FILE}: copies the registry file, checked to be valid, to FILE (mode 0600). */
final class BackupRegistryCommand implements CliCommand {
  /** The command's name. */
  static final String NAME = "backup-registry";

  private final CliContext context;

  Path file;

  final JsonOption output = new JsonOption();

  BackupRegistryCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public CommandSpec spec() {
    return Specs.withStandardHelp(Specs.command(this, NAME, "Copy the session registry to FILE (checked to be valid "
        + "first).")
        .addPositional(Specs.parameter(Path.class, Specs.Binding.of(() -> file, v -> file = v), "0").paramLabel("FILE")
            .description("Where to write the copy.").build())
        .addMixin("output", output.mixin()));
  }

  @Override
  public Integer call() {
    int records = context.fileRegistry().backup(file);
    if (output.jsonOutput()) {
      context.out().println(Json.write(BackupRegistryCommand.toJson(file, records)));
    } else {
      context.out().println("Backed up " + records + " session(s) to " + file.toAbsolutePath());
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

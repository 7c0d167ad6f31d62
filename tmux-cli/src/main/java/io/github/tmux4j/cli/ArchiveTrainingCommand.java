package io.github.tmux4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * The hidden {@code __archive-training DIR} command: the run the launcher records its class-data-sharing
 * archive from ({@code -XX:ArchiveClassesAtExit}), so that the archive holds the classes of the common
 * commands on a live session, not only those of one command on an empty registry.
 *
 * <p>In a socket directory of its own ({@code DIR}, which must hold no registry), it runs, as a user
 * would and in this one JVM, {@code list-sessions}, {@code create-session --shell}, {@code list-sessions}
 * (text and JSON), {@code pane-health}, {@code safe-send -w}, {@code capture-clean --json} and
 * {@code kill-session}, their output discarded, and ends the tmux server it started. A step that fails
 * (no tmux installed) does not stop the others: the archive then holds fewer classes. Prints what each
 * step returned.
 */
final class ArchiveTrainingCommand implements CliCommand {
  /** The command's name. */
  static final String NAME = "__archive-training";

  private static final String SESSION = "tmux4j-archive-training";

  private CommandSpec spec;

  Path dir;

  @Override
  public CommandSpec spec() {
    spec = Specs.command(this, NAME,
        "Run the common commands on a throwaway session in DIR (for the launcher's class archive).");
    spec.usageMessage().hidden(true);
    return spec.addPositional(Specs.parameter(Path.class, Specs.Binding.of(() -> dir, v -> dir = v), "0")
        .paramLabel("DIR").description("An empty socket directory of its own.").build());
  }

  @Override
  public Integer call() throws IOException {
    if (Files.exists(dir.resolve(".sessions.json"))) {
      throw new ParameterException(spec.commandLine(), dir + " holds a registry; give an empty directory");
    }
    PrintWriter out = spec.commandLine().getOut();
    for (List<String> step : steps()) {
      StringWriter discarded = new StringWriter();
      PrintWriter sink = new PrintWriter(discarded, true);
      int code = Tmux4jCli.execute(new CliContext(sink, sink, dir), step.toArray(String[]::new));
      out.println("exit " + code + ": tmux4j " + String.join(" ", step));
    }
    endServer(dir.resolve("default"));
    return ExitCodes.OK;
  }

  /**
   * Ends the training's tmux server if a failed step left it running (killing the last session ends
   * it): {@code tmux -S SOCKET kill-server}, with tmux4j's tmux ({@code $TMUX4J_TMUX}, else {@code tmux}).
   */
  private static void endServer(Path socket) throws IOException {
    if (!Files.exists(socket)) {
      return;
    }
    String tmux = System.getenv().getOrDefault("TMUX4J_TMUX", "tmux");
    Process kill = new ProcessBuilder(tmux, "-S", socket.toString(), "kill-server")
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    try {
      if (!kill.waitFor(10, TimeUnit.SECONDS)) {
        kill.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The commands run, in order. */
  static List<List<String>> steps() {
    return List.of(
        List.of(ListSessionsCommand.NAME),
        List.of(CreateSessionCommand.NAME, "-n", SESSION, "--shell"),
        List.of(ListSessionsCommand.NAME),
        List.of(ListSessionsCommand.NAME, "--json"),
        List.of(PaneHealthCommand.NAME, "-s", SESSION),
        List.of(SafeSendCommand.NAME, "-s", SESSION, "-c", "echo trained", "-w", "^trained$", "-T", "10"),
        List.of(CaptureCleanCommand.NAME, "-s", SESSION, "--json"),
        List.of(KillSessionCommand.NAME, "-s", SESSION));
  }
}

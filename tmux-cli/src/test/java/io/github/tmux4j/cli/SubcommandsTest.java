package io.github.tmux4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@link Subcommands}: the catalogue agrees with the commands, and a run gets only what it needs. */
class SubcommandsTest {
  @TempDir Path dir;

  @Test
  void eachNameMakesTheCommandOfThatName() {
    for (String name : Subcommands.NAMES) {
      Object command = Subcommands.create(name);
      assertEquals(name, command.getClass().getAnnotation(Command.class).name(), command.getClass().getName());
    }
    assertEquals(Subcommands.NAMES.size(), Subcommands.NAMES.stream().distinct().count(), "no name twice");
    assertThrows(IllegalArgumentException.class, () -> Subcommands.create("no-such-command"));
  }

  @Test
  void aRunNamingACommandGetsOnlyThatCommand() {
    assertEquals(List.of("list-sessions"), subcommandsFor("list-sessions", "--json"));
    assertEquals(List.of("pane-health"), subcommandsFor("pane-health", "-s", "x"));
    assertEquals(List.of(CompleteSessionsCommand.NAME), subcommandsFor(CompleteSessionsCommand.NAME));
  }

  @Test
  void runsThatDescribeTheCommandsGetThemAllInHelpOrder() {
    for (String[] args : List.of(new String[0], new String[] {"--help"}, new String[] {"help", "safe-send"},
        new String[] {"completion", "bash"}, new String[] {"no-such-command"}, new String[] {"--version"})) {
      assertEquals(Subcommands.NAMES, subcommandsFor(args), List.of(args)::toString);
    }
  }

  @Test
  void anUnknownCommandIsStillAUsageError() {
    InProcess.Run r = InProcess.run(dir, "list-sesions");
    assertEquals(ExitCodes.USAGE, r.exitCode());
    assertEquals("tmux4j: Unmatched argument at index 0: 'list-sesions'", r.err().lines().findFirst().orElse(""));
  }

  private List<String> subcommandsFor(String... args) {
    PrintWriter sink = new PrintWriter(new StringWriter(), true);
    CommandLine root = Tmux4jCli.commandLine(new CliContext(sink, sink, dir), args);
    return List.copyOf(root.getSubcommands().keySet());
  }
}

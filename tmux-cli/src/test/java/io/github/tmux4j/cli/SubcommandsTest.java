package io.github.tmux4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.AnnotatedElement;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** {@link Subcommands}: the catalogue agrees with the commands, and a run gets only what it needs. */
class SubcommandsTest {
  @TempDir Path dir;

  @Test
  void eachNameMakesTheCommandOfThatName() {
    PrintWriter sink = new PrintWriter(new StringWriter(), true);
    CliContext context = new CliContext(sink, sink, dir);
    for (String name : Subcommands.NAMES) {
      CommandSpec spec = new CommandLine(Subcommands.create(name, context)).getCommandSpec();
      assertEquals(name, spec.name(), spec.userObject().getClass().getName());
    }
    assertEquals(Subcommands.NAMES.size(), Subcommands.NAMES.stream().distinct().count(), "no name twice");
    assertThrows(IllegalArgumentException.class, () -> Subcommands.create("no-such-command", context));
  }

  @Test
  void aCommandNamingItselfReadsNoAnnotation() {
    // The point of building the models in code (Specs): a run of a command reads no annotation. picocli
    // reads annotations through Class.getAnnotation and friends; a command object whose class carries
    // picocli annotations is the sign that someone went back to them.
    for (String name : Subcommands.NAMES) {
      if (name.equals(Subcommands.HELP)) {
        continue; // picocli's own command, added only to runs that need every command
      }
      PrintWriter sink = new PrintWriter(new StringWriter(), true);
      CommandSpec spec = (CommandSpec) Subcommands.create(name, new CliContext(sink, sink, dir));
      for (Object declaring : declaringObjects(spec)) {
        assertEquals(List.of(), picocliAnnotations(declaring.getClass()), name + ": " + declaring.getClass().getName());
      }
    }
    assertEquals(List.of(), picocliAnnotations(Tmux4jCli.class));
  }

  /** The command object and the objects of its mixins, in any depth (the standard help mixin has none). */
  private static List<Object> declaringObjects(CommandSpec spec) {
    List<Object> objects = new ArrayList<>();
    if (spec.userObject() != null) {
      objects.add(spec.userObject());
    }
    spec.mixins().values().forEach(mixin -> objects.addAll(declaringObjects(mixin)));
    return objects;
  }

  /** The picocli annotations on a class and on its fields and methods. */
  private static List<String> picocliAnnotations(Class<?> type) {
    List<AnnotatedElement> elements = new ArrayList<>(List.of(type));
    elements.addAll(List.of(type.getDeclaredFields()));
    elements.addAll(List.of(type.getDeclaredMethods()));
    return elements.stream().flatMap(e -> Arrays.stream(e.getAnnotations()))
        .map(a -> a.annotationType().getName()).filter(n -> n.startsWith("picocli.")).toList();
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

package io.github.tmux4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/**
 * The options several commands share are declared once, in a mixin each, so that an option has the same
 * names, parameter label, description and checks in every command that takes it. Read from picocli's
 * model of the whole command ({@link CommandSpec}), for every subcommand.
 */
class SharedOptionsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The commands that read or drive a session named by -s, or by -S/-t. */
  private static final Set<String> SESSION_TARGET_USERS =
      Set.of("safe-send", "wait-for-text", "pane-health", "monitor-pane", "capture-clean");

  /** Each mixin and the commands that take it; every other subcommand must not. */
  private static final Map<Class<?>, Set<String>> MIXIN_USERS = Map.of(
      SessionTarget.class, SESSION_TARGET_USERS,
      RegisteredSession.class, Set.of("kill-session", "rename-session", "quarantine-session"),
      TmuxSocket.class, union(SESSION_TARGET_USERS, Set.of("create-session")),
      Timeout.class, Set.of("create-session", "safe-send", "wait-for-text"),
      HistoryLines.class, Set.of("capture-clean", "monitor-pane", "wait-for-text"),
      TextOutput.class, Set.of("capture-clean", "monitor-pane"),
      // Every command that prints data; safe-send and wait-for-text print none (their exit code is the
      // answer), completion prints a script.
      JsonOption.class, Set.of("list-sessions", "cleanup-sessions", "reconcile-registry", "create-session",
          "pane-health", "kill-session", "rename-session", "quarantine-session", "capture-clean", "monitor-pane",
          "backup-registry", "restore-registry"));

  /**
   * Option names that deliberately mean different options in different commands, with the commands that
   * differ. Nothing else may be on this list.
   */
  private static final Map<String, Set<String>> KNOWN_HOMONYMS = Map.of(
      // safe-send's -l is the seed's --literal; -l is --lines in the commands that read the pane.
      "-l", Set.of("safe-send"),
      // The name of the new session (create-session) and the new name (rename-session, -n NEW).
      "-n", Set.of("create-session", "rename-session"),
      "--name", Set.of("create-session", "rename-session"));

  @TempDir Path dir;

  private Map<String, CommandSpec> subcommands;

  @BeforeEach
  void buildTheCommand() {
    PrintWriter sink = new PrintWriter(new StringWriter(), true);
    CommandLine root = Tmux4jCli.commandLine(new CliContext(sink, sink, dir));
    subcommands = new TreeMap<>();
    root.getSubcommands().forEach((name, cl) -> subcommands.put(name, cl.getCommandSpec()));
  }

  @Test
  void theCommandsAreTheOnesThisTestKnows() {
    Set<String> users = MIXIN_USERS.values().stream().flatMap(Set::stream).collect(Collectors.toSet());
    assertTrue(subcommands.keySet().containsAll(users), "every command named here exists: " + users);
    assertEquals(19, subcommands.size(), "a new command: decide which shared options it takes " + subcommands.keySet());
  }

  @Test
  void everySubcommandTakesExactlyTheSharedOptionsOfItsMixins() {
    MIXIN_USERS.forEach((mixin, users) -> {
      Map<String, List<String>> namesByCommand = new TreeMap<>();
      subcommands.forEach((name, command) -> {
        List<CommandSpec> found = mixinsOf(command).stream().filter(m -> mixin.isInstance(m.userObject())).toList();
        String what = name + " and " + mixin.getSimpleName();
        if (!users.contains(name)) {
          assertEquals(List.of(), found, what + ": the command does not take the mixin");
          return;
        }
        assertEquals(1, found.size(), what + ": the command takes the mixin once");
        List<OptionSpec> options = found.get(0).options();
        assertFalse(options.isEmpty(), what + ": the mixin declares options");
        for (OptionSpec option : options) {
          for (String optionName : option.names()) {
            assertSame(option, command.findOption(optionName), what + ": " + optionName + " is the mixin's");
          }
        }
        namesByCommand.put(name, options.stream().map(o -> String.join("/", o.names())).toList());
      });
      assertEquals(1, namesByCommand.values().stream().distinct().count(),
          mixin.getSimpleName() + " gives every command the same options: " + namesByCommand);
    });
  }

  @Test
  void anOptionNameMeansTheSameOptionInEveryCommand() {
    Map<String, Map<String, OptionSpec>> byName = new TreeMap<>();
    subcommands.forEach((command, spec) -> {
      if (spec.userObject() instanceof HelpCommand) {
        return; // picocli's own `help` command describes its -h differently
      }
      for (OptionSpec option : spec.options()) {
        for (String name : option.names()) {
          byName.computeIfAbsent(name, n -> new LinkedHashMap<>()).put(command, option);
        }
      }
    });
    List<String> differences = new ArrayList<>();
    byName.forEach((name, options) -> {
      Map<String, List<String>> variants = new TreeMap<>();
      options.forEach((command, option) -> variants.computeIfAbsent(shape(option), s -> new ArrayList<>())
          .add(command));
      Set<String> homonyms = KNOWN_HOMONYMS.getOrDefault(name, Set.of());
      long shapesElsewhere = options.entrySet().stream().filter(e -> !homonyms.contains(e.getKey()))
          .map(e -> shape(e.getValue())).distinct().count();
      if (shapesElsewhere > 1) {
        differences.add(name + " differs between commands: " + variants);
      }
    });
    assertEquals(List.of(), differences);
    KNOWN_HOMONYMS.keySet().forEach(name -> assertTrue(byName.containsKey(name), name + " is still used"));
  }

  @Test
  void theSessionNameHasOneDescriptionWhetherRequiredOrNot() {
    for (String command : union(MIXIN_USERS.get(SessionTarget.class), MIXIN_USERS.get(RegisteredSession.class))) {
      OptionSpec session = subcommands.get(command).findOption("--session");
      assertEquals(List.of("-s", "--session"), List.of(session.names()), command);
      assertEquals(List.of(RegisteredSession.DESCRIPTION), List.of(session.description()), command);
      assertEquals("NAME", session.paramLabel(), command);
      assertEquals(MIXIN_USERS.get(RegisteredSession.class).contains(command), session.required(), command);
      assertNotNull(session.completionCandidates(), command + ": -s completes registered names");
    }
  }

  @Test
  void sharedOptionsKeepEachCommandsDefault() {
    Map<String, String> timeouts = Map.of("create-session", "15", "safe-send", "30", "wait-for-text", "15");
    timeouts.forEach((command, seconds) -> {
      OptionSpec timeout = subcommands.get(command).findOption("-T");
      assertEquals(seconds, String.valueOf(timeout.initialValue()), command);
      assertTrue(String.join(" ", timeout.description()).endsWith("(default: " + seconds + ")."), command);
    });
    Map<String, Integer> lines = Map.of("capture-clean", 0, "monitor-pane", 0, "wait-for-text", 1000);
    lines.forEach((command, n) -> {
      OptionSpec history = subcommands.get(command).findOption("--lines");
      assertEquals(n, history.initialValue(), command);
      assertTrue(String.join(" ", history.description()).endsWith("(default: " + n + ")."), command);
    });
    for (String command : MIXIN_USERS.get(JsonOption.class)) {
      assertEquals(false, subcommands.get(command).findOption("--json").initialValue(), command);
    }
  }

  @Test
  void sharedChecksGiveTheSameUsageErrorInEveryCommand() {
    for (String command : MIXIN_USERS.get(HistoryLines.class)) {
      InProcess.Run r = command.equals("wait-for-text") ? run(command, "-s", "ghost", "-p", "x", "-l", "-1")
          : run(command, "-s", "ghost", "-l", "-1");
      assertEquals(2, r.exitCode(), command + ": " + r.err());
      assertTrue(r.err().startsWith("tmux4j " + command + ": -l/--lines must not be negative, got -1"), r.err());
    }
    for (String command : MIXIN_USERS.get(Timeout.class)) {
      InProcess.Run r = run(command, "-T", "0");
      assertEquals(2, r.exitCode(), command + ": " + r.err());
      assertTrue(r.err().startsWith("tmux4j " + command + ": Invalid value for option '--timeout': '0' must be more "
          + "than zero seconds"), r.err());
    }
  }

  @Test
  void jsonMakesEvenAUsageErrorJsonInEveryCommandThatTakesIt() throws Exception {
    for (String command : MIXIN_USERS.get(JsonOption.class)) {
      List<String> args = new ArrayList<>(REQUIRED_ARGUMENTS.getOrDefault(command, List.of(command)));
      args.addAll(List.of("--json", "--bogus"));
      InProcess.Run r = run(args.toArray(String[]::new));
      assertEquals(2, r.exitCode(), command);
      JsonNode error = JSON.readTree(r.out());
      assertTrue(error.get("error").asText().contains("--bogus"), command + ": " + r.out());
      assertEquals(2, error.get("exit_code").asInt(), command);
      if (!JSON_BY_DEFAULT.contains(command)) {
        args.remove("--json");
        assertEquals("", run(args.toArray(String[]::new)).out(), command + ": no JSON without --json");
      }
    }
  }

  /** The command and its required arguments, so that a bad option is the only thing wrong. */
  private static final Map<String, List<String>> REQUIRED_ARGUMENTS = Map.of(
      "create-session", List.of("create-session", "-n", "x"),
      "kill-session", List.of("kill-session", "-s", "x"),
      "rename-session", List.of("rename-session", "-s", "x", "-n", "y"),
      "quarantine-session", List.of("quarantine-session", "-s", "x"),
      "backup-registry", List.of("backup-registry", "copy.json"),
      "restore-registry", List.of("restore-registry", "copy.json"));

  /** The commands that print JSON without --json. */
  private static final Set<String> JSON_BY_DEFAULT = Set.of("create-session", "pane-health");

  private InProcess.Run run(String... args) {
    return InProcess.run(dir, args);
  }

  /** The mixins a command takes, and the mixins they take, in any depth. */
  private static List<CommandSpec> mixinsOf(CommandSpec command) {
    List<CommandSpec> all = new ArrayList<>();
    for (CommandSpec mixin : command.mixins().values()) {
      all.add(mixin);
      all.addAll(mixinsOf(mixin));
    }
    return all;
  }

  /**
   * What must be the same wherever an option name is used: all its names, parameter label, type, arity,
   * and its description as written (without the default a command puts in for {@code ${DEFAULT-VALUE}}).
   */
  private static String shape(OptionSpec option) {
    String description = String.join(" ", option.description());
    Object defaultValue = option.defaultValue() != null ? option.defaultValue() : option.initialValue();
    description = description.replace("(default: " + defaultValue + ")", "(default: ${DEFAULT-VALUE})");
    return List.of(option.names()) + " " + option.paramLabel() + " " + option.type().getSimpleName() + " "
        + option.arity() + " \"" + description + "\"";
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    return Stream.concat(a.stream(), b.stream()).collect(Collectors.toUnmodifiableSet());
  }
}

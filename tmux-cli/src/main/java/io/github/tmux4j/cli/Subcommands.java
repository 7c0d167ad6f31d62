package io.github.tmux4j.cli;

import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.HelpCommand;

/**
 * The subcommands of {@code tmux4j}, in the order {@code --help} lists them, and which of them one run
 * needs.
 *
 * <p>Each command builds its model in code ({@link Specs}); building all of them still costs a short
 * command time, so a run whose first argument names a command gets only that command: its parsing, help
 * and errors are the same, since they depend only on that command. Runs that need them all
 * ({@code help}, {@code completion}, no command, options of {@code tmux4j} itself, a name that is not a
 * command) get them all. Commands are created by constructor, not by reflection, and only the ones
 * added are loaded.
 *
 * <p>A new command is added to {@link #NAMES} and {@link #create}; {@code SubcommandsTest} checks
 * that the two agree with the commands' names.
 */
final class Subcommands {
  /** picocli's {@code help} command. */
  static final String HELP = "help";

  /** Every subcommand's name, in the order of {@code tmux4j --help}. */
  static final List<String> NAMES = List.of(
      CreateSessionCommand.NAME,
      ListSessionsCommand.NAME,
      SafeSendCommand.NAME,
      WaitForTextCommand.NAME,
      PaneHealthCommand.NAME,
      CleanupSessionsCommand.NAME,
      KillSessionCommand.NAME,
      RenameSessionCommand.NAME,
      QuarantineSessionCommand.NAME,
      MonitorPaneCommand.NAME,
      CaptureCleanCommand.NAME,
      ReconcileRegistryCommand.NAME,
      BackupRegistryCommand.NAME,
      RestoreRegistryCommand.NAME,
      McpCommand.NAME,
      CompletionCommand.NAME,
      CompleteSessionsCommand.NAME,
      ArchiveTrainingCommand.NAME,
      Subcommands.HELP);

  /**
   * The commands that do not open the default client: help, the completion script, and the archive
   * training, which works in a socket directory of its own.
   */
  private static final Set<String> WITHOUT_CLIENT = Set.of(HELP, CompletionCommand.NAME, ArchiveTrainingCommand.NAME);

  private Subcommands() {}

  /**
   * Adds to {@code root} the subcommands a run with these arguments needs.
   *
   * @param root the {@code tmux4j} command line, without subcommands
   * @param context the run's context, which the commands use
   * @param args the run's arguments
   */
  static void addFor(CommandLine root, CliContext context, String... args) {
    for (String name : neededBy(args)) {
      root.addSubcommand(name, create(name, context));
    }
  }

  /**
   * The subcommands a run needs: the one its first argument names, or all of them.
   *
   * @param args the run's arguments
   * @return the names, in {@link #NAMES} order
   */
  static List<String> neededBy(String... args) {
    if (args.length > 0 && NAMES.contains(args[0]) && !needsAll(args[0])) {
      return List.of(args[0]);
    }
    return NAMES;
  }

  /**
   * Whether a run with these arguments will use the default client: it names a command that works on
   * sessions or the registry, and does not ask for help or the version. {@code Tmux4jCli} then opens the
   * client while picocli parses. A wrong guess costs only time: a client opened for nothing is closed.
   *
   * @param args the run's arguments
   * @return {@code true} to open the client in the background
   */
  static boolean opensClient(String... args) {
    if (args.length == 0 || !NAMES.contains(args[0]) || WITHOUT_CLIENT.contains(args[0])) {
      return false;
    }
    for (String arg : args) {
      if (Specs.HELP_NAMES.contains(arg) || Specs.VERSION_NAMES.contains(arg)) {
        return false;
      }
    }
    return true;
  }

  /** {@code help} lists the commands and {@code completion} describes them all. */
  private static boolean needsAll(String name) {
    return name.equals(HELP) || name.equals(CompletionCommand.NAME);
  }

  /**
   * A new subcommand: its model, bound to a new instance of the command.
   *
   * @param name one of {@link #NAMES}
   * @param context the run's context, which the command uses
   * @return the model, or for {@code help} picocli's command object
   * @throws IllegalArgumentException if there is no such command
   */
  static Object create(String name, CliContext context) {
    return switch (name) {
      case CreateSessionCommand.NAME -> new CreateSessionCommand(context).spec();
      case ListSessionsCommand.NAME -> new ListSessionsCommand(context).spec();
      case SafeSendCommand.NAME -> new SafeSendCommand(context).spec();
      case WaitForTextCommand.NAME -> new WaitForTextCommand(context).spec();
      case PaneHealthCommand.NAME -> new PaneHealthCommand(context).spec();
      case CleanupSessionsCommand.NAME -> new CleanupSessionsCommand(context).spec();
      case KillSessionCommand.NAME -> new KillSessionCommand(context).spec();
      case RenameSessionCommand.NAME -> new RenameSessionCommand(context).spec();
      case QuarantineSessionCommand.NAME -> new QuarantineSessionCommand(context).spec();
      case MonitorPaneCommand.NAME -> new MonitorPaneCommand(context).spec();
      case CaptureCleanCommand.NAME -> new CaptureCleanCommand(context).spec();
      case ReconcileRegistryCommand.NAME -> new ReconcileRegistryCommand(context).spec();
      case BackupRegistryCommand.NAME -> new BackupRegistryCommand(context).spec();
      case RestoreRegistryCommand.NAME -> new RestoreRegistryCommand(context).spec();
      case McpCommand.NAME -> new McpCommand(context).spec();
      case CompletionCommand.NAME -> new CompletionCommand().spec();
      case CompleteSessionsCommand.NAME -> new CompleteSessionsCommand(context).spec();
      case ArchiveTrainingCommand.NAME -> new ArchiveTrainingCommand().spec();
      // picocli's own command, built from its annotations: only runs that need every command add it.
      case HELP -> new HelpCommand();
      default -> throw new IllegalArgumentException("No such command: " + name);
    };
  }
}

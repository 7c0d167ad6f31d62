package io.github.tmux4j.cli;

import io.github.tmux4j.Session;
import io.github.tmux4j.SessionDeadException;
import io.github.tmux4j.WaitTimeoutException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code tmux4j wait-for-text -s NAME -p PATTERN [-T SECONDS]}: waits until a pattern appears in the
 * pane: in its last {@code -l} lines already, or in what it prints next. Read-only.
 */
@Command(name = "wait-for-text", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Wait until a pattern appears in a session's pane (already there, or printed later).",
    footer = {"", "Exit codes: 0 found, 1 timed out (the last lines seen go to standard error), the session "
        + "ended, or it is not registered, 2 bad input."})
final class WaitForTextCommand implements Callable<Integer> {
  /** How many of the last lines seen a timeout shows. */
  private static final int SHOWN_LINES = 15;

  @Spec
  private CommandSpec spec;

  @ParentCommand
  private Tmux4jCli root;

  @Mixin
  SessionTarget target;

  @Option(names = {"-p", "--pattern"}, required = true, paramLabel = "PATTERN",
      description = "Regular expression to wait for (^ and $ match at line ends).")
  String pattern;

  @Option(names = {"-F", "--fixed"}, description = "Treat the pattern as a fixed string.")
  boolean fixed;

  @Option(names = {"-T", "--timeout"}, paramLabel = "SECONDS", defaultValue = "15",
      converter = Converters.SecondsConverter.class, description = "How long to wait (default: 15).")
  Duration timeout;

  @Option(names = {"-l", "--lines"}, paramLabel = "N", defaultValue = "1000",
      description = "Lines of history to search besides the screen (default: 1000).")
  int lines;

  @Override
  public Integer call() {
    Converters.requireNonNegativeLines(spec, lines);
    Pattern regex = Pattern.compile(fixed ? Pattern.quote(pattern) : pattern, Pattern.MULTILINE);
    Session session = target.resolve(root.context());
    if (regex.matcher(session.capture().history(lines).joinWrapped().text()).find()) {
      return ExitCodes.OK;
    }
    try {
      session.waitFor(regex, timeout);
      return ExitCodes.OK;
    } catch (WaitTimeoutException e) {
      PrintWriter err = root.context().err();
      err.println(spec.qualifiedName() + ": Timed out after " + TimeText.seconds(timeout) + " waiting for pattern '"
          + pattern + "' in session '" + session.name() + "'. Last lines seen:");
      lastLines(e.lastScreen(), SHOWN_LINES).forEach(line -> err.println("  | " + line));
      return ExitCodes.FAILURE;
    } catch (SessionDeadException e) {
      throw new CliException(ExitCodes.FAILURE, Failures.oneLine(e.getMessage()), e);
    }
  }

  /** The last {@code n} lines of a screen, trailing blank lines left out. */
  static List<String> lastLines(String screen, int n) {
    List<String> all = screen.stripTrailing().lines().toList();
    return all.subList(Math.max(0, all.size() - n), all.size());
  }
}

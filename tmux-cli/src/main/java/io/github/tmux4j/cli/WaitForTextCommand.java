package io.github.tmux4j.cli;

import io.github.tmux4j.Session;
import io.github.tmux4j.SessionDeadException;
import io.github.tmux4j.WaitTimeoutException;
import java.io.PrintWriter;
import java.util.List;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code tmux4j wait-for-text -s NAME -p PATTERN [-T SECONDS]}: waits until a pattern appears in the
 * pane: in its last {@code -l} lines already, or in what it prints next. Read-only.
 */
final class WaitForTextCommand implements CliCommand {
  /** The command's name. */
  static final String NAME = "wait-for-text";

  /** How many of the last lines seen a timeout shows. */
  private static final int SHOWN_LINES = 15;

  private CommandSpec spec;

  private final CliContext context;

  final SessionTarget target = new SessionTarget();

  String pattern;

  boolean fixed;

  final Timeout timeout = Timeout.seconds(15);

  final HistoryLines lines = HistoryLines.byDefault(1000);

  WaitForTextCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public CommandSpec spec() {
    spec = Specs.command(this, NAME, "Wait until a pattern appears in a session's pane (already there, or printed "
        + "later).");
    spec.usageMessage().sortOptions(false).footer("", "Exit codes: 0 found, 1 timed out (the last lines seen go to "
        + "standard error), the session ended, or it is not registered, 2 bad input.");
    return Specs.withStandardHelp(spec.addMixin("target", target.mixin(spec))
        .addOption(Specs.option(String.class, Specs.Binding.of(() -> pattern, v -> pattern = v), "-p", "--pattern")
            .required(true).paramLabel("PATTERN")
            .description("Regular expression to wait for (^ and $ match at line ends).").build())
        .addOption(Specs.flag(Specs.Binding.of(() -> fixed, v -> fixed = v), "-F", "--fixed")
            .description("Treat the pattern as a fixed string.").build())
        .addMixin("timeout", timeout.mixin()).addMixin("lines", lines.mixin(spec)));
  }

  @Override
  public Integer call() {
    int history = lines.value();
    Pattern regex = Pattern.compile(fixed ? Pattern.quote(pattern) : pattern, Pattern.MULTILINE);
    Session session = target.resolve(context);
    if (regex.matcher(session.capture().history(history).joinWrapped().text()).find()) {
      return ExitCodes.OK;
    }
    try {
      session.waitFor(regex, timeout.duration());
      return ExitCodes.OK;
    } catch (WaitTimeoutException e) {
      PrintWriter err = context.err();
      err.println(spec.qualifiedName() + ": Timed out after " + TimeText.seconds(timeout.duration())
          + " waiting for pattern '" + pattern + "' in session '" + session.name() + "'. Last lines seen:");
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

package io.github.tmux4j.cli;

import io.github.tmux4j.Capture;
import io.github.tmux4j.Session;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/**
 * {@code tmux4j capture-clean -s NAME [--strip-ansi] [--timestamps] [-l LINES]}: prints what the pane
 * shows (and {@code -l} lines of history above it), wrapped lines joined and trailing blanks removed,
 * ready for a log file. Read-only.
 */
@Command(name = CaptureCleanCommand.NAME, mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Print a session's screen (and history) as clean text for logs and evidence.",
        "Colours are kept unless --strip-ansi is given."})
final class CaptureCleanCommand implements Callable<Integer> {
  /** The command's name. */
  static final String NAME = "capture-clean";

  @ParentCommand
  private Tmux4jCli root;

  @Mixin
  SessionTarget target;

  @Mixin
  TextOutput text;

  @Mixin
  HistoryLines lines = HistoryLines.byDefault(0);

  @Override
  public Integer call() {
    int history = lines.value();
    Session session = target.resolve(root.context());
    Capture capture = session.capture().history(history).joinWrapped();
    capture = text.stripAnsi ? capture.stripAnsi() : capture.withAnsi();
    print(capture.lines(), text.captureTime(), root.context().out());
    return ExitCodes.OK;
  }

  /**
   * Prints captured lines, each prefixed with {@code time} and a space when it is given.
   *
   * @param lines the lines
   * @param time the capture time, or {@code null} for no prefix
   * @param out where to print
   */
  static void print(List<String> lines, Instant time, PrintWriter out) {
    String prefix = time == null ? "" : time + " ";
    for (String line : lines) {
      out.println(prefix + line);
    }
  }
}

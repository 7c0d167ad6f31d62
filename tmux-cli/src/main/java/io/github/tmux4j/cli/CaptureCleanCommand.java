package io.github.tmux4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.tmux4j.Capture;
import io.github.tmux4j.Session;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code tmux4j capture-clean -s NAME [--strip-ansi] [--timestamps] [-l LINES]}: prints what the pane
 * shows (and {@code -l} lines of history above it), wrapped lines joined and trailing blanks removed,
 * ready for a log file. Read-only.
 */
final class CaptureCleanCommand implements CliCommand {
  /** The command's name. */
  static final String NAME = "capture-clean";

  private final CliContext context;

  final SessionTarget target = new SessionTarget();

  final TextOutput text = new TextOutput();

  final HistoryLines lines = HistoryLines.byDefault(0);

  final JsonOption output = new JsonOption();

  CaptureCleanCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public CommandSpec spec() {
    CommandSpec spec = Specs.command(this, NAME,
        "Print a session's screen (and history) as clean text for logs and evidence.",
        "Colours are kept unless --strip-ansi is given.");
    spec.usageMessage().sortOptions(false);
    return Specs.withStandardHelp(spec.addMixin("target", target.mixin(spec)).addMixin("text", text.mixin())
        .addMixin("lines", lines.mixin(spec)).addMixin("output", output.mixin()));
  }

  @Override
  public Integer call() {
    int history = lines.value();
    Session session = target.resolve(context);
    Capture capture = session.capture().history(history).joinWrapped();
    capture = text.stripAnsi ? capture.stripAnsi() : capture.withAnsi();
    if (output.jsonOutput()) {
      context.out().println(Json.write(toJson(session, capture.lines(), Instant.now())));
    } else {
      print(capture.lines(), text.captureTime(), context.out());
    }
    return ExitCodes.OK;
  }

  /**
   * The JSON of {@code capture-clean}: the session, when it was captured, and its lines.
   *
   * @param session the session captured
   * @param lines the lines, oldest first
   * @param capturedAt when
   * @return {@code {"name", "target", "captured_at", "lines": [...]}}
   */
  static ObjectNode toJson(Session session, List<String> lines, Instant capturedAt) {
    ObjectNode json = Json.object();
    json.put("name", session.name());
    json.put("target", session.target());
    json.put("captured_at", Json.time(capturedAt));
    ArrayNode array = json.putArray("lines");
    lines.forEach(array::add);
    return json;
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

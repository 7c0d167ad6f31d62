package io.github.tmux4j.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.tmux4j.Capture;
import io.github.tmux4j.OutputFeed;
import io.github.tmux4j.Session;
import io.github.tmux4j.Transport;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code tmux4j monitor-pane -s NAME [--follow]}: prints the session's screen (stamped with the capture
 * time with {@code --timestamps}, as {@code capture-clean} does); with {@code --follow},
 * prints each line the pane prints from now on as it completes (a live tail), until the session ends or
 * the command is interrupted. Read-only.
 */
final class MonitorPaneCommand implements CliCommand {
  /** The command's name. */
  static final String NAME = "monitor-pane";

  /** How long --follow waits for a line before checking that the session is still alive. */
  private static final Duration IDLE_CHECK = Duration.ofMillis(500);

  private final CliContext context;

  final SessionTarget target = new SessionTarget();

  boolean follow;

  final TextOutput text = new TextOutput();

  final HistoryLines lines = HistoryLines.byDefault(0);

  final JsonOption output = new JsonOption();

  MonitorPaneCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public CommandSpec spec() {
    CommandSpec spec = Specs.command(this, NAME, "Print a session's screen (and -l lines of history); with --follow "
        + "instead, print the lines it prints from now on until it ends (Ctrl-C stops).");
    spec.usageMessage().sortOptions(false);
    return Specs.withStandardHelp(spec.addMixin("target", target.mixin(spec))
        .addOption(Specs.flag(Specs.Binding.of(() -> follow, v -> follow = v), "-f", "--follow")
            .description("Follow the output as it is printed.").build())
        .addMixin("text", text.mixin()).addMixin("lines", lines.mixin(spec)).addMixin("output", output.mixin()));
  }

  @Override
  public Integer call() {
    int history = lines.value();
    PrintWriter out = context.out();
    if (!follow) {
      Session session = target.resolve(context);
      Capture capture = session.capture().history(history);
      if (text.stripAnsi) {
        capture = capture.stripAnsi();
      }
      if (output.jsonOutput()) {
        Instant now = Instant.now();
        capture.lines().forEach(line -> out.println(lineJson(now, line)));
      } else if (text.timestamps) {
        CaptureCleanCommand.print(capture.lines(), text.captureTime(), out); // as capture-clean stamps them
      } else {
        out.println(capture.text());
      }
      return ExitCodes.OK;
    }
    Session session = target.resolve(context, b -> b.transport(Transport.CONTROL_MODE));
    OutputFeed feed = session.output().lines();
    if (text.stripAnsi) {
      feed = feed.stripAnsi();
    }
    if (text.timestamps && !output.jsonOutput()) {
      feed = feed.timestamps(); // JSON has the time in a field
    }
    PrintWriter err = context.err();
    try (OutputFeed.OutputTail tail = feed.open()) {
      err.println("Following session '" + session.name() + "' (pane " + session.target() + "); Ctrl-C stops.");
      err.flush();
      while (!tail.finished()) {
        Optional<String> line = tail.next(IDLE_CHECK);
        if (line.isPresent()) {
          out.println(output.jsonOutput() ? lineJson(Instant.now(), line.get()) : line.get());
          out.flush();
          if (out.checkError()) {
            return ExitCodes.OK; // the reader went away (e.g. `| head`)
          }
        } else if (!tail.finished() && !session.health().isHealthy()) {
          drain(tail, out); // lines printed as it ended
          err.println("Session '" + session.name() + "' is " + session.health().state().jsonName() + "; stopped following.");
          break;
        }
      }
      if (tail.dropped() > 0) {
        err.println("(" + tail.dropped() + " lines were dropped because output came faster than it was printed)");
      }
    }
    out.flush();
    return ExitCodes.OK;
  }

  private void drain(OutputFeed.OutputTail tail, PrintWriter out) {
    for (Optional<String> line = tail.next(Duration.ofMillis(100)); line.isPresent();
        line = tail.next(Duration.ofMillis(100))) {
      out.println(output.jsonOutput() ? lineJson(Instant.now(), line.get()) : line.get());
    }
  }

  /**
   * One line of {@code monitor-pane --json}: JSON Lines, an object per line of the pane.
   *
   * @param time when the line was captured (or, with {@code --follow}, received)
   * @param line the line
   * @return {@code {"time": "...", "line": "..."}} on one line
   */
  static String lineJson(Instant time, String line) {
    ObjectNode json = Json.object();
    json.put("time", Json.time(time));
    json.put("line", line);
    return Json.writeCompact(json);
  }
}

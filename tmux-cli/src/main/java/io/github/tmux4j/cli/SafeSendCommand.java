package io.github.tmux4j.cli;

import dev.failsafe.RetryPolicy;
import dev.failsafe.RetryPolicyBuilder;
import io.github.tmux4j.Health;
import io.github.tmux4j.ServerNotRunningException;
import io.github.tmux4j.Session;
import io.github.tmux4j.SessionDeadException;
import io.github.tmux4j.SessionNotFoundException;
import io.github.tmux4j.TmuxException;
import io.github.tmux4j.WaitTimeoutException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * {@code tmux4j safe-send -s NAME -c CMD [-w PATTERN] [-T SECONDS] [-r RETRIES]}: checks that the session
 * is healthy, types the command literally and presses Enter (retrying failures tmux did not execute),
 * then optionally waits for a pattern in what the program printed after the command. Updates the
 * session's {@code last_active}.
 */
final class SafeSendCommand implements CliCommand {
  /** The command's name. */
  static final String NAME = "safe-send";

  private CommandSpec spec;

  private final CliContext context;

  final SessionTarget target = new SessionTarget();

  String command;

  String waitPattern;

  final Timeout timeout = Timeout.seconds(30);

  int retries;

  Duration interval;

  boolean literal;

  boolean multiline;

  boolean verbose;

  SafeSendCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public CommandSpec spec() {
    spec = Specs.command(this, NAME, "Send a command to a session, with a health check, retries and an optional "
        + "wait.");
    spec.usageMessage().sortOptions(false).footer("", "Exit codes (the seed's): 0 sent, 1 failed to send after the "
        + "retries, 2 timeout waiting for the -w pattern (or bad input), 3 pane not ready (not healthy, gone, or not "
        + "registered).");
    return Specs.withStandardHelp(spec.addMixin("target", target.mixin(spec))
        .addOption(Specs.option(String.class, Specs.Binding.of(() -> command, v -> command = v), "-c", "--command")
            .required(true).paramLabel("CMD").description("The command to type; \"\" just presses Enter.").build())
        .addOption(Specs.option(String.class, Specs.Binding.of(() -> waitPattern, v -> waitPattern = v), "-w", "--wait")
            .paramLabel("PATTERN")
            .description("After sending, wait (up to -T) for this regex in the output that follows the command.")
            .build())
        .addMixin("timeout", timeout.mixin())
        .addOption(Specs.option(int.class, Specs.Binding.of(() -> retries, v -> retries = v), "-r", "--retries")
            .paramLabel("N").defaultValue("3").description("Attempts at sending (default: 3).").build())
        .addOption(Specs.option(Duration.class, Specs.Binding.of(() -> interval, v -> interval = v), "-i", "--interval")
            .paramLabel("SECONDS").defaultValue("0.5").converters(new Converters.SecondsConverter())
            .description("First delay between attempts, doubled each time (default: 0.5).").build())
        .addOption(Specs.flag(Specs.Binding.of(() -> literal, v -> literal = v), "-l", "--literal")
            .description("Type the text without pressing Enter.").build())
        .addOption(Specs.flag(Specs.Binding.of(() -> multiline, v -> multiline = v), "-m", "--multiline")
            .description("A block of lines (e.g. a Python def), ended with an empty line.").build())
        .addOption(Specs.flag(Specs.Binding.of(() -> verbose, v -> verbose = v), "-v", "--verbose")
            .description("Say what happens on standard error.").build()));
  }

  @Override
  public Integer call() {
    if (retries < 1) {
      throw new ParameterException(spec.commandLine(), "-r/--retries must be at least 1, got " + retries);
    }
    if (literal && multiline) {
      throw new ParameterException(spec.commandLine(), "--literal and --multiline cannot be combined");
    }
    Pattern pattern = waitPattern == null ? null : Pattern.compile(waitPattern, Pattern.MULTILINE);
    Session session;
    try {
      session = target.resolve(context, b -> b.retryPolicy(retryPolicy(retries, interval)));
    } catch (TargetUnavailableException e) {
      throw new CliException(ExitCodes.SEND_NOT_READY, "Pane not ready: " + e.getMessage());
    }
    Health health = session.health();
    if (!health.isHealthy()) {
      throw new CliException(ExitCodes.SEND_NOT_READY, "Pane not ready: session '" + session.name() + "' is "
          + health.state().jsonName() + "; see 'tmux4j pane-health -s " + session.name() + "'");
    }
    log("Sending to session '" + session.name() + "' (pane " + session.target() + ")");
    try {
      if (literal) {
        session.type(command);
      } else {
        session.send(multiline ? endWithEmptyLine(command) : command);
      }
    } catch (SessionNotFoundException | ServerNotRunningException e) {
      throw new CliException(ExitCodes.SEND_NOT_READY, "Pane not ready: " + Failures.oneLine(e.getMessage()), e);
    } catch (IllegalArgumentException e) {
      throw e;
    } catch (TmuxException e) {
      throw new CliException(ExitCodes.FAILURE, "Failed to send the command after " + retries + " attempt(s): "
          + Failures.oneLine(e.getMessage()), e);
    }
    if (pattern != null) {
      Duration waitTime = timeout.duration();
      log("Waiting up to " + TimeText.seconds(waitTime) + " for '" + waitPattern + "'");
      try {
        session.waitFor(pattern, waitTime);
      } catch (WaitTimeoutException e) {
        throw new CliException(ExitCodes.SEND_TIMEOUT, "Timed out after " + TimeText.seconds(waitTime)
            + " waiting for pattern '" + waitPattern + "' in session '" + session.name() + "'", e);
      } catch (SessionDeadException e) {
        throw new CliException(ExitCodes.SEND_NOT_READY, Failures.oneLine(e.getMessage()), e);
      }
    }
    log("Sent");
    return ExitCodes.OK;
  }

  /**
   * The seed's retries: {@code attempts} tries in all, with delays starting at {@code interval} and
   * doubling, for failures tmux did not execute (so a command is never typed twice).
   *
   * @param attempts tries in all, at least 1
   * @param interval the first delay
   * @return the policy
   */
  static RetryPolicy<Object> retryPolicy(int attempts, Duration interval) {
    RetryPolicyBuilder<Object> builder = RetryPolicy.builder()
        .handleIf(e -> e instanceof TmuxException t && t.isTransient())
        .withMaxRetries(attempts - 1);
    if (attempts > 2) {
      builder.withBackoff(interval, interval.multipliedBy(1L << Math.min(attempts - 2, 20)));
    } else {
      builder.withDelay(interval);
    }
    return builder.build();
  }

  /** A block ends with an empty line, so that a REPL runs it; {@code send} presses the final Enter. */
  static String endWithEmptyLine(String block) {
    return block.endsWith("\n") ? block : block + "\n";
  }

  private void log(String message) {
    if (verbose) {
      PrintWriter err = context.err();
      err.println("[safe-send] " + message);
      err.flush();
    }
  }
}

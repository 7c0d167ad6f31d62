package io.github.tmux4j.cli;

import io.github.tmux4j.DuplicateSessionException;
import io.github.tmux4j.InvalidSessionNameException;
import io.github.tmux4j.RegistryCorruptException;
import io.github.tmux4j.TmuxException;
import java.io.PrintWriter;
import java.util.regex.PatternSyntaxException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns whatever a command throws into an exit code and a one-line reason on standard error (and, for
 * JSON output, an error object on standard output).
 */
final class Failures implements IExecutionExceptionHandler, IParameterExceptionHandler {

  /**
   * A classified failure.
   *
   * @param exitCode the exit code
   * @param message the one-line reason
   */
  record Failure(int exitCode, String message) {}

  /**
   * Decides the exit code and reason for an exception thrown by a command.
   *
   * @param e the exception
   * @return the failure
   */
  static Failure classify(Throwable e) {
    if (e instanceof CliException c) {
      return new Failure(c.exitCode(), oneLine(c.getMessage()));
    }
    if (e instanceof PatternSyntaxException p) {
      return new Failure(ExitCodes.USAGE, "Invalid pattern '" + p.getPattern() + "': " + p.getDescription()
          + (p.getIndex() >= 0 ? " near index " + p.getIndex() : ""));
    }
    if (e instanceof InvalidSessionNameException || e instanceof DuplicateSessionException
        || e instanceof IllegalArgumentException) {
      return new Failure(ExitCodes.USAGE, oneLine(e.getMessage()));
    }
    if (e instanceof RegistryCorruptException) {
      return new Failure(ExitCodes.FAILURE, oneLine(e.getMessage())
          + " Run 'tmux4j reconcile-registry --repair' to move it aside and restore the backup.");
    }
    if (e instanceof TmuxException || e instanceof java.io.UncheckedIOException) {
      return new Failure(ExitCodes.FAILURE, oneLine(e.getMessage()));
    }
    return new Failure(ExitCodes.FAILURE, "Unexpected error: " + oneLine(String.valueOf(e)));
  }

  /**
   * The first line of a message, trailing punctuation of a cut-off "Last lines seen:" removed.
   *
   * @param message a message, possibly several lines long
   * @return its first line
   */
  static String oneLine(String message) {
    if (message == null || message.isBlank()) {
      return "(no details)";
    }
    String first = message.strip().lines().findFirst().orElse("").strip();
    if (first.endsWith("Last lines seen:")) {
      first = first.substring(0, first.length() - "Last lines seen:".length()).strip();
    }
    return first;
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
    Failure failure = classify(ex);
    report(commandLine, failure);
    return failure.exitCode();
  }

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine commandLine = ex.getCommandLine();
    report(commandLine, new Failure(ExitCodes.USAGE, oneLine(ex.getMessage())));
    commandLine.getErr().println("Try '" + commandLine.getCommandSpec().qualifiedName() + " --help' for more "
        + "information.");
    return ExitCodes.USAGE;
  }

  /**
   * Prints a failure: {@code tmux4j <command>: <reason>} on standard error, and the JSON error object on
   * standard output when the command prints JSON.
   *
   * @param commandLine the command that failed
   * @param failure what to print
   */
  static void report(CommandLine commandLine, Failure failure) {
    PrintWriter err = commandLine.getErr();
    err.println(commandLine.getCommandSpec().qualifiedName() + ": " + failure.message());
    err.flush();
    if (printsJson(commandLine)) {
      PrintWriter out = commandLine.getOut();
      out.println(Json.error(failure.message(), failure.exitCode()));
      out.flush();
    }
  }

  /**
   * Whether a command prints JSON in this run: the command itself says so, or one of its mixins (the
   * {@code --json} option, {@link JsonOption}).
   *
   * @param commandLine the command
   * @return {@code true} for JSON output
   */
  static boolean printsJson(CommandLine commandLine) {
    if (commandLine.getCommand() instanceof JsonOutput json && json.jsonOutput()) {
      return true;
    }
    return commandLine.getCommandSpec().mixins().values().stream()
        .anyMatch(mixin -> mixin.userObject() instanceof JsonOutput json && json.jsonOutput());
  }
}

package io.github.tmux4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * The {@code tmux4j} command: the seed's session tools as subcommands of one program, so that the flows
 * of LIFECYCLE.md work with {@code tmux4j <command>} instead of {@code ./tools/<command>.sh}.
 *
 * <pre>
 * java -jar tmux-cli-&lt;version&gt;-all.jar create-session -n work-python --python
 * java -jar tmux-cli-&lt;version&gt;-all.jar safe-send -s work-python -c "print(6 * 7)" -w '&gt;&gt;&gt;'
 * </pre>
 *
 * <p>Sessions live on the socket directory {@code $TMUX4J_SOCKET_DIR} (default
 * {@code <tmpdir>/tmux4j-<user>}) and are recorded in its registry file {@code .sessions.json}. Exit
 * codes: 0 success, 1 failure, 2 bad input; {@code pane-health}, {@code safe-send} and
 * {@code create-session} keep the seed's codes (see their {@code --help}). Errors are one line on
 * standard error; commands printing JSON print {@code {"error": ..., "exit_code": ...}} on standard
 * output as well.
 */
public final class Tmux4jCli implements Runnable {
  private CommandSpec spec;

  private final CliContext context;

  private Tmux4jCli(CliContext context) {
    this.context = context;
  }

  /**
   * Runs the command and exits the JVM with its exit code.
   *
   * @param args the command line, e.g. {@code list-sessions --json}
   */
  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /**
   * Runs the command on the process's standard streams and returns its exit code, without exiting.
   * Sessions are found in {@code $TMUX4J_SOCKET_DIR}.
   *
   * @param args the command line
   * @return the exit code: 0 success, 1 failure, 2 bad input, or a command's own code
   */
  public static int execute(String... args) {
    return execute(CliContext.system(), args);
  }

  /**
   * Runs the command in a context (streams and socket directory) and closes the context.
   *
   * @param context the streams and clients of this run
   * @param args the command line
   * @return the exit code
   */
  static int execute(CliContext context, String... args) {
    try (context) {
      if (Subcommands.opensClient(args)) {
        context.openClientInBackground();
      }
      return commandLine(context, args).execute(args);
    }
  }

  /**
   * The configured picocli command line with every subcommand: output streams, exit codes and error
   * reporting.
   *
   * @param context the run's context
   * @return the command line
   */
  static CommandLine commandLine(CliContext context) {
    return commandLine(context, new String[0]);
  }

  /**
   * The configured picocli command line with the subcommands a run with these arguments needs (see
   * {@link Subcommands}).
   *
   * @param context the run's context
   * @param args the run's arguments
   * @return the command line
   */
  static CommandLine commandLine(CliContext context, String... args) {
    Failures failures = new Failures();
    CommandLine cl = new CommandLine(new Tmux4jCli(context).spec());
    Subcommands.addFor(cl, context, args);
    cl.setOut(context.out());
    cl.setErr(context.err());
    cl.setExecutionExceptionHandler(failures);
    cl.setParameterExceptionHandler(failures);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    return cl;
  }

  private CommandSpec spec() {
    spec = Specs.command(this, "tmux4j",
        "Drive programs (Python, gdb, shells) in tmux sessions that are registered by name.");
    spec.versionProvider(new Version());
    spec.usageMessage().footer("", "Sessions live in $TMUX4J_SOCKET_DIR (default <tmpdir>/tmux4j-<user>), registered "
        + "in its .sessions.json.", "Exit codes: 0 success, 1 failure, 2 bad input (pane-health, safe-send and "
        + "create-session add their own).");
    return Specs.withStandardHelp(spec);
  }

  /** Without a command: says so and lists the commands (exit 2). */
  @Override
  public void run() {
    spec.commandLine().usage(context.err());
    throw new ParameterException(spec.commandLine(), "Missing command; see the list above");
  }

  /** Reads the version Maven wrote into {@code version.properties}. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties props = new Properties();
      try (InputStream in = Tmux4jCli.class.getResourceAsStream("version.properties")) {
        if (in != null) {
          props.load(in);
        }
      }
      return new String[] {"tmux4j " + props.getProperty("version", "(unknown version)")};
    }
  }
}

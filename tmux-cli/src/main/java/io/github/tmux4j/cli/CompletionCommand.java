package io.github.tmux4j.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code tmux4j completion bash|zsh}: prints a completion script for every command and option, which
 * completes {@code -s} with the names of the registered sessions at the time TAB is pressed (read from
 * the registry file by the shell itself: a TAB starts no JVM).
 */
final class CompletionCommand implements CliCommand {
  /** The command's name. */
  static final String NAME = "completion";

  /** The shells a script can be printed for. */
  enum Shell { bash, zsh }

  private CommandSpec spec;

  Shell shell;

  @Override
  public CommandSpec spec() {
    spec = Specs.command(this, NAME,
        "Print a shell completion script: commands, options, and registered session names for -s.",
        "bash: source <(tmux4j completion bash)   zsh: source <(tmux4j completion zsh)");
    return Specs.withStandardHelp(spec.addPositional(Specs.parameter(Shell.class,
        Specs.Binding.of(() -> shell, v -> shell = v), "0").paramLabel("SHELL").description("bash or zsh.").build()));
  }

  @Override
  public Integer call() {
    String script = AutoComplete.bash(spec.root().name(), spec.root().commandLine());
    if (shell == Shell.zsh) {
      script = "# tmux4j completion for zsh (through bashcompinit): source <(tmux4j completion zsh)\n" + script;
    }
    spec.commandLine().getOut().print(withLiveSessionNames(script));
    return ExitCodes.OK;
  }

  /**
   * Replaces the placeholder candidates of {@code -s} with a shell function that reads the registry
   * each time TAB is pressed ({@link SessionNameCompletion}), without starting a JVM.
   *
   * @param script the script picocli generated
   * @return the script with live session names
   */
  static String withLiveSessionNames(String script) {
    return SessionNameCompletion.install(script, SessionNameCompletion.defaultSocketDir());
  }
}

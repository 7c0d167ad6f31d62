package io.github.tmux4j.cli;

import io.github.tmux4j.Session;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The required {@code -s/--session NAME} of the commands that change a registered session and its record
 * together ({@code kill-session}, {@code rename-session}, {@code quarantine-session}): the name is looked
 * up in the registry only. The read and send commands take {@link SessionTarget} instead, whose
 * {@code -s} is the same option but may be left out.
 */
final class RegisteredSession {
  /** The one description of {@code -s/--session}, here and in {@link SessionTarget}. */
  static final String DESCRIPTION = "Session name, looked up in the registry.";

  String name;

  /**
   * The option's model, to add to a command with {@link CommandSpec#addMixin}.
   *
   * @return the mixin
   */
  CommandSpec mixin() {
    return Specs.mixin(this).addOption(sessionOption(Specs.Binding.of(() -> name, v -> name = v)).required(true).build());
  }

  /**
   * The {@code -s/--session NAME} option, here and in {@link SessionTarget}: label, description and
   * completion of registered names.
   *
   * @param binding the field it sets
   * @return the option's builder
   */
  static OptionSpec.Builder sessionOption(Specs.Binding<String> binding) {
    return Specs.option(String.class, binding, "-s", "--session").paramLabel("NAME")
        .completionCandidates(new SessionNameCandidates()).description(DESCRIPTION);
  }

  /**
   * Finds the session in the registry of the context's default client.
   *
   * @param context the run's context
   * @return a handle on the session
   * @throws CliException (exit 1) if it is not registered
   */
  Session find(CliContext context) {
    return context.client().session(name).orElseThrow(() -> notRegistered(name));
  }

  /**
   * The failure for a name that is not in the registry.
   *
   * @param name the session name
   * @return the exception to throw (exit 1)
   */
  static CliException notRegistered(String name) {
    return new CliException(ExitCodes.FAILURE, notRegisteredMessage(name));
  }

  /**
   * Why a name cannot be used: it is not in the registry.
   *
   * @param name the session name
   * @return the one-line reason
   */
  static String notRegisteredMessage(String name) {
    return "Session '" + name + "' is not registered; see 'tmux4j list-sessions'";
  }
}

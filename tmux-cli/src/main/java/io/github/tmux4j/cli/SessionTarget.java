package io.github.tmux4j.cli;

import io.github.tmux4j.HealthState;
import io.github.tmux4j.ServerNotRunningException;
import io.github.tmux4j.Session;
import io.github.tmux4j.SessionNotFoundException;
import io.github.tmux4j.TmuxClient;
import io.github.tmux4j.TmuxClientBuilder;
import io.github.tmux4j.spi.InMemoryRegistry;
import io.github.tmux4j.spi.SessionRecord;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * The seed's way of naming the session a command works on, shared by the commands as a mixin, in its
 * order of priority:
 *
 * <ol>
 *   <li>{@code -S SOCKET -t TARGET}: an explicit tmux socket and target, bypassing the registry (a
 *       session created with {@code --no-register}); {@code -t} alone means tmux4j's default socket;
 *   <li>{@code -s NAME}: a session looked up by name in the registry;
 *   <li>neither: the only registered session, if there is exactly one.
 * </ol>
 *
 * <p>{@code -s} is the same option as {@link RegisteredSession}'s (which requires it), and {@code -S} is
 * {@link TmuxSocket}, shared with {@code create-session}.
 */
final class SessionTarget {
  /** The command that takes these options, for its usage errors. */
  private CommandSpec spec;

  String name;

  final TmuxSocket socket = new TmuxSocket();

  String target;

  /**
   * The options' model, to add to {@code command} with {@link CommandSpec#addMixin}.
   *
   * @param command the command taking the options
   * @return the mixin
   */
  CommandSpec mixin(CommandSpec command) {
    this.spec = command;
    CommandSpec mixin = Specs.mixin(this)
        .addOption(RegisteredSession.sessionOption(Specs.Binding.of(() -> name, v -> name = v)).build())
        .addMixin("socket", socket.mixin());
    return mixin.addOption(Specs.option(String.class, Specs.Binding.of(() -> target, v -> target = v), "-t", "--target")
        .paramLabel("TARGET").description("tmux target (session, session:window.pane or pane id %%N) on the -S "
            + "socket (default: tmux4j's); bypasses the registry.").build());
  }

  /**
   * The socket given with {@code -S}.
   *
   * @return the path, or {@code null} if {@code -S} was not given
   */
  Path socket() {
    return socket.path;
  }

  /**
   * Finds the session with the context's default client.
   *
   * @param context the run's context
   * @return a handle on the session
   * @throws TargetUnavailableException if it is not registered or its pane or server is gone
   * @throws ParameterException if the options do not name a session
   */
  Session resolve(CliContext context) {
    return resolve(context, null);
  }

  /**
   * Finds the session with a client configured by {@code config} (e.g. another transport).
   *
   * @param context the run's context
   * @param config changes to the client builder, or {@code null} for the default client
   * @return a handle on the session
   * @throws TargetUnavailableException if it is not registered or its pane or server is gone
   * @throws ParameterException if the options do not name a session
   */
  Session resolve(CliContext context, Consumer<TmuxClientBuilder> config) {
    if (target != null) {
      if (name != null) {
        throw new ParameterException(spec.commandLine(), "Use either -s NAME or -S SOCKET -t TARGET, not both");
      }
      return explicit(context, config);
    }
    if (socket.given()) {
      throw new ParameterException(spec.commandLine(), "-S SOCKET needs -t TARGET as well");
    }
    TmuxClient client = config == null ? context.client() : context.client(config);
    String sessionName = name != null ? name : onlyRegisteredSession(client);
    return client.session(sessionName).orElseThrow(() -> new TargetUnavailableException(HealthState.MISSING, false,
        RegisteredSession.notRegisteredMessage(sessionName)));
  }

  private Session explicit(CliContext context, Consumer<TmuxClientBuilder> config) {
    Consumer<TmuxClientBuilder> onSocket = TmuxSocket.at(socket.given() ? socket.path : context.client().socket());
    // A client on that socket with a private registry: the handle works as usual, and the shared
    // registry is neither read nor written (the seed's -S/-t bypassed it too).
    TmuxClient client = context.client(b -> {
      if (config != null) {
        config.accept(b);
      }
      onSocket.accept(b);
      b.registry(new InMemoryRegistry());
    });
    try {
      return client.adopt(target);
    } catch (SessionNotFoundException | ServerNotRunningException gone) {
      throw new TargetUnavailableException(gone instanceof ServerNotRunningException
          ? HealthState.SERVER_NOT_RUNNING : HealthState.MISSING, false, gone.getMessage());
    }
  }

  private String onlyRegisteredSession(TmuxClient client) {
    List<SessionRecord> records = client.registry().list();
    if (records.size() == 1) {
      return records.get(0).name();
    }
    if (records.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "No sessions are registered; create one with "
          + "'tmux4j create-session', or name a tmux target with -S SOCKET -t TARGET");
    }
    throw new ParameterException(spec.commandLine(), records.size() + " sessions are registered; name one with "
        + "-s NAME (see 'tmux4j list-sessions')");
  }
}

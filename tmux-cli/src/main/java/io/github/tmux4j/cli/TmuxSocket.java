package io.github.tmux4j.cli;

import io.github.tmux4j.TmuxClient;
import io.github.tmux4j.TmuxClientBuilder;
import java.nio.file.Path;
import java.util.function.Consumer;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The {@code -S/--socket SOCKET} option: a tmux socket other than tmux4j's default one
 * ({@code $TMUX4J_SOCKET_DIR/default}). A mixin of {@code create-session}, which creates the session
 * there, and of {@link SessionTarget}, where it goes with {@code -t TARGET}.
 */
final class TmuxSocket {
  Path path;

  /**
   * The option's model, to add to a command with {@link CommandSpec#addMixin}.
   *
   * @return the mixin
   */
  CommandSpec mixin() {
    return Specs.mixin(this).addOption(Specs.option(Path.class, Specs.Binding.of(() -> path, v -> path = v), "-S",
        "--socket").paramLabel("SOCKET")
        .description("tmux socket path, instead of tmux4j's default socket ($TMUX4J_SOCKET_DIR/default).").build());
  }

  /**
   * Whether the option was given.
   *
   * @return {@code true} if {@code -S} names a socket
   */
  boolean given() {
    return path != null;
  }

  /**
   * Points a client builder at a socket: its directory and file name.
   *
   * @param socket the socket path, relative to the working directory or absolute
   * @return the change to the builder
   */
  static Consumer<TmuxClientBuilder> at(Path socket) {
    Path absolute = socket.toAbsolutePath();
    return b -> b.socketDir(absolute.getParent()).socketName(absolute.getFileName().toString());
  }
}

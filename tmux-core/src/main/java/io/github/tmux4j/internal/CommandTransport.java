package io.github.tmux4j.internal;

import java.util.List;

/**
 * Carries tmux commands to the server on one socket. Implementations are thread-safe.
 *
 * <p>A command is an argument list exactly as tmux's command line takes it (commands separated by a
 * {@code ";"} argument, a literal final semicolon written {@code \;}); it is never joined into a shell
 * string.
 */
public interface CommandTransport extends AutoCloseable {

  /**
   * Runs tmux commands and returns what tmux printed. A non-zero exit code is returned, not thrown.
   *
   * @param args the tmux arguments after the socket option
   * @param stdin bytes for tmux's standard input (for {@code load-buffer -}), or {@code null}
   * @return the result
   * @throws io.github.tmux4j.TmuxNotInstalledException if tmux cannot be started
   * @throws io.github.tmux4j.TmuxException if tmux does not answer within the command timeout
   */
  TmuxResult execute(List<String> args, byte[] stdin);

  /**
   * Runs tmux commands that concern one pane; a transport may route them through a connection attached
   * to that pane's session.
   *
   * @param pane the pane id the commands target
   * @param args the tmux arguments
   * @return the result
   */
  default TmuxResult execute(String pane, List<String> args) {
    return execute(args, null);
  }

  /**
   * Live output notifications for a pane, if this transport receives them.
   *
   * @param pane the pane id
   * @return the pane's output signal, or {@code null} if callers must poll
   */
  default PaneSignal signal(String pane) {
    return null;
  }

  /**
   * Forgets what the transport holds for a pane (its connection), e.g. after its session was killed.
   *
   * @param pane the pane id
   */
  default void release(String pane) {}

  /** Releases the transport's resources. */
  @Override
  void close();
}

package io.github.tmux4j.internal;

import java.util.List;

/**
 * Carries tmux commands to the server on one socket. Implementations are thread-safe.
 *
 * <p>A command is an argument list exactly as tmux's command line takes it (commands separated by a
 * {@code ";"} argument); it is never joined into a shell string.
 */
public interface Transport extends AutoCloseable {

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

  /** Releases the transport's resources. */
  @Override
  void close();
}

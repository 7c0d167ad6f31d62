package io.github.tmux4j.internal;

/**
 * What one tmux invocation returned.
 *
 * @param exitCode tmux's exit code
 * @param stdout standard output, decoded as UTF-8
 * @param stderr standard error, decoded as UTF-8
 * @param outputVersion for a command answered over a control connection, the {@link PaneSignal#version()}
 *     of the command's pane when the answer arrived: output with a higher version was printed after the
 *     command ran. {@code -1} when unknown (process transport, or no signal for the pane yet).
 */
public record TmuxResult(int exitCode, String stdout, String stderr, long outputVersion) {
  /**
   * A result with no output version.
   *
   * @param exitCode tmux's exit code
   * @param stdout standard output
   * @param stderr standard error
   */
  public TmuxResult(int exitCode, String stdout, String stderr) {
    this(exitCode, stdout, stderr, -1);
  }
}

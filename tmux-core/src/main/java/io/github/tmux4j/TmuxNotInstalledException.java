package io.github.tmux4j;

/** Thrown when the tmux executable cannot be started: it is not installed or not on the path. */
public final class TmuxNotInstalledException extends TmuxException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param binary the tmux executable that was tried
   * @param cause the failure to start it
   */
  public TmuxNotInstalledException(String binary, Throwable cause) {
    super("Cannot run tmux ('" + binary + "'): it is not installed or not on the PATH. Install tmux 3.x "
        + "(Debian/Ubuntu: apt-get install -y tmux; macOS: brew install tmux) or point "
        + "TmuxClient.builder().tmuxBinary(...) at it.", cause);
  }
}

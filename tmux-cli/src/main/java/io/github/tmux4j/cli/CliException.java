package io.github.tmux4j.cli;

/**
 * A command's failure with the exit code it should end with; its message is the one-line reason printed
 * on standard error.
 */
class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int exitCode;

  /**
   * Creates the failure.
   *
   * @param exitCode the exit code, not zero
   * @param message the one-line reason
   */
  CliException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  /**
   * Creates the failure, keeping its cause.
   *
   * @param exitCode the exit code, not zero
   * @param message the one-line reason
   * @param cause what went wrong underneath
   */
  CliException(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  /**
   * The exit code the command ends with.
   *
   * @return the exit code
   */
  int exitCode() {
    return exitCode;
  }
}

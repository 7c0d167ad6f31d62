package io.github.tmux4j.junit;

import java.io.File;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * Whether a tmux executable can be run, for {@link TmuxTest#disabledWithoutTmux()}: {@code tmux -V} must
 * exit with 0 within {@value #TIMEOUT_SECONDS} seconds. Probed once per executable and JVM.
 */
final class TmuxAvailability {
  static final int TIMEOUT_SECONDS = 10;
  private static final ConcurrentMap<String, Optional<String>> PROBLEMS = new ConcurrentHashMap<>();

  private TmuxAvailability() {}

  /**
   * Why {@code binary} cannot be used, or empty if it can.
   *
   * @param binary the tmux executable's path or name
   * @return the problem, for the message of a disabled test
   */
  static Optional<String> problem(String binary) {
    return PROBLEMS.computeIfAbsent(binary, TmuxAvailability::probe);
  }

  private static Optional<String> probe(String binary) {
    ProcessBuilder builder = new ProcessBuilder(binary, "-V")
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD);
    builder.environment().remove("TMUX");
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      return Optional.of("tmux cannot be run as '" + binary + "' (" + e.getMessage() + "); install tmux, or name "
          + "it with $TMUX4J_TMUX or -D" + TmuxExtension.TMUX_PROPERTY);
    }
    try {
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return Optional.of("'" + binary + " -V' did not exit within " + TIMEOUT_SECONDS + " s");
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      return Optional.of("interrupted while running '" + binary + " -V'");
    }
    return process.exitValue() == 0 ? Optional.empty()
        : Optional.of("'" + binary + " -V' failed with exit code " + process.exitValue());
  }
}

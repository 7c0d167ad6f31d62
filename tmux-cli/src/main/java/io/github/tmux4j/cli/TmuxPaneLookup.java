package io.github.tmux4j.cli;

import io.github.tmux4j.HealthState;
import io.github.tmux4j.TmuxNotInstalledException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Resolves an explicit tmux target ({@code -S socket -t target}, as the seed's tools took them) to the
 * session and pane it names, by asking tmux ({@code display-message}). tmux4j's API addresses sessions
 * through the registry; this is the path around it for sessions that were never registered.
 */
final class TmuxPaneLookup {
  private static final long TIMEOUT_SECONDS = 10;

  /**
   * The session and pane a target names.
   *
   * @param sessionName the session name
   * @param paneId the pane id ({@code %3})
   * @param pid the pane's process id
   */
  record Pane(String sessionName, String paneId, long pid) {}

  private TmuxPaneLookup() {}

  /**
   * Asks tmux which pane {@code target} names on {@code socket}.
   *
   * @param socket the tmux socket
   * @param target a tmux target: {@code session}, {@code session:window.pane} or a pane id
   * @return the pane
   * @throws TargetUnavailableException if no server runs on the socket or the target does not exist
   */
  static Pane find(Path socket, String target) {
    String binary = io.github.tmux4j.internal.Commands.defaultBinary();
    ProcessBuilder pb = io.github.tmux4j.internal.Commands.tmuxProcess(binary, socket, List.of("display-message", "-p",
        "-t", target, "#{session_name}\t#{pane_id}\t#{pane_pid}"));
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Process process;
    try {
      process = pb.start();
    } catch (IOException e) {
      throw new TmuxNotInstalledException(binary, e);
    }
    CompletableFuture<String> stdout = readAsync(process.getInputStream());
    CompletableFuture<String> stderr = readAsync(process.getErrorStream());
    try {
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new CliException(ExitCodes.FAILURE, "tmux did not answer within " + TIMEOUT_SECONDS + " s on " + socket);
      }
      String out = stdout.join().strip();
      String err = stderr.join().strip();
      if (process.exitValue() != 0) {
        boolean noServer = err.contains("no server running") || err.contains("error connecting to");
        HealthState state = noServer ? HealthState.SERVER_NOT_RUNNING : HealthState.MISSING;
        String why = noServer ? "no tmux server is running on " + socket
            : "tmux target '" + target + "' does not exist on " + socket + (err.isEmpty() ? "" : " (" + err + ")");
        throw new TargetUnavailableException(state, false, why);
      }
      String[] parts = out.split("\t", -1);
      if (parts.length != 3 || !parts[1].startsWith("%")) {
        // display-message prints nothing (and succeeds) for a target that does not exist
        throw new TargetUnavailableException(HealthState.MISSING, false,
            "tmux target '" + target + "' does not exist on " + socket);
      }
      return new Pane(parts[0], parts[1], parseLong(parts[2]));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new CliException(ExitCodes.FAILURE, "Interrupted while asking tmux for target '" + target + "'");
    }
  }

  private static long parseLong(String text) {
    try {
      return Long.parseLong(text.strip());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static CompletableFuture<String> readAsync(InputStream in) {
    return CompletableFuture.supplyAsync(() -> {
      try (in) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        return "";
      }
    });
  }
}

package io.github.tmux4j.examples;

import io.github.tmux4j.HealthState;
import io.github.tmux4j.ReconcileReport;
import io.github.tmux4j.Session;
import io.github.tmux4j.TmuxClient;
import io.github.tmux4j.spi.SessionRecord;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Lifecycle story 9, "manual socket workflow": a CI script creates a Python session without registering
 * it, then drives it with nothing but the tmux command line and the session's socket and target, and
 * kills it itself. The registry never changes.
 *
 * <p>{@code tmux.reconcile(false)} shows the session as live but unregistered while it runs; a script
 * that wants it registered after all can call {@code tmux.reconcile(true)}, or adopt it with
 * {@code tmux.newSession(name).python().getOrCreate()}.
 */
public final class Story9ManualSocketNoRegistry {

  /**
   * What the story produced.
   *
   * @param name the session name
   * @param socket the socket the script was given
   * @param target the pane the script was given
   * @param registryUnchanged whether the registry held the same records after {@code create()} as before
   * @param beforeKill what {@code tmux.reconcile(false)} reported while the session ran
   * @param screen the pane as the script captured it after its command
   * @param afterKill the session's health after the script killed it
   * @param registryUnchangedAtEnd whether the registry still held the same records at the end
   */
  public record Outcome(String name, Path socket, String target, boolean registryUnchanged,
      ReconcileReport beforeKill, String screen, HealthState afterKill, boolean registryUnchangedAtEnd) {}

  private Story9ManualSocketNoRegistry() {}

  /**
   * Runs the story with a default client.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    try (TmuxClient tmux = TmuxClient.create()) {
      run(tmux, System.out);
    }
  }

  /**
   * Runs the story on a given client.
   *
   * @param tmux the client
   * @param out where to report
   * @return what happened
   */
  public static Outcome run(TmuxClient tmux, PrintStream out) {
    String name = "ci-test-" + ProcessHandle.current().pid();
    List<SessionRecord> before = tmux.registry().list();
    Session py = tmux.newSession(name).python().register(false).create();
    try {
      // All a script needs to keep: where the session lives.
      Path socket = py.socket();
      String target = py.target();
      out.println("SOCKET=" + socket);
      out.println("TARGET=" + target);
      boolean unchanged = tmux.registry().list().equals(before);
      out.println("Registry unchanged: " + unchanged + "; tmux.session(name) finds it: "
          + tmux.session(name).isPresent());

      ReconcileReport reconcile = tmux.reconcile(false);
      out.println("Live but unregistered: " + reconcile.unregisteredSessions());

      // From here on only the tmux command line, as in a shell script.
      tmux(socket, "send-keys", "-t", target, "--", "print(6 * 7)", "Enter");
      String screen = awaitLine(socket, target, "42", Duration.ofSeconds(10));
      out.println("Captured:\n" + screen.strip());
      tmux(socket, "kill-session", "-t", target);

      HealthState afterKill = py.health().state();
      boolean unchangedAtEnd = tmux.registry().list().equals(before);
      out.println("After kill-session: " + afterKill + "; registry unchanged: " + unchangedAtEnd);
      return new Outcome(name, socket, target, unchanged, reconcile, screen, afterKill, unchangedAtEnd);
    } finally {
      py.close(); // a no-op unless something above failed before the kill
    }
  }

  /** Runs {@code tmux -S <socket> <args...>} and returns its output; fails if tmux does. */
  private static String tmux(Path socket, String... args) {
    List<String> command = new ArrayList<>(List.of("tmux", "-S", socket.toString()));
    command.addAll(List.of(args));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed: " + output.strip());
      }
      return output;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while running " + command, e);
    }
  }

  /** Captures the pane until one of its lines is {@code line} (a script's wait-for-text loop). */
  private static String awaitLine(Path socket, String target, String line, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      String screen = tmux(socket, "capture-pane", "-p", "-t", target);
      if (screen.lines().anyMatch(l -> l.strip().equals(line))) {
        return screen;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("'" + line + "' did not appear in " + target + " within " + timeout
            + "; screen:\n" + screen);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for '" + line + "'", e);
      }
    }
  }
}

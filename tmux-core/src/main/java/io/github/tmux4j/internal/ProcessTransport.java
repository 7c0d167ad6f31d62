package io.github.tmux4j.internal;

import io.github.tmux4j.TmuxException;
import io.github.tmux4j.TmuxNotInstalledException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs every command as its own {@code tmux -u -S <socket> ...} process (about 2.5 ms each). Simple and
 * stateless; a watchdog kills a tmux process that does not finish within the command timeout.
 */
public final class ProcessTransport implements CommandTransport {
  private static final System.Logger LOG = System.getLogger(ProcessTransport.class.getName());

  private final String binary;
  private final Path socket;
  private final Duration timeout;
  private final ScheduledExecutorService watchdog;

  /**
   * Creates a transport.
   *
   * @param binary the tmux executable
   * @param socket the server's socket
   * @param timeout how long one tmux process may run before it is killed
   * @param watchdog the scheduler that kills overdue tmux processes
   */
  public ProcessTransport(String binary, Path socket, Duration timeout, ScheduledExecutorService watchdog) {
    this.binary = binary;
    this.socket = socket;
    this.timeout = timeout;
    this.watchdog = watchdog;
  }

  @Override
  public TmuxResult execute(List<String> args, byte[] stdin) {
    if (!TmuxLog.commands()) {
      return run(args, stdin);
    }
    return TmuxLog.process(binary, socket, args, () -> run(args, stdin));
  }

  private TmuxResult run(List<String> args, byte[] stdin) {
    ProcessBuilder builder = Commands.tmuxProcess(binary, socket, args);
    if (stdin == null) {
      builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    }
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      String message = String.valueOf(e.getMessage());
      if (message.contains("error=11") || message.contains("Resource temporarily unavailable")) {
        throw new TransientTmuxException("Could not start tmux: " + message, e);
      }
      throw new TmuxNotInstalledException(binary, e);
    }
    AtomicBoolean timedOut = new AtomicBoolean();
    ScheduledFuture<?> kill;
    try {
      kill = watchdog.schedule(() -> {
        timedOut.set(true);
        process.destroyForcibly();
      }, timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (java.util.concurrent.RejectedExecutionException closed) {
      process.destroyForcibly();
      throw new IllegalStateException("The TmuxClient of this session is closed; use a session handle from an "
          + "open client (TmuxClient.session(name))", closed);
    }
    try {
      if (stdin != null) {
        try (OutputStream out = process.getOutputStream()) {
          out.write(stdin);
        } catch (IOException e) {
          LOG.log(System.Logger.Level.DEBUG, "tmux closed its input early", e);
        }
      }
      String stdout;
      String stderr;
      try {
        stdout = read(process.getInputStream());
        stderr = read(process.getErrorStream());
      } catch (UncheckedIOException e) {
        if (!timedOut.get()) {
          throw new TmuxException("Could not read tmux's answer: " + e.getMessage(), e);
        }
        stdout = "";
        stderr = "";
      }
      int exit = process.waitFor();
      if (timedOut.get()) {
        throw new TmuxException("tmux did not answer within " + timeout.toMillis() + " ms (socket " + socket
            + ", command " + Commands.describe(args) + "). The server may be overloaded or stopped; "
            + "raise TmuxClient.builder().commandTimeout(...) if it is just slow.");
      }
      return new TmuxResult(exit, stdout, stderr);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new TmuxException("Interrupted while waiting for tmux", e);
    } finally {
      kill.cancel(false);
    }
  }

  private static String read(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    // Stateless: nothing to release. The watchdog belongs to the client.
  }
}

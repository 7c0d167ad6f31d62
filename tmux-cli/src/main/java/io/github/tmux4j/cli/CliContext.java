package io.github.tmux4j.cli;

import io.github.tmux4j.TmuxClient;
import io.github.tmux4j.TmuxClientBuilder;
import io.github.tmux4j.Transport;
import io.github.tmux4j.registry.FileRegistry;
import io.github.tmux4j.spi.Registry;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Consumer;

/**
 * What one run of the command works with: its output streams and the tmux clients it opens, all closed
 * when the run ends. Not thread-safe; a run is one thread.
 *
 * <p>Clients use the socket directory {@code $TMUX4J_SOCKET_DIR} (or the one given to the constructor,
 * for tests), the registry {@code ServiceLoader} finds there (with {@code tmux-registry} on the class
 * path, the {@link FileRegistry} {@code <socketDir>/.sessions.json}), and a tmux process per command
 * ({@link Transport#PROCESS}): a short-lived command needs no control-mode client.
 */
final class CliContext implements AutoCloseable {
  private final PrintWriter out;
  private final PrintWriter err;
  private final Path socketDir;
  private final List<TmuxClient> clients = new ArrayList<>();
  private TmuxClient defaultClient;
  private FutureTask<TmuxClient> opening;

  /**
   * Creates a context.
   *
   * @param out standard output
   * @param err standard error
   * @param socketDir the socket directory, or {@code null} for tmux4j's default ({@code $TMUX4J_SOCKET_DIR})
   */
  CliContext(PrintWriter out, PrintWriter err, Path socketDir) {
    this.out = Objects.requireNonNull(out, "out");
    this.err = Objects.requireNonNull(err, "err");
    this.socketDir = socketDir;
  }

  /**
   * A context on the process's standard streams (UTF-8) and the default socket directory.
   *
   * @return the context
   */
  static CliContext system() {
    return new CliContext(writer(System.out), writer(System.err), null);
  }

  private static PrintWriter writer(PrintStream stream) {
    return new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), true);
  }

  PrintWriter out() {
    return out;
  }

  PrintWriter err() {
    return err;
  }

  /**
   * The client on the default socket with the default registry; opened on first use.
   *
   * @return the client
   */
  TmuxClient client() {
    if (defaultClient == null) {
      defaultClient = track(opening != null ? awaitOpening() : builder().build());
    }
    return defaultClient;
  }

  /**
   * A client configured further, sharing the default client's registry unless {@code config} sets
   * another.
   *
   * @param config changes to the builder (socket, transport, retry policy, registry)
   * @return the client, closed with this context
   */
  TmuxClient client(Consumer<TmuxClientBuilder> config) {
    TmuxClientBuilder builder = builder().registry(client().registry());
    config.accept(builder);
    return track(builder.build());
  }

  /**
   * The session registry as a file, for the commands that back it up, restore or repair it.
   *
   * @return the file registry
   * @throws CliException if the registry is not a {@link FileRegistry}
   */
  FileRegistry fileRegistry() {
    Registry registry = client().registry();
    if (registry instanceof FileRegistry file) {
      return file;
    }
    throw new CliException(ExitCodes.FAILURE, "The session registry is not a file (" + registry
        + "); put tmux-registry on the class path");
  }

  /**
   * Starts opening the default client on a thread of its own, for a run whose command will use it:
   * opening it (the socket directory, the registry and the logging behind them) then overlaps with
   * picocli's parsing, which is most of a short command's time after the JVM's start. {@link #client()}
   * waits for it and throws what opening threw, as it would have thrown it itself; {@link #close()}
   * closes it even if the command never used it (a parse error). Opening takes no lock and runs no tmux
   * command, so it ends on its own.
   */
  void openClientInBackground() {
    if (defaultClient == null && opening == null) {
      opening = new FutureTask<>(() -> builder().build());
      Thread thread = new Thread(opening, "tmux4j-open-client");
      thread.setDaemon(true);
      thread.start();
    }
  }

  /** The client being opened in the background, once it is open; what opening threw otherwise. */
  private TmuxClient awaitOpening() {
    FutureTask<TmuxClient> task = opening;
    opening = null;
    try {
      return task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException(ExitCodes.FAILURE, "Interrupted while opening the tmux client", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new CliException(ExitCodes.FAILURE, "Cannot open the tmux client: " + cause, cause);
    }
  }

  private TmuxClientBuilder builder() {
    TmuxClientBuilder builder = TmuxClient.builder().transport(Transport.PROCESS);
    if (socketDir != null) {
      builder.socketDir(socketDir);
    }
    return builder;
  }

  private TmuxClient track(TmuxClient client) {
    clients.add(client);
    return client;
  }

  /**
   * Flushes the streams and closes every client, the default one (which owns the registry) last,
   * after waiting for it if it is still being opened in the background.
   */
  @Override
  public void close() {
    out.flush();
    err.flush();
    if (opening != null) {
      try {
        client();
      } catch (RuntimeException notOpened) {
        // Nothing to close; the command did not need it, or already reported why it could not open.
      }
    }
    for (int i = clients.size() - 1; i >= 0; i--) {
      clients.get(i).close();
    }
    clients.clear();
    defaultClient = null;
  }
}

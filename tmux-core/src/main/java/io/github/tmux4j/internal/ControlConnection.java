package io.github.tmux4j.internal;

import io.github.tmux4j.TmuxException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One persistent tmux control-mode client ({@code tmux -C attach-session -t <pane>}), attached to the
 * session of one pane. Commands are written one per line and answered in order by
 * {@code %begin}/{@code %end}/{@code %error} blocks; {@code %output} notifications for the session's
 * panes feed {@link PaneSignal}s. One daemon thread reads; writers are serialized. Thread-safe.
 */
final class ControlConnection implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(ControlConnection.class.getName());

  /**
   * Flow control: when this client is this many seconds behind a pane's output (a follow listener that
   * blocks, a JVM stopped in a debugger), tmux drops what it kept for the client and pauses the pane for
   * it. When this client stops reading, tmux usually holds the pane's program back; but in a race (about
   * one run in four here) it goes on reading the pane and keeps everything this client has not read
   * (measured: +64 MB for a 50 MB blast), without pause-after for up to five minutes of output, with it
   * for about this many seconds of it.
   */
  static final int PAUSE_AFTER_SECONDS = 3;

  private final Object server;
  private final String description;
  private final Process process;
  private final OutputStream stdin;
  private final Object writeLock = new Object();
  private final ConcurrentLinkedQueue<PendingCommand> pending = new ConcurrentLinkedQueue<>();
  /** The pane this client was attached for, and its signal, which outlives the connection. */
  private final String pane;
  private final PaneSignal signal;
  private final CompletableFuture<Void> attached = new CompletableFuture<>();
  /**
   * Completed when the client first prints anything (or its output ends). tmux writes to a control
   * client only once its handshake is over, and the client prints its own errors only when it is not in
   * one: from then on it may be closed or killed without crashing tmux 3.2a-3.6b (see {@link AttachGate}).
   */
  private final CompletableFuture<Void> spoke = new CompletableFuture<>();
  private volatile boolean alive = true;
  private volatile String exitReason = "";

  private ControlConnection(String description, Process process, Object server, String pane, PaneSignal signal) {
    this.pane = pane;
    this.signal = signal;
    this.server = server;
    this.description = description;
    this.process = process;
    this.stdin = process.getOutputStream();
  }

  /**
   * Starts a control client that attaches to the session of {@code pane}. It does not wait: the caller
   * holds the {@link AttachGate} exclusively until {@link #awaitSpoke} says the handshake is over, then
   * waits for {@link #awaitAttached}.
   *
   * @param server the identity of the socket file at the time of attaching
   * @param signal the pane's signal, fed with its output while this connection lives
   * @return the connection, or {@code null} if tmux could not be started
   */
  static ControlConnection start(String binary, Path socket, String pane, Object server, PaneSignal signal) {
    Process process;
    try {
      process = Commands.controlClient(binary, socket, pane, PAUSE_AFTER_SECONDS).start();
    } catch (IOException e) {
      LOG.log(System.Logger.Level.DEBUG, "Could not start a tmux control client", e);
      return null;
    }
    ControlConnection c = new ControlConnection("control client for " + pane + " on " + socket, process, server,
        pane, signal);
    Thread reader = new Thread(c::readLoop, "tmux4j-control-" + pane);
    reader.setDaemon(true);
    reader.start();
    return c;
  }

  /**
   * Waits until the client has printed something, i.e. is past its handshake (or has ended).
   *
   * @param nanos the longest wait
   * @return {@code true} if it spoke (or ended) in time
   */
  boolean awaitSpoke(long nanos) {
    return await(spoke, nanos);
  }

  /**
   * Whether the client is past its handshake (see {@link #spoke}).
   *
   * @return {@code true} once it printed something or its output ended
   */
  boolean spoke() {
    return spoke.isDone();
  }

  /**
   * Waits until tmux says the client is attached to its session.
   *
   * @param nanos the longest wait
   * @return {@code true} if attached in time; {@code false} if it failed to attach or took too long
   */
  boolean awaitAttached(long nanos) {
    return await(attached, nanos);
  }

  private static boolean await(CompletableFuture<Void> future, long nanos) {
    try {
      future.get(Math.max(0, nanos), TimeUnit.NANOSECONDS);
      return true;
    } catch (ExecutionException | TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * The client's process id.
   *
   * @return the pid of {@code tmux -C}
   */
  long pid() {
    return process.pid();
  }

  /**
   * Completes when the client's process has exited.
   *
   * @return the exit of the process
   */
  CompletableFuture<Process> onExit() {
    return process.onExit();
  }

  /**
   * Ends the connection from this side without signalling the process: its input is closed, so tmux
   * detaches it and it exits by itself (a client in its handshake is never killed: see {@link AttachGate}).
   * Commands still waiting fail.
   */
  void closeInput() {
    shutDown("closed");
  }

  /**
   * Asks the client's process to exit now (SIGTERM), only if it is past its handshake.
   *
   * @return {@code true} if it was signalled
   */
  boolean terminate() {
    if (!spoke()) {
      return false;
    }
    process.destroy();
    return true;
  }

  /** The identity of the socket file this client attached through (see ControlModeTransport). */
  Object server() {
    return server;
  }

  boolean alive() {
    return alive;
  }

  /**
   * Runs commands and waits for their answer.
   *
   * @param pane the pane the commands concern: the answer carries its output version; {@code null} if none
   * @throws NotSentException if the connection had already ended (the command did not run)
   * @throws LostException if it ended before answering (the command may have run)
   */
  TmuxResult execute(String pane, List<String> args, Duration timeout) {
    PaneSignal versioned = this.pane.equals(pane) ? signal : null;
    if (!TmuxLog.commands()) {
      return awaitAnswer(send(args, versioned), args, timeout);
    }
    return TmuxLog.control(description, args, () -> awaitAnswer(send(args, versioned), args, timeout));
  }

  private TmuxResult awaitAnswer(PendingCommand p, List<String> args, Duration timeout) {
    try {
      return p.result.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TmuxException te) {
        throw te;
      }
      throw new TmuxException("tmux control client failed", e.getCause());
    } catch (TimeoutException e) {
      throw new TmuxException("tmux did not answer within " + timeout.toMillis() + " ms (" + description
          + ", command " + Commands.describe(args) + "). The server may be overloaded or stopped; raise "
          + "TmuxClient.builder().commandTimeout(...) if it is just slow.");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TmuxException("Interrupted while waiting for tmux", e);
    }
  }

  private void readLoop() {
    List<String> early = new ArrayList<>();
    try {
      ControlStreamParser.parse(new SpokeDetector(process.getInputStream()), new TmuxLog.EventTrace(description,
          new ControlStreamParser.Handler() {
        @Override
        public void reply(boolean ours, boolean error, String text) {
          if (ours) {
            answer(error, text);
          }
        }

        @Override
        public void output(String pane, byte[] data) {
          if (alive && ControlConnection.this.pane.equals(pane)) { // a retired client feeds no more
            signal.output(data);
          }
        }

        @Override
        public void notification(String name, String arguments) {
          switch (name) {
            case "session-changed" -> attached.complete(null);
            case "exit" -> exitReason = arguments;
            case "pause" -> resume(arguments.strip());
            case "layout-change" -> {
              if (alive) {
                signal.reshaped();
              }
            }
            default -> {
              // %sessions-changed, %window-close, %pane-mode-changed, %continue...: nothing to do
            }
          }
        }

        @Override
        public void stray(String line) {
          if (!attached.isDone() && early.size() < 5) {
            early.add(line); // an error printed before attaching, e.g. "can't find pane: %9"
          }
        }
      }));
    } catch (IOException e) {
      LOG.log(System.Logger.Level.DEBUG, description + ": read failed", e);
    } finally {
      spoke.complete(null);
      shutDown(exitReason.isEmpty() ? String.join("; ", early) : exitReason);
    }
  }

  /** Completes {@link #spoke} as soon as the client's first bytes are read. */
  private final class SpokeDetector extends java.io.FilterInputStream {
    SpokeDetector(java.io.InputStream in) {
      super(in);
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0 && !spoke.isDone()) {
        spoke.complete(null);
      }
      return n;
    }
  }

  /**
   * After a {@code %pause}: tmux dropped output this client had fallen behind on. Waiters look at the
   * pane again (they read the screen, which lost nothing), live feeds learn of the gap, and the pane is
   * continued for this client. Runs on the reader thread, so it does not wait for tmux's answer.
   */
  private void resume(String pane) {
    if (!pane.startsWith("%")) {
      return;
    }
    LOG.log(System.Logger.Level.WARNING, description + " fell more than " + PAUSE_AFTER_SECONDS
        + " s behind the output of pane " + pane + ", so tmux dropped that output for it: live output feeds "
        + "miss it (waits, captures and transcripts do not)");
    if (this.pane.equals(pane)) {
      signal.skipped();
    }
    try {
      send(List.of("refresh-client", "-A", pane + ":continue"), null); // nobody waits for the answer
    } catch (NotSentException ended) {
      // the connection has ended: there is nothing to continue
    }
  }

  /**
   * Writes commands and queues the answer they will get.
   *
   * @throws NotSentException if the connection has ended or cannot be written to (the commands did not run)
   */
  private PendingCommand send(List<String> args, PaneSignal signal) {
    PendingCommand p = new PendingCommand(ControlProtocol.commandCount(args), signal);
    byte[] line = (ControlProtocol.encode(args) + "\n").getBytes(StandardCharsets.UTF_8);
    synchronized (writeLock) {
      if (alive && !process.isAlive()) {
        // Killed while idle, and tmux has not closed its output yet: a command written now might still
        // be read by the server or be lost with the client, which nobody could tell apart afterwards.
        shutDown("the tmux control client process has exited");
      }
      if (!alive) {
        throw new NotSentException(description + " has ended");
      }
      pending.add(p);
      try {
        stdin.write(line);
        stdin.flush();
      } catch (IOException e) {
        pending.remove(p);
        shutDown("write failed: " + e.getMessage());
        throw new NotSentException(description + " could not be written to: " + e.getMessage());
      }
    }
    return p;
  }

  /** Matches a reply to the oldest command waiting for one; a line of N commands gets N replies. */
  private void answer(boolean error, String text) {
    PendingCommand p = pending.peek();
    if (p == null) {
      LOG.log(System.Logger.Level.WARNING, description + ": an answer arrived for no command");
      return;
    }
    if (error) {
      // tmux skips the rest of a line's commands after an error: this command is done
      pending.poll();
      p.complete(1, text);
      return;
    }
    p.output.append(text);
    if (++p.blocks == p.expectedBlocks) {
      pending.poll();
      p.complete(0, "");
    }
  }

  private void shutDown(String reason) {
    synchronized (writeLock) {
      if (!alive) {
        return;
      }
      alive = false;
    }
    attached.completeExceptionally(new TmuxException(description + " ended: " + reason));
    PendingCommand p;
    while ((p = pending.poll()) != null) {
      p.result.completeExceptionally(new LostException(description + " ended before answering"
          + (reason.isEmpty() ? "" : " (" + reason + ")")));
    }
    signal.skipped(); // what the pane prints until another connection feeds its signal is not seen
    try {
      synchronized (writeLock) {
        // An empty line detaches a control client (tmux reads it once its handshake is over). Closing the
        // input alone would not: the client holds its own input open (Commands.HOLD_OWN_INPUT).
        stdin.write('\n');
        stdin.flush();
      }
    } catch (IOException ignored) {
      // already gone
    }
    try {
      stdin.close();
    } catch (IOException ignored) {
      // already gone
    }
  }

  /** Same as {@link #closeInput()}; the process is left to exit by itself. */
  @Override
  public void close() {
    closeInput();
  }

  @Override
  public String toString() {
    return description;
  }

}

package io.github.tmux4j.internal;

import io.github.tmux4j.TmuxException;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
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

  /** The connection ended before the command was written: it did not run. */
  static final class NotSentException extends TmuxException {
    private static final long serialVersionUID = 1L;

    NotSentException(String message) {
      super(message, null, true);
    }
  }

  /** The connection ended after the command was written and before its answer. */
  static final class LostException extends TmuxException {
    private static final long serialVersionUID = 1L;

    LostException(String message) {
      super(message);
    }
  }

  private static final class Pending {
    final int expectedBlocks;
    final StringBuilder output = new StringBuilder();
    final CompletableFuture<TmuxResult> result = new CompletableFuture<>();
    int blocks;

    Pending(int expectedBlocks) {
      this.expectedBlocks = expectedBlocks;
    }
  }

  private final String description;
  private final Process process;
  private final OutputStream stdin;
  private final Object writeLock = new Object();
  private final ConcurrentLinkedQueue<Pending> pending = new ConcurrentLinkedQueue<>();
  private final Map<String, PaneSignal> signals = new ConcurrentHashMap<>();
  private final CompletableFuture<Void> attached = new CompletableFuture<>();
  private volatile boolean alive = true;
  private volatile String exitReason = "";

  private ControlConnection(String description, Process process) {
    this.description = description;
    this.process = process;
    this.stdin = process.getOutputStream();
  }

  /**
   * Starts a control client attached to the session of {@code pane} and waits until it is attached.
   *
   * @return the connection, or {@code null} if tmux refused (no such pane, no server, old tmux)
   */
  static ControlConnection open(String binary, Path socket, String pane, Duration timeout) {
    List<String> command = List.of(binary, "-u", "-S", socket.toString(), "-C", "attach-session",
        "-f", "ignore-size", "-t", pane);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().remove("TMUX");
    builder.environment().remove("TMUX_PANE");
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      return null;
    }
    ControlConnection c = new ControlConnection("control client for " + pane + " on " + socket, process);
    Thread reader = new Thread(c::readLoop, "tmux4j-control-" + pane);
    reader.setDaemon(true);
    reader.start();
    try {
      c.attached.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      return c;
    } catch (ExecutionException | TimeoutException e) {
      c.close();
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      c.close();
      return null;
    }
  }

  boolean alive() {
    return alive;
  }

  PaneSignal signal(String pane) {
    return signals.computeIfAbsent(pane, p -> {
      PaneSignal s = new PaneSignal();
      if (!alive) {
        s.close();
      }
      return s;
    });
  }

  /**
   * Runs commands and waits for their answer.
   *
   * @throws NotSentException if the connection had already ended (the command did not run)
   * @throws LostException if it ended before answering (the command may have run)
   */
  TmuxResult execute(List<String> args, Duration timeout) {
    Pending p = new Pending(ControlProtocol.commandCount(args));
    byte[] line = (ControlProtocol.encode(args) + "\n").getBytes(StandardCharsets.UTF_8);
    synchronized (writeLock) {
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
    InputStream in = new BufferedInputStream(process.getInputStream(), 1 << 16);
    ByteArrayOutputStream lineBuffer = new ByteArrayOutputStream(256);
    ControlProtocol.Guard open = null;
    StringBuilder block = new StringBuilder();
    List<String> early = new ArrayList<>();
    try {
      int b;
      while (true) {
        lineBuffer.reset();
        while ((b = in.read()) != -1 && b != '\n') {
          lineBuffer.write(b);
        }
        if (b == -1 && lineBuffer.size() == 0) {
          break;
        }
        byte[] raw = lineBuffer.toByteArray();
        if (open != null) {
          String text = ControlProtocol.text(raw);
          ControlProtocol.Guard g = ControlProtocol.guard(text);
          if (open.closedBy(g)) {
            finishBlock(open, g, block);
            open = null;
            block.setLength(0);
          } else {
            block.append(text).append('\n');
          }
          continue;
        }
        if (startsWith(raw, "%output ")) {
          int space = indexOf(raw, (byte) ' ', 8);
          if (space > 8) {
            String pane = new String(raw, 8, space - 8, StandardCharsets.US_ASCII);
            PaneSignal s = signals.get(pane);
            if (s != null) {
              s.output(ControlProtocol.decodeOutput(raw, space + 1));
            }
          }
          continue;
        }
        String text = ControlProtocol.text(raw);
        ControlProtocol.Guard g = ControlProtocol.guard(text);
        if (g != null && g.kind().equals("begin")) {
          open = g;
          continue;
        }
        if (text.startsWith("%session-changed")) {
          attached.complete(null);
        } else if (text.startsWith("%exit")) {
          exitReason = text.length() > 6 ? text.substring(6) : "";
        } else if (!text.startsWith("%") && !attached.isDone() && early.size() < 5) {
          early.add(text); // an error printed before attaching, e.g. "can't find pane: %9"
        }
      }
    } catch (IOException e) {
      LOG.log(System.Logger.Level.DEBUG, description + ": read failed", e);
    } finally {
      shutDown(exitReason.isEmpty() ? String.join("; ", early) : exitReason);
    }
  }

  private void finishBlock(ControlProtocol.Guard begin, ControlProtocol.Guard end, StringBuilder block) {
    if ((begin.flags() & 1) == 0) {
      return; // tmux's own block (the attach), not an answer to us
    }
    Pending p = pending.peek();
    if (p == null) {
      LOG.log(System.Logger.Level.WARNING, description + ": an answer arrived for no command");
      return;
    }
    if (end.kind().equals("error")) {
      pending.poll();
      p.result.complete(new TmuxResult(1, p.output.toString(), block.toString()));
      return;
    }
    p.output.append(block);
    if (++p.blocks == p.expectedBlocks) {
      pending.poll();
      p.result.complete(new TmuxResult(0, p.output.toString(), ""));
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
    Pending p;
    while ((p = pending.poll()) != null) {
      p.result.completeExceptionally(new LostException(description + " ended before answering"
          + (reason.isEmpty() ? "" : " (" + reason + ")")));
    }
    signals.values().forEach(PaneSignal::close);
    try {
      stdin.close();
    } catch (IOException ignored) {
      // already gone
    }
  }

  @Override
  public void close() {
    shutDown("closed");
    process.destroy();
  }

  private static boolean startsWith(byte[] raw, String prefix) {
    if (raw.length < prefix.length()) {
      return false;
    }
    for (int i = 0; i < prefix.length(); i++) {
      if (raw[i] != prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static int indexOf(byte[] raw, byte b, int from) {
    for (int i = from; i < raw.length; i++) {
      if (raw[i] == b) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public String toString() {
    return description;
  }

}

package io.github.tmux4j.internal;

import java.util.concurrent.CompletableFuture;

/**
 * A command written to a {@link ControlConnection} and waiting for its answer: tmux answers each command
 * of a line with one {@code %begin}/{@code %end} block, in order. Used by the connection's writer and
 * its reader thread.
 */
final class PendingCommand {
  final int expectedBlocks;
  /** The signal of the command's pane, whose version the answer carries; {@code null} if none. */
  final PaneSignal signal;
  final StringBuilder output = new StringBuilder();
  final CompletableFuture<TmuxResult> result = new CompletableFuture<>();
  int blocks;

  PendingCommand(int expectedBlocks, PaneSignal signal) {
    this.expectedBlocks = expectedBlocks;
    this.signal = signal;
  }

  /** Completes with the answer, stamped on the reader thread with the pane's output version. */
  void complete(int exitCode, String stderr) {
    result.complete(new TmuxResult(exitCode, output.toString(), stderr, signal == null ? -1 : signal.version()));
  }
}

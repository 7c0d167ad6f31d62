package io.github.tmux4j.internal;

import io.github.tmux4j.NotAtPromptException;
import io.github.tmux4j.SessionLease;
import io.github.tmux4j.WaitTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The input of one session handle and the scope it gives the waits that follow: each input gets its own
 * rendering of what the pane prints after it ({@link PendingInput}), and before a command is typed, the
 * input before it must have come back to the prompt. Thread-safe: inputs are delivered under the
 * session's lease.
 */
final class InputScopes {
  /** How long {@code run} waits for earlier input to reach the prompt before it says it has not. */
  private static final long SETTLE_GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);
  /**
   * The grace after tmux4j's own Ctrl-C that cancels an incomplete command: the program is known to be
   * on its way back to its prompt, which a loaded machine may take more than a second to print (seen once
   * in CI: NotAtPromptException right after IncompleteCommandException, the cursor's line still empty).
   */
  private static final long CTRL_C_GRACE_NANOS = TimeUnit.SECONDS.toNanos(5);

  private final TmuxCommands tmux;
  private final PaneCommands panes;
  private final SessionRef ref;
  private final Supplier<String> name;
  private final Supplier<SessionLease> lease;
  private final StreamWaits waits;
  private final long outputLimit;
  /** The session's prompt-marker nonce, or {@code null} if its prompts carry none. */
  private final String nonce;
  private final Path transcript;
  /** The prompt that shows at the cursor when the program waits for a command, or {@code null}. */
  private final Pattern visible;
  private volatile PendingInput last;
  /** The input of a started command that has not finished ({@link DefaultExecution}), or {@code null}. */
  private volatile PendingInput held;

  InputScopes(TmuxCommands tmux, SessionRef ref, Supplier<String> name, Supplier<SessionLease> lease,
      StreamWaits waits, long outputLimit, String nonce, Path transcript, Pattern visible) {
    this.tmux = tmux;
    this.panes = tmux.pane();
    this.ref = ref;
    this.name = name;
    this.lease = lease;
    this.waits = waits;
    this.outputLimit = outputLimit;
    this.nonce = nonce;
    this.transcript = transcript;
    this.visible = visible;
  }

  /**
   * The last input, if any.
   *
   * @return the last input, or {@code null}
   */
  PendingInput last() {
    return last;
  }

  /** Stops rendering the last input's output (the session ended). */
  void end() {
    PendingInput in = last;
    if (in != null) {
      in.close();
    }
  }

  /**
   * Sends input under the session's lease and makes it the scope of the waits that follow: the output
   * after it is listened to from before the command (control mode: only what tmux answered after it
   * counts) or piped into a spool file by the command itself (process transport).
   */
  PendingInput deliver(List<String> typed, boolean enter,
      java.util.function.ToLongFunction<PaneCommands.Spool> send) {
    return deliver(typed, enter, send, outputLimit, false);
  }

  /**
   * Like {@link #deliver(List, boolean, java.util.function.ToLongFunction)}, keeping at most {@code limit}
   * characters of the output, and making the input a started command's (see {@link #intoStarted()}) if asked.
   */
  PendingInput deliver(List<String> typed, boolean enter, java.util.function.ToLongFunction<PaneCommands.Spool> send,
      long limit, boolean hold) {
    PendingInput in;
    try (SessionLease leased = lease.get()) {
      OutputRenderer renderer = new OutputRenderer(Math.min(limit, outputLimit), nonce == null ? "" : nonce);
      PaneSignal signal = tmux.signal(ref.pane());
      InputOutput output;
      PaneCommands.Spool spool = null;
      if (signal != null) {
        output = new InputOutput.FromControl(signal, renderer);
      } else {
        spool = new PaneCommands.Spool(SpoolFiles.prepare(ref), transcript);
        output = new InputOutput.FromFile(spool.file(), renderer);
      }
      try {
        long answeredAt = send.applyAsLong(spool);
        if (output instanceof InputOutput.FromControl control) {
          control.from(answeredAt);
        }
      } catch (RuntimeException e) {
        output.close();
        throw e;
      }
      in = new PendingInput(output, typed, enter);
      PendingInput previous = last;
      last = in; // under the lease: a concurrent input cannot leave an older scope behind
      held = hold ? in : null;
      if (previous != null) {
        previous.close();
      }
    }
    return in;
  }

  /**
   * Whether input now goes into a started command: it has not finished, and nothing has replaced its scope.
   *
   * @return {@code true} if input should be typed with {@link #typeInto}
   */
  boolean intoStarted() {
    PendingInput h = held;
    return h != null && h == last && !h.settled();
  }

  /**
   * The started command's input is done with (it finished, or the program exited): input makes new
   * scopes again.
   *
   * @param in the input
   */
  void release(PendingInput in) {
    if (held == in) {
      held = null;
    }
  }

  /**
   * Types into the program under the session's lease without starting a new scope: the output stays the
   * current input's (a started command's answer to its question). With the process transport no new
   * pipe is started, so the current input's spool file keeps receiving the output.
   *
   * @param send sends the input (given no spool)
   */
  void typeInto(java.util.function.ToLongFunction<PaneCommands.Spool> send) {
    try (SessionLease leased = lease.get()) {
      send.applyAsLong(null);
    }
  }

  /**
   * The scope of a wait: the last input's, or what the pane prints from now on if there was none (which
   * types nothing, and is no activity).
   */
  PendingInput scope() {
    PendingInput in = last;
    return in != null ? in : deliver(List.of(), false, spool -> panes.sendText(ref, name.get(), "", false, spool));
  }

  /**
   * Before a command is typed, the program must be at its prompt: earlier input (a {@code send}, keys, a
   * {@code run} that timed out) may still run. Its prompt marker, or the prompt at the cursor (which also
   * re-syncs a handle after {@code clear}, a pager, or a reset), settles it; otherwise the command is not
   * typed, within a second rather than the command's whole timeout.
   *
   * @throws NotAtPromptException if the program does not come back to its prompt
   */
  void settle(String command, long deadline) {
    PendingInput in = last;
    if (in == null) {
      awaitPromptOnScreen(command, deadline);
      return;
    }
    boolean foreign = false;
    if (in.settled()) {
      if (!(in.output instanceof InputOutput.FromControl)) {
        // Another process's input restarts the pane's pipe away from this handle's spool file: only the
        // screen can tell whether the program is back at its prompt.
        awaitPromptOnScreen(command, Math.min(deadline, System.nanoTime() + SETTLE_GRACE_NANOS));
        return;
      }
      if (!in.printedSinceSettled()) {
        return;
      }
      foreign = true; // another handle or process typed since (or the program printed on its own)
    }
    long grace = Math.min(deadline, System.nanoTime() + (cancelledByCtrlC(in) ? CTRL_C_GRACE_NANOS : SETTLE_GRACE_NANOS));
    Duration graceLength = Duration.ofNanos(Math.max(1, grace - System.nanoTime()));
    String[] seen = {""};
    OutputRenderer rendered = in.output.renderer;
    boolean others = foreign;
    try {
      waits.until(in, grace, true, "the prompt after earlier input in session '" + name.get() + "'", graceLength, look -> {
        String atCursor = look != null ? look.beforeCursor() : rendered.screenChanged() ? null : rendered.beforeCursor();
        if (atCursor != null) {
          seen[0] = atCursor;
        }
        if (nonce != null && atPromptMarker(rendered, others ? in.settledMarks() : 0)) {
          return Boolean.TRUE;
        }
        // Without a marker (none in this session, or output lost on the way), the prompt at the cursor
        // counts once the program has answered the input: before that the screen still shows the old one.
        boolean answered = nonce == null ? others || in.echoed() && rendered.anyOutput() : in.output.incomplete();
        return answered && visible != null && atCursor != null && StreamWaits.promptAt(visible, atCursor) != null
            ? Boolean.TRUE : null;
      });
    } catch (WaitTimeoutException notThere) {
      throw new NotAtPromptException(name.get(), CommandRun.abbreviate(command), seen[0].stripLeading());
    }
    in.settle();
  }

  /** Whether the input is a lone Ctrl-C typed as text, as {@code CommandRun.cancel} types it. */
  private static boolean cancelledByCtrlC(PendingInput in) {
    return !in.entered && in.typed.size() == 1 && in.typed.get(0).equals("\u0003");
  }

  /**
   * Whether the program is at its prompt by the stream: a primary marker came after the first {@code
   * after} ones, and nothing but the prompt's own text was printed after the last marker. Input another
   * process typed while the program was busy shows its echo before the next prompt, so a marker followed
   * by more lines is not a prompt waiting for a command.
   */
  private static boolean atPromptMarker(OutputRenderer rendered, int after) {
    List<OutputRenderer.Mark> marks = rendered.marks();
    if (marks.size() <= after) {
      return false;
    }
    OutputRenderer.Mark lastMark = marks.get(marks.size() - 1);
    return lastMark.kind().equals(PromptMarkers.PRIMARY) && lastMark.line() == rendered.currentLine()
        && PromptMarkers.promptShown(CommandRun.afterMark(rendered, lastMark));
  }

  /**
   * A handle's first command: this handle has seen nothing of the session, which may still be starting
   * (another thread's {@code create()} waits for its prompt) or running what another process typed (and
   * died before its prompt came back). The command is typed once the prompt shows at the cursor.
   *
   * @throws NotAtPromptException if it does not show before the deadline
   */
  private void awaitPromptOnScreen(String command, long deadline) {
    PendingInput in = scope();
    if (visible == null) {
      in.settle();
      return;
    }
    String[] seen = {""};
    Duration left = Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
    try {
      waits.until(in, deadline, true, "the prompt of session '" + name.get() + "'", left, look -> {
        seen[0] = look.beforeCursor();
        return StreamWaits.promptAt(visible, seen[0]) != null ? Boolean.TRUE : null;
      });
    } catch (WaitTimeoutException notThere) {
      throw new NotAtPromptException(name.get(), CommandRun.abbreviate(command), seen[0].stripLeading());
    }
    in.settle();
  }

}

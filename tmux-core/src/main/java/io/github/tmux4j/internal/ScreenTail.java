package io.github.tmux4j.internal;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Local looks for a wait: after a look through tmux it keeps a {@link ScreenModel} of the screen from that
 * look on and applies the pane's output to it, so that the next look, once output arrived, needs no round
 * trip to tmux. Which output belongs after a look is known exactly: the look's answer carries the output
 * version it was answered at ({@link PaneSnapshot#outputVersion()}), tmux hands output to its control
 * clients in the same step in which it applies it to the screen, and the pane's {@link PaneSignal} keeps
 * the recent output by version.
 *
 * <p>A tail can also be seeded when input is sent, from the cursor's row read in the same command: the
 * wait that follows then needs no round trip at all.
 *
 * <p>{@link #look} answers when the model has not been looked at since its seed, or when the pane's output
 * woke the waiter, and only if the model could follow all of that output; otherwise the caller asks tmux,
 * as it must anyway to notice a pane that exited without a word. One wait uses a tail at a time
 * ({@link #claim}).
 */
final class ScreenTail {
  private final PaneSignal signal;
  private final AtomicBoolean claimed = new AtomicBoolean();
  private ScreenModel model;
  private long modelVersion;
  private boolean unseen;
  /** The model's first line at the last look (or the seed), in the numbering the caller knows. */
  private int knownFirstLine;
  private int shift;

  /**
   * Creates a tail for a pane; it has no model until {@linkplain #seed seeded}.
   *
   * @param signal the pane's signal
   */
  ScreenTail(PaneSignal signal) {
    this.signal = signal;
  }

  /**
   * Takes the tail for one wait.
   *
   * @return {@code false} if another wait has it
   */
  boolean claim() {
    return claimed.compareAndSet(false, true);
  }

  /** Gives the tail back after a wait, for the next wait on the same input. */
  void release() {
    claimed.set(false);
  }

  /**
   * Starts a new model from a look through tmux.
   *
   * @param snap the look
   * @param unseen whether the caller has not checked this look itself (a look read with the input), so
   *     that the next {@link #look} answers even if no output woke it
   */
  void seed(PaneSnapshot snap, boolean unseen) {
    model = snap.outputVersion() < 0 ? null : ScreenModel.of(snap);
    modelVersion = snap.outputVersion();
    this.unseen = unseen;
    knownFirstLine = snap.firstLine();
    shift = 0;
  }

  /**
   * Looks at the pane without asking tmux.
   *
   * @param fromLine absolute line to capture from, numbered as at the last look (see {@link #shift})
   * @param woken whether output woke the waiter (output that arrived while it looked last time leaves
   *     nothing new to apply, but its model is current)
   * @return what a capture from {@code fromLine} would show now, or {@code null} if the caller must ask
   *     tmux (a look that no output woke, output the model cannot follow or that is no longer kept)
   */
  PaneSnapshot look(int fromLine, boolean woken) {
    if (model == null) {
      return null;
    }
    List<PaneSignal.Event> events = signal.since(modelVersion);
    if (events == null || events.isEmpty() && !woken && !unseen) {
      return null;
    }
    unseen = false;
    if (!apply(events, Long.MAX_VALUE)) {
      return null;
    }
    shift = knownFirstLine - model.firstLine();
    knownFirstLine = model.firstLine();
    PaneSnapshot snap = model.snapshot(fromLine - shift, modelVersion);
    if (snap == null) {
      model = null;
    }
    return snap;
  }

  /**
   * Applies events up to a version to the model; drops the model if it cannot follow them.
   *
   * @return {@code false} if the model was dropped
   */
  private boolean apply(List<PaneSignal.Event> events, long upTo) {
    for (PaneSignal.Event e : events) {
      if (e.version() > upTo) {
        break;
      }
      if (e.data() == null || !model.feed(e.data())) {
        model = null;
        return false;
      }
      modelVersion = e.version();
    }
    return true;
  }

  /**
   * {@linkplain #claim Claims} the tail if it has a model that may follow the pane up to the next input,
   * so that the input need not read the screen (see {@link #cursorRowAt}).
   *
   * @return {@code true} if claimed (release it after), {@code false} if taken or without a model
   */
  boolean claimIfFollowing() {
    if (!claim()) {
      return false;
    }
    if (model == null) {
      release();
      return false;
    }
    return true;
  }

  /**
   * The cursor's row as the model shows it at a given version, if the model followed all output up to
   * then and agrees with tmux on where the cursor is. The caller must have {@linkplain #claim claimed}
   * the tail. Output after {@code state}'s version stays unapplied.
   *
   * @param state the pane's state read with the next input (cursor, history, version)
   * @return the row, or {@code null} if the model cannot tell it for sure
   */
  String cursorRowAt(PaneSnapshot state) {
    long at = state.outputVersion();
    List<PaneSignal.Event> events = model == null || at < modelVersion ? null : signal.since(modelVersion);
    if (events == null || !apply(events, at)) {
      return null;
    }
    PaneSnapshot mine = model.snapshot(state.cursorLine(), modelVersion);
    boolean agrees = mine != null && mine.historySize() == state.historySize() && mine.cursorX() == state.cursorX()
        && mine.cursorY() == state.cursorY() && mine.lines().size() == 1;
    return agrees ? mine.lines().get(0) : null;
  }

  /**
   * How many lines absolute line numbers moved up between the previous look and the last one that
   * {@link #look} answered: tmux drops the oldest tenth of a full history. The answer is numbered anew.
   *
   * @return the lines dropped, 0 mostly
   */
  int shift() {
    return shift;
  }
}

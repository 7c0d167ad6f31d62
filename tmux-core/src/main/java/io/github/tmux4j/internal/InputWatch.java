package io.github.tmux4j.internal;

import java.util.concurrent.TimeUnit;

/**
 * When an execution asks {@code /proc} whether its command waits for input ({@link ForegroundProbe}),
 * and how it makes sure: only after the pane has been quiet for a moment, then again a little later with
 * no output in between, so that a prompt already printed but still on its way through tmux (the command
 * finished, the shell waits at its prompt) is not taken for a question. Not thread-safe: used under the
 * handle's run lock.
 */
final class InputWatch {
  /** How long the pane must be quiet before the first look. */
  static final long QUIET_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
  /** How long after a first "waiting" the second look confirms it. */
  static final long CONFIRM_NANOS = TimeUnit.MILLISECONDS.toNanos(60);
  /** How often to look again while the pane stays quiet and the command is not waiting. */
  static final long EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(150);

  private final DefaultSession session;
  private volatile long panePid;
  private long lastLook;
  /** When a look first said "waiting", and the output time then; 0 when it did not. */
  private long suspectedAt;
  private long suspectedOutput;

  InputWatch(DefaultSession session) {
    this.session = session;
  }

  /** Forgets earlier looks (a new await). */
  void reset() {
    lastLook = 0;
    suspectedAt = 0;
  }

  /**
   * When the next look is due.
   *
   * @param lastOutput when the pane last printed ({@link System#nanoTime()})
   * @return a {@link System#nanoTime()}
   */
  long next(long lastOutput) {
    long quiet = lastOutput + QUIET_NANOS;
    return Math.max(quiet, suspectedAt != 0 ? suspectedAt + CONFIRM_NANOS : lastLook + EVERY_NANOS);
  }

  /**
   * Looks, and says whether the command waits for input: two looks in a row said so, with no output
   * between them.
   *
   * @param now {@link System#nanoTime()}
   * @param lastOutput when the pane last printed
   * @return {@code true} once confirmed
   */
  boolean waiting(long now, long lastOutput) {
    lastLook = now;
    if (!ForegroundProbe.waitingForInput(panePid())) {
      suspectedAt = 0;
      return false;
    }
    if (suspectedAt != 0 && suspectedOutput == lastOutput && now - suspectedAt >= CONFIRM_NANOS) {
      return true;
    }
    suspectedAt = now;
    suspectedOutput = lastOutput;
    return false;
  }

  /**
   * The pane's process id, asked of tmux once.
   *
   * @return the pid, or 0 if tmux does not say
   */
  long panePid() {
    if (panePid == 0 && ForegroundProbe.available()) {
      panePid = Math.max(0, session.panes().info(session.ref(), session.name()).pid());
    }
    return panePid;
  }
}

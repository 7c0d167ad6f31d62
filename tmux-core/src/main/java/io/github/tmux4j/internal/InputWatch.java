package io.github.tmux4j.internal;

import java.util.concurrent.TimeUnit;

/**
 * When an execution asks {@code /proc} whether its command waits for input ({@link ForegroundProbe}),
 * and how it makes sure: only after the pane has been quiet for a moment, then again a little later with
 * no output in between, so that a prompt already printed but still on its way through tmux (the command
 * finished, the shell waits at its prompt) is not taken for a question.
 *
 * <p>Input sent to the pane counts too. A program that has just been sent its answer still sits in
 * {@code read} until tmux has written the keys and the kernel has woken it, which on a busy machine can
 * outlast both looks (seen: {@code input('q? ')} answered, then reported waiting for input again, so that
 * a caller would answer twice). So after input the looks wait until the pane has printed since (the
 * terminal's echo of the keys is enough: it shows that they arrived) and been quiet for a moment; or,
 * when nothing comes back (a program that turned echo off and reads on silently), until
 * {@link #UNANSWERED_NANOS} after the input. Not thread-safe: used under the handle's run lock.
 */
final class InputWatch {
  /** How long the pane must be quiet before the first look. */
  static final long QUIET_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
  /** How long after a first "waiting" the second look confirms it. */
  static final long CONFIRM_NANOS = TimeUnit.MILLISECONDS.toNanos(60);
  /** After input that nothing answered (no echo, no output), how long before a look is trusted. */
  static final long UNANSWERED_NANOS = TimeUnit.SECONDS.toNanos(1);
  /** How often to look again while the pane stays quiet and the command is not waiting. */
  static final long EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(150);

  private final DefaultSession session;
  private volatile long panePid;
  private long lastLook;
  /** When a look first said "waiting", and the last output or input then; 0 when it did not. */
  private long suspectedAt;
  private long suspectedActivity;

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
    long input = session.lastInputNanos();
    long quiet = lastOutput >= input ? lastOutput + QUIET_NANOS : input + UNANSWERED_NANOS;
    return Math.max(quiet, suspectedAt != 0 ? suspectedAt + CONFIRM_NANOS : lastLook + EVERY_NANOS);
  }

  /**
   * Looks, and says whether the command waits for input: two looks in a row said so, with no output
   * and no input between them.
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
    long activity = lastActivity(lastOutput);
    if (suspectedAt != 0 && suspectedActivity == activity && now - suspectedAt >= CONFIRM_NANOS) {
      return true;
    }
    suspectedAt = now;
    suspectedActivity = activity;
    return false;
  }

  /** The later of the pane's last output and the last input sent to it: a change between two looks. */
  private long lastActivity(long lastOutput) {
    return Math.max(lastOutput, session.lastInputNanos());
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

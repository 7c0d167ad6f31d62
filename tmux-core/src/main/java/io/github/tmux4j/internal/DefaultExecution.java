package io.github.tmux4j.internal;

import io.github.tmux4j.Execution;
import io.github.tmux4j.ExecutionOptions;
import io.github.tmux4j.ExecutionState;
import io.github.tmux4j.ExecutionStatus;
import io.github.tmux4j.Interruption;
import io.github.tmux4j.SessionDeadException;
import io.github.tmux4j.SessionLease;
import io.github.tmux4j.TmuxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A started command ({@link io.github.tmux4j.Session#start}): {@link CommandRun}'s waits made resumable.
 * Each await runs the stream loop ({@link StreamWaits#within}) until the line's prompt (the next line is
 * then typed, as {@code run} does), a soft end (the await's deadline, the no-output timeout, the program
 * found reading the terminal by {@link InputWatch}) or the pane's death. Awaits and interrupts take the
 * handle's run lock, so they take turns with each other and with {@code run}; input does not.
 */
final class DefaultExecution implements Execution {
  private final DefaultSession session;
  private final String command;
  private final ExecutionOptions options;
  private final CommandRun.Caps caps;
  private final long limit;
  private final CommandRun run;
  /** The prompt that ends the command in a session without markers; {@code null} with markers. */
  private final Pattern prompt;
  private final List<String> lines;
  private final long started = System.nanoTime();
  private final OutputCaps.Collected done = new OutputCaps.Collected();
  // Guarded by the session's run lock:
  private int line;
  private int closes;
  private PendingInput in;
  private boolean gap;
  private boolean interrupted;
  private OptionalInt exit = OptionalInt.empty();
  /** Lines of the output that earlier awaits returned complete, and what the limit had dropped then. */
  private int returned;
  private long returnedDropped;
  private final InputWatch watch;
  private volatile ExecutionStatus last;

  private DefaultExecution(DefaultSession session, String command, ExecutionOptions options) {
    this.session = session;
    this.command = command;
    this.options = options;
    this.caps = caps(options);
    this.limit = rendererLimit(caps);
    this.run = session.commandRun(limit, true);
    this.prompt = session.unmarkedPrompt();
    this.lines = new ArrayList<>(prompt != null ? List.of(command) : List.of(command.split("\n", -1)));
    this.watch = new InputWatch(session);
    this.last = new ExecutionStatus(command, ExecutionState.RUNNING, "", "", OptionalInt.empty(), Duration.ZERO,
        Duration.ZERO, io.github.tmux4j.CommandResult.Truncation.NONE);
  }

  /**
   * Types a command once earlier input is back at its prompt, and returns its execution.
   *
   * @param session the handle
   * @param command the command
   * @param options how it is watched
   * @return the execution
   */
  static DefaultExecution start(DefaultSession session, String command, ExecutionOptions options) {
    Duration timeout = options.startTimeout().orElse(session.defaultTimeout());
    long deadline = System.nanoTime() + timeout.toNanos();
    ReentrantLock lock = session.runLock();
    lockWithin(lock, timeout.toNanos(), "to start '" + CommandRun.abbreviate(command) + "'");
    try (SessionLease lease = session.exclusive(timeout)) {
      session.scopes().settle(command, deadline);
      DefaultExecution e = new DefaultExecution(session, command, options);
      e.in = session.typeLine(e.lines.get(0), e.limit, true);
      return e;
    } finally {
      lock.unlock();
    }
  }

  static CommandRun.Caps caps(ExecutionOptions options) {
    return new CommandRun.Caps(options.maxLines().orElse(Integer.MAX_VALUE), options.maxBytes().orElse(Long.MAX_VALUE));
  }

  /** How much output a renderer keeps for per-call caps: enough for both halves, so memory is bounded too. */
  static long rendererLimit(CommandRun.Caps caps) {
    return caps.maxBytes() == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(1 << 16, Math.min(caps.maxBytes(),
        Long.MAX_VALUE / 4) * 2);
  }

  @Override
  public String command() {
    return command;
  }

  @Override
  public ExecutionStatus lastStatus() {
    return last;
  }

  @Override
  public ExecutionStatus await(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, got " + timeout);
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    ReentrantLock lock = session.runLock();
    if (!tryLockWithin(lock, timeout.toNanos())) {
      return last; // another thread awaited all this time: its status is the latest
    }
    try {
      return awaitLocked(deadline, options.detectInput(), options.noOutputTimeout().orElse(null));
    } finally {
      lock.unlock();
    }
  }

  private ExecutionStatus awaitLocked(long deadline, boolean detect, Duration noOutput) {
    if (last.done()) {
      return last;
    }
    long awaitStart = System.nanoTime();
    watch.reset();
    while (true) {
      PendingInput current = in;
      Object ended;
      try {
        ended = session.waits().within(current, deadline, () -> wake(current, awaitStart, detect, noOutput), false,
            "command '" + CommandRun.abbreviate(command) + "'", look -> test(current, look, awaitStart, detect, noOutput));
      } catch (SessionDeadException dead) {
        renderLast(current);
        fromScreen(current, dead.lastScreen());
        return finish(ExecutionState.PROGRAM_EXITED, dead.exitStatus());
      }
      if (ended == null) {
        return status(ExecutionState.RUNNING);
      }
      if (ended instanceof ExecutionState soft) {
        return status(soft);
      }
      if (ended instanceof Matcher found) { // a session without markers: its prompt is back
        current.settle();
        done.add(current.output.renderer.lines(current.firstOutputLine(), -1));
        done.removeLast(); // the prompt's line
        gap |= current.output.incomplete();
        return finish(ExecutionState.FINISHED, CommandRun.exitGroup(found));
      }
      CommandRun.Step step = (CommandRun.Step) ended;
      current.settle();
      done.add(step.output());
      gap |= current.output.incomplete();
      boolean lastLine = line == lines.size() - 1;
      if (step.mark().kind().equals(PromptMarkers.PRIMARY)) {
        exit = CommandRun.exitCode(step.mark().payload());
      } else if (lastLine && !interrupted) {
        if (run.blockCloses(closes++)) {
          lines.add(""); // the blank line that ends a Python block
          lastLine = false;
        } else {
          finish(ExecutionState.FINISHED, OptionalInt.empty());
          throw run.cancel(command, current);
        }
      }
      if (lastLine || interrupted) {
        return finish(ExecutionState.FINISHED, exit);
      }
      in = session.typeLine(lines.get(++line), limit, true);
    }
  }

  /** When the loop wants to run its test without output: the no-output deadline or the next look at /proc. */
  private long wake(PendingInput current, long awaitStart, boolean detect, Duration noOutput) {
    long quietSince = Math.max(current.output.lastOutputNanos(), awaitStart);
    long silent = noOutput == null ? Long.MAX_VALUE : quietSince + noOutput.toNanos();
    boolean probing = detect && current.output.renderer.anyOutput(); // as the test: only once the program answered
    return probing ? Math.min(silent, watch.next(current.output.lastOutputNanos())) : silent;
  }

  private Object test(PendingInput current, PaneCommands.Look look, long awaitStart, boolean detect,
      Duration noOutput) {
    Object step = prompt != null ? CommandRun.promptStep(current, look, prompt) : run.markerStep(current, look);
    if (step != null) {
      return step;
    }
    long now = System.nanoTime();
    long lastOutput = current.output.lastOutputNanos();
    if (noOutput != null && now - Math.max(lastOutput, awaitStart) >= noOutput.toNanos()) {
      return ExecutionState.NO_OUTPUT;
    }
    if (detect && current.output.renderer.anyOutput() && now >= watch.next(lastOutput)
        && watch.waiting(now, lastOutput) && !renderNow(current)) {
      return ExecutionState.WAITING_FOR_INPUT;
    }
    return null;
  }

  /**
   * Renders what the program printed before it died. tmux may answer the look that found the pane dead
   * before it sends a control client the last output, so this waits (a second at most) until the stream
   * ends or goes quiet.
   */
  private static void renderLast(PendingInput current) {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
    try {
      while (current.output.await(until)) {
        // rendered; more may follow
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TmuxException("Interrupted while reading the session's output", e);
    }
  }

  /**
   * When the stream brought nothing after the echo (tmux drops what a program prints in the instant it
   * exits from a control client's stream, echo included, now and then), the last screen says it: the rows
   * after the line's echo, without tmux's "Pane is dead" line. The result then reports a gap.
   */
  private void fromScreen(PendingInput current, String screen) {
    if (current.echoed() && PendingInput.joined(current.output.renderer.lines(current.firstOutputLine(), -1))
        .stream().anyMatch(l -> !l.isBlank())) {
      return;
    }
    String typed = lines.get(line).strip();
    List<String> rows = List.of(screen.split("\n", -1));
    int at = -1;
    for (int i = 0; i < rows.size() && !typed.isEmpty(); i++) {
      at = rows.get(i).stripTrailing().endsWith(typed) ? i : at;
    }
    if (at >= 0) {
      List<String> out = new ArrayList<>();
      rows.subList(at + 1, rows.size()).stream().filter(r -> !r.startsWith("Pane is dead")).forEach(out::add);
      done.add(new OutputRenderer.Lines(out, 0, List.of(), 0, 0));
      current.settle(); // its output is taken from the screen
      gap = true;
    }
  }

  /**
   * Renders what arrived without waiting. The loop looked at tmux's screen just before (the look that came
   * with the silence): in control mode, output tmux had read by then came before that answer, so a prompt
   * the program printed before it sat down to wait is rendered here and wins over "waiting".
   */
  private static boolean renderNow(PendingInput current) {
    try {
      return current.output.await(System.nanoTime());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TmuxException("Interrupted while reading the session's output", e);
    }
  }

  private ExecutionStatus finish(ExecutionState state, OptionalInt code) {
    session.scopes().release(in);
    exit = code;
    return status(state);
  }

  /** The status now: everything so far, what is new since the last await, both capped. */
  private ExecutionStatus status(ExecutionState state) {
    boolean over = state == ExecutionState.FINISHED || state == ExecutionState.PROGRAM_EXITED;
    OutputCaps.Collected full = done.copy();
    if (!in.settled() && in.echoed()) { // the line still running (or what it printed before the program died)
      full.add(in.output.renderer.lines(in.firstOutputLine(), -1));
    }
    long shifted = full.droppedLines() - returnedDropped; // lines the limit dropped since: the tail moved up
    OutputCaps.Collected fresh = full.from((int) Math.max(0, returned - shifted));
    returned = Math.max(0, full.lines().size() - 1);
    returnedDropped = full.droppedLines();
    boolean lost = gap || in.output.incomplete();
    OutputCaps.Text all = full.finish(caps.maxLines(), caps.maxBytes(), lost);
    OutputCaps.Text news = fresh.finish(caps.maxLines(), caps.maxBytes(), lost);
    long now = System.nanoTime();
    last = new ExecutionStatus(command, state, all.text(), news.text(), over ? exit : OptionalInt.empty(),
        Duration.ofNanos(now - started), Duration.ofNanos(Math.max(0, now - in.output.lastOutputNanos())),
        all.truncation());
    return last;
  }

  @Override
  public void send(String text) {
    session.send(text);
  }

  @Override
  public void sendKeys(String... keys) {
    session.sendKeys(keys);
  }

  @Override
  public Interruption interrupt() {
    if (last.done()) {
      return new Interruption(List.of(), OptionalLong.empty(), last);
    }
    long grace = options.interruptGrace().toNanos();
    List<Interruption.Step> steps = new ArrayList<>();
    OptionalLong group = OptionalLong.empty();
    session.sendKeys("C-c");
    steps.add(Interruption.Step.CTRL_C);
    boolean stopped = false;
    for (Interruption.Step next : List.of(Interruption.Step.CTRL_BACKSLASH, Interruption.Step.SIGINT,
        Interruption.Step.SIGTERM, Interruption.Step.SIGKILL)) {
      stopped = stoppedWithin(grace);
      if (stopped) {
        break;
      }
      ForegroundProbe.Foreground fg = ForegroundProbe.foreground(watch.panePid());
      if (fg == null || fg.ownProgram()) {
        break; // cannot tell, or the session's own program: a signal would end the session
      }
      group = OptionalLong.of(fg.id());
      if (next == Interruption.Step.CTRL_BACKSLASH) {
        session.sendKeys("C-\\");
      } else if (!ForegroundProbe.signal(fg.id(), next.name().substring(3))) {
        continue; // the group is gone, or kill failed: try the next, stronger one
      }
      steps.add(next);
    }
    if (!stopped) {
      stoppedWithin(grace);
    }
    return new Interruption(steps, group, last);
  }

  /** Waits up to {@code grace} for the command to finish (or the program to exit), without soft ends. */
  private boolean stoppedWithin(long grace) {
    long deadline = System.nanoTime() + grace;
    ReentrantLock lock = session.runLock();
    if (!tryLockWithin(lock, grace)) {
      return last.done();
    }
    try {
      interrupted = true;
      return awaitLocked(deadline, false, null).done();
    } finally {
      lock.unlock();
    }
  }

  private static boolean tryLockWithin(ReentrantLock lock, long nanos) {
    try {
      return lock.tryLock(nanos, TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TmuxException("Interrupted while waiting for the session's run lock", e);
    }
  }

  private static void lockWithin(ReentrantLock lock, long nanos, String what) {
    if (!tryLockWithin(lock, nanos)) {
      throw new TmuxException("Another thread kept this session handle busy (run or await) too long " + what);
    }
  }

  @Override
  public String toString() {
    return "Execution['" + CommandRun.abbreviate(command) + "' in " + session.name() + ": " + last.state() + "]";
  }
}

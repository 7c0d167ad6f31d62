package io.github.tmux4j;

import java.time.Duration;

/**
 * A command typed into a session by {@link Session#start}, followed for as long as the caller likes: a
 * soft timeout instead of {@link Session#run}'s hard one. Each {@link #await} waits at most its
 * duration and returns where the command stands and what it printed ({@link ExecutionStatus}); it never
 * throws for a state of the command. Call it again to go on waiting; once {@link ExecutionStatus#done()},
 * it returns the same final status at once.
 *
 * <p><b>States.</b> {@link ExecutionState#FINISHED} when the prompt comes back (as {@code run} finds it:
 * prompt markers or the {@code readyWhen} prompt); {@link ExecutionState#PROGRAM_EXITED} when the
 * session's program exits; {@link ExecutionState#NO_OUTPUT} after the options' no-output timeout;
 * {@link ExecutionState#WAITING_FOR_INPUT} when the command is blocked reading the terminal; otherwise
 * {@link ExecutionState#RUNNING} when the await's time is up.
 *
 * <p><b>Waiting for input</b> is read from Linux's {@code /proc}: the foreground process group of the
 * pane's terminal, every process of it asleep and one in a read of the terminal (or a select or poll on
 * it alone, as a line editor does), after a short quiet spell and confirmed once so that a prompt still
 * on its way is not taken for a question. After input sent through the handle the looks wait until the
 * pane has printed since (its echo is enough), or a second when nothing comes back (echo off), so that an
 * answer still on its way to the program is not taken for the next question. It is conservative: a shell back at its prompt is
 * {@code FINISHED}, not waiting; a program that also waits on a socket, pipe or timer is never reported
 * waiting, and so a command run on another host ({@code ssh}, a container's {@code exec}) never is; on
 * other systems it is never reported. Then a question shows as {@code RUNNING} or {@code NO_OUTPUT} with
 * the question in {@link ExecutionStatus#output()}.
 *
 * <p><b>Input.</b> {@link #send} and {@link #sendKeys} type into the running command without ending its
 * scope; so do {@link Session#send}, {@link Session#type} and {@link Session#sendKeys} until the command
 * is seen finished (by an {@code await}, an interrupt, or a {@code run} that finds the prompt back). What they type is echoed into the output as a terminal shows it. {@link Session#run}
 * while the command runs throws {@link NotAtPromptException}. The session's lease is held only within
 * each call (typing, or one await), not between them: hold {@link Session#exclusive} across the calls
 * to keep other processes out.
 *
 * <p>Thread-safe: awaits and interrupts of one execution (and {@code run} calls of its handle) take
 * turns; input can be sent while another thread awaits.
 */
public interface Execution {
  /**
   * The command as started.
   *
   * @return the command
   */
  String command();

  /**
   * Waits until the command finishes, the program exits, it waits for input, the pane stays silent for the
   * no-output timeout, or {@code timeout} passes, whichever is first; never longer than {@code timeout}
   * (plus one tmux command).
   *
   * @param timeout how long to wait at most
   * @return where the command stands and its output
   * @throws IllegalArgumentException if {@code timeout} is not positive
   * @throws IncompleteCommandException if a line of the command left the program in a continuation (an
   *     open quote; it is cancelled with Ctrl-C first), as with {@code run}
   * @throws SessionNotFoundException if the session is gone
   * @throws TmuxException if tmux fails, or the thread is interrupted
   */
  ExecutionStatus await(Duration timeout);

  /**
   * The status of the last {@link #await} (or {@link #interrupt()}), without waiting or reading.
   *
   * @return the last status; before the first await, {@code RUNNING} with no output
   */
  ExecutionStatus lastStatus();

  /**
   * Types text and Enter into the running command (an answer to its question), keeping this execution's
   * scope: the answer's echo and what follows are this command's output.
   *
   * @param text the text, typed literally
   * @throws IllegalArgumentException if the text contains NUL or an unpaired surrogate
   * @throws SessionBusyException if another process holds the session's lease
   */
  void send(String text);

  /**
   * Types tmux key names ({@code C-d}, {@code Enter}, {@code Up}...) into the running command, keeping
   * this execution's scope.
   *
   * @param keys the key names
   * @throws IllegalArgumentException if there are none, or one is empty
   * @throws SessionBusyException if another process holds the session's lease
   */
  void sendKeys(String... keys);

  /**
   * Stops the command, escalating until the prompt comes back or the steps run out, and says what it did.
   * Steps, each only if the prompt did not come back within {@link ExecutionOptions#interruptGrace()}
   * of the one before: Ctrl-C; then, only on Linux and only when the terminal's foreground process group
   * is a command and not the session's own program (a shell's {@code read} builtin or a REPL's own loop
   * would end the session), Ctrl-\ and SIGINT, SIGTERM and SIGKILL to that group. Bounded by five graces
   * and a few tmux commands. Does nothing but return the status if the execution is already done.
   *
   * @return the steps taken, the process group, and the status after them
   * @throws SessionNotFoundException if the session is gone
   */
  Interruption interrupt();
}

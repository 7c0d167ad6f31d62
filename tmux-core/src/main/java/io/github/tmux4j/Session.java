package io.github.tmux4j;

import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

/**
 * A handle on one tmux session that runs one process (a Python REPL, gdb, a shell, any command).
 *
 * <p>Handles are thread-safe. {@link #run} calls on one handle are serialized, so two threads never
 * interleave their commands; {@link #send} and {@link #waitFor} may be combined freely. A handle does not
 * own the session's lifetime beyond {@link #close()}: the session outlives the JVM until it is closed,
 * cleaned up, or its process exits.
 *
 * <p>Waits are scoped: after {@link #send} or {@link #sendKeys}, {@link #waitFor} and {@link #run} only
 * look at what the pane printed after that input, never at earlier output or at the echo of the input
 * itself.
 */
public interface Session extends AutoCloseable {

  /** Registry tag set by {@link #quarantine()}: when the session was quarantined (ISO-8601). */
  String QUARANTINE_TAG = "tmux4j.quarantined";

  /** Registry tag set by {@link #quarantine()}: the session's name before it was quarantined. */
  String QUARANTINED_FROM_TAG = "tmux4j.quarantined-from";

  /**
   * The session name, unique on its registry and socket.
   *
   * @return the name
   */
  String name();

  /**
   * The tmux socket the session lives on; {@code tmux -S <socket> attach -t =<name>} attaches to it.
   *
   * @return the socket path
   */
  Path socket();

  /**
   * The pane the process runs in, as a tmux pane id ({@code %3}), usable as {@code tmux -S <socket> ...
   * -t <target>}.
   *
   * @return the pane id
   */
  String target();

  /**
   * What kind of program the session runs.
   *
   * @return the type
   */
  SessionType type();

  /**
   * Types {@code text} literally and presses Enter. Every character arrives as given: {@code ;}, quotes,
   * {@code $}, backslashes, tabs, newlines (each acts as Enter) and any Unicode. Text longer than a few
   * kilobytes goes through a tmux paste buffer. Updates the registry's {@code last_active} (at most once
   * per {@link TmuxClientBuilder#activityResolution(java.time.Duration) activity resolution}).
   *
   * @param text the input; must not contain NUL or unpaired surrogates
   * @throws IllegalArgumentException if the text cannot be typed, naming the character
   * @throws SessionNotFoundException if the session is gone
   * @throws ServerNotRunningException if its tmux server is gone
   */
  void send(String text);

  /**
   * Takes this session for exclusive use: until the lease is closed, {@code send}, {@code type},
   * {@code sendKeys} and {@code run} of other threads and processes on this session wait (each takes the
   * lease for its own duration; {@code run} holds it from sending to the next prompt, so two agents'
   * commands never interleave). The lease is reentrant for the thread that holds it, and a lease of a
   * process that dies is released by the operating system.
   *
   * <pre>{@code
   * try (SessionLease lease = gdb.exclusive(Duration.ofSeconds(5))) {
   *   gdb.run("break main");
   *   gdb.run("run");
   * }
   * }</pre>
   *
   * @param wait how long to wait for another holder to finish
   * @return the lease; close it on the same thread
   * @throws SessionBusyException if another thread or process holds it longer, naming that process
   */
  SessionLease exclusive(Duration wait);

  /**
   * Types {@code text} literally without pressing Enter.
   *
   * @param text the input
   * @throws IllegalArgumentException if the text cannot be typed, naming the character
   * @throws SessionNotFoundException if the session is gone
   */
  void type(String text);

  /**
   * Presses keys by their tmux names: {@code "C-c"}, {@code "Enter"}, {@code "Up"}, {@code "Escape"},
   * {@code "M-x"}. Updates {@code last_active}.
   *
   * @param keys the key names
   * @throws SessionNotFoundException if the session is gone
   */
  void sendKeys(String... keys);

  /**
   * Waits until {@code text} appears in the pane's output after the input last sent through this handle
   * (scoped as {@link #waitFor(Pattern, Duration)} says).
   *
   * @param text the literal text to look for
   * @param timeout how long to wait
   * @return the match
   * @throws WaitTimeoutException if it does not appear in time; carries the last screen seen
   * @throws SessionDeadException if the process exits while waiting
   */
  MatchResult waitFor(String text, Duration timeout);

  /**
   * Waits until {@code pattern} is found in what the pane printed after the input last sent through this
   * handle: its output stream as a terminal shows it (carriage returns, backspaces and erasing applied,
   * colours removed), as lines joined by {@code \n}, the echo of the input left out, the cursor's line
   * with everything printed on it (a prompt such as {@code "Your name? "} keeps its trailing space).
   * Once a full-screen program (a pager, an editor) or a cleared screen took over, the visible screen
   * is matched too; {@link #waitForScreen} matches only the screen. Before any input through this handle,
   * the visible screen and what the pane prints from now on are matched.
   *
   * @param pattern the pattern to find
   * @param timeout how long to wait
   * @return the match
   * @throws WaitTimeoutException if it does not appear in time; carries the last screen seen
   * @throws SessionDeadException if the process exits while waiting
   */
  MatchResult waitFor(Pattern pattern, Duration timeout);

  /**
   * Waits until a pattern shows on the pane's visible screen (or in the text before its cursor),
   * whatever printed it and when: for full-screen programs (pagers, editors, {@code top}) and anything
   * else that redraws. {@link #waitFor} looks at what the program printed after the last input instead,
   * and at the screen only once a full-screen program or a cleared screen took over.
   *
   * @param pattern the pattern
   * @param timeout how long to wait
   * @return the match
   * @throws WaitTimeoutException if it does not show in time, with the screen it last saw
   * @throws SessionDeadException if the program exits first
   */
  MatchResult waitForScreen(Pattern pattern, Duration timeout);

  /**
   * Sends a command, waits for the program's next prompt, and returns only the command's output, with
   * the client's default timeout. The program must echo its input and show a prompt (REPLs and shells
   * do).
   *
   * @param command the command
   * @return the output, elapsed time and (for shells) exit code
   * @throws WaitTimeoutException if no prompt appears in time
   * @throws SessionDeadException if the process exits while running the command
   * @throws IllegalStateException if the session has no known prompt (a custom command without
   *     {@link SessionBuilder#readyWhen})
   */
  CommandResult run(String command);

  /**
   * Like {@link #run(String)} with an explicit timeout.
   *
   * @param command the command
   * @param timeout how long to wait for the next prompt
   * @return the output, elapsed time and (for shells) exit code
   * @throws WaitTimeoutException if no prompt appears in time
   * @throws SessionDeadException if the process exits while running the command
   */
  CommandResult run(String command, Duration timeout);

  /**
   * Like {@link #run(String, Duration)}, with the output capped by the options' {@code maxLines} and
   * {@code maxBytes} (head and tail kept, one line saying what was cut, counted in
   * {@link CommandResult#truncation()}). The timeout stays hard; the options' no-output timeout and
   * input detection apply to {@link #start} only.
   *
   * @param command the command
   * @param timeout how long to wait for the next prompt
   * @param options the caps
   * @return the capped output, elapsed time and (for shells) exit code
   * @throws WaitTimeoutException if no prompt appears in time
   * @throws SessionDeadException if the process exits while running the command
   */
  CommandResult run(String command, Duration timeout, ExecutionOptions options);

  /**
   * Types a command and returns at once with a handle to follow it: {@link Execution#await} with a soft
   * timeout, as often as needed; {@link Execution#interrupt()} to stop it. Output is scoped as
   * {@code run}'s. Before typing, earlier input must have come back to its prompt, as for {@code run}.
   *
   * @param command the command (several lines are typed one after another, each after its prompt)
   * @return the execution
   * @throws NotAtPromptException if earlier input has not come back to its prompt within a second (or,
   *     for a handle's first command, the prompt does not show within the client's default timeout)
   * @throws IllegalStateException if the session has no known prompt
   * @throws SessionBusyException if another process holds the session's lease for the default timeout
   */
  default Execution start(String command) {
    return start(command, ExecutionOptions.defaults());
  }

  /**
   * Like {@link #start(String)}, with options: a no-output timeout, output caps, input detection and
   * interrupt grace.
   *
   * @param command the command
   * @param options how the execution is watched
   * @return the execution
   * @throws NotAtPromptException if earlier input has not come back to its prompt
   * @throws IllegalStateException if the session has no known prompt
   */
  Execution start(String command, ExecutionOptions options);

  /**
   * A live feed of what the pane prints from now on: chunks or lines, optionally without ANSI escapes
   * and with timestamps. Needs {@link Transport#CONTROL_MODE}.
   *
   * @return the feed, to be refined and then followed or opened
   */
  OutputFeed output();

  /**
   * Calls {@code listener} with each chunk of text the pane prints from now on, on tmux4j's reader
   * thread; the same as {@code output().follow(listener)}.
   *
   * @param listener the receiver; must return quickly
   * @return the subscription; close it to stop
   * @throws IllegalStateException if the client uses {@link Transport#PROCESS}
   */
  default OutputFeed.Subscription follow(java.util.function.Consumer<String> listener) {
    return output().follow(listener);
  }

  /**
   * Starts describing a capture of the pane; nothing is read until {@link Capture#text()}.
   *
   * @return a capture of the visible screen, to be refined
   */
  Capture capture();

  /**
   * Checks the session's health. Never throws for the states it reports: a missing session or server is
   * a state, not an error.
   *
   * @return the health
   */
  Health health();

  /**
   * Records activity without sending input: sets the registry's {@code last_active} to now (a
   * heartbeat for quiet sessions), whatever the activity resolution.
   *
   * @throws RegistryException if the registry cannot be updated
   */
  void touch();

  /**
   * Renames the session in tmux and in the registry together; this handle follows the new name. If the
   * registry cannot be updated, the tmux session gets its old name back.
   *
   * @param newName the new name, validated like any session name
   * @return this session
   * @throws InvalidSessionNameException if the new name is not allowed
   * @throws DuplicateSessionException if a session of that name exists
   * @throws SessionNotFoundException if this session is gone
   */
  Session rename(String newName);

  /**
   * Keeps a broken session for forensics: renames it to {@code <name>-quarantined-<yyyyMMddTHHmmssZ>}
   * and tags its record ({@link #QUARANTINE_TAG}, {@link #QUARANTINED_FROM_TAG}), so that
   * {@link Cleanup} spares it until {@link #endQuarantine()} and the original name is free for a new session.
   * The pane, dead or alive, and its output stay as they are.
   *
   * @return this session, under its new name
   * @throws SessionNotFoundException if the session is gone from tmux
   */
  Session quarantine();

  /**
   * Ends a quarantine: removes the quarantine tags, so that cleanup treats the session like any other.
   * Does nothing if the session is not quarantined. (Called {@code release()} before 0.1.0, which read
   * like releasing a {@linkplain #exclusive lease}.)
   *
   * @return this session
   */
  Session endQuarantine();

  /**
   * Kills the session and removes its registry record, as one operation; the same as {@link #close()}.
   */
  void kill();

  /**
   * Kills the session and removes its registry record. Idempotent: closing a session that is already
   * gone (or closing twice) does nothing.
   */
  @Override
  void close();
}

package io.github.tmux4j;

import java.util.regex.Pattern;

/**
 * Prompt patterns of the programs tmux4j starts. A prompt pattern is matched against the last line of
 * the screen, with trailing whitespace removed, when the cursor sits on that line; {@link Session#run}
 * uses it to know that a command has finished. A pattern that has a named group {@code exit} reports
 * the exit code of the command before it ({@link CommandResult#exitCode()}).
 */
public final class Prompts {
  /** Python's primary prompt {@code >>> } (the basic REPL, which tmux4j selects). */
  public static final Pattern PYTHON = Pattern.compile(">>>$");

  /** gdb's prompt {@code (gdb) }. */
  public static final Pattern GDB = Pattern.compile("\\(gdb\\)$");

  /**
   * The value of {@code PS1} that tmux4j gives the shells it starts: {@code [tmux4j 0]$ }, where the
   * number is the exit code of the previous command.
   */
  public static final String SHELL_PS1 = "[tmux4j $?]$ ";

  /** The prompt of shells started with {@link #SHELL_PS1}; its group {@code exit} is the exit code. */
  public static final Pattern SHELL = Pattern.compile("\\[tmux4j (?<exit>\\d+)]\\$$");

  private Prompts() {}
}

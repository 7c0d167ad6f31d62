package io.github.tmux4j.internal;

import io.github.tmux4j.SessionType;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The invisible markers that tmux4j's shell, Python and gdb sessions print with every prompt, so that
 * the end of a command is read from the pane's output stream instead of guessed from the screen. A
 * marker is an operating-system command that terminals (and tmux) ignore:
 * {@code ESC ] 7331;tmux4j;<nonce>;<kind>;<payload> BEL}, where the nonce is the session's own (a
 * program that prints a fake prompt cannot print it), the kind is {@link #PRIMARY} (the program waits
 * for a new command; for shells the payload is the last exit code) or {@link #CONTINUATION} (it waits
 * for the rest of a command: Python's {@code ...}, the shell's {@code >}). The visible prompt after the
 * marker is unchanged ({@code [tmux4j 0]$ }, {@code >>> }, {@code (gdb) }).
 */
public final class PromptMarkers {
  /** The start of a marker's body, before the nonce. */
  static final String OSC_PREFIX = "7331;tmux4j;";
  /** The kind of a primary prompt's marker. */
  public static final String PRIMARY = "p";
  /**
   * Whether the visible prompt after a marker has arrived whole: every prompt tmux4j sets ends with one of
   * {@code "$ "}, {@code "> "} ({@code ">>> "} too), {@code "... "} or {@code "(gdb) "}. tmux may deliver a
   * prompt's text in pieces, the rest after the answer to the next input: a command typed before the
   * whole prompt arrived would find the rest (".." of "...") at the start of its own output.
   *
   * @param afterMarker the text printed after the marker on its line
   * @return {@code true} if it ends a prompt
   */
  static boolean promptShown(String afterMarker) {
    for (String ending : PROMPT_ENDINGS) {
      if (afterMarker.endsWith(ending)) {
        return true;
      }
    }
    return false;
  }

  /** The visible prompts set below, after their markers. */
  private static final String SHELL_PS2 = "> ";
  private static final String PYTHON_PS1 = ">>> ";
  private static final String PYTHON_PS2 = "... ";
  private static final String GDB_PROMPT = "(gdb) ";
  /** How each of them ends (the shell's PS1 ends in "$ " after its exit code). */
  private static final List<String> PROMPT_ENDINGS = List.of(
      io.github.tmux4j.Prompts.SHELL_PS1.substring(io.github.tmux4j.Prompts.SHELL_PS1.length() - 2),
      SHELL_PS2, PYTHON_PS1, PYTHON_PS2, GDB_PROMPT);

  /** The kind of a continuation prompt's marker. */
  public static final String CONTINUATION = "c";
  /** The registry tag and label key under which a session's nonce is kept. */
  public static final String NONCE_TAG = "tmux4j.marker";

  /** Made on first use, not when a short command loads this class. */
  private static final class Nonces {
    static final SecureRandom RANDOM = new SecureRandom();
  }

  private PromptMarkers() {}

  /**
   * A new session's nonce.
   *
   * @return eight hex digits
   */
  public static String newNonce() {
    byte[] b = new byte[4];
    Nonces.RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  private static String marker(String nonce, String kind, String payload) {
    return "\033]" + OSC_PREFIX + nonce + ";" + kind + (payload.isEmpty() ? "" : ";" + payload) + "\007";
  }

  /**
   * The environment a shell session needs for its prompts to carry markers: {@code PS1} with the exit
   * code, {@code PS2} for a continuation.
   *
   * @param nonce the session's nonce
   * @return the variables
   */
  public static Map<String, String> shellEnv(String nonce) {
    return Map.of("PS1", "\\[" + marker(nonce, PRIMARY, "$?") + "\\]" + io.github.tmux4j.Prompts.SHELL_PS1,
        "PS2", "\\[" + marker(nonce, CONTINUATION, "") + "\\]" + SHELL_PS2);
  }

  /**
   * The command line of a Python session whose prompts carry markers: the basic REPL, quiet, with
   * {@code sys.ps1} and {@code sys.ps2} set before the first prompt ({@code \001} and {@code \002} tell
   * readline that the marker takes no room).
   *
   * @param nonce the session's nonce
   * @return the program and its arguments
   */
  public static List<String> pythonCommand(String nonce) {
    return List.of("python3", "-q", "-i", "-c", "import sys; sys.ps1 = '\\001" + pyEscape(marker(nonce, PRIMARY, ""))
        + "\\002" + PYTHON_PS1 + "'; sys.ps2 = '\\001" + pyEscape(marker(nonce, CONTINUATION, "")) + "\\002"
        + PYTHON_PS2 + "'");
  }

  private static String pyEscape(String s) {
    return s.replace("\033", "\\033").replace("\007", "\\007");
  }

  /**
   * The command line of a gdb session whose prompt carries a marker (gdb's own continuation prompt,
   * {@code >}, cannot carry one).
   *
   * @param nonce the session's nonce
   * @return the program and its arguments
   */
  public static List<String> gdbCommand(String nonce) {
    return List.of("gdb", "-q", "-iex", "set pagination off", "-iex", "set width 0", "-iex", "set confirm off",
        "-iex", "set prompt " + marker(nonce, PRIMARY, "").replace("\033", "\\033").replace("\007", "\\007")
            + GDB_PROMPT);
  }

  /**
   * Whether sessions of a type that tmux4j creates carry markers.
   *
   * @param type the type
   * @return {@code true} for shell, Python and gdb
   */
  public static boolean supported(SessionType type) {
    return type == SessionType.SHELL || type == SessionType.PYTHON || type == SessionType.GDB;
  }
}

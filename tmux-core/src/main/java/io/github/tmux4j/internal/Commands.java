package io.github.tmux4j.internal;

import java.util.List;

/** Helpers for building tmux argument lists. */
public final class Commands {
  private static final int DESCRIBE_LIMIT = 200;

  /** The environment variable that names the tmux executable to use when a client names none. */
  public static final String BINARY_ENV = "TMUX4J_TMUX";

  private Commands() {}

  /**
   * The tmux executable to use when none is configured: {@code $TMUX4J_TMUX} if set, else {@code tmux}
   * from the {@code PATH}. Every part of tmux4j (clients, the JUnit extension, the CLI) and its tests
   * start tmux through this name, so one variable selects the tmux version for all of them.
   *
   * @return the executable's path or name
   */
  public static String defaultBinary() {
    String fromEnv = System.getenv(BINARY_ENV);
    return fromEnv != null && !fromEnv.isBlank() ? fromEnv.strip() : "tmux";
  }

  /**
   * A process builder for {@code tmux -u -S <socket> args...}: UTF-8 in and out whatever the JVM's locale
   * (libtmux #678), and without {@code TMUX}/{@code TMUX_PANE}, so that an enclosing tmux never picks the
   * server or the "current" session. Every tmux process tmux4j starts is built here.
   *
   * @param binary the tmux executable
   * @param socket the server socket
   * @param args the tmux arguments
   * @return the builder, not started
   */
  public static ProcessBuilder tmuxProcess(String binary, java.nio.file.Path socket, List<String> args) {
    List<String> command = new java.util.ArrayList<>(args.size() + 4);
    command.add(binary);
    command.add("-u");
    command.add("-S");
    command.add(socket.toString());
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().remove("TMUX");
    builder.environment().remove("TMUX_PANE");
    return builder;
  }

  /**
   * A process builder for a control client attached to the session of a pane: {@code tmux -u -S <socket>
   * -N -C attach-session -E -f ignore-size,pause-after=N -t <pane>}, with an empty environment ({@code -N}:
   * an attach to a dead socket must not start an empty server that exits at once). The client
   * sends its environment to the server in its handshake, one message per variable, and tmux 3.2a-3.6b
   * crash if a notification arrives during the handshake (see {@link AttachGate}): a JVM's environment
   * would make it long. {@code -E} keeps the attach from copying variables into the session
   * ({@code update-environment}).
   *
   * @param binary the tmux executable
   * @param socket the server socket
   * @param pane the pane id whose session to attach to
   * @param pauseAfterSeconds the {@code pause-after} flow-control limit
   * @return the builder, not started; standard error goes to standard output
   */
  public static ProcessBuilder controlClient(String binary, java.nio.file.Path socket, String pane,
      int pauseAfterSeconds) {
    ProcessBuilder builder = tmuxProcess(binary, socket, List.of("-N", "-C", "attach-session", "-E", "-f",
        "ignore-size,pause-after=" + pauseAfterSeconds, "-t", pane)).redirectErrorStream(true);
    builder.environment().clear();
    if (CAN_REOPEN_PIPES) {
      List<String> command = new java.util.ArrayList<>(List.of("/bin/sh", "-c", HOLD_OWN_INPUT, "sh"));
      command.add(absolute(binary));
      command.addAll(builder.command().subList(1, builder.command().size()));
      builder.command(command);
    }
    return builder;
  }

  /**
   * The one shell script tmux4j runs, a constant: it execs its arguments (never parsed, {@code "$@"}) with
   * file descriptor 3 opened for writing on the process's own standard input. A control client then holds
   * a write end of its input pipe itself, so the death of its JVM (SIGKILL) does not end its input: it
   * does not detach at that random instant, when another process may be in the middle of attaching (the
   * departure notifies control clients, which crashes tmux 3.2a-3.6b: see {@link AttachGate}). It stays
   * until the next attach settles what the dead JVM left under the gate held exclusively ({@link Orphans}).
   * tmux4j ends its own clients with an empty line ({@code ControlConnection.closeInput}), which detaches.
   */
  static final String HOLD_OWN_INPUT = "exec \"$@\" 3>/dev/fd/0";

  /** Linux reopens a pipe through {@code /dev/fd/N} in any mode; elsewhere that opens a copy or fails. */
  private static final boolean CAN_REOPEN_PIPES = java.nio.file.Files.isDirectory(java.nio.file.Path.of("/proc/self/fd"))
      && java.nio.file.Files.isExecutable(java.nio.file.Path.of("/bin/sh"));

  /** The executable as an absolute path: the shell runs with an empty environment, so without a PATH. */
  private static String absolute(String binary) {
    if (binary.contains("/")) {
      return binary;
    }
    String path = System.getenv("PATH");
    for (String dir : path == null ? new String[0] : path.split(":")) {
      java.nio.file.Path candidate = java.nio.file.Path.of(dir.isEmpty() ? "." : dir, binary);
      if (java.nio.file.Files.isExecutable(candidate)) {
        return candidate.toAbsolutePath().toString();
      }
    }
    return binary; // not found: the shell fails to exec it, as starting it directly would have
  }

  /** The pane option in which a command line that types input leaves its token (see {@link #inputMarker}). */
  static final String INPUT_MARKER_OPTION = "@tmux4j-input";

  /**
   * A command for a command line that types input into a pane, placed after the command that reads the
   * pane's position and before the input: it stores a token unique to the line, followed by
   * {@code format} expanded at that moment (the same text the position command prints), in a pane option.
   * tmux runs a client's command line all at once, so if the control client that carried it is lost
   * before tmux's answer arrives, the option tells whether the input was typed (the token is there, and
   * with it the answer's first line) or never read (it is not), and the line can be sent again without
   * typing anything twice.
   *
   * @param pane the pane id
   * @param token a token unique to the command line, without spaces
   * @param format the position command's format
   * @return the arguments, starting with the {@code ;} separator
   */
  static List<String> inputMarker(String pane, String token, String format) {
    return List.of(";", "set-option", "-p", "-F", "-t", pane, INPUT_MARKER_OPTION, token + " " + format);
  }

  /**
   * The token of a command line that contains an {@link #inputMarker}, or {@code null} if it has none.
   *
   * @param args the command line
   * @return the token, or {@code null}
   */
  static String inputMarkerToken(List<String> args) {
    int at = args.indexOf(INPUT_MARKER_OPTION);
    if (at < 0 || at + 1 >= args.size()) {
      return null;
    }
    String value = args.get(at + 1);
    int space = value.indexOf(' ');
    return space < 0 ? value : value.substring(0, space);
  }

  /**
   * Makes text safe as the last characters of a tmux argument. tmux treats an argument that ends in
   * {@code ;} as a command separator, even inside quotes (tmux #4350); {@code \;} at the end stands for
   * a literal {@code ;}, so exactly one backslash is inserted before a final semicolon.
   *
   * @param text the literal text
   * @return the argument that makes tmux see {@code text}
   */
  public static String literalArgument(String text) {
    return text.endsWith(";") ? text.substring(0, text.length() - 1) + "\\;" : text;
  }

  /**
   * Escapes text that tmux expands as a format ({@code new-session -s}, {@code rename-session}):
   * {@code #} becomes {@code ##}.
   *
   * @param text the literal text
   * @return the format that expands to {@code text}
   */
  public static String formatLiteral(String text) {
    return text.replace("#", "##");
  }

  /**
   * Describes a command for an error message, shortened so that a long input does not flood the log.
   *
   * @param args the tmux arguments
   * @return a readable, bounded description
   */
  public static String describe(List<String> args) {
    String joined = String.join(" ", args);
    return joined.length() <= DESCRIBE_LIMIT ? joined : joined.substring(0, DESCRIBE_LIMIT) + "...";
  }
}

package io.github.tmux4j.internal;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * tmux4j's diagnostic logs, through {@link System.Logger} (so the core needs no logging library; the
 * JDK routes them to {@code java.util.logging}, or to SLF4J with {@code slf4j-jdk-platform-logging}).
 * A small, documented set of logger names, independent of class names:
 *
 * <ul>
 *   <li>{@value #COMMANDS_NAME}, {@code DEBUG}: every tmux command tmux4j runs: the argument vector of a
 *       {@code tmux} process, or the line written to a control client; its duration; its result (exit
 *       code and output, or {@code %end}/{@code %error} and the reply), as bounded excerpts.
 *   <li>{@value #EVENTS_NAME}, {@code TRACE}: what control clients print besides replies to commands:
 *       {@code %output} (an excerpt of the bytes), {@code %exit} and other notifications, replies.
 *   <li>{@value #WAITS_NAME}, {@code DEBUG}: a wait that timed out, with what it looked at and why it did
 *       not match ({@link WaitReport}); a session lease that could not be had in time, with its holder.
 * </ul>
 *
 * <p>Callers ask {@link #commands()}, {@link #events()} or {@link #waits()} once per call and do nothing
 * else (no clock, no strings) when it says no; the methods here only run when it said yes. Every excerpt
 * is cut at a few hundred characters, whatever the command or its output.
 */
final class TmuxLog {
  /** The logger of tmux commands. */
  static final String COMMANDS_NAME = "io.github.tmux4j.tmux";
  /** The logger of control-mode events. */
  static final String EVENTS_NAME = "io.github.tmux4j.control";
  /** The logger of waits that time out. */
  static final String WAITS_NAME = "io.github.tmux4j.wait";

  static final System.Logger COMMANDS = System.getLogger(COMMANDS_NAME);
  static final System.Logger EVENTS = System.getLogger(EVENTS_NAME);
  static final System.Logger WAITS = System.getLogger(WAITS_NAME);

  /** Longest excerpt of one argument, output or event, in characters. */
  static final int EXCERPT_CHARS = 200;
  /** Longest excerpt of a whole command (all its arguments, or its control-mode line), about. */
  static final int COMMAND_CHARS = 600;

  private TmuxLog() {}

  /** Whether tmux commands are logged; ask once per command. */
  static boolean commands() {
    return COMMANDS.isLoggable(Level.DEBUG);
  }

  /** Whether control-mode events are logged; ask once per event. */
  static boolean events() {
    return EVENTS.isLoggable(Level.TRACE);
  }

  /** Whether timed-out waits are logged. */
  static boolean waits() {
    return WAITS.isLoggable(Level.DEBUG);
  }

  /** Runs a command as a {@code tmux} process and logs it with its result or failure. */
  static TmuxResult process(String binary, Path socket, List<String> args, Supplier<TmuxResult> command) {
    long start = System.nanoTime();
    try {
      TmuxResult result = command.get();
      process(binary, socket, args, start, result);
      return result;
    } catch (RuntimeException e) {
      process(binary, socket, args, start, e);
      throw e;
    }
  }

  /** Writes a command to a control client and logs it with its answer or failure. */
  static TmuxResult control(String client, List<String> args, Supplier<TmuxResult> command) {
    long start = System.nanoTime();
    try {
      TmuxResult result = command.get();
      control(client, args, start, result);
      return result;
    } catch (RuntimeException e) {
      control(client, args, start, e);
      throw e;
    }
  }

  /** A command run as a {@code tmux} process, and what it returned. */
  private static void process(String binary, Path socket, List<String> args, long startNanos, TmuxResult result) {
    StringBuilder sb = new StringBuilder(256);
    sb.append("tmux process: ").append(argv(binary, socket, args)).append(" -> exit ").append(result.exitCode())
        .append(" in ").append(millis(startNanos));
    if (!result.stdout().isEmpty()) {
      sb.append(", stdout ").append(excerpt(result.stdout(), EXCERPT_CHARS));
    }
    if (!result.stderr().isEmpty()) {
      sb.append(", stderr ").append(excerpt(result.stderr(), EXCERPT_CHARS));
    }
    COMMANDS.log(Level.DEBUG, sb.toString());
  }

  /** A command run as a {@code tmux} process that did not return a result. */
  private static void process(String binary, Path socket, List<String> args, long startNanos, RuntimeException failure) {
    COMMANDS.log(Level.DEBUG, "tmux process: " + argv(binary, socket, args) + " -> failed after "
        + millis(startNanos) + ": " + failure.getClass().getSimpleName() + ": " + excerpt(failure.getMessage(),
            EXCERPT_CHARS));
  }

  /** A command written to a control client, and its answer. */
  private static void control(String client, List<String> args, long startNanos, TmuxResult result) {
    StringBuilder sb = new StringBuilder(256);
    sb.append(client).append(": ").append(line(args))
        .append(result.exitCode() == 0 ? " -> %end in " : " -> %error in ").append(millis(startNanos));
    if (!result.stdout().isEmpty()) {
      sb.append(", reply ").append(excerpt(result.stdout(), EXCERPT_CHARS));
    }
    if (!result.stderr().isEmpty()) {
      sb.append(", error ").append(excerpt(result.stderr(), EXCERPT_CHARS));
    }
    COMMANDS.log(Level.DEBUG, sb.toString());
  }

  /** A command written (or not) to a control client that got no answer. */
  private static void control(String client, List<String> args, long startNanos, RuntimeException failure) {
    COMMANDS.log(Level.DEBUG, client + ": " + line(args)
        + " -> no answer after " + millis(startNanos) + ": " + failure.getClass().getSimpleName() + ": "
        + excerpt(failure.getMessage(), EXCERPT_CHARS));
  }

  /**
   * The line written to a control client, as written (tmux's quoting: {@link ControlProtocol#encode}
   * leaves no control character in it), its middle cut if long.
   */
  static String line(List<String> args) {
    return headAndTail(ControlProtocol.encode(args), COMMAND_CHARS);
  }

  /**
   * The argument vector of a tmux process, each argument quoted where needed and cut if long, its
   * middle cut if the whole is long.
   */
  static String argv(String binary, Path socket, List<String> args) {
    StringBuilder sb = new StringBuilder(128).append(binary).append(" -u -S ").append(socket);
    for (String arg : args) {
      sb.append(' ');
      boolean plain = !arg.isEmpty() && arg.length() <= EXCERPT_CHARS && arg.chars()
          .allMatch(c -> c > ' ' && c < 0x7f && c != '"' && c != '\'' && c != '\\');
      sb.append(plain ? arg : excerpt(arg, EXCERPT_CHARS));
    }
    return headAndTail(sb.toString(), COMMAND_CHARS);
  }

  /**
   * Text of at most about {@code max} characters: a long command keeps its start (what it reads) and
   * its end (what it types: tmux4j puts the input last), and says how much it left out between them.
   */
  static String headAndTail(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int head = max * 2 / 3;
    int tail = max - head;
    return text.substring(0, head) + " ...(" + (text.length() - head - tail) + " chars)... "
        + text.substring(text.length() - tail);
  }

  /** Milliseconds since {@code startNanos}, to the microsecond, e.g. {@code "0.127 ms"}. */
  static String millis(long startNanos) {
    long micros = (System.nanoTime() - startNanos) / 1_000;
    return micros / 1000 + "." + String.format("%03d", micros % 1000) + " ms";
  }

  /**
   * Text in double quotes with line breaks, escapes and other control characters made visible
   * ({@code \n}, {@code \e}, {@code \x07}), cut after {@code max} characters with the full length noted.
   */
  static String excerpt(String text, int max) {
    if (text == null) {
      return "null";
    }
    int end = Math.min(text.length(), max);
    StringBuilder sb = new StringBuilder(end + 24).append('"');
    for (int i = 0; i < end; i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\u001b' -> sb.append("\\e");
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            sb.append(String.format("\\x%02x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
    if (end < text.length()) {
      sb.append("... (").append(text.length()).append(" chars)");
    }
    return sb.toString();
  }

  /**
   * Logs what a control client prints, at {@code TRACE}, then hands it on: installed between the parser
   * and the connection, it asks the logger once per event and costs nothing else when tracing is off.
   */
  static final class EventTrace implements ControlStreamParser.Handler {
    private final String client;
    private final ControlStreamParser.Handler next;

    EventTrace(String client, ControlStreamParser.Handler next) {
      this.client = client;
      this.next = next;
    }

    @Override
    public void reply(boolean ours, boolean error, String text) {
      if (events()) {
        EVENTS.log(Level.TRACE, client + ": " + (error ? "%error" : "%end") + (ours ? "" : " (not ours)")
            + " reply " + excerpt(text, EXCERPT_CHARS));
      }
      next.reply(ours, error, text);
    }

    @Override
    public void output(String pane, byte[] data) {
      if (events()) {
        String head = new String(data, 0, Math.min(data.length, EXCERPT_CHARS), StandardCharsets.UTF_8);
        EVENTS.log(Level.TRACE, client + ": %output " + pane + " (" + data.length + " bytes) "
            + excerpt(head, EXCERPT_CHARS) + (data.length > EXCERPT_CHARS ? "..." : ""));
      }
      next.output(pane, data);
    }

    @Override
    public void notification(String name, String arguments) {
      if (events()) {
        EVENTS.log(Level.TRACE, client + ": %" + name + (arguments.isEmpty() ? "" : " "
            + excerpt(arguments, EXCERPT_CHARS)));
      }
      next.notification(name, arguments);
    }

    @Override
    public void stray(String line) {
      if (events()) {
        EVENTS.log(Level.TRACE, client + ": line outside a reply " + excerpt(line, EXCERPT_CHARS));
      }
      next.stray(line);
    }
  }
}

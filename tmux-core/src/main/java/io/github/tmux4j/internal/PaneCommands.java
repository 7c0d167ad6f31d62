package io.github.tmux4j.internal;

import io.github.tmux4j.SessionNotFoundException;
import io.github.tmux4j.TmuxException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The commands for one session's pane: typing input, reading its screen and state, and piping its output
 * to a transcript. Each answer is checked to come from the session the {@link SessionRef} means (its
 * creation label), so a handle never reads or types into a session that took over the pane id.
 * Thread-safe.
 */
public final class PaneCommands {
  private static final String SEP = ";";
  /** How long to wait for tmux to reap a dead pane's process and learn its exit status. */
  private static final long DEAD_STATUS_WAIT_NANOS = 200_000_000L;

  private final TmuxCommands tmux;
  /** Tokens that tell whether a command line typing input ran (see {@link Commands#inputMarker}). */
  /** Made on first input: seeding a SecureRandom costs a short command (list-sessions) about 15 ms. */
  private static final class InputTokens {
    static final Random RANDOM = new SecureRandom();
  }

  PaneCommands(TmuxCommands tmux) {
    this.tmux = tmux;
  }

  /**
   * What a pane's screen shows, read in one command.
   *
   * @param screen the visible rows, each as wide as the pane (trailing spaces kept)
   * @param cursorX the cursor's column
   * @param cursorY the cursor's row
   * @param dead whether the pane's program has exited
   * @param deadStatus its exit status, if known
   * @param alternate whether a full-screen program shows the alternate screen
   */
  public record Look(List<String> screen, int cursorX, int cursorY, boolean dead, Integer deadStatus,
      boolean alternate) {
    /**
     * The text of the cursor's row before the cursor, with the spaces before it: a prompt such as
     * {@code "Your name? "} ends in one.
     *
     * @return the text
     */
    public String beforeCursor() {
      String row = cursorY < screen.size() ? screen.get(cursorY) : "";
      StringBuilder sb = new StringBuilder(row.substring(0, Math.min(cursorX, row.length())));
      while (sb.length() < cursorX) {
        sb.append(' ');
      }
      return sb.toString();
    }

    /**
     * The visible screen as text, trailing spaces removed and trailing empty rows dropped.
     *
     * @return the text
     */
    public String text() {
      List<String> rows = new ArrayList<>();
      for (String r : screen) {
        rows.add(r.stripTrailing());
      }
      while (!rows.isEmpty() && rows.get(rows.size() - 1).isEmpty()) {
        rows.remove(rows.size() - 1);
      }
      return String.join("\n", rows);
    }
  }

  private static final String LOOK_FORMAT = "#{cursor_x} #{cursor_y} #{pane_dead} s#{pane_dead_status} "
      + "#{alternate_on} c#{" + SessionLabels.CREATED + "}";

  /**
   * Looks at a pane's visible screen and cursor.
   *
   * @param ref the session
   * @param name the session's name (for errors)
   * @return what the screen shows
   * @throws SessionNotFoundException if the pane belongs to another session now
   */
  public Look look(SessionRef ref, String name) {
    String out = tmux.callPane(name, ref.pane(), List.of("display-message", "-p", "-t", ref.pane(), LOOK_FORMAT,
        SEP, "capture-pane", "-p", "-N", "-t", ref.pane())).stdout();
    int nl = out.indexOf('\n');
    String[] f = (nl < 0 ? out : out.substring(0, nl)).split(" ", 6);
    if (f.length < 6 || f[0].isEmpty()) {
      throw PaneFormats.unexpected(nl < 0 ? out : out.substring(0, nl));
    }
    if (!ref.isCreated(f[5].substring(1))) {
      throw tmux.notThisSession(ref, name);
    }
    List<String> rows = new ArrayList<>(List.of((nl < 0 ? "" : out.substring(nl + 1)).split("\n", -1)));
    if (!rows.isEmpty() && rows.get(rows.size() - 1).isEmpty()) {
      rows.remove(rows.size() - 1);
    }
    return new Look(rows, Integer.parseInt(f[0]), Integer.parseInt(f[1]), "1".equals(f[2]),
        f[3].length() > 1 ? Integer.valueOf(f[3].substring(1)) : null, "1".equals(f[4]));
  }

  /**
   * Sends literal text, optionally followed by Enter, and returns the cursor position from just before,
   * read in the same command queue so no output can slip in between.
   *
   * @param ref the session
   * @param name the session's name (for errors)
   * @param text the text; sent through a paste buffer when long
   * @param enter whether to press Enter after it
   * @param spool where the process transport streams the output from, or {@code null} in control mode
   * @return the version of the pane's output notifications the input was answered at (see
   *     {@link TmuxResult#outputVersion()}): later output is the input's
   */
  public long sendText(SessionRef ref, String name, String text, boolean enter, Spool spool) {
    // Enter is a carriage return on the wire: typed (or pasted) with the text, one command does both.
    String typed = enter ? text + "\r" : text;
    byte[] bytes = TmuxCommands.utf8(typed);
    String pane = ref.pane();
    if (bytes.length > TmuxCommands.MAX_ARGUMENT_TEXT_BYTES) {
      return tmux.viaPasteBuffer(name, bytes, buffer -> send(ref, name, spool,
          List.of("paste-buffer", "-d", "-r", "-b", buffer, "-t", pane)));
    }
    if (typed.isEmpty()) {
      return send(ref, name, spool, List.of("display-message", "-p", "-t", pane, ""));
    }
    return send(ref, name, spool, List.of("send-keys", "-t", pane, "-l", "--", Commands.literalArgument(typed)));
  }

  /**
   * Pipes a new pane's output into {@code cat >/dev/null} while the session starts, for the command line
   * of its {@code new-session} (where commands without a target act on the new pane). tmux 3.2a to 3.6b
   * close a pane whose program exited without reading the rest of its output, unless a pipe is open: then
   * they wait for what the pty says is unread. So a program that prints why it fails and exits at once (a
   * wrong command line, a missing module) shows that on its screen and in the stream, nearly always (the
   * kernel hands the output over a moment late under load). {@link #endDrain} closes it once the
   * session is ready: kept open, the pipe costs every output a write and a wake-up of {@code cat}, about
   * 15% of a send and wait.
   */
  static final List<String> DRAIN_ON_EXIT = List.of("pipe-pane", "-O",
      Commands.literalArgument(Commands.formatLiteral("exec cat >/dev/null")));

  /**
   * Closes the pipe {@link #DRAIN_ON_EXIT} opened (a {@code pipe-pane} without a command runs no shell).
   *
   * @param ref the session
   * @param name its name, for errors
   */
  public void endDrain(SessionRef ref, String name) {
    tmux.guarded(ref, name, List.of("pipe-pane", "-t", ref.pane()));
  }

  /**
   * Where the process transport's stream of a pane's output goes: a file that {@code pipe-pane} fills
   * from the input on (tmux sends its output to no other place that a process transport can read), and
   * the session's transcript, which shares the one pipe a pane has.
   *
   * @param file the file, created empty with mode 0600 before the input
   * @param transcript the session's transcript, or {@code null}
   */
  public record Spool(Path file, Path transcript) {}

  /**
   * Sends tmux key names ({@code C-c}, {@code Enter}, {@code Up}...) and returns the cursor position
   * from just before.
   *
   * @param ref the session
   * @param name the session's name (for errors)
   * @param keys the key names
   * @return the version of the pane's output notifications the keys were answered at
   */
  public long sendKeys(SessionRef ref, String name, List<String> keys, Spool spool) {
    List<String> input = new ArrayList<>(List.of("send-keys", "-t", ref.pane(), "--"));
    keys.forEach(k -> input.add(Commands.literalArgument(k)));
    return send(ref, name, spool, input);
  }

  /**
   * One command line that reads the position (and the visible screen) before the input, leaves the
   * position with a token in the pane (see {@link Commands#inputMarker}), and then, only if the pane
   * still belongs to the session ({@code if-shell -F} on its creation label), runs the one {@code input}
   * command. A pane that another session took over gets nothing typed into it.
   */
  private long send(SessionRef ref, String name, Spool spool, List<String> input) {
    String pane = ref.pane();
    List<String> args = new ArrayList<>(List.of("display-message", "-p", "-t", pane, PaneFormats.IDENTITY));
    args.addAll(Commands.inputMarker(pane, Long.toHexString(InputTokens.RANDOM.nextLong()), PaneFormats.IDENTITY));
    if (spool != null) {
      // A new pipe replaces the last; it gets what the pane prints from this command line on.
      args.addAll(List.of(SEP, "pipe-pane", "-O", "-t", pane, Commands.literalArgument(Commands.formatLiteral(
          spoolCommand(spool)))));
    }
    args.add(SEP);
    args.addAll(TmuxCommands.ifSession(ref, input));
    TmuxResult result = tmux.callPane(name, pane, args);
    String out = result.stdout();
    int nl = out.indexOf('\n');
    head(ref, name, nl < 0 ? out : out.substring(0, nl));
    return result.outputVersion();
  }

  /** The shell command of a spool's pipe: the only variable parts, the paths, single-quoted. */
  private static String spoolCommand(Spool spool) {
    String file = quote(spool.file());
    return spool.transcript() == null ? "exec cat >> " + file
        : "[ -L " + quote(spool.transcript()) + " ] || exec tee -a " + quote(spool.transcript()) + " >> " + file;
  }

  private static String quote(Path p) {
    return "'" + p.toString().replace("'", "'\\''") + "'";
  }

  private PaneFormats.Head head(SessionRef ref, String name, String line) {
    PaneFormats.Head h = PaneFormats.Head.parse(line);
    if (!ref.isCreated(h.created())) {
      throw tmux.notThisSession(ref, name);
    }
    return h;
  }

  /**
   * Captures a pane's text.
   *
   * @param ref the session
   * @param name the session's name (for errors)
   * @param historyLines lines of scrollback to include before the visible screen
   * @param join whether to join wrapped lines
   * @param escapes whether to include colour and attribute escape sequences
   * @return the captured text, as tmux printed it
   */
  public String capture(SessionRef ref, String name, int historyLines, boolean join, boolean escapes) {
    List<String> args = new ArrayList<>(List.of("display-message", "-p", "-t", ref.pane(), PaneFormats.IDENTITY,
        SEP, "capture-pane", "-p", "-t", ref.pane()));
    if (join) {
      args.add("-J");
    }
    if (escapes) {
      args.add("-e");
    }
    if (historyLines > 0) {
      args.add("-S");
      args.add(Integer.toString(-historyLines));
    }
    String out = tmux.callPane(name, ref.pane(), args).stdout();
    int nl = out.indexOf('\n');
    head(ref, name, nl < 0 ? out : out.substring(0, nl));
    return nl < 0 ? "" : out.substring(nl + 1);
  }

  /**
   * Describes a session's pane.
   *
   * @param ref the session
   * @param name the session's name (for errors)
   * @return the pane's details
   * @throws SessionNotFoundException if there is no such pane, or it belongs to another session now
   * @throws io.github.tmux4j.ServerNotRunningException if there is no server
   */
  public ServerView.PaneInfo info(SessionRef ref, String name) {
    ServerView.PaneInfo info = withReapedStatus(read(ref, name));
    // tmux marks a pane dead when its pty closes, and learns the exit status a moment later when it
    // reaps the process: wait briefly for the status rather than report a dead pane without one.
    long deadline = System.nanoTime() + DEAD_STATUS_WAIT_NANOS;
    while (info.dead() && info.deadStatus() == null && !info.signaled() && System.nanoTime() < deadline) {
      java.util.concurrent.locks.LockSupport.parkNanos(2_000_000L);
      info = withReapedStatus(read(ref, name));
    }
    return info;
  }

  private ServerView.PaneInfo read(SessionRef ref, String name) {
    String out = tmux.callPane(name, ref.pane(), List.of("display-message", "-p", "-t", ref.pane(),
        PaneFormats.PANE)).stdout();
    int nl = out.indexOf('\n');
    // tmux 3.3a: display-message with a target that does not exist succeeds and expands every format
    // to an empty string, so an empty pane id is the only sign of a missing pane.
    ServerView.PaneInfo info = PaneFormats.parsePane(nl < 0 ? out : out.substring(0, nl));
    if (info == null) {
      throw new SessionNotFoundException(name, "no pane " + ref.pane() + " on " + ref.socket());
    }
    if (!info.belongsTo(ref)) {
      throw tmux.notThisSession(ref, name);
    }
    return info;
  }

  /**
   * tmux 3.3a sometimes marks a pane dead without ever reaping its process, which then stays defunct and
   * tmux never learns the exit status. The kernel still holds it: field 52 of {@code /proc/<pid>/stat}
   * is the wait status of an exited process (Linux 3.5+).
   */
  static ServerView.PaneInfo withReapedStatus(ServerView.PaneInfo info) {
    if (!info.dead() || info.deadStatus() != null || info.signaled()) {
      return info;
    }
    try {
      String stat = Files.readString(Paths.get("/proc", Long.toString(info.pid()), "stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // fields[0] is field 3 (state); field 52 is fields[49]
      if (fields.length >= 50 && fields[0].equals("Z")) {
        int wait = Integer.parseInt(fields[49].strip());
        boolean exited = (wait & 0x7f) == 0;
        return new ServerView.PaneInfo(info.paneId(), info.pid(), true, exited ? (wait >> 8) & 0xff : null,
            exited ? null : wait & 0x7f, info.sessionId(), info.created(), info.sessionName());
      }
    } catch (IOException | RuntimeException unavailable) {
      // not Linux, or the process is gone after all
    }
    return info;
  }

  /**
   * Appends everything a pane prints to a file ({@code pipe-pane -O}). The file is created here (mode
   * 0600) or must be a regular file: a symbolic link is refused, so a planted link cannot send the pane's
   * output elsewhere. tmux runs the pipe command with {@code sh -c}: this is the one place a shell sees a
   * string, so the path is single-quoted (a {@code '} inside it becomes {@code '\''}).
   *
   * @param ref the session
   * @param name the session's name (for errors)
   * @param file the absolute transcript path, without newline or NUL
   * @throws TmuxException if the file is a symbolic link or cannot be created
   */
  public void pipeToFile(SessionRef ref, String name, Path file) {
    try {
      Files.newByteChannel(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.APPEND,
          LinkOption.NOFOLLOW_LINKS), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
          .close();
    } catch (IOException e) {
      if (Files.isSymbolicLink(file)) {
        throw new TmuxException("Transcript file " + file + " is a symbolic link; refusing to write a session's "
            + "output through it. Remove the link or choose another path.", e);
      }
      throw new TmuxException("Cannot create transcript file " + file + ": " + e.getMessage(), e);
    }
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      throw new TmuxException("Transcript file " + file + " is not a regular file; choose another path.");
    }
    String quoted = "'" + file.toString().replace("'", "'\\''") + "'";
    // The shell refuses to follow a link planted after the check: [ -L ] before the redirection.
    String command = "[ -L " + quoted + " ] || exec cat >> " + quoted;
    tmux.guarded(ref, name, List.of("pipe-pane", "-O", "-t", ref.pane(),
        Commands.literalArgument(Commands.formatLiteral(command))));
  }
}

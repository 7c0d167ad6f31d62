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
  private final Random inputTokens = new SecureRandom();

  PaneCommands(TmuxCommands tmux) {
    this.tmux = tmux;
  }

  /**
   * The cursor position just before input was sent.
   *
   * @param state the pane's state then, as a snapshot of the cursor's line without its text (answered at
   *     the version the input was sent at)
   * @param screen {@code state} with the cursor's row, to start a {@link ScreenModel} from; {@code null}
   *     unless asked for, or if rows below the cursor held text
   */
  public record Position(PaneSnapshot state, PaneSnapshot screen) {
    /**
     * Lines in the pane's history.
     *
     * @return the history size
     */
    public int historySize() {
      return state.historySize();
    }

    /**
     * The absolute line of the cursor.
     *
     * @return history size plus cursor row
     */
    public int line() {
      return state.cursorLine();
    }

    /**
     * The cursor column.
     *
     * @return the column
     */
    public int column() {
      return state.cursorX();
    }
  }

  /**
   * Sends literal text, optionally followed by Enter, and returns the cursor position from just before,
   * read in the same command queue so no output can slip in between.
   *
   * @param ref the session
   * @param name the session's name (for errors)
   * @param text the text; sent through a paste buffer when long
   * @param enter whether to press Enter after it
   * @param withScreen whether to read the visible screen too, for the cursor's row (see {@link Position#screen()})
   * @return the position before the text
   */
  public Position sendText(SessionRef ref, String name, String text, boolean enter, boolean withScreen) {
    // Enter is a carriage return on the wire: typed (or pasted) with the text, one command does both.
    String typed = enter ? text + "\r" : text;
    byte[] bytes = TmuxCommands.utf8(typed);
    String pane = ref.pane();
    if (bytes.length > TmuxCommands.MAX_ARGUMENT_TEXT_BYTES) {
      return tmux.viaPasteBuffer(name, bytes, buffer -> send(ref, name, withScreen,
          List.of("paste-buffer", "-d", "-r", "-b", buffer, "-t", pane)));
    }
    if (typed.isEmpty()) {
      return send(ref, name, withScreen, List.of("display-message", "-p", "-t", pane, ""));
    }
    return send(ref, name, withScreen, List.of("send-keys", "-t", pane, "-l", "--", Commands.literalArgument(typed)));
  }

  /**
   * Sends tmux key names ({@code C-c}, {@code Enter}, {@code Up}...) and returns the cursor position
   * from just before.
   *
   * @param ref the session
   * @param name the session's name (for errors)
   * @param keys the key names
   * @return the position before the keys
   */
  public Position sendKeys(SessionRef ref, String name, List<String> keys) {
    List<String> input = new ArrayList<>(List.of("send-keys", "-t", ref.pane(), "--"));
    keys.forEach(k -> input.add(Commands.literalArgument(k)));
    return send(ref, name, false, input);
  }

  /**
   * One command line that reads the position (and the visible screen) before the input, leaves the
   * position with a token in the pane (see {@link Commands#inputMarker}), and then, only if the pane
   * still belongs to the session ({@code if-shell -F} on its creation label), runs the one {@code input}
   * command. A pane that another session took over gets nothing typed into it.
   */
  private Position send(SessionRef ref, String name, boolean withScreen, List<String> input) {
    String pane = ref.pane();
    List<String> args = new ArrayList<>(List.of("display-message", "-p", "-t", pane, PaneFormats.SNAPSHOT));
    args.addAll(Commands.inputMarker(pane, Long.toHexString(inputTokens.nextLong()), PaneFormats.SNAPSHOT));
    if (withScreen) {
      args.addAll(List.of(SEP, "capture-pane", "-p", "-t", pane)); // rows as they are, not joined
    }
    args.add(SEP);
    args.addAll(TmuxCommands.ifSession(ref, input));
    TmuxResult result = tmux.callPane(name, pane, args);
    String out = result.stdout();
    int nl = out.indexOf('\n');
    PaneFormats.Head h = head(ref, name, nl < 0 ? out : out.substring(0, nl));
    int line = h.history() + h.cursorY();
    PaneSnapshot state = h.snapshot(line, List.of(), result.outputVersion());
    PaneSnapshot screen = null;
    if (withScreen && nl >= 0) {
      List<String> rows = Texts.lines(out.substring(nl + 1));
      // Rows below the cursor must be blank: a model of the cursor's row cannot know how they wrap.
      if (rows.size() <= h.cursorY() + 1) {
        screen = state.withLines(List.of(h.cursorY() < rows.size() ? rows.get(h.cursorY()) : ""));
      }
    }
    return new Position(state, screen);
  }

  private PaneFormats.Head head(SessionRef ref, String name, String line) {
    PaneFormats.Head h = PaneFormats.Head.parse(line);
    if (!ref.isCreated(h.created())) {
      throw tmux.notThisSession(ref, name);
    }
    return h;
  }

  /**
   * Takes an atomic snapshot of a pane: position, liveness and captured lines.
   *
   * <p>tmux addresses lines relative to the top of the visible screen, so a capture from an absolute line
   * starts late if output scrolled the screen after {@code assumedHistory} was read. With {@code slack}
   * rows, the capture starts that many rows earlier and the extra rows are dropped again, which spares
   * the caller a second round trip when the screen scrolled by up to {@code slack} rows. Rows can only be
   * dropped while each captured line is surely a single row (wrapped rows are joined); otherwise the
   * snapshot keeps them and its {@code firstLine} says so.
   *
   * @param ref the session
   * @param name the session's name (for errors)
   * @param fromLine absolute line to capture from, or a negative number for the visible screen
   * @param assumedHistory the history size used to turn {@code fromLine} into tmux's relative line
   * @param slack rows to capture above {@code fromLine} in case the history grew; 0 for none
   * @return the snapshot; {@code firstLine} says where it really starts
   */
  public PaneSnapshot snapshot(SessionRef ref, String name, int fromLine, int assumedHistory, int slack) {
    String pane = ref.pane();
    List<String> args = new ArrayList<>(List.of("display-message", "-p", "-t", pane, PaneFormats.SNAPSHOT,
        SEP, "capture-pane", "-p", "-J", "-t", pane));
    if (fromLine >= 0) {
      args.add("-S");
      args.add(Integer.toString(fromLine - assumedHistory - slack));
    }
    TmuxResult result = tmux.callPane(name, pane, args);
    String out = result.stdout();
    int nl = out.indexOf('\n');
    PaneFormats.Head h = head(ref, name, nl < 0 ? out : out.substring(0, nl));
    String body = nl < 0 ? "" : out.substring(nl + 1);
    int history = h.history();
    // tmux clamps a start above the oldest history line to that line (absolute 0)
    int first = fromLine < 0 ? history : Math.max(0, fromLine - assumedHistory - slack + history);
    if (first < fromLine) {
      int from = PaneFormats.startOfLine(body, fromLine - first, h.width());
      if (from >= 0) {
        body = body.substring(from);
        first = fromLine;
      }
    }
    return h.snapshot(first, Texts.lines(body), result.outputVersion());
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
    List<String> args = new ArrayList<>(List.of("display-message", "-p", "-t", ref.pane(), PaneFormats.SNAPSHOT,
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

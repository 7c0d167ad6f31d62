package io.github.tmux4j.internal;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RetryPolicy;
import io.github.tmux4j.DuplicateSessionException;
import io.github.tmux4j.ServerNotRunningException;
import io.github.tmux4j.SessionNotFoundException;
import io.github.tmux4j.TmuxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The typed tmux operations tmux4j needs, on the server of one socket. Every command is an argument
 * list; panes are targeted by id ({@code %N}) and sessions by exact name ({@code =name}). tmux's error
 * messages become the matching exceptions; transient failures are retried with the client's policy.
 * Thread-safe.
 */
public final class TmuxServer {
  /** Text longer than this (in UTF-8 bytes) goes through a paste buffer instead of an argument. */
  public static final int MAX_ARGUMENT_TEXT_BYTES = 4096;
  /** Scrollback kept for each pane created by tmux4j. */
  public static final int HISTORY_LIMIT = 50_000;

  private static final String SEP = ";";
  /** Position and state, then what a {@link ScreenModel} needs to know (see {@link #plainScreen}), then the name. */
  private static final String SNAPSHOT_FORMAT = "#{history_size} #{cursor_x} #{cursor_y} #{pane_dead} "
      + "#{pane_dead_status} #{pane_width} #{pane_height} #{history_limit} #{alternate_on}#{wrap_flag}"
      + "#{insert_flag} #{scroll_region_upper} #{scroll_region_lower} #{session_name}";
  private static final String PANE_FORMAT =
      "#{pane_id} #{pane_pid} #{pane_dead} s#{pane_dead_status} g#{pane_dead_signal} #{session_name}";
  /** How long to wait for tmux to reap a dead pane's process and learn its exit status. */
  private static final long DEAD_STATUS_WAIT_NANOS = 200_000_000L;

  private final Path socket;
  private final CommandTransport transport;
  private final FailsafeExecutor<Object> retry;
  private final AttachGate gate;
  private final Duration gateWait;
  /** Tokens that tell whether a command line typing input ran (see {@link Commands#inputMarker}). */
  private final java.util.Random inputTokens = new java.security.SecureRandom();

  /**
   * Creates the operations for one socket.
   *
   * @param socket the socket
   * @param transport how commands reach tmux
   * @param retryPolicy the policy for transient failures
   * @param gateWait how long a command that makes tmux notify control clients waits for an attach to end
   *     (see {@link AttachGate}); also how long a kill waits for the session's control clients to leave
   */
  public TmuxServer(Path socket, CommandTransport transport, RetryPolicy<Object> retryPolicy, Duration gateWait) {
    this.socket = socket;
    this.transport = transport;
    this.retry = Failsafe.with(retryPolicy);
    this.gate = AttachGate.of(socket);
    this.gateWait = gateWait;
  }

  /**
   * The socket this server listens on.
   *
   * @return the socket path
   */
  public Path socket() {
    return socket;
  }

  /** Ids of a new session, read back in the command that created it. */
  public record NewSession(String sessionId, String paneId, long pid) {}

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

  /** What tmux says about a session's active pane. */
  public record PaneInfo(
      String paneId, long pid, boolean dead, Integer deadStatus, Integer deadSignal, String sessionName) {
    /**
     * Whether the pane's process was killed by a signal.
     *
     * @return {@code true} if tmux reports a signal
     */
    public boolean signaled() {
      return deadSignal != null;
    }
  }

  /**
   * Creates a detached session running {@code command} directly (never through a shell), with
   * {@code remain-on-exit on} and a large history.
   *
   * @param name the validated session name
   * @param command the program and its arguments
   * @param env environment variables for the program
   * @param width window width
   * @param height window height
   * @param workingDir working directory, or {@code null}
   * @return the new session's ids
   */
  public NewSession newSession(String name, List<String> command, Map<String, String> env, int width, int height,
      Path workingDir) {
    List<String> args = new ArrayList<>(List.of(
        "set-option", "-g", "history-limit", Integer.toString(HISTORY_LIMIT), SEP,
        "set-option", "-wg", "remain-on-exit", "on", SEP,
        "new-session", "-d", "-P", "-F", "#{session_id} #{pane_id} #{pane_pid}",
        "-s", Commands.literalArgument(Commands.formatLiteral(name)),
        "-x", Integer.toString(width), "-y", Integer.toString(height)));
    if (workingDir != null) {
      args.add("-c");
      args.add(Commands.literalArgument(Commands.formatLiteral(workingDir.toString())));
    }
    // "env" makes the command at least two words, so tmux execs it directly instead of via "sh -c";
    // it also sets the variables without a shell ever parsing them.
    args.add("--");
    args.add("env");
    env.forEach((k, v) -> args.add(Commands.literalArgument(k + "=" + v)));
    command.forEach(a -> args.add(Commands.literalArgument(a)));
    // tmux 3.2a sizes a detached session's window by the creating client's terminal (80x24), not -x/-y.
    // Commands after new-session on its line act on the new session: size the window, then hand its
    // size back to the window-size option, so an attaching terminal still resizes it as usual.
    args.addAll(List.of(SEP, "resize-window", "-x", Integer.toString(width), "-y", Integer.toString(height),
        SEP, "set-option", "-w", "-u", "window-size"));
    String out;
    try (AttachGate.Permit p = gate.shared(gateWait)) { // tmux notifies control clients: %sessions-changed
      out = call(name, args, null).stdout().strip();
    }
    String[] parts = out.split(" ");
    if (parts.length != 3) {
      throw new TmuxException("Unexpected answer from tmux new-session: '" + out + "'");
    }
    return new NewSession(parts[0], parts[1], Long.parseLong(parts[2]));
  }

  /**
   * Sends literal text, optionally followed by Enter, and returns the cursor position from just before,
   * read in the same command queue so no output can slip in between.
   *
   * @param session the session name (for errors)
   * @param pane the pane id
   * @param text the text; sent through a paste buffer when long
   * @param enter whether to press Enter after it
   * @param withScreen whether to read the visible screen too, for the cursor's row (see {@link Position#screen()})
   * @return the position before the text
   */
  public Position sendText(String session, String pane, String text, boolean enter, boolean withScreen) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    List<String> args = positionArgs(pane, withScreen);
    if (bytes.length > MAX_ARGUMENT_TEXT_BYTES) {
      // tmux 3.4+ notifies control clients of new and deleted paste buffers
      try (AttachGate.Permit p = gate.shared(gateWait)) {
        String buffer = "tmux4j-" + UUID.randomUUID();
        call(session, List.of("load-buffer", "-b", buffer, "-"), bytes);
        args.addAll(List.of(SEP, "paste-buffer", "-d", "-r", "-b", buffer, "-t", pane));
        try {
          return sendAndParse(session, pane, args, enter, withScreen);
        } catch (TmuxException e) {
          deleteBufferQuietly(buffer);
          throw e;
        }
      }
    }
    if (!text.isEmpty()) {
      // Enter is a carriage return on the wire: typing it with the text saves a command per send.
      args.addAll(List.of(SEP, "send-keys", "-t", pane, "-l", "--",
          Commands.literalArgument(enter ? text + "\r" : text)));
      return sendAndParse(session, pane, args, false, withScreen);
    }
    return sendAndParse(session, pane, args, enter, withScreen);
  }

  /**
   * Sends tmux key names ({@code C-c}, {@code Enter}, {@code Up}...) and returns the cursor position
   * from just before.
   *
   * @param session the session name (for errors)
   * @param pane the pane id
   * @param keys the key names
   * @return the position before the keys
   */
  public Position sendKeys(String session, String pane, List<String> keys) {
    List<String> args = positionArgs(pane, false);
    args.addAll(List.of(SEP, "send-keys", "-t", pane, "--"));
    keys.forEach(k -> args.add(Commands.literalArgument(k)));
    return sendAndParse(session, pane, args, false, false);
  }

  /**
   * The commands that read the position (and the visible screen) before the input, and leave the
   * position with a token in the pane (see {@link Commands#inputMarker}).
   */
  private List<String> positionArgs(String pane, boolean withScreen) {
    List<String> args = new ArrayList<>(List.of("display-message", "-p", "-t", pane, SNAPSHOT_FORMAT));
    args.addAll(Commands.inputMarker(pane, Long.toHexString(inputTokens.nextLong()), SNAPSHOT_FORMAT));
    if (withScreen) {
      args.addAll(List.of(SEP, "capture-pane", "-p", "-t", pane)); // rows as they are, not joined
    }
    return args;
  }

  private Position sendAndParse(String session, String pane, List<String> args, boolean enter, boolean withScreen) {
    if (enter) {
      args.addAll(List.of(SEP, "send-keys", "-t", pane, "Enter"));
    }
    TmuxResult result = callPane(session, pane, args);
    String out = result.stdout();
    int nl = out.indexOf('\n');
    Head h = Head.parse(nl < 0 ? out : out.substring(0, nl));
    checkSession(session, pane, h.session());
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

  /** The first line of a snapshot's answer ({@link #SNAPSHOT_FORMAT}). */
  private record Head(int history, int cursorX, int cursorY, boolean dead, Integer deadStatus, int width,
      int height, int historyLimit, boolean plain, String session) {
    static Head parse(String line) {
      String[] f = line.split(" ", 12);
      if (f.length < 12) {
        throw new TmuxException("Unexpected answer from tmux display-message: '" + line + "'");
      }
      int height = Integer.parseInt(f[6]);
      return new Head(Integer.parseInt(f[0]), Integer.parseInt(f[1]), Integer.parseInt(f[2]), "1".equals(f[3]),
          f[4].isEmpty() ? null : Integer.valueOf(f[4]), Integer.parseInt(f[5]), height, Integer.parseInt(f[7]),
          plainScreen(f[8], f[9], f[10], height), f[11]);
    }

    PaneSnapshot snapshot(int firstLine, List<String> lines, long outputVersion) {
      return new PaneSnapshot(history, cursorX, cursorY, dead, deadStatus, width, firstLine, lines, height,
          historyLimit, plain, outputVersion);
    }
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
   * @param session the session name (for errors and to verify the pane still belongs to it)
   * @param pane the pane id
   * @param fromLine absolute line to capture from, or a negative number for the visible screen
   * @param assumedHistory the history size used to turn {@code fromLine} into tmux's relative line
   * @param slack rows to capture above {@code fromLine} in case the history grew; 0 for none
   * @return the snapshot; {@code firstLine} says where it really starts (not {@code fromLine} when the
   *     history grew by more than {@code slack}, or the rows above could not be dropped safely)
   */
  public PaneSnapshot snapshot(String session, String pane, int fromLine, int assumedHistory, int slack) {
    List<String> args = new ArrayList<>(List.of("display-message", "-p", "-t", pane, SNAPSHOT_FORMAT,
        SEP, "capture-pane", "-p", "-J", "-t", pane));
    if (fromLine >= 0) {
      args.add("-S");
      args.add(Integer.toString(fromLine - assumedHistory - slack));
    }
    TmuxResult result = callPane(session, pane, args);
    String out = result.stdout();
    int nl = out.indexOf('\n');
    Head h = Head.parse(nl < 0 ? out : out.substring(0, nl));
    String body = nl < 0 ? "" : out.substring(nl + 1);
    checkSession(session, pane, h.session());
    int history = h.history();
    int width = h.width();
    // tmux clamps a start above the oldest history line to that line (absolute 0)
    int first = fromLine < 0 ? history : Math.max(0, fromLine - assumedHistory - slack + history);
    if (first < fromLine) {
      int extra = fromLine - first;
      int from = startOfLine(body, extra, width);
      if (from >= 0) {
        body = body.substring(from);
        first = fromLine;
      }
    }
    return h.snapshot(first, Texts.lines(body), result.outputVersion());
  }

  /**
   * Whether a screen is in the state {@link ScreenModel} follows: the main screen with automatic wrapping,
   * no insert mode, and a scroll region that is the whole screen.
   *
   * @param flags {@code #{alternate_on}#{wrap_flag}#{insert_flag}}, e.g. {@code "010"}
   * @param upper {@code #{scroll_region_upper}}
   * @param lower {@code #{scroll_region_lower}}
   * @param height the pane's height
   */
  static boolean plainScreen(String flags, String upper, String lower, int height) {
    return "010".equals(flags) && "0".equals(upper) && Integer.toString(height - 1).equals(lower);
  }

  /**
   * Where the text of the {@code rows}-th row starts in a joined capture ({@code capture-pane -J}), or -1
   * if that cannot be told for sure: each of the lines before it must {@linkplain #surelyOneRow be a
   * single row}.
   */
  static int startOfLine(String joined, int rows, int width) {
    int at = 0;
    for (int row = 0; row < rows; row++) {
      int nl = joined.indexOf('\n', at);
      if (nl < 0 || !surelyOneRow(joined, at, nl, width)) {
        return -1;
      }
      at = nl + 1;
    }
    return at;
  }

  /**
   * Whether a line of a joined capture ({@code capture-pane -J}) surely takes one row of the screen: a
   * wrapped row is printed with all its cells (at least {@code width - 1} columns: a wide character that
   * did not fit leaves the last cell empty), so a line of at most {@code width - 2} columns never wrapped.
   * Columns are counted from above: two for every character outside ASCII.
   *
   * @param text the text holding the line
   * @param from where the line starts in {@code text}
   * @param to where it ends (exclusive)
   * @param width the pane's width
   * @return {@code true} if the line cannot have wrapped
   */
  static boolean surelyOneRow(CharSequence text, int from, int to, int width) {
    int columns = 0;
    for (int i = from; i < to; i++) {
      columns += text.charAt(i) < 0x80 ? 1 : 2;
    }
    return columns <= width - 2;
  }

  /**
   * Captures a pane's text.
   *
   * @param session the session name (for errors)
   * @param pane the pane id
   * @param historyLines lines of scrollback to include before the visible screen
   * @param join whether to join wrapped lines
   * @param escapes whether to include colour and attribute escape sequences
   * @return the captured text, as tmux printed it
   */
  public String capture(String session, String pane, int historyLines, boolean join, boolean escapes) {
    List<String> args = new ArrayList<>(List.of("capture-pane", "-p", "-t", pane));
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
    return callPane(session, pane, args).stdout();
  }

  /**
   * Describes a session's active pane, or a given pane.
   *
   * @param session the session name (for errors)
   * @param target a pane id, or {@code null} for the session's active pane
   * @return the pane's details
   * @throws SessionNotFoundException if there is no such session or pane
   * @throws ServerNotRunningException if there is no server
   */
  public PaneInfo paneInfo(String session, String target) {
    PaneInfo info = withReapedStatus(readPaneInfo(session, target));
    // tmux marks a pane dead when its pty closes, and learns the exit status a moment later when it
    // reaps the process: wait briefly for the status rather than report a dead pane without one.
    long deadline = System.nanoTime() + DEAD_STATUS_WAIT_NANOS;
    while (info.dead() && info.deadStatus() == null && !info.signaled() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(2);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      info = withReapedStatus(readPaneInfo(session, target));
    }
    return info;
  }

  /**
   * tmux 3.3a sometimes marks a pane dead without ever reaping its process, which then stays defunct and
   * tmux never learns the exit status. The kernel still holds it: field 52 of {@code /proc/<pid>/stat}
   * is the wait status of an exited process (Linux 3.5+).
   */
  private static PaneInfo withReapedStatus(PaneInfo info) {
    if (!info.dead() || info.deadStatus() != null || info.signaled()) {
      return info;
    }
    try {
      String stat = java.nio.file.Files.readString(java.nio.file.Paths.get("/proc", Long.toString(info.pid()), "stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // fields[0] is field 3 (state); field 52 is fields[49]
      if (fields.length >= 50 && fields[0].equals("Z")) {
        int wait = Integer.parseInt(fields[49].strip());
        if ((wait & 0x7f) == 0) {
          return new PaneInfo(info.paneId(), info.pid(), true, (wait >> 8) & 0xff, null, info.sessionName());
        }
        return new PaneInfo(info.paneId(), info.pid(), true, null, wait & 0x7f, info.sessionName());
      }
    } catch (java.io.IOException | RuntimeException unavailable) {
      // not Linux, or the process is gone after all
    }
    return info;
  }

  private PaneInfo readPaneInfo(String session, String target) {
    String t = target != null ? target : "=" + session + ":";
    List<String> args = List.of("display-message", "-p", "-t", t, PANE_FORMAT);
    PaneInfo info = parsePaneInfo(firstLine((target != null ? callPane(session, target, args) : call(session, args, null))
        .stdout()));
    // tmux 3.3a: display-message with a target that does not exist succeeds and expands every format
    // to an empty string, so an empty pane id is the only sign of a missing pane or session.
    if (info == null) {
      throw new SessionNotFoundException(session == null ? t : session, "no pane " + t + " on " + socket);
    }
    return info;
  }

  /** Parses a {@link #PANE_FORMAT} line; {@code null} if tmux expanded it for a pane that does not exist. */
  private static PaneInfo parsePaneInfo(String line) {
    if (line.startsWith(" ")) {
      return null;
    }
    String[] f = line.split(" ", 6);
    if (f.length != 6) {
      throw new TmuxException("Unexpected answer from tmux display-message: '" + line + "'");
    }
    return new PaneInfo(f[0], Long.parseLong(f[1]), "1".equals(f[2]), number(f[3]), number(f[4]), f[5]);
  }

  /** Parses "s3" / "g9" / "s" (a tagged, possibly empty number). */
  private static Integer number(String tagged) {
    return tagged.length() > 1 ? Integer.valueOf(tagged.substring(1)) : null;
  }

  /**
   * Appends everything a pane prints to a file ({@code pipe-pane -O}). tmux runs the pipe command with
   * {@code sh -c}: this is the one place a shell sees a string, so the only variable part, the path, is
   * single-quoted (a {@code '} inside it becomes {@code '\''}) and the file is created beforehand with
   * mode 0600.
   *
   * @param session the session name (for errors)
   * @param pane the pane id
   * @param file the absolute transcript path, without newline or NUL
   */
  public void pipeToFile(String session, String pane, Path file) {
    try {
      if (!java.nio.file.Files.exists(file)) {
        java.nio.file.Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
            java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
      }
    } catch (java.io.IOException e) {
      throw new TmuxException("Cannot create transcript file " + file + ": " + e.getMessage(), e);
    }
    String quoted = "'" + file.toString().replace("'", "'\\''") + "'";
    callPane(session, pane, List.of("pipe-pane", "-O", "-t", pane,
        Commands.literalArgument(Commands.formatLiteral("exec cat >> " + quoted))));
  }

  /**
   * Lists every pane on the server in one command, for health checks of many sessions.
   *
   * @return the panes by pane id
   * @throws ServerNotRunningException if no server is running
   */
  public Map<String, PaneInfo> panes() {
    String out = call(null, List.of("list-panes", "-a", "-F", PANE_FORMAT), null).stdout();
    Map<String, PaneInfo> panes = new java.util.HashMap<>();
    for (String line : out.split("\n")) {
      if (!line.isEmpty()) {
        PaneInfo info = parsePaneInfo(line);
        if (info != null) {
          panes.put(info.paneId(), withReapedStatus(info));
        }
      }
    }
    return panes;
  }

  /**
   * Renames a session.
   *
   * @param session the current name
   * @param newName the new name
   * @throws io.github.tmux4j.DuplicateSessionException if the new name is taken
   * @throws SessionNotFoundException if the session is gone
   */
  public void renameSession(String session, String newName) {
    try (AttachGate.Permit p = gate.shared(gateWait)) { // %session-renamed
      call(newName, List.of("rename-session", "-t", "=" + session, "--",
          Commands.literalArgument(Commands.formatLiteral(newName))), null);
    } catch (SessionNotFoundException e) {
      throw new SessionNotFoundException(session, e.getMessage());
    }
  }

  /**
   * Kills the session that owns a pane, provided the pane still belongs to the expected session (pane
   * ids are never reused while a server runs, so this cannot hit a session created later under the same
   * name).
   *
   * @param session the expected session name
   * @param pane the pane id
   * @return {@code true} if a session was killed
   */
  public boolean killSessionOfPane(String session, String pane) {
    try (AttachGate.Permit p = gate.shared(gateWait)) {
      PaneInfo info = readPaneInfo(session, pane);
      if (!info.sessionName().equals(session)) {
        return false;
      }
      return killGated(session, pane);
    } catch (SessionNotFoundException | ServerNotRunningException gone) {
      return false;
    }
  }

  /**
   * Kills a session by exact name.
   *
   * @param session the session name
   * @return {@code true} if it was killed, {@code false} if it or its server did not exist
   */
  public boolean killSession(String session) {
    try (AttachGate.Permit p = gate.shared(gateWait)) {
      return killGated(session, "=" + session);
    }
  }

  /**
   * Kills a session, holding the gate shared (tmux notifies control clients: {@code %sessions-changed})
   * until the control clients attached to it, which leave with it, are gone from the server (each makes
   * tmux send {@code %client-detached}), and drops this transport's connection to {@code target}.
   */
  private boolean killGated(String session, String target) {
    boolean killed;
    java.util.Set<Long> clients = java.util.Set.of();
    try {
      String out = call(session, List.of("list-clients", "-t", target, "-F", "#{client_pid}", SEP,
          "kill-session", "-t", target), null).stdout();
      clients = ClientDepartures.parse(out);
      killed = true;
    } catch (SessionNotFoundException | ServerNotRunningException gone) {
      killed = false;
    }
    if (!ClientDepartures.await(transport, clients, System.nanoTime() + gateWait.toNanos())) {
      System.getLogger(TmuxServer.class.getName()).log(System.Logger.Level.WARNING, "Control clients " + clients
          + " of session '" + session + "' on " + socket + " did not leave within " + gateWait.toMillis() + " ms");
    }
    if (target.startsWith("%")) {
      transport.release(target);
    }
    return killed;
  }

  /**
   * Kills the server and every session on it.
   *
   * @return {@code true} if a server was running
   */
  public boolean killServer() {
    try (AttachGate.Permit p = gate.shared(gateWait)) {
      call(null, List.of("kill-server"), null);
      return true;
    } catch (ServerNotRunningException gone) {
      return false;
    }
  }

  /**
   * Lists the names of the sessions on this server.
   *
   * @return the names; empty if no server is running
   */
  public List<String> sessionNames() {
    try {
      String out = call(null, List.of("list-sessions", "-F", "#{session_name}"), null).stdout();
      return out.isEmpty() ? List.of() : List.of(out.split("\n"));
    } catch (ServerNotRunningException gone) {
      return List.of();
    }
  }

  /**
   * Runs tmux commands with retries and error mapping.
   *
   * @param session the session the command concerns, for error messages, or {@code null}
   * @param args the tmux arguments
   * @param stdin standard input, or {@code null}
   * @return the successful result
   */
  public TmuxResult call(String session, List<String> args, byte[] stdin) {
    return checked(session, args, () -> transport.execute(args, stdin));
  }

  private TmuxResult checked(String session, List<String> args, java.util.function.Supplier<TmuxResult> attempt) {
    return retry.get(() -> {
      TmuxResult result = attempt.get();
      if (result.exitCode() != 0) {
        throw TmuxErrors.map(socket, session, args, result);
      }
      return result;
    });
  }

  /**
   * Runs commands that concern one pane, through the transport's route for that pane, with retries and
   * error mapping.
   *
   * @param session the session the command concerns, for error messages
   * @param pane the pane id
   * @param args the tmux arguments
   * @return the successful result
   */
  public TmuxResult callPane(String session, String pane, List<String> args) {
    return checked(session, args, () -> transport.execute(pane, args));
  }

  /**
   * Live output notifications for a pane, when the transport has them.
   *
   * @param pane the pane id
   * @return the signal, or {@code null} if waiters must poll
   */
  public PaneSignal signal(String pane) {
    return transport.signal(pane);
  }

  /**
   * Drops what the transport holds for a pane whose session is gone.
   *
   * @param pane the pane id
   */
  public void release(String pane) {
    transport.release(pane);
  }

  /** Closes the transport (its control clients). Sessions are not touched. */
  public void close() {
    transport.close();
  }

  private void deleteBufferQuietly(String buffer) {
    try {
      transport.execute(List.of("delete-buffer", "-b", buffer), null);
    } catch (TmuxException ignored) {
      // the buffer dies with the server anyway
    }
  }

  private void checkSession(String session, String pane, String actual) {
    if (session != null && actual != null && !actual.equals(session)) {
      throw new SessionNotFoundException(session, "pane " + pane + " on " + socket + " now belongs to session '"
          + actual + "' (the original session is gone; the server was probably restarted)");
    }
  }

  private static String firstLine(String out) {
    int nl = out.indexOf('\n');
    return nl < 0 ? out : out.substring(0, nl);
  }
}

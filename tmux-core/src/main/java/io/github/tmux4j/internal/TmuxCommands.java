package io.github.tmux4j.internal;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RetryPolicy;
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
import java.util.function.Supplier;

/**
 * The gateway of typed tmux commands to the server of one socket. Every command is an argument list.
 * Panes are targeted by id ({@code %N}) and every command for a session checks, on its own command line,
 * that the pane still belongs to the session it means ({@link SessionRef}): through the session's
 * {@value SessionLabels#CREATED} option, in the answer of a read, or with {@code if-shell -F} before a
 * kill or a rename. Sessions are never targeted by a name tmux would parse. Commands that make tmux
 * notify control clients hold the socket's {@link AttachGate} shared. tmux's errors become the matching
 * exceptions; transient failures are retried with the client's policy. Thread-safe.
 */
public final class TmuxCommands {
  /** Text longer than this (in UTF-8 bytes) goes through a paste buffer instead of an argument. */
  public static final int MAX_ARGUMENT_TEXT_BYTES = 4096;
  /** Scrollback kept for each pane created by tmux4j. */
  public static final int HISTORY_LIMIT = 50_000;

  private static final String SEP = ";";
  /**
   * The start of every {@code if-shell} tmux4j sends: with {@code -F}, whose condition is a tmux format,
   * so no shell is ever started.
   */
  static final List<String> IF_FORMAT = List.of("if-shell", "-F");
  /** What the else branch of a guarded command prints. */
  private static final String NOT_THIS_SESSION = "tmux4j-not-this-session";

  private final Path socket;
  private final CommandTransport transport;
  private final FailsafeExecutor<Object> retry;
  private final AttachGate gate;
  private final Duration gateWait;
  private final PaneCommands paneCommands;
  private final ServerView view;

  /**
   * Creates the gateway for one socket.
   *
   * @param socket the socket
   * @param transport how commands reach tmux
   * @param retryPolicy the policy for transient failures
   * @param gateWait how long a command that makes tmux notify control clients waits for an attach to end
   *     (see {@link AttachGate}); also how long a kill waits for the session's control clients to leave
   */
  public TmuxCommands(Path socket, CommandTransport transport, RetryPolicy<Object> retryPolicy, Duration gateWait) {
    this.socket = socket;
    this.transport = transport;
    this.retry = Failsafe.with(retryPolicy);
    this.gate = AttachGate.of(socket);
    this.gateWait = gateWait;
    this.paneCommands = new PaneCommands(this);
    this.view = new ServerView(this);
  }

  /**
   * The socket this gateway talks to.
   *
   * @return the socket path
   */
  public Path socket() {
    return socket;
  }

  /**
   * The commands for one pane: input, screen reads, pane state, transcript.
   *
   * @return the pane commands of this server
   */
  public PaneCommands pane() {
    return paneCommands;
  }

  /**
   * The server's panes and sessions.
   *
   * @return the listings of this server
   */
  public ServerView view() {
    return view;
  }

  /** Ids of a new session, read back in the command that created it. */
  public record NewSession(String sessionId, String paneId, long pid) {}

  /**
   * Creates a detached session running {@code command} directly (never through a shell), with
   * {@code remain-on-exit on}, a large history and its labels, all in one command line.
   *
   * @param name the validated session name
   * @param command the program and its arguments
   * @param env environment variables for the program
   * @param width window width
   * @param height window height
   * @param workingDir working directory, or {@code null}
   * @param labels the labels to set on the session
   * @return the new session's ids
   * @throws io.github.tmux4j.DuplicateSessionException if a session of that name exists on this server
   */
  public NewSession newSession(String name, List<String> command, Map<String, String> env, int width, int height,
      Path workingDir, SessionLabels labels) {
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
    // Commands after new-session on its line act on the new session. tmux 3.2a sizes a detached
    // session's window by the creating client's terminal (80x24), not -x/-y: size the window, then hand
    // its size back to the window-size option, so an attaching terminal still resizes it as usual.
    args.addAll(List.of(SEP, "resize-window", "-x", Integer.toString(width), "-y", Integer.toString(height),
        SEP, "set-option", "-w", "-u", "window-size"));
    args.add(SEP);
    args.addAll(PaneCommands.DRAIN_ON_EXIT);
    args.addAll(labels.setOptionArgs());
    String out;
    try (AttachGate.Permit p = gate.shared(gateWait)) { // tmux notifies control clients: %sessions-changed
      out = call(name, args, null).stdout().strip();
    }
    String[] parts = out.split(" ");
    if (parts.length != 3) {
      throw PaneFormats.unexpected(out);
    }
    return new NewSession(parts[0], parts[1], Long.parseLong(parts[2]));
  }

  /**
   * Sets a session's labels, e.g. when a session tmux4j did not create is adopted.
   *
   * @param pane a pane of the session
   * @param labels the labels
   */
  public void label(String pane, SessionLabels labels) {
    List<String> args = new ArrayList<>(List.of("display-message", "-p", "-t", pane, ""));
    for (String a : labels.setOptionArgs()) {
      args.add(a);
      if (a.equals("set-option")) {
        args.addAll(List.of("-t", pane));
      }
    }
    callPane(null, pane, args);
  }

  /**
   * Renames a session, provided its pane still belongs to it.
   *
   * @param ref the session
   * @param oldName its current name (for messages)
   * @param newName the new, validated name
   * @throws io.github.tmux4j.DuplicateSessionException if the new name is taken
   * @throws SessionNotFoundException if the session is gone
   */
  public void rename(SessionRef ref, String oldName, String newName) {
    try (AttachGate.Permit p = gate.shared(gateWait)) { // %session-renamed
      guarded(ref, oldName, List.of("rename-session", "-t", ref.pane(), "--",
          Commands.literalArgument(Commands.formatLiteral(newName))));
    }
  }

  /**
   * Kills a session, provided its pane still belongs to it; holds the gate shared until the control
   * clients attached to it (which leave with it, each making tmux send {@code %client-detached}) are gone,
   * and drops this transport's connection to the pane.
   *
   * @param ref the session
   * @param name its name (for messages)
   * @return {@code true} if it was killed; {@code false} if it, or its server, was gone already
   */
  public boolean kill(SessionRef ref, String name) {
    try (AttachGate.Permit p = gate.shared(gateWait)) {
      String out;
      try {
        List<String> args = new ArrayList<>(List.of("list-clients", "-t", ref.pane(), "-F", "#{client_pid}", SEP));
        args.addAll(ifSession(ref, List.of("kill-session", "-t", ref.pane())));
        out = callPaneUnrouted(name, args);
      } catch (SessionNotFoundException | ServerNotRunningException gone) {
        return false;
      } finally {
        transport.release(ref.pane());
      }
      if (out.contains(NOT_THIS_SESSION)) {
        return false; // the pane belongs to another session now: it is not ours to kill
      }
      if (!ClientDepartures.await(transport, ClientDepartures.parse(out), System.nanoTime() + gateWait.toNanos())) {
        System.getLogger(TmuxCommands.class.getName()).log(System.Logger.Level.WARNING, "Control clients of session '"
            + name + "' on " + socket + " did not leave within " + gateWait.toMillis() + " ms");
      }
      return true;
    }
  }

  /**
   * Kills a session tmux4j did not create (it has no labels), provided the pane still belongs to the
   * session it belonged to when it was listed.
   *
   * @param pane the pane as listed
   * @param name the session's name, for messages
   * @return {@code true} if it was killed
   */
  public boolean killUnlabelled(ServerView.PaneInfo pane, String name) {
    try (AttachGate.Permit p = gate.shared(gateWait)) {
      List<String> args = new ArrayList<>(List.of("list-clients", "-t", pane.paneId(), "-F", "#{client_pid}", SEP,
          IF_FORMAT.get(0), IF_FORMAT.get(1), "-t", pane.paneId(), "#{==:#{session_id}," + pane.sessionId() + "}",
          ControlProtocol.encode(List.of("kill-session", "-t", pane.paneId())), "display-message -p " + NOT_THIS_SESSION));
      String out;
      try {
        out = callPaneUnrouted(name, args);
      } catch (SessionNotFoundException | ServerNotRunningException gone) {
        return false;
      } finally {
        transport.release(pane.paneId());
      }
      ClientDepartures.await(transport, ClientDepartures.parse(out), System.nanoTime() + gateWait.toNanos());
      return !out.contains(NOT_THIS_SESSION);
    }
  }

  /**
   * Kills the server and every session on it, and makes sure it ends (see {@link ServerShutdown}).
   *
   * @return {@code true} if a server was running
   */
  public boolean killServer() {
    try (AttachGate.Permit p = gate.shared(gateWait)) {
      return ServerShutdown.kill(args -> transport.execute(args, null), socket, gateWait);
    }
  }

  /**
   * Runs a command for a session if its pane still belongs to it ({@code if-shell -F} on the session's
   * creation label, in the same tmux pass).
   *
   * @throws SessionNotFoundException if the pane or its session is another now
   */
  String guarded(SessionRef ref, String name, List<String> command) {
    String out = callPaneUnrouted(name, ifSession(ref, command));
    if (out.contains(NOT_THIS_SESSION)) {
      throw notThisSession(ref, name);
    }
    return out;
  }

  /**
   * An {@code if-shell -F} that runs one command only if a pane still belongs to the session a reference
   * means, and otherwise prints a marker that the readers of its answer recognise (the session's creation
   * label does not match). Both branches are single commands (see {@link ControlProtocol#commandCount}).
   *
   * @param ref the session
   * @param command one command
   * @return the arguments of the {@code if-shell}
   */
  static List<String> ifSession(SessionRef ref, List<String> command) {
    return List.of(IF_FORMAT.get(0), IF_FORMAT.get(1), "-t", ref.pane(), "#{==:#{" + SessionLabels.CREATED + "},"
        + ref.createdText() + "}", ControlProtocol.encode(command), "display-message -p " + NOT_THIS_SESSION);
  }

  SessionNotFoundException notThisSession(SessionRef ref, String name) {
    return new SessionNotFoundException(name, "pane " + ref.pane() + " on " + socket + " no longer belongs to "
        + "the session created at " + ref.createdText() + " (it was killed, and the server restarted or another "
        + "session took the pane)");
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

  /** A pane command that must not go through that pane's own control connection (it may end it). */
  private String callPaneUnrouted(String session, List<String> args) {
    return call(session, args, null).stdout();
  }

  private TmuxResult checked(String session, List<String> args, Supplier<TmuxResult> attempt) {
    return retry.get(() -> {
      TmuxResult result = attempt.get();
      if (result.exitCode() != 0) {
        throw TmuxErrors.map(socket, session, args, result);
      }
      return result;
    });
  }

  /**
   * Sends long text through a paste buffer, holding the gate shared (tmux 3.4+ notify control clients of
   * new and deleted buffers).
   */
  <T> T viaPasteBuffer(String session, byte[] text, java.util.function.Function<String, T> paste) {
    try (AttachGate.Permit p = gate.shared(gateWait)) {
      String buffer = "tmux4j-" + UUID.randomUUID();
      call(session, List.of("load-buffer", "-b", buffer, "-"), text);
      try {
        return paste.apply(buffer);
      } catch (TmuxException e) {
        try {
          transport.execute(List.of("delete-buffer", "-b", buffer), null);
        } catch (TmuxException ignored) {
          // the buffer dies with the server anyway
        }
        throw e;
      }
    }
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
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
}

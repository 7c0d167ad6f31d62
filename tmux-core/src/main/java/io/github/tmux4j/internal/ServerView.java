package io.github.tmux4j.internal;

import io.github.tmux4j.ServerNotRunningException;
import io.github.tmux4j.SessionNotFoundException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the server of one socket has: its panes and sessions, with the labels tmux4j gave the sessions it
 * created ({@link SessionLabels}), each listing in one command. Thread-safe.
 */
public final class ServerView {
  private final TmuxCommands tmux;

  ServerView(TmuxCommands tmux) {
    this.tmux = tmux;
  }

  /**
   * What tmux says about a pane.
   *
   * @param paneId the pane id
   * @param pid the pane's process
   * @param dead whether its process has exited
   * @param deadStatus the exit status of a dead pane, if known
   * @param deadSignal the signal that killed it, if any
   * @param sessionId the id of the pane's session ({@code $N})
   * @param created the session's {@value SessionLabels#CREATED} label, empty if it has none
   * @param sessionName the session's name
   */
  public record PaneInfo(String paneId, long pid, boolean dead, Integer deadStatus, Integer deadSignal,
      String sessionId, String created, String sessionName) {
    /**
     * Whether the pane's process was killed by a signal.
     *
     * @return {@code true} if tmux reports a signal
     */
    public boolean signaled() {
      return deadSignal != null;
    }

    /**
     * Whether the pane belongs to the session a reference means.
     *
     * @param ref the session
     * @return {@code true} if the pane's session has the reference's creation label
     */
    public boolean belongsTo(SessionRef ref) {
      return ref.isCreated(created);
    }
  }

  /**
   * A session as {@link #liveSessions} lists it: its name, its active pane, and its labels if tmux4j
   * created it.
   *
   * @param socket the socket of its server
   * @param name the session name
   * @param pane its active pane
   * @param labels its labels, if any
   */
  public record LiveSession(Path socket, String name, PaneInfo pane, java.util.Optional<SessionLabels> labels) {}

  /**
   * Describes the pane a tmux target names (a session, {@code session:window.pane}, or a pane id), with
   * its session's labels. The target is the caller's own tmux syntax and is passed to tmux as it is.
   *
   * @param target the tmux target
   * @return the pane and its session's labels
   * @throws SessionNotFoundException if the target names nothing
   * @throws ServerNotRunningException if there is no server
   */
  public LiveSession find(String target) {
    String out = tmux.call(target, List.of("display-message", "-p", "-t", target, SessionLabels.FORMAT + "\t"
        + PaneFormats.PANE), null).stdout();
    String line = out.endsWith("\n") ? out.substring(0, out.length() - 1) : out;
    String[] f = line.split("\t", 6);
    PaneInfo pane = f.length == 6 ? PaneFormats.parsePane(f[5]) : null;
    if (pane == null) {
      throw new SessionNotFoundException(target, "tmux on " + tmux.socket() + " finds no pane for target '" + target + "'");
    }
    return new LiveSession(tmux.socket(), pane.sessionName(), PaneCommands.withReapedStatus(pane),
        SessionLabels.parse(String.join("\t", f[0], f[1], f[2], f[3], f[4])));
  }

  /**
   * Everything {@link #listing} learns from one {@code list-panes -a}: every pane, and the sessions with
   * their active pane and labels.
   *
   * @param panes every pane of the server, by pane id (a dead pane with the status the kernel reaped)
   * @param sessions each session with its active pane and labels
   */
  public record Listing(Map<String, PaneInfo> panes, List<LiveSession> sessions) {}

  /**
   * Lists every pane and every session of the server in one command (one snapshot), for health checks
   * and reconciliation of many sessions.
   *
   * @return the server's panes and sessions
   * @throws ServerNotRunningException if no server is running
   */
  public Listing listing() {
    String out = tmux.call(null, List.of("list-panes", "-a", "-F", "#{?#{&&:#{window_active},#{pane_active}},1,0}\t"
        + SessionLabels.FORMAT + "\t" + PaneFormats.PANE), null).stdout();
    Map<String, PaneInfo> panes = new LinkedHashMap<>();
    List<LiveSession> sessions = new ArrayList<>();
    for (String line : out.split("\n")) {
      String[] f = line.split("\t", 7);
      PaneInfo pane = f.length == 7 ? PaneFormats.parsePane(f[6]) : null;
      if (pane != null) {
        pane = PaneCommands.withReapedStatus(pane);
        panes.put(pane.paneId(), pane);
        if (f[0].equals("1")) {
          sessions.add(new LiveSession(tmux.socket(), pane.sessionName(), pane,
              SessionLabels.parse(String.join("\t", f[1], f[2], f[3], f[4], f[5]))));
        }
      }
    }
    return new Listing(Collections.unmodifiableMap(panes), List.copyOf(sessions));
  }

  /**
   * Lists the server's sessions with their active pane and labels; empty if no server is running.
   *
   * @return the sessions
   */
  public List<LiveSession> liveSessions() {
    try {
      return listing().sessions();
    } catch (ServerNotRunningException gone) {
      return List.of();
    }
  }
}

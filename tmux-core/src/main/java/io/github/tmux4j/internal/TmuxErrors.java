package io.github.tmux4j.internal;

import io.github.tmux4j.DuplicateSessionException;
import io.github.tmux4j.ServerNotRunningException;
import io.github.tmux4j.SessionNotFoundException;
import io.github.tmux4j.TmuxException;
import java.nio.file.Path;
import java.util.List;

/** Maps tmux's error messages (tmux 3.x wording) to exceptions. */
public final class TmuxErrors {
  private TmuxErrors() {}

  /**
   * Maps a failed tmux invocation to the exception that says what happened.
   *
   * @param socket the socket used
   * @param session the session concerned, or {@code null}
   * @param args the command
   * @param result what tmux returned
   * @return the exception to throw
   */
  public static TmuxException map(Path socket, String session, List<String> args, TmuxResult result) {
    String err = result.stderr().strip();
    if (err.startsWith("no server running on")) {
      return new ServerNotRunningException(socket, err, false);
    }
    if (err.startsWith("error connecting to")) {
      return new ServerNotRunningException(socket, err, err.contains("Connection refused"));
    }
    if (err.startsWith("server exited unexpectedly") || err.startsWith("lost server")) {
      // The server went away under the command (typically: it was exiting after its last session closed
      // while a new-session arrived). Nothing the command did can outlive the server: safe to retry.
      return new ServerNotRunningException(socket, err, true);
    }
    if (err.equals("no current target")) {
      // Said to a command with a target when the server has no session left: it is being killed (or
      // exits with its last session) and goes away next.
      return new ServerNotRunningException(socket, "the tmux server has no sessions left and is exiting (" + err
          + ")", false);
    }
    if (err.startsWith("can't find session") || err.startsWith("can't find pane") || err.startsWith("no such pane")
        || err.startsWith("no such window")
        || err.startsWith("can't find window") || err.startsWith("no such session")
        || err.startsWith("session not found")) {
      return new SessionNotFoundException(session == null ? "?" : session, "tmux on " + socket + " says: " + err);
    }
    if (err.startsWith("duplicate session")) {
      return new DuplicateSessionException(session == null ? "?" : session, "on socket " + socket);
    }
    if (err.contains("Resource temporarily unavailable")) {
      return new TransientTmuxException("tmux failed transiently: " + err, null);
    }
    return new TmuxException("tmux command failed (exit " + result.exitCode() + ", socket " + socket + "): "
        + (err.isEmpty() ? "no error message" : err) + "; command: " + Commands.describe(args));
  }
}

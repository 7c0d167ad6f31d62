package io.github.tmux4j.junit;

import io.github.tmux4j.HealthState;
import io.github.tmux4j.Session;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/** Reads and formats the last screens of sessions for failure messages. Never throws. */
final class Screens {
  /** At most this many lines of each screen go into a message (the report entries get all). */
  static final int MESSAGE_LINES = 60;
  /**
   * Lines of scrollback read above the visible screen: when a program exits, tmux writes "Pane is dead"
   * on the last line and scrolls the screen, so the first visible line goes to history.
   */
  static final int HISTORY_LINES = 10;
  /** Runs of more blank lines than this are shown as one note in messages. */
  static final int MAX_BLANK_RUN = 2;

  /** Marks a note among screen lines; a NUL never comes from a capture. */
  private static final String NOTE = "\u0000";

  private Screens() {}

  /**
   * What one session showed.
   *
   * @param name the session name
   * @param type the registry type name ({@code python-repl}, {@code shell} ...)
   * @param state its health when the screen was read
   * @param text the visible screen, or {@code null} if it could not be read
   * @param problem why the screen could not be read, or {@code null}
   */
  record Screen(String name, String type, HealthState state, String text, String problem) {

    /** The screen text, or a note that says why there is none; never blank. */
    String textOrNote() {
      if (text == null) {
        return "(no screen: " + problem + ")";
      }
      return text.isBlank() ? "(blank screen)" : text;
    }
  }

  /** Reads a session's visible screen, wrapped lines joined. */
  static Screen read(Session session) {
    HealthState state;
    try {
      state = session.health().state();
    } catch (RuntimeException e) {
      state = HealthState.MISSING;
    }
    try {
      return new Screen(session.name(), session.type().typeName(), state,
          session.capture().history(HISTORY_LINES).joinWrapped().text(), null);
    } catch (RuntimeException e) {
      return new Screen(session.name(), session.type().typeName(), state, null, "session is "
          + state + ", " + e.getClass().getSimpleName() + ": " + firstLine(e.getMessage()));
    }
  }

  /** A screen as {@code text} shows it: for assertions that read the screen they test. */
  static Screen of(Session session, String text) {
    HealthState state;
    try {
      state = session.health().state();
    } catch (RuntimeException e) {
      state = HealthState.MISSING;
    }
    return new Screen(session.name(), session.type().typeName(), state, text, null);
  }

  /**
   * The start of the header line of a session's screen in a message: whatever carries it shows the
   * screen, so {@link Failures} does not add it again.
   */
  static String header(String sessionName) {
    return "Last screen of tmux session '" + sessionName + "' (";
  }

  /**
   * Whether a failure already shows a session's screen: its message, or that of an exception printed
   * with it (causes and suppressed exceptions, recursively), contains the screen's {@link #header}.
   */
  static boolean shownIn(Throwable failure, String sessionName) {
    String header = header(sessionName);
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<Throwable> todo = new ArrayDeque<>(List.of(failure));
    while (!todo.isEmpty()) {
      Throwable t = todo.pop();
      if (!seen.add(t)) {
        continue;
      }
      String message = t.getMessage();
      if (message != null && message.contains(header)) {
        return true;
      }
      if (t.getCause() != null) {
        todo.push(t.getCause());
      }
      for (Throwable suppressed : t.getSuppressed()) {
        todo.push(suppressed);
      }
    }
    return false;
  }

  /** Formats screens for an exception message, each under a {@link #header} line. */
  static String format(List<Screen> screens) {
    StringBuilder sb = new StringBuilder();
    for (Screen screen : screens) {
      sb.append(header(screen.name())).append(screen.type()).append(", ").append(screen.state()).append("):\n");
      if (screen.text() == null) {
        sb.append("  ").append(screen.textOrNote()).append('\n');
      } else {
        sb.append(indent(screen.text(), MESSAGE_LINES));
      }
    }
    return sb.toString();
  }

  /**
   * The last {@code maxLines} lines of {@code text}, each prefixed with {@code "  | "}; runs of blank
   * lines (such as the empty middle of a dead pane's screen) are shortened to a note.
   */
  static String indent(String text, int maxLines) {
    List<String> lines = new ArrayList<>();
    String[] raw = text.stripTrailing().split("\n", -1);
    for (int i = 0; i < raw.length; ) {
      int end = i;
      while (end < raw.length && raw[end].isBlank()) {
        end++;
      }
      int blanks = end - i;
      if (blanks > MAX_BLANK_RUN) {
        lines.add(NOTE + "(" + blanks + " blank lines)");
        i = end;
      } else if (blanks > 0) {
        for (; i < end; i++) {
          lines.add(raw[i]);
        }
      } else {
        lines.add(raw[i++]);
      }
    }
    int from = Math.max(0, lines.size() - maxLines);
    StringBuilder sb = new StringBuilder();
    if (from > 0) {
      sb.append("  (").append(from).append(" earlier lines not shown)\n");
    }
    for (int i = from; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.startsWith(NOTE)) {
        sb.append("  ").append(line.substring(NOTE.length())).append('\n');
      } else {
        sb.append("  | ").append(line).append('\n');
      }
    }
    return sb.toString();
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}

package io.github.tmux4j.internal;

import io.github.tmux4j.Ansi;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;

/**
 * What one wait of {@link StreamWaits#until} looked at while it ran: how often it tested, how often it
 * looked at tmux's screen, and the last look. Counting costs two increments per test; only a wait that
 * times out with the {@value TmuxLog#WAITS_NAME} logger at {@code DEBUG} turns it into a message: what
 * was waited for, in which scope, for how long, and the last lines it examined (stream and screen,
 * escapes removed), so that the log says why nothing matched. Used by the waiting thread only.
 */
final class WaitReport {
  /** Lines of each text examined that go into the message, the last ones. */
  static final int LINES = 10;

  private PaneCommands.Look lastLook;
  private int tests;
  private int looks;

  /** Counts one test, with the look it was given ({@code null} if none). */
  void tested(PaneCommands.Look look) {
    tests++;
    if (look != null) {
      looks++;
      lastLook = look;
    }
  }

  /** The last look at tmux's screen, or {@code null} if the wait never looked. */
  PaneCommands.Look lastLook() {
    return lastLook;
  }

  /**
   * Logs why the wait timed out, at {@code DEBUG} on {@value TmuxLog#WAITS_NAME}.
   *
   * @param in the input whose output the wait rendered
   * @param what what was waited for (names the pattern or prompt and the session)
   * @param screen whether every test looked at tmux's screen
   * @param deadline the wait's deadline ({@link System#nanoTime()})
   * @param timeout the wait's length
   */
  void log(PendingInput in, String what, boolean screen, long deadline, Duration timeout) {
    TmuxLog.WAITS.log(Level.DEBUG, message(in, what, screen, deadline, timeout));
  }

  String message(PendingInput in, String what, boolean screen, long deadline, Duration timeout) {
    long elapsedMillis = (System.nanoTime() - (deadline - timeout.toNanos())) / 1_000_000;
    OutputRenderer r = in.output.renderer;
    boolean echoed = in.echoed();
    String text = in.text();
    StringBuilder sb = new StringBuilder(1024);
    sb.append("Wait timed out: ").append(what).append(", after ").append(elapsedMillis).append(" ms (timeout ")
        .append(timeout.toMillis()).append(" ms); tested ").append(tests).append(" times, ").append(looks)
        .append(" of them with tmux's screen\n");
    sb.append("  scope: ").append(screen
        ? "tmux's screen (visible rows and the text before the cursor) on every test"
        : "the output since the last input through this handle, echo left out"
            + (looks > 0 && (r.screenChanged() || in.output.incomplete()) ? ", and tmux's screen" : ""))
        .append('\n');
    sb.append("  why: ").append(why(in, echoed, text, screen)).append("; input ")
        .append(in.typed.isEmpty() ? "none or keys" : in.typed.size() + " line(s) "
            + TmuxLog.excerpt(in.typed.get(0), 60))
        .append(", echoed ").append(echoed).append(", prompt markers ").append(r.marks().size())
        .append(", screen changed ").append(r.screenChanged()).append(", output lost ")
        .append(in.output.incomplete()).append('\n');
    if (!screen || !text.isBlank()) {
      tail(sb, "the output since the input", text);
    }
    if (lastLook != null) {
      tail(sb, "tmux's screen at the last look (cursor row " + lastLook.cursorY() + ", before the cursor "
          + TmuxLog.excerpt(Ansi.strip(lastLook.beforeCursor()), 80) + ")", lastLook.text());
    } else {
      sb.append("  tmux's screen: not looked at (output kept arriving and the test does not need it)\n");
    }
    return sb.toString().stripTrailing();
  }

  private static String why(PendingInput in, boolean echoed, String text, boolean screen) {
    if (screen) {
      return "what it tested (below) never satisfied the wait";
    }
    if (!echoed) {
      return "the echo of the input never arrived complete, so no output after it was tested";
    }
    if (text.isBlank()) {
      return "nothing was printed after the echo of the input";
    }
    return "what was printed after the input (below) never satisfied the wait";
  }

  /** Appends the last {@link #LINES} lines of a text, escapes removed, each cut at a few hundred chars. */
  private static void tail(StringBuilder sb, String title, String text) {
    List<String> lines = Texts.lines(Ansi.strip(text.stripTrailing()));
    int from = Math.max(0, lines.size() - LINES);
    sb.append("  ").append(title).append(text.isBlank() ? ": (nothing)" : ", last " + (lines.size() - from)
        + " of " + lines.size() + " lines:").append('\n');
    if (text.isBlank()) {
      return;
    }
    for (int i = from; i < lines.size(); i++) {
      String line = lines.get(i);
      sb.append("    | ").append(line.length() <= TmuxLog.EXCERPT_CHARS ? line
          : line.substring(0, TmuxLog.EXCERPT_CHARS) + "... (" + line.length() + " chars)").append('\n');
    }
  }
}

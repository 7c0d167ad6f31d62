package io.github.tmux4j.internal;

import io.github.tmux4j.CommandResult;
import io.github.tmux4j.IncompleteCommandException;
import io.github.tmux4j.SessionType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code run()}: types a command and collects its output until the prompt after it.
 *
 * <ul>
 *   <li>With prompt markers (tmux4j's shell, Python and gdb sessions, see {@link PromptMarkers}), each
 *       line of the command is typed once the prompt after the line before it is back, and the output is
 *       what the pane printed between the echo of a line and the next marker. The marker says whether the
 *       prompt is a primary one (with the exit code, for shells) or a continuation: a Python block is
 *       completed with the blank line it needs, any other continuation is cancelled with Ctrl-C and
 *       reported ({@link IncompleteCommandException}).
 *   <li>Without (a custom program with a {@code readyWhen} prompt), the whole command is typed, and the
 *       output is what follows its echo up to the line at whose cursor the prompt shows.
 * </ul>
 */
final class CommandRun {
  /** How many blank lines a Python block may need to be closed (one per nesting level left open). */
  private static final int MAX_BLOCK_CLOSES = 8;

  private final StreamWaits waits;
  /** Types a line (with Enter) and returns its pending input. */
  private final BiFunction<String, Boolean, PendingInput> type;
  private final SessionType sessionType;
  private final String session;

  CommandRun(StreamWaits waits, BiFunction<String, Boolean, PendingInput> type, SessionType sessionType,
      String session) {
    this.waits = waits;
    this.type = type;
    this.sessionType = sessionType;
    this.session = session;
  }

  /** What one line's wait found: the marker that ended it and what the pane printed before it. */
  record Step(OutputRenderer.Mark mark, OutputRenderer.Lines output) {}

  /** Caps on the output of one call: {@code Integer.MAX_VALUE} and {@code Long.MAX_VALUE} for none. */
  record Caps(int maxLines, long maxBytes) {
    static final Caps NONE = new Caps(Integer.MAX_VALUE, Long.MAX_VALUE);
  }

  CommandResult withMarkers(String command, long deadline, Duration timeout, long started) {
    return withMarkers(command, deadline, timeout, started, Caps.NONE);
  }

  CommandResult withMarkers(String command, long deadline, Duration timeout, long started, Caps caps) {
    List<String> lines = new ArrayList<>(List.of(command.split("\n", -1)));
    OutputCaps.Collected output = new OutputCaps.Collected();
    boolean gap = false;
    OptionalInt exit = OptionalInt.empty();
    int closes = 0;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      PendingInput in = type.apply(line, true);
      Step step = waits.until(in, deadline, false, "the prompt after '" + abbreviate(line) + "' in session '" + session
          + "'", timeout, look -> markerStep(in, look));
      in.settle();
      output.add(step.output());
      gap |= in.output.incomplete();
      if (step.mark().kind().equals(PromptMarkers.PRIMARY)) {
        exit = exitCode(step.mark().payload());
      } else if (i == lines.size() - 1) {
        if (blockCloses(closes++)) {
          lines.add(""); // the blank line that ends a Python block
        } else {
          throw cancel(command, in);
        }
      }
    }
    OutputCaps.Text text = output.finish(caps.maxLines(), caps.maxBytes(), gap);
    return new CommandResult(command, text.text(), Duration.ofNanos(System.nanoTime() - started), exit,
        text.truncation());
  }

  /**
   * Whether a continuation after the last line is completed with a blank line (a Python block, up to
   * {@link #MAX_BLOCK_CLOSES} levels) rather than cancelled.
   *
   * @param closedSoFar blank lines added so far
   * @return {@code true} to add one more
   */
  boolean blockCloses(int closedSoFar) {
    return sessionType == SessionType.PYTHON && closedSoFar < MAX_BLOCK_CLOSES;
  }

  /**
   * The test of one typed line in a session with prompt markers: the first marker after it ends it (the
   * output is what was printed before it), or gdb's unmarked continuation, or, after lost output, the
   * prompt on the screen.
   *
   * @param in the line's input
   * @param look tmux's screen, or {@code null}
   * @return the step, or {@code null} to keep waiting
   */
  Step markerStep(PendingInput in, PaneCommands.Look look) {
    List<OutputRenderer.Mark> marks = in.output.renderer.marks();
    if (marks.isEmpty()) {
      Step continuation = gdbContinuation(in, look);
      return continuation != null ? continuation : unmarkedPrompt(in, look);
    }
    OutputRenderer.Mark m = marks.get(0);
    if (in.output.renderer.currentLine() == m.line() && !PromptMarkers.promptShown(afterMark(in.output.renderer, m))) {
      // The prompt's text after its marker is still on its way, maybe in pieces (tmux may send the rest in
      // a later notification, after the answer to the next line's input): typed now, the next line would
      // take it for its echo or its output (".." of "... " was seen on tmux 3.6b).
      return null;
    }
    // The prompt's own line is output only if the program printed on it before the prompt.
    long from = in.firstOutputLine();
    return new Step(m, m.column() == 0 ? in.output.renderer.lines(from, m.line() - 1, -1)
        : in.output.renderer.lines(from, m.line(), m.column()));
  }

  /** The text on a marker's line after it, up to the cursor. */
  static String afterMark(OutputRenderer renderer, OutputRenderer.Mark m) {
    String line = renderer.beforeCursor();
    return line.length() <= m.column() ? "" : line.substring(m.column());
  }

  /**
   * gdb's continuation prompt ({@code >}, after {@code define}, {@code commands}, {@code if}...) cannot
   * carry a marker: it is taken to be one when the pane has gone quiet with nothing but {@code >} on the
   * cursor's line ({@code look} is only taken after a silence, or after a screen change, ruled out here).
   */
  private Step gdbContinuation(PendingInput in, PaneCommands.Look look) {
    OutputRenderer r = in.output.renderer;
    if (sessionType != SessionType.GDB || look == null || r.screenChanged() || !in.echoed()
        || !r.beforeCursor().strip().equals(">") || !look.beforeCursor().strip().equals(">")) {
      return null;
    }
    return new Step(new OutputRenderer.Mark(r.currentLine(), 0, PromptMarkers.CONTINUATION, ""),
        r.lines(in.firstOutputLine(), r.currentLine() - 1, -1));
  }

  /**
   * When the stream lost output (a control client replaced mid-command), the marker may be among what was
   * lost: then the screen decides. The type's visible prompt at the cursor, with the input echoed after a
   * prompt on a row above it, ends the command; the output is the rows between, and the result reports
   * the gap.
   */
  private Step unmarkedPrompt(PendingInput in, PaneCommands.Look look) {
    Pattern visible = sessionType.prompt().orElse(null);
    if (look == null || visible == null || !in.output.incomplete()
        || StreamWaits.promptAt(visible, look.beforeCursor()) == null) {
      return null;
    }
    String typed = in.typed.isEmpty() ? "" : in.typed.get(in.typed.size() - 1).strip();
    List<String> rows = look.screen();
    // The last row above the cursor that starts with a prompt must be the input's echo: an older echo of
    // the same text (the screen before the input arrived) has other prompts after it.
    for (int row = Math.min(look.cursorY(), rows.size()) - 1; row >= 0 && !typed.isEmpty(); row--) {
      String text = rows.get(row).stripTrailing();
      if (text.endsWith(typed) && StreamWaits.promptAt(visible, text.substring(0, text.length() - typed.length()))
          != null) {
        List<String> output = List.copyOf(rows.subList(row + 1, look.cursorY()));
        if (output.stream().anyMatch(l -> startsWithPrompt(visible, l))) {
          return null;
        }
        return new Step(new OutputRenderer.Mark(0, 0, PromptMarkers.PRIMARY, ""),
            new OutputRenderer.Lines(output, 0, List.of(), 0, 0));
      }
    }
    return null;
  }

  private static boolean startsWithPrompt(Pattern prompt, String row) {
    for (int end = 1; end <= Math.min(row.length(), 40); end++) { // prompts are short
      if (StreamWaits.promptAt(prompt, row.substring(0, end)) != null) {
        return true;
      }
    }
    return false;
  }

  /** Ctrl-C to leave the continuation, and the exception that reports it. */
  IncompleteCommandException cancel(String command, PendingInput in) {
    String prompt = in.output.renderer.beforeCursor().stripLeading();
    type.apply("\u0003", false); // Ctrl-C as the terminal sends it
    return new IncompleteCommandException(session, abbreviate(command), prompt);
  }

  CommandResult withPrompt(String command, Pattern prompt, long deadline, Duration timeout, long started) {
    return withPrompt(command, prompt, deadline, timeout, started, Caps.NONE);
  }

  CommandResult withPrompt(String command, Pattern prompt, long deadline, Duration timeout, long started,
      Caps caps) {
    PendingInput in = type.apply(command, true);
    Matcher found = waits.until(in, deadline, false, "the prompt after '" + abbreviate(command) + "' in session '"
        + session + "'", timeout, look -> promptStep(in, look, prompt));
    in.settle();
    OutputCaps.Text text = promptOutput(in).finish(caps.maxLines(), caps.maxBytes(), in.output.incomplete());
    return new CommandResult(command, text.text(), Duration.ofNanos(System.nanoTime() - started),
        exitGroup(found), text.truncation());
  }

  /**
   * The test of a command in a session without markers: its prompt at the cursor after the echo.
   *
   * @param in the command's input
   * @param look tmux's screen, or {@code null}
   * @param prompt the {@code readyWhen} prompt
   * @return the prompt's match, or {@code null} to keep waiting
   */
  static Matcher promptStep(PendingInput in, PaneCommands.Look look, Pattern prompt) {
    OutputRenderer r = in.output.renderer;
    if (!in.echoed()) {
      return null;
    }
    String atCursor = look != null && r.screenChanged() ? look.beforeCursor() : r.beforeCursor();
    return StreamWaits.promptAt(prompt, atCursor);
  }

  /** What a command without markers printed: from after its echo to the prompt's line, left out. */
  static OutputCaps.Collected promptOutput(PendingInput in) {
    OutputCaps.Collected output = new OutputCaps.Collected();
    output.add(in.output.renderer.lines(in.firstOutputLine(), -1));
    output.removeLast(); // the prompt's line
    return output;
  }

  static OptionalInt exitCode(String payload) {
    try {
      return payload.isEmpty() ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(payload));
    } catch (NumberFormatException notANumber) {
      return OptionalInt.empty();
    }
  }

  static OptionalInt exitGroup(Matcher prompt) {
    if (prompt == null || !prompt.pattern().pattern().contains("(?<exit>")) {
      return OptionalInt.empty();
    }
    try {
      String code = prompt.group("exit");
      return code == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(code));
    } catch (IllegalArgumentException noSuchGroupOrNotANumber) {
      return OptionalInt.empty();
    }
  }

  static String abbreviate(String command) {
    String oneLine = command.replace("\n", "\\n");
    return oneLine.length() <= 60 ? oneLine : oneLine.substring(0, 57) + "...";
  }
}

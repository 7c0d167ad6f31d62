package io.github.tmux4j.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of a pane's output that came after some input was sent, without the echo of that input.
 *
 * <p>The region starts at the cursor position recorded just before the input was sent (line and
 * column), so an earlier prompt or earlier output never counts. Lines that echo the sent input (the
 * typed text, possibly after a continuation prompt such as {@code ...} or {@code >}) are removed in
 * order; other lines between them are program output. A line is only treated as complete once the
 * cursor has left it: a line still being typed is neither echo nor output yet.
 *
 * <p>Pure and immutable; unit-tested without tmux.
 */
public final class OutputRegion {
  private final List<String> outputLines;
  private final boolean echoComplete;
  private final String cursorLine;
  private final boolean cursorLineIsOutput;

  private OutputRegion(List<String> outputLines, boolean echoComplete, String cursorLine,
      boolean cursorLineIsOutput) {
    this.outputLines = outputLines;
    this.echoComplete = echoComplete;
    this.cursorLine = cursorLine;
    this.cursorLineIsOutput = cursorLineIsOutput;
  }

  /**
   * Parses the region.
   *
   * @param lines captured lines starting at the line where the input was typed (wrapped lines joined,
   *     trailing whitespace removed, trailing blank lines removed)
   * @param startColumn the cursor column at which the input was typed, on {@code lines.get(0)}
   * @param cursorX the cursor column now; 0 means the cursor is on a blank line after the last one
   * @param input the lines of input that were sent (empty for keys that do not echo)
   * @return the region
   */
  public static OutputRegion parse(List<String> lines, int startColumn, int cursorX, List<String> input) {
    List<String> region = new ArrayList<>(lines);
    if (region.isEmpty()) {
      region.add("");
    }
    String first = region.get(0);
    region.set(0, first.substring(Texts.indexAtColumn(first, startColumn)));
    // With the cursor at column 0 it sits on a blank line after the captured ones: all are complete.
    boolean lastIsCursorLine = cursorX > 0 || region.size() == 1 && region.get(0).isEmpty() && !input.isEmpty();
    int complete = lastIsCursorLine ? region.size() - 1 : region.size();

    List<String> output = new ArrayList<>();
    int nextInput = 0;
    boolean echoes = true;
    for (int i = 0; i < complete; i++) {
      String line = region.get(i);
      if (echoes && nextInput < input.size()) {
        String typed = Texts.normalize(input.get(nextInput));
        String seen = Texts.normalize(line);
        boolean echo = isEcho(seen, typed);
        if (echo) {
          nextInput++;
          continue;
        }
        if (i == 0) {
          echoes = false; // the program does not echo: everything is output
        }
      }
      output.add(line);
    }
    if (echoes && nextInput == 0 && complete == 0 && lastIsCursorLine && !input.isEmpty()
        && !Texts.normalize(input.get(0)).startsWith(Texts.normalize(region.get(0)))) {
      // The line the input was typed on shows something that is not the start of the input: the
      // program does not echo (a password prompt, echo turned off), and what it shows is output.
      echoes = false;
    }
    boolean echoComplete = !echoes || nextInput >= input.size();
    String cursorLine = lastIsCursorLine ? region.get(region.size() - 1) : "";
    return new OutputRegion(Collections.unmodifiableList(output), echoComplete, cursorLine,
        lastIsCursorLine && echoComplete);
  }

  /** An echo is the typed text, alone or after a prompt that ends in whitespace ({@code >>> x}). */
  private static boolean isEcho(String seen, String typed) {
    if (seen.equals(typed)) {
      return true;
    }
    if (!seen.endsWith(typed)) {
      return false;
    }
    if (typed.isEmpty()) {
      return true;
    }
    char before = seen.charAt(seen.length() - typed.length() - 1);
    return Character.isWhitespace(before);
  }

  /**
   * The text to match waits against: complete output lines, plus the line the cursor is on once all
   * input has been echoed.
   *
   * @return the output text
   */
  public String text() {
    if (!cursorLineIsOutput) {
      return String.join("\n", outputLines);
    }
    List<String> all = new ArrayList<>(outputLines);
    all.add(cursorLine);
    return String.join("\n", all);
  }

  /**
   * Whether all sent input has been echoed (or the program turned out not to echo).
   *
   * @return {@code true} once the echo is complete
   */
  public boolean echoComplete() {
    return echoComplete;
  }

  /**
   * Looks for a prompt at the cursor: the cursor line must match {@code prompt} and lie after the echo.
   *
   * @param prompt the prompt pattern, matched with {@link Matcher#find()} against the cursor line
   * @return the match, or {@code null} if the program has not prompted yet
   */
  public Matcher promptMatch(Pattern prompt) {
    if (!cursorLineIsOutput) {
      return null;
    }
    Matcher m = prompt.matcher(cursorLine);
    return m.find() ? m : null;
  }

  /**
   * The command output before a prompt that {@link #promptMatch} found: complete output lines, plus any
   * text on the prompt line before the prompt (output that did not end with a newline).
   *
   * @param prompt the match returned by {@link #promptMatch}
   * @return the output
   */
  public String outputBefore(Matcher prompt) {
    List<String> all = new ArrayList<>(outputLines);
    String prefix = cursorLine.substring(0, prompt.start());
    if (!prefix.isEmpty()) {
      all.add(prefix);
    }
    return String.join("\n", all);
  }
}

package io.github.tmux4j.internal;

import java.util.List;

/**
 * The last input sent to a session and what the pane printed since: the scope of the waits that follow
 * it. {@code settled} once the program showed its prompt after it.
 */
final class PendingInput implements AutoCloseable {
  final InputOutput output;
  /** The lines typed, whose echo comes first: empty for keys. */
  final List<String> typed;
  /** Whether Enter followed the text (then each typed line's echo ends with a line break). */
  final boolean entered;
  final long sentAtNanos;
  private volatile boolean settled;
  /** How many markers and lines the output had when it settled. */
  private int settledMarks;
  private long settledLine;

  PendingInput(InputOutput output, List<String> typed, boolean entered) {
    this.output = output;
    this.typed = typed;
    this.entered = entered;
    this.sentAtNanos = System.nanoTime();
  }

  boolean settled() {
    return settled;
  }

  /** The program is back at its prompt after this input: what was printed so far is its answer. */
  void settle() {
    settledMarks = output.renderer.marks().size();
    settledLine = output.renderer.currentLine();
    settled = true;
  }

  int settledMarks() {
    return settledMarks;
  }

  /**
   * Whether the pane printed another line or prompt since the input settled: then another handle or
   * process typed into the session (or the program printed on its own), and the prompt this input came
   * back to may no longer be the one waiting for a command.
   *
   * @return {@code true} if the output moved on, or lost something
   */
  boolean printedSinceSettled() {
    try {
      output.await(System.nanoTime()); // renders what arrived, without waiting
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new io.github.tmux4j.TmuxException("Interrupted while reading the session's output", e);
    }
    OutputRenderer r = output.renderer;
    return output.incomplete() || r.marks().size() != settledMarks || r.currentLine() != settledLine;
  }

  /**
   * Whether the terminal echoes the input: {@code null} until the first line tells. A program that turned
   * echo off (a password prompt, a raw-mode reader) gets text that never shows; its output then starts
   * on the input's own line.
   */
  private Boolean echoing() {
    if (!entered || typed.isEmpty()) {
      return Boolean.TRUE; // text without Enter: its echo is cut from the cursor's line (see text())
    }
    OutputRenderer r = output.renderer;
    String first = r.line(0);
    if (first == null) {
      return Boolean.TRUE; // cleared since: nothing of the echo is left to skip
    }
    String head = Texts.normalize(typed.get(0));
    head = head.substring(0, Math.min(8, head.length()));
    boolean complete = r.currentLine() > 0;
    if (head.isEmpty()) {
      return complete ? first.isBlank() : first.isBlank() ? null : Boolean.FALSE;
    }
    if (Texts.normalize(first).contains(head)) {
      return Boolean.TRUE;
    }
    return complete || !first.isBlank() ? Boolean.FALSE : null;
  }

  /**
   * The first line of the output that is not the echo of the input: lines are counted from the input
   * on, and each typed line's echo ends with the line break of its Enter.
   */
  long firstOutputLine() {
    if (!entered) {
      return Math.max(0, typed.size() - 1);
    }
    return Boolean.FALSE.equals(echoing()) ? 0 : typed.size();
  }

  /**
   * Whether the echo of the input is complete, so that what follows is the program's.
   *
   * @return {@code true} once the cursor left the last echoed line, or the input is not echoed
   */
  boolean echoed() {
    if (!entered) {
      return true;
    }
    Boolean echo = echoing();
    return echo != null && (!echo || output.renderer.currentLine() >= typed.size());
  }

  /**
   * The text printed after the echo: the lines after it, the last ending at the cursor's line with
   * everything printed on it (spaces included). For text typed without Enter, the cursor's line after
   * the echoed text.
   *
   * @return the text, lines separated by {@code \n}
   */
  String text() {
    OutputRenderer r = output.renderer;
    if (!echoed()) {
      return "";
    }
    String text = String.join("\n", joined(r.lines(firstOutputLine(), -1)));
    if (!entered && !typed.isEmpty() && firstOutputLine() == r.currentLine()) {
      String echo = typed.get(typed.size() - 1);
      int at = text.indexOf(echo);
      return at >= 0 ? text.substring(at + echo.length()) : text;
    }
    return text;
  }

  /** Head and tail as one list, with a line that says how many lines were left out between them. */
  static List<String> joined(OutputRenderer.Lines lines) {
    List<String> all = new java.util.ArrayList<>(lines.head());
    if (lines.droppedLines() > 0) {
      all.add("[... " + lines.droppedLines() + " lines left out ...]");
    }
    all.addAll(lines.tail());
    return all;
  }

  @Override
  public void close() {
    output.close();
  }
}

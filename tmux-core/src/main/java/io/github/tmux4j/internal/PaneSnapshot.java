package io.github.tmux4j.internal;

import java.util.List;

/**
 * One atomic look at a pane: its cursor and history position and the captured lines, taken in one tmux
 * command queue so that no output arrives between them.
 *
 * @param historySize lines in the pane's history ({@code #{history_size}})
 * @param cursorX cursor column
 * @param cursorY cursor row on the visible screen
 * @param dead whether the pane's process has exited
 * @param deadStatus exit status of a dead pane, or {@code null}
 * @param width the pane's width in columns
 * @param firstLine absolute line number (history lines first) of {@code lines.get(0)}
 * @param lines the captured lines, wrapped lines joined, trailing whitespace removed
 * @param height the pane's height in rows
 * @param historyLimit the most lines the pane's history keeps
 * @param plain whether the screen is in the state a {@link ScreenModel} can follow: main screen (not the
 *     alternate one), automatic wrapping on, insert mode off, scroll region the whole screen
 * @param outputVersion the {@link PaneSignal#version()} the snapshot was answered at, or {@code -1}
 */
public record PaneSnapshot(
    int historySize, int cursorX, int cursorY, boolean dead, Integer deadStatus, int width, int firstLine,
    List<String> lines, int height, int historyLimit, boolean plain, long outputVersion) {

  /**
   * The absolute line number of the cursor.
   *
   * @return history size plus cursor row
   */
  public int cursorLine() {
    return historySize + cursorY;
  }

  /**
   * The same look with other lines.
   *
   * @param newLines the lines, starting at {@code firstLine}
   * @return the copy
   */
  public PaneSnapshot withLines(List<String> newLines) {
    return new PaneSnapshot(historySize, cursorX, cursorY, dead, deadStatus, width, firstLine, newLines, height,
        historyLimit, plain, outputVersion);
  }

  /**
   * The captured text, lines joined with newlines.
   *
   * @return the text
   */
  public String text() {
    return String.join("\n", lines);
  }
}

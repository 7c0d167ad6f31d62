package io.github.tmux4j;

import java.util.List;

/**
 * An immutable description of what to capture from a pane. Each method returns a new description;
 * {@link #text()} and {@link #lines()} read the pane. Thread-safe.
 *
 * <pre>{@code
 * String evidence = session.capture().history(500).joinWrapped().text();
 * }</pre>
 */
public interface Capture {

  /**
   * Includes up to {@code lines} lines of scrollback above the visible screen.
   *
   * @param lines number of history lines, at least 0
   * @return the refined capture
   */
  Capture history(int lines);

  /**
   * Joins lines that the terminal wrapped, so that one long output line stays one line.
   *
   * @return the refined capture
   */
  Capture joinWrapped();

  /**
   * Keeps colours and text attributes as ANSI escape sequences (tmux's {@code capture-pane -e}).
   *
   * @return the refined capture
   */
  Capture withAnsi();

  /**
   * Guarantees plain text: no escape sequences and no control characters other than tab and newline.
   * Captures are plain unless {@link #withAnsi()} was asked for; this also cleans anything a program
   * printed that tmux kept as text.
   *
   * @return the refined capture
   */
  Capture stripAnsi();

  /**
   * Reads the pane. Trailing whitespace of each line and blank lines at the end are removed.
   *
   * @return the captured text, lines separated by {@code \n}
   * @throws SessionNotFoundException if the session is gone
   * @throws ServerNotRunningException if its tmux server is gone
   */
  String text();

  /**
   * Reads the pane, as lines.
   *
   * @return the captured lines
   * @throws SessionNotFoundException if the session is gone
   */
  List<String> lines();
}

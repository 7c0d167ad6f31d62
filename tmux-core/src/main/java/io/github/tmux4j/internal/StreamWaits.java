package io.github.tmux4j.internal;

import io.github.tmux4j.SessionDeadException;
import io.github.tmux4j.TmuxException;
import io.github.tmux4j.WaitTimeoutException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The waits of one session, all on one loop: render what the pane printed since the input
 * ({@link PendingInput}) and test it; look at tmux's screen only when the output changed the screen in a
 * way a list of lines cannot follow (a full-screen program, clearing), when a wait is about the screen,
 * or when the pane has been silent for a while (a program that exits prints nothing). Looks at tmux are
 * paced, so a pane that prints without pause is not slowed by them.
 */
final class StreamWaits {
  /** Least time between two looks at tmux while the pane prints. */
  private static final long LOOK_PACE_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
  /** History lines included in the screen of a {@link SessionDeadException}. */
  private static final int DEAD_EVIDENCE_LINES = 100;

  private final PaneCommands panes;
  private final SessionRef ref;
  private final Supplier<String> name;

  StreamWaits(PaneCommands panes, SessionRef ref, Supplier<String> name) {
    this.panes = panes;
    this.ref = ref;
    this.name = name;
  }

  /** One test of a wait: a value ends it; {@code null} keeps waiting. */
  @FunctionalInterface
  interface Test<T> {
    /**
     * Tests once.
     *
     * @param look tmux's screen, when the loop looked at it this time; else {@code null} (never for a
   *     wait that needs the screen)
     * @return the value, or {@code null}
     */
    T test(PaneCommands.Look look);
  }

  /**
   * Waits until a test holds.
   *
   * @param in the input whose output is rendered
   * @param deadline {@link System#nanoTime()} to give up at
   * @param screen whether every test needs tmux's screen (else only when the output changed it)
   * @param what what is waited for, for messages
   * @param timeout the wait's length, for messages
   * @param test the test
   * @return the test's value
   * @throws WaitTimeoutException if the deadline passes (logged with what the wait examined, see
   *     {@link WaitReport})
   * @throws SessionDeadException if the pane's program exits first
   */
  <T> T until(PendingInput in, long deadline, boolean screen, String what, Duration timeout, Test<T> test) {
    WaitReport report = new WaitReport();
    T value = within(in, deadline, () -> deadline, screen, what, look -> {
      report.tested(look);
      return test.test(look);
    });
    if (value == null) {
      if (TmuxLog.waits()) {
        report.log(in, what, screen, deadline, timeout);
      }
      throw new WaitTimeoutException(what, timeout, seen(in, report.lastLook()));
    }
    return value;
  }

  /**
   * The loop of every wait: renders what arrives and tests it until the test gives a value, or returns
   * {@code null} at the deadline (a soft end: the caller decides what that means).
   *
   * @param in the input whose output is rendered
   * @param deadline {@link System#nanoTime()} to give up at
   * @param wake when the test wants to run even without output ({@link System#nanoTime()}, asked before
   *     each wait for output): a silence it measures, or a check it makes after a pause
   * @param screen whether every test needs tmux's screen
   * @param what what is waited for, for messages
   * @param test the test
   * @return the test's value, or {@code null} if the deadline passed first
   * @throws SessionDeadException if the pane's program exits first
   */
  <T> T within(PendingInput in, long deadline, java.util.function.LongSupplier wake, boolean screen, String what,
      Test<T> test) {
    long lastLook = 0;
    PaneCommands.Look look;
    boolean first = true;
    try {
      while (true) {
        boolean news = first || in.output.await(Math.min(deadline, wake.getAsLong()));
        long now = System.nanoTime();
        boolean needLook = screen || in.output.renderer.screenChanged() || in.output.incomplete();
        look = null;
        if (!news || needLook && now - lastLook >= LOOK_PACE_NANOS) {
          look = panes.look(ref, name.get());
          lastLook = System.nanoTime();
        }
        T value = look == null && screen ? null : test.test(look); // a screen test waits for its pace
        if (value != null) {
          return value;
        }
        if (look != null && look.dead()) {
          in.output.await(now); // what the pane printed before it died
          T last = test.test(look);
          if (last != null) {
            return last;
          }
          throw deadException(look);
        }
        if (System.nanoTime() >= deadline) {
          return null;
        }
        first = false;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TmuxException("Interrupted while waiting for " + what, e);
    }
  }

  private static String seen(PendingInput in, PaneCommands.Look look) {
    String text = in.text();
    return look != null && (text.isBlank() || in.output.renderer.screenChanged()) ? look.text() : text;
  }

  /**
   * The exception for a pane found dead, with its exit status and the last of its output.
   *
   * @param look the look that found it dead
   * @return the exception to throw
   */
  SessionDeadException deadException(PaneCommands.Look look) {
    Integer status = look.deadStatus();
    String screen = look.text();
    try {
      if (status == null) {
        status = panes.info(ref, name.get()).deadStatus();
      }
      // tmux's "Pane is dead" line scrolls the top of the screen into history: include some of it.
      screen = String.join("\n", Texts.lines(panes.capture(ref, name.get(), DEAD_EVIDENCE_LINES, true, false)));
    } catch (TmuxException gone) {
      // keep what the look saw
    }
    return new SessionDeadException(name.get(), status, screen);
  }

  /**
   * Waits for a pattern in the output after the input (its echo left out; the cursor's line with every
   * character printed on it), or on tmux's screen once a full-screen program or a cleared screen made the
   * output a poor copy of it.
   */
  MatchResult waitFor(PendingInput in, Pattern pattern, Duration timeout, String what, boolean screenToo) {
    return until(in, System.nanoTime() + timeout.toNanos(), screenToo, what, timeout, look -> {
      MatchResult m = find(pattern, in.text());
      if (m != null || look == null || !(screenToo || in.output.renderer.screenChanged() || in.output.incomplete())) {
        return m; // a look taken after a silence is for a program that exits, not for matching
      }
      return find(pattern, look.text() + "\n" + look.beforeCursor());
    });
  }

  /** Waits for a pattern on tmux's visible screen (or the text before its cursor). */
  MatchResult waitForScreen(PendingInput in, Pattern pattern, Duration timeout, String what) {
    return until(in, System.nanoTime() + timeout.toNanos(), true, what, timeout, look -> {
      MatchResult m = find(pattern, look.text());
      return m != null ? m : find(pattern, look.beforeCursor());
    });
  }

  /**
   * Finds a pattern in text as printed (so that {@code "Name? "} matches a prompt that ends in a space)
   * or, failing that, with the spaces at the ends of its lines removed (so that {@code ">>>$"} matches
   * the prompt {@code ">>> "}).
   */
  static MatchResult find(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    if (m.find()) {
      return m.toMatchResult();
    }
    String trimmed = Texts.stripLineEnds(text);
    if (trimmed.equals(text)) {
      return null;
    }
    m = pattern.matcher(trimmed);
    return m.find() ? m.toMatchResult() : null;
  }

  /**
   * Whether a prompt pattern matches the text before a cursor: as it is (a prompt ends in a space), or
   * without its trailing spaces (patterns written for a trimmed line, such as {@code ">>>$"}).
   */
  static Matcher promptAt(Pattern prompt, String beforeCursor) {
    Matcher m = prompt.matcher(beforeCursor);
    if (m.find()) {
      return m;
    }
    m = prompt.matcher(beforeCursor.stripTrailing());
    return m.find() ? m : null;
  }
}

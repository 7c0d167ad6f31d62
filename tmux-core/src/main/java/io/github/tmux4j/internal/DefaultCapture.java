package io.github.tmux4j.internal;

import io.github.tmux4j.Ansi;
import io.github.tmux4j.Capture;
import java.util.List;

/** The {@link Capture} implementation: an immutable set of capture-pane options. */
final class DefaultCapture implements Capture {
  private final PaneCommands panes;
  private final SessionRef ref;
  private final String session;
  private final int history;
  private final boolean join;
  private final boolean ansi;
  private final boolean strip;

  DefaultCapture(PaneCommands panes, SessionRef ref, String session, int history, boolean join, boolean ansi,
      boolean strip) {
    this.panes = panes;
    this.ref = ref;
    this.session = session;
    this.history = history;
    this.join = join;
    this.ansi = ansi;
    this.strip = strip;
  }

  @Override
  public Capture history(int lines) {
    if (lines < 0) {
      throw new IllegalArgumentException("history lines must be 0 or more, got " + lines);
    }
    return new DefaultCapture(panes, ref, session, lines, join, ansi, strip);
  }

  @Override
  public Capture joinWrapped() {
    return new DefaultCapture(panes, ref, session, history, true, ansi, strip);
  }

  @Override
  public Capture withAnsi() {
    return new DefaultCapture(panes, ref, session, history, join, true, false);
  }

  @Override
  public Capture stripAnsi() {
    return new DefaultCapture(panes, ref, session, history, join, false, true);
  }

  @Override
  public String text() {
    return String.join("\n", lines());
  }

  @Override
  public List<String> lines() {
    String raw = panes.capture(ref, session, history, join, ansi);
    return Texts.lines(strip ? Ansi.strip(raw) : raw);
  }
}

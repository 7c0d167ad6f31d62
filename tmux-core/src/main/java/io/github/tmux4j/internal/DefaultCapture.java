package io.github.tmux4j.internal;

import io.github.tmux4j.Ansi;
import io.github.tmux4j.Capture;
import java.util.List;

/** The {@link Capture} implementation: an immutable set of capture-pane options. */
final class DefaultCapture implements Capture {
  private final TmuxServer server;
  private final String session;
  private final String pane;
  private final int history;
  private final boolean join;
  private final boolean ansi;
  private final boolean strip;

  DefaultCapture(TmuxServer server, String session, String pane, int history, boolean join, boolean ansi,
      boolean strip) {
    this.server = server;
    this.session = session;
    this.pane = pane;
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
    return new DefaultCapture(server, session, pane, lines, join, ansi, strip);
  }

  @Override
  public Capture joinWrapped() {
    return new DefaultCapture(server, session, pane, history, true, ansi, strip);
  }

  @Override
  public Capture withAnsi() {
    return new DefaultCapture(server, session, pane, history, join, true, false);
  }

  @Override
  public Capture stripAnsi() {
    return new DefaultCapture(server, session, pane, history, join, false, true);
  }

  @Override
  public String text() {
    return String.join("\n", lines());
  }

  @Override
  public List<String> lines() {
    String raw = server.capture(session, pane, history, join, ansi);
    return Texts.lines(strip ? Ansi.strip(raw) : raw);
  }
}

package io.github.tmux4j;

/**
 * How a {@link TmuxClient} talks to tmux. Chosen with {@link TmuxClientBuilder#transport(Transport)}.
 */
public enum Transport {
  /**
   * One persistent control-mode client ({@code tmux -C}) per session, started on first use: commands
   * take about a tenth of a millisecond and waits are woken by the pane's output instead of polling.
   * Commands that do not concern one session (creating, listing, killing the server) still run as their
   * own tmux process. The default. With tmux 3.2a and older, which crash when a program exits while a
   * control client is attached to its session (fixed in tmux 3.3), a client uses {@link #PROCESS}.
   */
  CONTROL_MODE,
  /**
   * One {@code tmux} process per command (a few milliseconds each), and waits that poll with backoff.
   * Needs no long-lived processes; a fallback for environments where control mode misbehaves.
   */
  PROCESS
}

package io.github.tmux4j;

/**
 * Exclusive use of a session, from {@link Session#exclusive}: while it is held, {@code send} and
 * {@code run} of other threads and processes on that session wait. Close it on the thread that took it;
 * closing twice does nothing.
 */
public interface SessionLease extends AutoCloseable {

  /** Releases the session to others. */
  @Override
  void close();
}

package io.github.tmux4j.testing;

import io.github.tmux4j.spi.InMemoryRegistry;
import io.github.tmux4j.spi.Registry;
import io.github.tmux4j.spi.SessionRecord;
import java.util.List;
import java.util.Optional;

/**
 * An in-memory registry that tests extend to hold, fail or reorder one operation: every method forwards to
 * {@link #inner}; a subclass overrides only the ones it intercepts.
 */
public abstract class ForwardingRegistry implements Registry {
  /** The registry the calls go to (atomic, as {@link InMemoryRegistry} is). */
  public final InMemoryRegistry inner = new InMemoryRegistry();

  @Override
  public void put(SessionRecord record) {
    inner.put(record);
  }

  @Override
  public Optional<SessionRecord> get(String name) {
    return inner.get(name);
  }

  @Override
  public List<SessionRecord> list() {
    return inner.list();
  }

  @Override
  public boolean remove(String name) {
    return inner.remove(name);
  }

  @Override
  public boolean replace(SessionRecord expected, SessionRecord replacement) {
    return inner.replace(expected, replacement);
  }
}

package io.github.tmux4j.spi;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A registry held in this JVM's memory: thread-safe, fast, and forgotten when the JVM exits. The
 * default when no {@link RegistryProvider} is on the class path; sessions themselves still outlive the
 * JVM, but later processes cannot find them by name.
 */
public final class InMemoryRegistry implements Registry {
  private final ConcurrentSkipListMap<String, SessionRecord> records = new ConcurrentSkipListMap<>();

  /** Creates an empty registry. */
  public InMemoryRegistry() {}

  @Override
  public Optional<SessionRecord> get(String name) {
    return Optional.ofNullable(records.get(name));
  }

  @Override
  public List<SessionRecord> list() {
    return new ArrayList<>(records.values());
  }

  /** Atomic within this JVM. */
  @Override
  public synchronized boolean replace(SessionRecord expected, SessionRecord replacement) {
    return Registry.super.replace(expected, replacement);
  }

  @Override
  public synchronized void put(SessionRecord record) {
    records.put(record.name(), record);
  }

  @Override
  public synchronized boolean remove(String name) {
    return records.remove(name) != null;
  }

  @Override
  public synchronized void touch(String name, Instant when) {
    records.computeIfPresent(name, (k, r) -> r.withLastActive(when));
  }
}

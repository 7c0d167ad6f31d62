package io.github.tmux4j.internal;

import io.github.tmux4j.RegistryException;
import io.github.tmux4j.spi.Registry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * A session handle's {@code last_active} in the registry: input records it at most once per resolution,
 * since a write of the file registry forces the disk, which would otherwise cost more than the input
 * itself. Thread-safe.
 */
final class Activity {
  private static final System.Logger LOG = System.getLogger(Activity.class.getName());

  private final Registry registry;
  private final Clock clock;
  private final Duration resolution;
  private final Supplier<String> name;
  private final boolean registered;
  /** When input last wrote {@code last_active}; {@code null} before the first time. */
  private final AtomicReference<Instant> written = new AtomicReference<>();

  Activity(Registry registry, Clock clock, Duration resolution, Supplier<String> name, boolean registered) {
    this.registry = registry;
    this.clock = clock;
    this.resolution = resolution;
    this.name = name;
    this.registered = registered;
  }

  /** Writes {@code last_active} now (an explicit touch). */
  void touch() {
    if (registered) {
      Instant now = clock.instant();
      registry.touch(name.get(), now);
      written.set(now);
    }
  }

  /** Records input, unless it was recorded less than the resolution ago; never fails the input. */
  void record() {
    if (!registered) {
      return;
    }
    Instant now = clock.instant();
    Instant last = written.get();
    if (last != null && !now.isBefore(last) && now.isBefore(last.plus(resolution))) {
      return;
    }
    if (!written.compareAndSet(last, now)) {
      return; // another thread is recording this very moment
    }
    try {
      registry.touch(name.get(), now);
    } catch (RegistryException e) {
      written.compareAndSet(now, last); // try again with the next input
      // The input was delivered; failing the call now would invite a duplicate send.
      LOG.log(System.Logger.Level.WARNING, "Could not record activity of session '" + name.get() + "'", e);
    }
  }
}

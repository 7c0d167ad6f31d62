package io.github.tmux4j.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The ephemeral sessions of one client ({@code SessionBuilder.ephemeral()}): they end when the client is
 * closed or the JVM exits, whichever comes first. A JVM that dies without running its shutdown hooks
 * leaves them to the next {@code cleanup()} of any process, which sees from their owner tags that their
 * JVM is gone. Thread-safe.
 */
final class EphemeralSessions {
  private final Lifecycle lifecycle;
  private final Map<SessionRef, String> owned = new ConcurrentHashMap<>();
  private final Thread hook = new Thread(this::endAll, "tmux4j-ephemeral-sessions");
  private final AtomicBoolean hooked = new AtomicBoolean();

  EphemeralSessions(Lifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  void own(SessionRef ref, String name) {
    owned.put(ref, name);
    if (hooked.compareAndSet(false, true)) {
      Runtime.getRuntime().addShutdownHook(hook);
    }
  }

  void forget(SessionRef ref) {
    owned.remove(ref);
  }

  /** Ends every session still owned: kills it (if its pane still belongs to it) and removes its record. */
  void endAll() {
    for (Map.Entry<SessionRef, String> e : owned.entrySet()) {
      try {
        lifecycle.end(e.getKey(), e.getValue());
      } catch (RuntimeException failed) {
        Lifecycle.log().log(System.Logger.Level.WARNING, "Could not end ephemeral session '" + e.getValue() + "'",
            failed);
      }
      owned.remove(e.getKey());
    }
    if (Thread.currentThread() != hook && hooked.compareAndSet(true, false)) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the JVM is exiting: the hook runs and finds nothing left
      }
    }
  }
}

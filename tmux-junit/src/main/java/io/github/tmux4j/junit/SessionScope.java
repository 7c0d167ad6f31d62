package io.github.tmux4j.junit;

import io.github.tmux4j.Session;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * The sessions of one scope (one test, or one test class for shared sessions), by key. Declarations
 * with the same key in one scope get the same session. Closing the scope closes its sessions, unless it
 * was told to {@link #keep()} them (a failed test's, with {@link TmuxTest#keepFailedSessions()}).
 */
final class SessionScope implements AutoCloseable {
  private final Environment environment;
  private final Map<String, Entry> entries = new LinkedHashMap<>();
  private boolean closed;
  private boolean kept;

  private record Entry(TmuxSession spec, Session session) {}

  SessionScope(Environment environment) {
    this.environment = environment;
  }

  /**
   * The session for {@code key}, created on first use.
   *
   * @param key the declaration's key (its name, else the field or parameter name)
   * @param spec the declaration
   * @param derivedName the session name to use when the declaration names none
   * @param where the declaration, for messages
   * @return the ready session
   * @throws ExtensionConfigurationException if another declaration with this key differs
   */
  synchronized Session session(String key, TmuxSession spec, String derivedName, String where) {
    if (closed) {
      throw new IllegalStateException("The tmux sessions of this scope are already closed; " + where
          + " cannot be injected any more");
    }
    Entry existing = entries.get(key);
    if (existing != null) {
      if (!sameSession(existing.spec(), spec)) {
        throw new ExtensionConfigurationException(where + " uses the session key '" + key
            + "' of another declaration with different attributes (" + existing.spec() + "); give one of them "
            + "its own name with @TmuxSession(name = \"...\")");
      }
      return existing.session();
    }
    Session session = environment.create(spec, derivedName, where);
    entries.put(key, new Entry(spec, session));
    return session;
  }

  /** Whether two declarations describe the same session; {@code shared} does not matter within a scope. */
  static boolean sameSession(TmuxSession a, TmuxSession b) {
    return a.type() == b.type()
        && a.name().equals(b.name())
        && Arrays.equals(a.command(), b.command())
        && a.readyWhen().equals(b.readyWhen())
        && Arrays.equals(a.env(), b.env())
        && a.width() == b.width()
        && a.height() == b.height()
        && a.startupTimeoutSeconds() == b.startupTimeoutSeconds();
  }

  /** The sessions of this scope, in the order they were created. */
  synchronized List<Session> sessions() {
    List<Session> sessions = new ArrayList<>();
    entries.values().forEach(e -> sessions.add(e.session()));
    return sessions;
  }

  /** From now on, closing the scope leaves its sessions (and their names) as they are. */
  synchronized void keep() {
    kept = true;
  }

  /**
   * Closes every session of the scope, the newest first, even if some fail, unless they are kept.
   * Idempotent.
   *
   * @throws RuntimeException the first failure, with the others suppressed
   */
  @Override
  public void close() {
    List<Entry> toClose;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      toClose = kept ? List.of() : new ArrayList<>(entries.values());
    }
    RuntimeException failure = null;
    for (int i = toClose.size() - 1; i >= 0; i--) {
      Session session = toClose.get(i).session();
      try {
        session.close();
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      } finally {
        environment.release(session.name());
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}

package io.github.tmux4j.mcp.internal;

import io.github.tmux4j.Session;
import io.github.tmux4j.TmuxClient;
import io.github.tmux4j.spi.SessionRecord;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The server's handles on sessions, one per name, found through the registry and checked against
 * {@link Access} before every use. Handles are dropped, never closed: {@link Session#close()} kills.
 */
final class Handles {
  private final TmuxClient client;
  private final Access access;
  private final Map<String, Session> open = new ConcurrentHashMap<>();

  Handles(TmuxClient client, Access access) {
    this.client = client;
    this.access = access;
  }

  /** The handle on a managed session. */
  Session get(String name) {
    SessionRecord record = managedRecord(name);
    Session cached = open.get(name);
    if (cached != null && cached.target().equals(record.target())) {
      return cached;
    }
    Session found = client.session(name).orElseThrow(() -> missing(name));
    open.put(name, found);
    return found;
  }

  /** The registry record of a managed session. */
  SessionRecord managedRecord(String name) {
    SessionRecord record;
    try {
      record = client.registry().get(name).orElseThrow(() -> missing(name));
    } catch (IllegalArgumentException e) {
      throw new ToolException("Invalid session name '" + name + "': " + e.getMessage());
    }
    if (!access.manages(record.tags())) {
      throw new ToolException("Session '" + name + "' is not managed by this server: it did not create it and "
          + "it carries none of the tags it manages (start the server with --manage-tag KEY=VALUE)");
    }
    return record;
  }

  /** Remembers a handle the server just created. */
  void add(Session session) {
    open.put(session.name(), session);
  }

  /** Forgets the handle on a session that ended. (Closing a handle would kill its session: never here.) */
  void forget(String name) {
    open.remove(name);
  }

  private static ToolException missing(String name) {
    return new ToolException("No session '" + name + "': list_sessions shows the sessions this server manages");
  }
}

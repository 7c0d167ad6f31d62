package io.github.tmux4j.mcp.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * MCP cancellations ({@code notifications/cancelled}) of tool calls in flight. The MCP SDK neither passes
 * a request's id to a tool nor handles cancellations, so {@link MessageTap} reads both off the transport:
 * it stamps each {@code tools/call} with its key ({@link #META_KEY} in the request's {@code _meta}) and
 * reports each cancellation here. A cancellation that arrives before its call started is remembered (a
 * bounded number of them) and found when the call starts.
 */
final class Cancellations {
  /** The {@code _meta} key a tool call's cancellation key travels in. */
  static final String META_KEY = "io.github.tmux4j/request";
  private static final int EARLY_LIMIT = 256;

  private final Map<String, AtomicBoolean> live = new ConcurrentHashMap<>();
  private final Map<String, Boolean> early = new LinkedHashMap<>() {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
      return size() > EARLY_LIMIT;
    }
  };

  /** The key of a request: its transport session (empty on stdio) and its JSON-RPC id as JSON text. */
  static String key(String scope, String id) {
    return scope + "#" + id;
  }

  /** Starts watching a call; the flag turns true when it is cancelled. */
  AtomicBoolean open(String key) {
    AtomicBoolean flag = new AtomicBoolean();
    synchronized (early) {
      if (early.remove(key) != null) {
        flag.set(true);
      }
    }
    live.put(key, flag);
    return flag;
  }

  void close(String key) {
    live.remove(key);
  }

  /** A cancellation arrived for the request with this key. */
  void cancel(String key) {
    AtomicBoolean flag = live.get(key);
    if (flag != null) {
      flag.set(true);
      return;
    }
    synchronized (early) {
      early.put(key, Boolean.TRUE);
    }
  }
}

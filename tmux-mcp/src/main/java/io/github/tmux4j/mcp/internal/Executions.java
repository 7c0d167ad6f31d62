package io.github.tmux4j.mcp.internal;

import io.github.tmux4j.Execution;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The commands still running that an agent may continue ({@code await_command}) or stop
 * ({@code interrupt}), by execution id. An execution leaves once a result reported it done; at most
 * {@link #LIMIT} are kept, so an agent that never comes back cannot grow the server without bound.
 */
final class Executions {
  /** How many running executions the server keeps. */
  static final int LIMIT = 64;

  /** A command the agent left running. */
  record Running(String id, String session, Execution execution) {
  }

  private final Map<String, Running> byId = new ConcurrentHashMap<>();
  private final AtomicLong next = new AtomicLong();

  /** Keeps a running execution and returns its id. */
  String add(String session, Execution execution) {
    byId.values().removeIf(r -> r.execution().lastStatus().done());
    if (byId.size() >= LIMIT) {
      throw new ToolException(LIMIT + " commands are still running: await_command or interrupt some of them "
          + "before starting more");
    }
    String id = "exec-" + next.incrementAndGet();
    byId.put(id, new Running(id, session, execution));
    return id;
  }

  Running get(String id) {
    Running r = byId.get(id);
    if (r == null) {
      throw new ToolException("No running execution '" + id + "': it was reported finished already, or the "
          + "server never started it (run_command returns an execution_id only while a command runs)");
    }
    return r;
  }

  void remove(String id) {
    byId.remove(id);
  }

  /** The running executions of a session, e.g. to refuse a second run while one runs. */
  java.util.Optional<Running> runningIn(String session) {
    return byId.values().stream().filter(r -> r.session().equals(session) && !r.execution().lastStatus().done())
        .findFirst();
  }
}

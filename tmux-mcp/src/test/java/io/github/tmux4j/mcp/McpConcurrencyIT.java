package io.github.tmux4j.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tmux4j.testing.PrivateTmux;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Agents in parallel: six MCP clients on one HTTP server, each with its own session, plus listing and
 * health calls from all of them at once. Every output must be exact and the tmux server must survive
 * (its pid unchanged): the server's sessions are created, used and killed concurrently.
 */
class McpConcurrencyIT {
  @RegisterExtension
  static final PrivateTmux TMUX = new PrivateTmux();

  @Test
  void sixAgentsAtOnceGetExactOutputsAndTmuxSurvives() throws Exception {
    try (McpServers.Connection first = McpServers.http(TMUX.dir())) {
      ScriptedAgent anchor = new ScriptedAgent(first.client);
      anchor.ok("create_session", 20, "name", "anchor");
      String pid = (String) anchor.ok("run_command", 10, "session", "anchor", "command", "echo $PPID").get("output");
      String uri = first.uri();
      ExecutorService pool = Executors.newFixedThreadPool(6);
      try {
        List<Future<Integer>> agents = new ArrayList<>();
        for (int a = 0; a < 6; a++) {
          String name = "agent-" + a;
          int seed = a;
          agents.add(pool.submit(() -> {
            try (McpServers.Connection c = McpServers.httpClient(uri)) {
              ScriptedAgent agent = new ScriptedAgent(c.client);
              agent.ok("create_session", 30, "name", name, "type", seed % 2 == 0 ? "shell" : "python");
              for (int i = 0; i < 10; i++) {
                String cmd = seed % 2 == 0 ? "echo $((" + seed + " * 100 + " + i + "))" : seed + " * 100 + " + i;
                Map<String, Object> r = agent.ok("run_command", 20, "session", name, "command", cmd,
                    "timeout_seconds", 20);
                assertEquals(String.valueOf(seed * 100 + i), r.get("output"), r::toString);
                agent.ok("list_sessions", 20);
                assertEquals("healthy", agent.ok("session_health", 20, "session", name).get("state"));
              }
              assertEquals(true, agent.ok("kill_session", 20, "session", name).get("killed"));
              return agent.calls();
            }
          }));
        }
        int calls = 0;
        for (Future<Integer> f : agents) {
          calls += f.get(5, TimeUnit.MINUTES);
        }
        assertTrue(calls >= 6 * 32, calls + " calls");
      } finally {
        pool.shutdownNow();
      }
      assertEquals(pid, anchor.ok("run_command", 10, "session", "anchor", "command", "echo $PPID").get("output"),
          "the tmux server (the shell's parent) is the same process");
      anchor.ok("kill_session", 10, "session", "anchor");
    }
  }
}

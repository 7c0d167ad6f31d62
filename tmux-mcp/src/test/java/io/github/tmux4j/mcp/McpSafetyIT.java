package io.github.tmux4j.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tmux4j.Session;
import io.github.tmux4j.TmuxClient;
import io.github.tmux4j.testing.PrivateTmux;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The server's safety rules against a real server process: modes hide and refuse tools, sessions the
 * server neither created nor was told to manage are off limits, and the pane it runs in is never killed.
 */
class McpSafetyIT {
  @RegisterExtension
  static final PrivateTmux TMUX = new PrivateTmux();

  /** A client on the servers' socket and registry (the default socket name, the file registry). */
  private static TmuxClient sharedClient() {
    return TmuxClient.builder().socketDir(TMUX.dir()).build();
  }

  private static Set<String> tools(McpServers.Connection c) {
    return c.client.listTools().tools().stream().map(McpSchema.Tool::name).collect(Collectors.toSet());
  }

  @Test
  void readOnlyModeListsOnlyLookingToolsAndRefusesTheRest() throws Exception {
    try (McpServers.Connection c = McpServers.stdio(TMUX.dir(), Map.of(), "--mode", "read-only")) {
      assertEquals(Set.of("list_sessions", "wait_for_text", "read_screen", "session_health", "cleanup_sessions"),
          tools(c));
      ScriptedAgent agent = new ScriptedAgent(c.client);
      assertThrows(McpError.class, () -> agent.ok("create_session", 10, "name", "ro"));
      assertTrue(agent.error("cleanup_sessions", "dry_run", false).contains("--mode full"));
      assertEquals(true, agent.ok("cleanup_sessions", 10).get("dry_run"));
    }
  }

  @Test
  void noKillModeRunsCommandsButNeverEndsASession() throws Exception {
    try (McpServers.Connection c = McpServers.stdio(TMUX.dir(), Map.of(), "--mode", "no-kill")) {
      Set<String> tools = tools(c);
      assertFalse(tools.contains("kill_session"), tools::toString);
      assertTrue(tools.contains("run_command"), tools::toString);
      ScriptedAgent agent = new ScriptedAgent(c.client);
      agent.ok("create_session", 20, "name", "nokill");
      assertEquals("3", agent.ok("run_command", 10, "session", "nokill", "command", "echo $((1 + 2))").get("output"));
      assertThrows(McpError.class, () -> agent.ok("kill_session", 10, "session", "nokill"));
      assertTrue(agent.error("cleanup_sessions", "all", true, "dry_run", false).contains("--mode full"));
      assertEquals("healthy", agent.ok("session_health", 10, "session", "nokill").get("state"));
    } finally {
      try (TmuxClient tmux = sharedClient()) {
        tmux.kill("nokill");
      }
    }
  }

  @Test
  void sessionsTheServerDoesNotManageAreOffLimitsUnlessTagged() throws Exception {
    try (TmuxClient tmux = sharedClient();
        Session foreign = tmux.newSession("foreign").shell().create();
        Session team = tmux.newSession("team-x").shell().tag("team", "x").create()) {
      try (McpServers.Connection c = McpServers.stdio(TMUX.dir(), Map.of())) {
        ScriptedAgent agent = new ScriptedAgent(c.client);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> listed = (List<Map<String, Object>>) agent.ok("list_sessions", 10).get("sessions");
        assertTrue(listed.stream().noneMatch(s -> s.get("name").equals("foreign")), listed::toString);
        assertTrue(agent.error("read_screen", "session", "foreign").contains("not managed by this server"));
        assertTrue(agent.error("run_command", "session", "team-x", "command", "echo x").contains("not managed"));
        assertTrue(agent.error("kill_session", "session", "foreign").contains("not managed"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> entries = (List<Map<String, Object>>) agent.ok("cleanup_sessions", 10,
            "all", true).get("entries");
        assertTrue(entries.stream().noneMatch(e -> e.get("name").equals("foreign")), entries::toString);
      }
      try (McpServers.Connection c = McpServers.stdio(TMUX.dir(), Map.of(), "--manage-tag", "team=x")) {
        ScriptedAgent agent = new ScriptedAgent(c.client);
        assertEquals("x", agent.ok("run_command", 10, "session", "team-x", "command", "echo x").get("output"));
        assertTrue(agent.error("read_screen", "session", "foreign").contains("not managed"));
      }
      assertTrue(foreign.health().isHealthy());
    }
  }

  @Test
  void theServerNeverKillsThePaneItRunsIn() throws Exception {
    String target;
    String socket;
    try (McpServers.Connection c = McpServers.stdio(TMUX.dir(), Map.of())) {
      Map<String, Object> self = new ScriptedAgent(c.client).ok("create_session", 20, "name", "self");
      target = (String) self.get("target");
      socket = (String) self.get("socket");
      new ScriptedAgent(c.client).ok("create_session", 20, "name", "other");
    }
    // A server started inside that pane, as `tmux4j mcp` typed into it would be.
    try (McpServers.Connection c = McpServers.stdio(TMUX.dir(), Map.of("TMUX", socket + ",1,0", "TMUX_PANE", target))) {
      ScriptedAgent agent = new ScriptedAgent(c.client);
      assertTrue(agent.error("kill_session", "session", "self").contains("runs this MCP server"));
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> entries = (List<Map<String, Object>>) agent.ok("cleanup_sessions", 20, "all", true,
          "dry_run", false).get("entries");
      Map<String, String> actions = entries.stream().collect(Collectors.toMap(e -> (String) e.get("name"),
          e -> (String) e.get("action")));
      assertEquals("kept", actions.get("self"), entries::toString);
      assertEquals("removed", actions.get("other"), entries::toString);
      assertEquals("healthy", agent.ok("session_health", 10, "session", "self").get("state"));
    } finally {
      try (TmuxClient tmux = sharedClient()) {
        tmux.kill("self");
      }
    }
  }
}

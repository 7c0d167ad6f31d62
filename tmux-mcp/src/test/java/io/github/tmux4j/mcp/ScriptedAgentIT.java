package io.github.tmux4j.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tmux4j.testing.PrivateTmux;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A scripted agent drives the real server (a separate JVM) through the MCP Java SDK's client, over stdio
 * and over streamable HTTP: bash, python3, gdb and less; a long job that times out softly, is continued and
 * interrupted; questions answered with send_input; a 10 MB output capped; waits; cleanup and kills. Every
 * call must return within its own timeout plus {@link ScriptedAgent#SLACK_SECONDS}.
 */
class ScriptedAgentIT {
  @RegisterExtension
  static final PrivateTmux TMUX = new PrivateTmux();

  @ParameterizedTest
  @ValueSource(strings = {"stdio", "http"})
  void anAgentDrivesShellPythonGdbAndLess(String transport) throws Exception {
    try (McpServers.Connection c = transport.equals("stdio") ? McpServers.stdio(TMUX.dir(), Map.of())
        : McpServers.http(TMUX.dir())) {
      Set<String> tools = c.client.listTools().tools().stream().map(McpSchema.Tool::name).collect(Collectors.toSet());
      assertEquals(Set.of("list_sessions", "create_session", "run_command", "await_command", "interrupt",
          "send_input", "send_keys", "wait_for_text", "read_screen", "session_health", "kill_session",
          "cleanup_sessions"), tools);
      ScriptedAgent agent = new ScriptedAgent(c.client);
      String sh = transport + "-sh";
      String py = transport + "-py";
      String gdb = transport + "-gdb";

      assertEquals(sh, agent.ok("create_session", 20, "name", sh, "type", "shell").get("name"));
      agent.ok("create_session", 20, "name", py, "type", "python");
      agent.ok("create_session", 20, "name", gdb, "type", "gdb");
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> listed = (List<Map<String, Object>>) agent.ok("list_sessions", 10).get("sessions");
      assertEquals(Set.of(sh, py, gdb), listed.stream().map(s -> s.get("name")).filter(n -> ((String) n)
          .startsWith(transport + "-")).collect(Collectors.toSet()));

      // bash: output and exit codes
      Map<String, Object> r = agent.ok("run_command", 10, "session", sh, "command", "echo hello", "timeout_seconds", 10);
      assertFinished(r, "hello", 0);
      assertFinished(agent.ok("run_command", 10, "session", sh, "command", "false", "timeout_seconds", 10), "", 1);
      for (int i = 1; i <= 10; i++) {
        assertFinished(agent.ok("run_command", 10, "session", sh, "command", "echo $((" + i + " * " + i + "))",
            "timeout_seconds", 10), String.valueOf(i * i), 0);
      }

      // python3: expressions, a block completed with its blank line, input()
      assertFinished(agent.ok("run_command", 10, "session", py, "command", "1+1", "timeout_seconds", 10), "2", null);
      assertFinished(agent.ok("run_command", 10, "session", py, "command", "def f(x):\n    return x * 3",
          "timeout_seconds", 10), "", null);
      assertFinished(agent.ok("run_command", 10, "session", py, "command", "f(14)", "timeout_seconds", 10), "42", null);
      r = agent.ok("run_command", 20, "session", py, "command", "answer = input('Your answer: ')",
          "timeout_seconds", 20);
      assertEquals("waiting_for_input", r.get("state"), r::toString);
      String pyId = (String) r.get("execution_id");
      agent.ok("send_input", 10, "session", py, "text", "forty-two");
      assertFinished(agent.ok("await_command", 10, "execution_id", pyId, "timeout_seconds", 10),
          "Your answer: forty-two", null);
      assertFinished(agent.ok("run_command", 10, "session", py, "command", "answer", "timeout_seconds", 10),
          "'forty-two'", null);

      // gdb
      assertFinished(agent.ok("run_command", 10, "session", gdb, "command", "print 6 * 7", "timeout_seconds", 10),
          "$1 = 42", null);

      // a shell question answered
      r = agent.ok("run_command", 20, "session", sh, "command", "read -p 'Name? ' n; echo \"hi $n\"",
          "timeout_seconds", 20);
      assertEquals("waiting_for_input", r.get("state"), r::toString);
      agent.ok("send_input", 10, "session", sh, "text", "Bob");
      assertFinished(agent.ok("await_command", 10, "execution_id", r.get("execution_id"), "timeout_seconds", 10),
          "Name? Bob\nhi Bob", 0);

      // less: a pager waits for keys; read its screen, quit it with q, and the command finishes
      r = agent.ok("run_command", 20, "session", sh, "command", "seq 1 500 | less", "timeout_seconds", 20);
      assertEquals("waiting_for_input", r.get("state"), r::toString);
      String lessId = (String) r.get("execution_id");
      assertTrue(((Map<?, ?>) agent.ok("wait_for_text", 10, "session", sh, "pattern", "(?m)^3$", "scope", "screen",
          "timeout_seconds", 10)).get("matched").equals(true));
      String screen = (String) agent.ok("read_screen", 10, "session", sh).get("text");
      assertTrue(screen.lines().anyMatch(l -> l.equals("1")), screen);
      agent.ok("send_keys", 10, "session", sh, "keys", List.of("q"));
      assertFinished(agent.ok("await_command", 10, "execution_id", lessId, "timeout_seconds", 10), null, 0);

      // a long job: soft timeout, continued (with progress), then interrupted
      r = agent.ok("run_command", 1, "session", sh, "command",
          "for i in $(seq 1 600); do echo tick $i; sleep 0.1; done", "timeout_seconds", 1);
      assertEquals("running", r.get("state"), r::toString);
      String longId = (String) r.get("execution_id");
      assertNotNull(longId);
      assertTrue(((String) r.get("output")).contains("tick 1"), r::toString);
      assertTrue(agent.error("run_command", "session", sh, "command", "echo no").contains(longId));
      r = agent.okWithProgress("await_command", 2, "execution_id", longId, "timeout_seconds", 2);
      assertEquals("running", r.get("state"), r::toString);
      assertFalse(c.progress.isEmpty(), "progress notifications while the command ran");
      r = agent.ok("interrupt", 10, "execution_id", longId);
      assertEquals(List.of("CTRL_C"), r.get("steps"), r::toString);
      assertEquals(true, r.get("stopped"), r::toString);
      assertNull(r.get("execution_id"));
      assertTrue(agent.error("await_command", "execution_id", longId).contains("No running execution"));
      assertFinished(agent.ok("run_command", 10, "session", sh, "command", "echo after", "timeout_seconds", 10),
          "after", 0);

      // soft timeout, then continued to the end
      r = agent.ok("run_command", 0.5, "session", sh, "command", "sleep 2; echo slept", "timeout_seconds", 0.5);
      assertEquals("running", r.get("state"), r::toString);
      assertFinished(agent.ok("await_command", 10, "execution_id", r.get("execution_id"), "timeout_seconds", 10),
          "slept", 0);

      // no output for a while: returned early, then interrupted (the shell's child gets the signals)
      r = agent.ok("run_command", 20, "session", sh, "command", "sleep 60", "timeout_seconds", 20,
          "no_output_seconds", 1);
      assertEquals("no_output", r.get("state"), r::toString);
      assertTrue(((Number) r.get("elapsed_seconds")).doubleValue() < 10, r::toString);
      r = agent.ok("interrupt", 10, "session", sh);
      assertEquals(true, r.get("stopped"), r::toString);

      // 10 MB of output: capped, and the result says what was cut
      r = agent.ok("run_command", 180, "session", sh, "command",
          "yes 0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456 "
              + "| head -c 10000000", "timeout_seconds", 180, "max_lines", 40);
      assertEquals("finished", r.get("state"), r::toString);
      String capped = (String) r.get("output");
      assertTrue(capped.lines().count() <= 41, () -> capped.lines().count() + " lines");
      assertEquals(true, r.get("truncated"));
      assertTrue(((Number) r.get("cut_lines")).longValue() > 90_000, r.get("cut_lines")::toString);
      assertTrue(capped.contains("cut"), capped);
      assertFinished(agent.ok("run_command", 10, "session", sh, "command", "echo small", "timeout_seconds", 10),
          "small", 0);

      // waits
      agent.ok("send_input", 10, "session", sh, "text", "echo marker-$((6 * 7))");
      Map<String, Object> w = agent.ok("wait_for_text", 10, "session", sh, "pattern", "marker-(\\d+)",
          "timeout_seconds", 10);
      assertEquals(true, w.get("matched"));
      assertEquals(List.of("42"), w.get("groups"));
      w = agent.ok("wait_for_text", 0.5, "session", sh, "pattern", "never-printed-xyz", "timeout_seconds", 0.5);
      assertEquals(false, w.get("matched"));
      assertTrue(((String) w.get("screen")).contains("marker-42"), w::toString);

      // health, a dry-run cleanup, bad input, kills
      for (String s : List.of(sh, py, gdb)) {
        assertEquals("healthy", agent.ok("session_health", 10, "session", s).get("state"));
      }
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> entries = (List<Map<String, Object>>) agent.ok("cleanup_sessions", 10).get("entries");
      assertTrue(entries.stream().allMatch(e -> e.get("action").equals("kept")), entries::toString);
      assertTrue(agent.error("run_command", "session", "no-such", "command", "x").contains("No session 'no-such'"));
      assertTrue(agent.error("create_session", "name", "bad$name").contains("name"));
      assertTrue(agent.error("run_command", "session", sh, "command", "x", "timeout_seconds", 9999)
          .contains("between"));
      for (String s : List.of(gdb, py, sh)) {
        assertEquals(true, agent.ok("kill_session", 10, "session", s).get("killed"));
      }
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> left = (List<Map<String, Object>>) agent.ok("list_sessions", 10).get("sessions");
      assertTrue(left.stream().noneMatch(s -> ((String) s.get("name")).startsWith(transport + "-")), left::toString);
      assertTrue(agent.calls() >= 50, agent.calls() + " calls");
    }
  }

  private static void assertFinished(Map<String, Object> r, String output, Integer exitCode) {
    assertEquals("finished", r.get("state"), r::toString);
    if (output != null) {
      assertEquals(output, r.get("output"), r::toString);
    }
    if (exitCode != null) {
      assertEquals(exitCode, r.get("exit_code"), r::toString);
    }
    assertNull(r.get("execution_id"), r::toString);
  }
}

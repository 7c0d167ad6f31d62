package io.github.tmux4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tmux4j.TmuxClient;
import io.github.tmux4j.testing.PrivateTmux;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The LangChain4j agent runs its tool calls through tmux4j's MCP server against real Python. */
class AgentOverMcpIT {
  @RegisterExtension static final PrivateTmux TMUX = new PrivateTmux();

  @Test
  void aLangChain4jAgentRunsPythonThroughTheMcpServer() throws Exception {
    TmuxClient tmux = TMUX.client();
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    AgentOverMcp.Outcome outcome = AgentOverMcp.run(tmux, new PrintStream(buffer, true, StandardCharsets.UTF_8));
    assertTrue(outcome.tools().containsAll(List.of("create_session", "run_command", "await_command", "interrupt",
        "read_screen", "kill_session")), outcome.tools()::toString);
    assertEquals(List.of("create_session", "run_command", "kill_session"), outcome.calls());
    assertTrue(outcome.answer().contains("\"output\":\"5050\""), outcome.answer());
    assertTrue(outcome.answer().contains("\"state\":\"finished\""), outcome.answer());
    assertTrue(tmux.registry().list().isEmpty(), () -> "left registered: " + tmux.registry().list());
  }
}

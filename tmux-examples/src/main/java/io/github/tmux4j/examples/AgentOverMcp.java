package io.github.tmux4j.examples;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.mcp.McpToolProvider;
import dev.langchain4j.mcp.client.DefaultMcpClient;
import dev.langchain4j.mcp.client.McpClient;
import dev.langchain4j.mcp.client.transport.http.StreamableHttpMcpTransport;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.service.AiServices;
import io.github.tmux4j.TmuxClient;
import io.github.tmux4j.mcp.TmuxMcpServer;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An agent built with LangChain4j uses tmux4j's MCP server: its {@code McpToolProvider} lists the server's
 * tools to the model and runs the calls the model makes. The server runs in-process on streamable HTTP
 * (loopback, a free port); {@code tmux4j mcp --http 127.0.0.1:8931} serves the same from the CLI.
 *
 * <p>The model here is {@link ScriptedModel}, which stands in for an LLM so that the example runs without
 * an API key: it asks for a Python session, runs {@code sum(range(101))} in it, ends the session and
 * answers with what Python printed. Replace it with any LangChain4j chat model (OpenAI, Anthropic, Ollama,
 * ...) and the tool plumbing stays as it is.
 *
 * <p>Run it with {@code mvn -q -pl tmux-examples exec:java -Dexample=io.github.tmux4j.examples.AgentOverMcp}.
 */
public final class AgentOverMcp {
  private AgentOverMcp() {
  }

  /** The agent's interface, implemented by LangChain4j. */
  public interface Assistant {
    /**
     * One request to the agent.
     *
     * @param request what the user asks
     * @return the agent's answer
     */
    String chat(String request);
  }

  /** What the example did: the tools the model saw, the calls it made, and its answer. */
  public record Outcome(List<String> tools, List<String> calls, String answer) {
  }

  /**
   * Runs the example with a default client.
   *
   * @param args ignored
   * @throws Exception if the server cannot start
   */
  public static void main(String[] args) throws Exception {
    try (TmuxClient tmux = TmuxClient.create()) {
      run(tmux, System.out);
    }
  }

  /**
   * Serves the client's sessions over MCP and lets the agent work through them.
   *
   * @param tmux the client whose sessions the MCP server uses
   * @param out where to report
   * @return what happened
   * @throws Exception if the server cannot start
   */
  public static Outcome run(TmuxClient tmux, PrintStream out) throws Exception {
    try (TmuxMcpServer.HttpEndpoint endpoint = TmuxMcpServer.builder(tmux).build()
        .serveHttp(new InetSocketAddress("127.0.0.1", 0))) {
      out.println("tmux4j MCP server at " + endpoint.uri());
      McpClient mcp = new DefaultMcpClient.Builder().key("tmux4j")
          .transport(new StreamableHttpMcpTransport.Builder().url(endpoint.uri().toString())
              .timeout(Duration.ofSeconds(60)).build())
          .toolExecutionTimeout(Duration.ofSeconds(120)).build();
      try {
        ScriptedModel model = new ScriptedModel("agent-py-" + ProcessHandle.current().pid());
        Assistant assistant = AiServices.builder(Assistant.class).chatModel(model)
            .toolProvider(McpToolProvider.builder().mcpClients(mcp).build()).build();
        String answer = assistant.chat("What is the sum of the numbers from 0 to 100? Use Python.");
        out.println("Tools offered to the model: " + model.toolsSeen);
        out.println("Calls it made: " + model.calls);
        out.println("Answer: " + answer);
        return new Outcome(model.toolsSeen, model.calls, answer);
      } finally {
        mcp.close();
      }
    }
  }

  /**
   * Stands in for an LLM: a fixed plan of tool calls, each made once the previous result came back, then
   * an answer built from the last result.
   */
  static final class ScriptedModel implements ChatModel {
    private final String session;
    final List<String> toolsSeen = new ArrayList<>();
    final List<String> calls = new ArrayList<>();
    private String pythonOutput = "";

    ScriptedModel(String session) {
      this.session = session;
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
      if (toolsSeen.isEmpty() && request.toolSpecifications() != null) {
        request.toolSpecifications().forEach(t -> toolsSeen.add(t.name()));
      }
      List<ChatMessage> messages = request.messages();
      ChatMessage last = messages.get(messages.size() - 1);
      if (last instanceof ToolExecutionResultMessage result && result.toolName().equals("run_command")) {
        pythonOutput = result.text();
      }
      return switch (calls.size()) {
        case 0 -> call("create_session", "{\"name\":\"" + session + "\",\"type\":\"python\"}");
        case 1 -> call("run_command", "{\"session\":\"" + session + "\",\"command\":\"sum(range(101))\"}");
        case 2 -> call("kill_session", "{\"session\":\"" + session + "\"}");
        default -> ChatResponse.builder().aiMessage(AiMessage.from("Python computed it: " + pythonOutput)).build();
      };
    }

    private ChatResponse call(String tool, String arguments) {
      calls.add(tool);
      ToolExecutionRequest r = ToolExecutionRequest.builder().id("call-" + calls.size()).name(tool)
          .arguments(arguments).build();
      return ChatResponse.builder().aiMessage(AiMessage.from(r)).build();
    }
  }
}

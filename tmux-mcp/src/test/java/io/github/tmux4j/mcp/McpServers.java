package io.github.tmux4j.mcp;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Starts {@link McpServerProcess} as a separate JVM and connects the MCP Java SDK's client to it, over
 * stdio or streamable HTTP; every call is timed against its bound.
 */
final class McpServers {
  static final McpJsonMapper JSON = new JacksonMcpJsonMapper(new ObjectMapper());

  private McpServers() {
  }

  /** The java command that runs the server with this JVM's class path. */
  static List<String> serverCommand(Path socketDir, String... options) {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), McpServerProcess.class.getName(),
        "--socket-dir", socketDir.toString()));
    cmd.addAll(List.of(options));
    return cmd;
  }

  /** A connected client and what it needs closed. */
  static final class Connection implements AutoCloseable {
    final McpSyncClient client;
    final List<McpSchema.ProgressNotification> progress;
    private final Process httpServer;
    private final String uri;

    Connection(McpSyncClient client, List<McpSchema.ProgressNotification> progress, Process httpServer,
        String uri) {
      this.client = client;
      this.progress = progress;
      this.httpServer = httpServer;
      this.uri = uri;
    }

    /** The HTTP endpoint ({@code null} on stdio), for more clients of the same server. */
    String uri() {
      return uri;
    }

    @Override
    public void close() throws Exception {
      try {
        client.closeGracefully();
      } finally {
        if (httpServer != null) {
          httpServer.getOutputStream().close(); // the server stops when its input ends
          if (!httpServer.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            httpServer.destroyForcibly();
            throw new AssertionError("the HTTP server process did not stop within 30 s of its input ending");
          }
        }
      }
    }
  }

  static Connection stdio(Path socketDir, Map<String, String> env, String... options) {
    List<String> cmd = serverCommand(socketDir, options);
    ServerParameters.Builder params = ServerParameters.builder(cmd.get(0)).args(cmd.subList(1, cmd.size()));
    env.forEach(params::addEnvVar);
    StdioClientTransport transport = new StdioClientTransport(params.build(), JSON);
    transport.setStdErrorHandler(line -> System.err.println("[mcp server] " + line));
    return connect(transport, null, null);
  }

  static Connection http(Path socketDir, String... options) throws IOException {
    List<String> cmd = new ArrayList<>(serverCommand(socketDir, options));
    cmd.addAll(List.of("--http", "127.0.0.1:0"));
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    if (line == null || !line.startsWith("LISTENING ")) {
      p.destroyForcibly();
      throw new AssertionError("the HTTP server did not start: " + line);
    }
    return connect(transport(line.substring("LISTENING ".length())), p, line.substring("LISTENING ".length()));
  }

  /** Another client of a running HTTP server. */
  static Connection httpClient(String endpoint) {
    return connect(transport(endpoint), null, endpoint);
  }

  private static HttpClientStreamableHttpTransport transport(String endpoint) {
    URI uri = URI.create(endpoint);
    return HttpClientStreamableHttpTransport.builder("http://" + uri.getHost() + ":" + uri.getPort())
        .endpoint(uri.getPath()).jsonMapper(JSON).build();
  }

  private static Connection connect(io.modelcontextprotocol.spec.McpClientTransport transport, Process server,
      String uri) {
    List<McpSchema.ProgressNotification> progress = new CopyOnWriteArrayList<>();
    Consumer<McpSchema.ProgressNotification> onProgress = progress::add;
    McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(660))
        .initializationTimeout(Duration.ofSeconds(60)).progressConsumer(onProgress).build();
    client.initialize();
    return new Connection(client, progress, server, uri);
  }

  /** The structured content of a successful call (fails the test on a tool error). */
  @SuppressWarnings("unchecked")
  static Map<String, Object> ok(McpSchema.CallToolResult r) {
    assertFalse(Boolean.TRUE.equals(r.isError()), () -> "tool error: " + r.content());
    assertTrue(r.structuredContent() instanceof Map, () -> "no structured content: " + r);
    return (Map<String, Object>) r.structuredContent();
  }

  /** The text of a tool error (fails the test if the call succeeded). */
  static String error(McpSchema.CallToolResult r) {
    assertTrue(Boolean.TRUE.equals(r.isError()), () -> "expected a tool error, got " + r.structuredContent());
    return ((McpSchema.TextContent) r.content().get(0)).text();
  }
}

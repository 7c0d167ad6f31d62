package io.github.tmux4j.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.tmux4j.testing.PrivateTmux;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An MCP cancellation ({@code notifications/cancelled}) of a running {@code run_command} interrupts the
 * command, over stdio and over streamable HTTP. Raw JSON-RPC, because the SDK's client has no way to send
 * a cancellation.
 */
class McpCancellationIT {
  @RegisterExtension
  static final PrivateTmux TMUX = new PrivateTmux();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String INIT = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
      + "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}";
  private static final String INITIALIZED = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}";

  private static String call(int id, String tool, String arguments) {
    return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
        + "\",\"arguments\":" + arguments + "}}";
  }

  private static String cancel(int id) {
    return "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":" + id
        + ",\"reason\":\"the user changed their mind\"}}";
  }

  /** Waits until the session's screen shows the command running (its echo), through tmux4j itself. */
  private static void awaitEcho(String session, String text) {
    try (io.github.tmux4j.TmuxClient tmux = io.github.tmux4j.TmuxClient.builder().socketDir(TMUX.dir()).build()) {
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> tmux.session(session).isPresent());
      tmux.session(session).orElseThrow().waitForScreen(
          java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(text)), Duration.ofSeconds(20));
    }
  }

  private static void assertInterrupted(JsonNode response) {
    JsonNode result = response.path("result").path("structuredContent");
    assertEquals(true, result.path("cancelled").asBoolean(), response::toString);
    assertEquals(true, result.path("stopped").asBoolean(), response::toString);
    assertEquals("CTRL_C", result.path("steps").path(0).asText(), response::toString);
  }

  @Test
  void aCancellationOverStdioInterruptsTheCommand() throws Exception {
    Process p = new ProcessBuilder(McpServers.serverCommand(TMUX.dir()))
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    BlockingQueue<JsonNode> responses = new LinkedBlockingQueue<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          responses.add(JSON.readTree(line));
        }
      } catch (IOException e) {
        // the process ended
      }
    });
    reader.start();
    try (OutputStream in = p.getOutputStream()) {
      send(in, INIT);
      assertEquals(1, next(responses).path("id").asInt());
      send(in, INITIALIZED);
      send(in, call(2, "create_session", "{\"name\":\"cancel-stdio\"}"));
      assertEquals(2, next(responses).path("id").asInt());
      long start = System.nanoTime();
      send(in, call(3, "run_command", "{\"session\":\"cancel-stdio\",\"command\":\"sleep 50\",\"timeout_seconds\":60}"));
      awaitEcho("cancel-stdio", "sleep 50");
      send(in, cancel(3));
      JsonNode r = next(responses);
      assertEquals(3, r.path("id").asInt(), r::toString);
      assertInterrupted(r);
      assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(30), "answered long before the timeout");
      send(in, call(4, "run_command", "{\"session\":\"cancel-stdio\",\"command\":\"echo still here\"}"));
      JsonNode after = next(responses);
      assertEquals("still here", after.path("result").path("structuredContent").path("output").asText(),
          after::toString);
      send(in, call(5, "kill_session", "{\"session\":\"cancel-stdio\"}"));
      assertEquals(5, next(responses).path("id").asInt());
    } finally {
      assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the server ends when its input ends");
      reader.join(10_000);
    }
  }

  @Test
  void aServerKilledMidCommandLeavesItsSessionsToTheNextServer() throws Exception {
    Process p = new ProcessBuilder(McpServers.serverCommand(TMUX.dir()))
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    try (OutputStream in = p.getOutputStream()) {
      send(in, INIT);
      assertEquals(1, JSON.readTree(out.readLine()).path("id").asInt());
      send(in, INITIALIZED);
      send(in, call(2, "create_session", "{\"name\":\"survivor\"}"));
      assertEquals(2, JSON.readTree(out.readLine()).path("id").asInt());
      send(in, call(3, "run_command", "{\"session\":\"survivor\",\"command\":\"sleep 45\",\"timeout_seconds\":60}"));
      awaitEcho("survivor", "sleep 45");
      p.destroyForcibly(); // kill -9 while run_command waits
      assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    }
    try (McpServers.Connection c = McpServers.stdio(TMUX.dir(), java.util.Map.of())) {
      ScriptedAgent agent = new ScriptedAgent(c.client);
      @SuppressWarnings("unchecked")
      var listed = (java.util.List<java.util.Map<String, Object>>) agent.ok("list_sessions", 10).get("sessions");
      assertTrue(listed.stream().anyMatch(s -> s.get("name").equals("survivor") && s.get("state").equals("healthy")),
          listed::toString);
      // the shell still runs the dead server's sleep: a new command is refused until it is interrupted
      long start = System.nanoTime();
      String busy = agent.error("run_command", "session", "survivor", "command", "echo x");
      assertTrue(busy.contains("NotAtPromptException"), busy);
      assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(15), "told within seconds, not 30 s");
      agent.ok("interrupt", 10, "session", "survivor");
      var r = agent.ok("run_command", 20, "session", "survivor", "command", "echo back", "timeout_seconds", 20);
      assertEquals("back", r.get("output"), r::toString);
      agent.ok("kill_session", 10, "session", "survivor");
    }
  }

  @Test
  void aCancellationOverHttpInterruptsTheCommand() throws Exception {
    List<String> cmd = new ArrayList<>(McpServers.serverCommand(TMUX.dir()));
    cmd.addAll(List.of("--http", "127.0.0.1:0"));
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try {
      String line = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
      URI uri = URI.create(line.substring("LISTENING ".length()));
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> init = http.send(post(uri, null, INIT), HttpResponse.BodyHandlers.ofString());
      String session = init.headers().firstValue("mcp-session-id").orElseThrow(() ->
          new AssertionError("no session id: " + init.headers()));
      http.send(post(uri, session, INITIALIZED), HttpResponse.BodyHandlers.ofString());
      assertEquals(2, body(http.send(post(uri, session, call(2, "create_session", "{\"name\":\"cancel-http\"}")),
          HttpResponse.BodyHandlers.ofString())).path("id").asInt());
      CompletableFuture<HttpResponse<String>> running = http.sendAsync(post(uri, session, call(3, "run_command",
          "{\"session\":\"cancel-http\",\"command\":\"sleep 50\",\"timeout_seconds\":60}")),
          HttpResponse.BodyHandlers.ofString());
      awaitEcho("cancel-http", "sleep 50");
      http.send(post(uri, session, cancel(3)), HttpResponse.BodyHandlers.ofString());
      JsonNode r = body(running.get(30, TimeUnit.SECONDS));
      assertEquals(3, r.path("id").asInt(), r::toString);
      assertInterrupted(r);
      body(http.send(post(uri, session, call(4, "kill_session", "{\"session\":\"cancel-http\"}")),
          HttpResponse.BodyHandlers.ofString()));
    } finally {
      p.getOutputStream().close();
      assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the server ends when its input ends");
    }
  }

  private static HttpRequest post(URI uri, String session, String body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(90))
        .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (session != null) {
      b.header("Mcp-Session-Id", session);
    }
    return b.build();
  }

  /** A JSON-RPC response from a JSON body or the last data line of an event stream. */
  private static JsonNode body(HttpResponse<String> response) throws IOException {
    String text = response.body();
    String json = text.strip().startsWith("{") ? text : text.lines().filter(l -> l.startsWith("data:"))
        .reduce((a, b) -> b).map(l -> l.substring(5).strip()).orElseThrow(() -> new AssertionError(
            "no JSON-RPC message in " + response.statusCode() + " " + text));
    return JSON.readTree(json);
  }

  private static void send(OutputStream in, String message) throws IOException {
    in.write((message + "\n").getBytes(StandardCharsets.UTF_8));
    in.flush();
  }

  private static JsonNode next(BlockingQueue<JsonNode> responses) throws InterruptedException {
    JsonNode r = responses.poll(60, TimeUnit.SECONDS);
    if (r == null) {
      throw new AssertionError("no response within 60 s");
    }
    return r;
  }
}

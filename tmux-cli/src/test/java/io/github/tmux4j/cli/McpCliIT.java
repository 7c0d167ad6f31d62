package io.github.tmux4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.tmux4j.testing.PrivateTmux;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code tmux4j mcp}: the jar serves MCP over stdio and HTTP, as an MCP client configured with it runs it. */
class McpCliIT {
  @RegisterExtension static final PrivateTmux TMUX = new PrivateTmux();
  private static final String INIT = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
      + "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"it\",\"version\":\"1\"}}}";
  private static final String INITIALIZED = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}";

  private static String call(int id, String tool, String arguments) {
    return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
        + "\",\"arguments\":" + arguments + "}}";
  }

  /** The responses on standard output, by id; the stream holds nothing but JSON-RPC messages. */
  private static Map<Integer, JsonNode> responses(CliRunner.Result r) throws Exception {
    Map<Integer, JsonNode> byId = new HashMap<>();
    for (String line : r.stdout().lines().toList()) {
      JsonNode n = CliRunner.JSON.readTree(line);
      assertEquals("2.0", n.path("jsonrpc").asText(), () -> "not JSON-RPC on stdout: " + line);
      byId.put(n.path("id").asInt(), n);
    }
    return byId;
  }

  @Test
  void stdioServesToolsAndAnswersEveryCallMadeBeforeInputEnds() throws Exception {
    CliRunner cli = new CliRunner(TMUX.dir());
    String input = String.join("\n", INIT, INITIALIZED, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}",
        call(3, "create_session", "{\"name\":\"cli-py\",\"type\":\"python\"}")) + "\n";
    Map<Integer, JsonNode> r = responses(cli.runWithInput(input, "mcp").expect(0));
    assertEquals("tmux4j", r.get(1).path("result").path("serverInfo").path("name").asText());
    assertEquals(12, r.get(2).path("result").path("tools").size(), r.get(2)::toString);
    assertEquals("healthy", r.get(3).path("result").path("structuredContent").path("state").asText(), r.get(3)::toString);

    // a second process finds the session the first created (the registry) and runs in it
    // (one call per process: a client may send calls without waiting, and the server runs them concurrently)
    input = String.join("\n", INIT, INITIALIZED, call(2, "run_command", "{\"session\":\"cli-py\",\"command\":\"6 * 7\"}"))
        + "\n";
    CliRunner.Result second = cli.runWithInput(input, "mcp");
    r = responses(second.expect(0));
    assertEquals("42", r.get(2).path("result").path("structuredContent").path("output").asText(), second::toString);
    input = String.join("\n", INIT, INITIALIZED, call(2, "kill_session", "{\"session\":\"cli-py\"}")) + "\n";
    CliRunner.Result third = cli.runWithInput(input, "mcp");
    r = responses(third.expect(0));
    assertEquals(true, r.get(2).path("result").path("structuredContent").path("killed").asBoolean(), third::toString);
  }

  @Test
  void readOnlyModeAndBadOptions() throws Exception {
    CliRunner cli = new CliRunner(TMUX.dir());
    String input = String.join("\n", INIT, INITIALIZED, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}") + "\n";
    Map<Integer, JsonNode> r = responses(cli.runWithInput(input, "mcp", "--mode", "read-only").expect(0));
    assertEquals(5, r.get(2).path("result").path("tools").size(), r.get(2)::toString);
    assertTrue(cli.run("mcp", "--mode", "godmode").expect(2).errorLine().contains("read-only, no-kill or full"));
    assertTrue(cli.run("mcp", "--http", "nowhere").expect(2).errorLine().contains("HOST:PORT"));
  }

  @Test
  void httpServesOnLoopbackAndRefusesAForeignHost() throws Exception {
    CliRunner cli = new CliRunner(TMUX.dir());
    Path out = TMUX.dir().resolve("http.out");
    Path err = TMUX.dir().resolve("http.err");
    Process p = cli.start(out, err, "mcp", "--http", "127.0.0.1:0");
    try {
      Pattern at = Pattern.compile("MCP server at (http://\\S+)");
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      Matcher m = at.matcher("");
      while (!m.find()) {
        assertTrue(p.isAlive() && System.nanoTime() < until, () -> "no address on stderr: " + read(err));
        p.waitFor(100, TimeUnit.MILLISECONDS); // the process is running; look again
        m = at.matcher(read(err));
      }
      URI uri = URI.create(m.group(1));
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> init = http.send(post(uri, INIT, null), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, init.statusCode(), init::body);
      assertTrue(init.body().contains("\"tmux4j\""), init::body);
      HttpResponse<String> rebinding = http.send(post(uri, INIT, "http://evil.example"),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(403, rebinding.statusCode(), rebinding::body);
    } finally {
      p.destroy(); // SIGTERM, as MCP clients stop servers
      assertTrue(p.waitFor(30, TimeUnit.SECONDS), "tmux4j mcp --http stops on SIGTERM");
    }
  }

  private static HttpRequest post(URI uri, String body, String origin) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (origin != null) {
      b.header("Origin", origin);
    }
    return b.build();
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (java.io.IOException e) {
      return "";
    }
  }

}

package io.github.tmux4j.mcp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.LinkedHashMap;
import java.util.Map;

/** An agent's side of the conversation: each tool call timed against the bound its arguments promise. */
final class ScriptedAgent {
  /** What a call may take beyond its own timeout (process start-up, tmux, a slow CI machine). */
  static final double SLACK_SECONDS = 15;
  private final McpSyncClient client;
  private int calls;
  private long progressTokens;

  ScriptedAgent(McpSyncClient client) {
    this.client = client;
  }

  int calls() {
    return calls;
  }

  static Map<String, Object> args(Object... pairs) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put((String) pairs[i], pairs[i + 1]);
    }
    return m;
  }

  /** Calls a tool that must succeed within {@code boundSeconds} (+ slack); returns its structured result. */
  Map<String, Object> ok(String tool, double boundSeconds, Object... pairs) {
    return McpServers.ok(call(tool, boundSeconds, false, pairs));
  }

  /** As {@link #ok}, with a progress token so the server sends progress notifications. */
  Map<String, Object> okWithProgress(String tool, double boundSeconds, Object... pairs) {
    return McpServers.ok(call(tool, boundSeconds, true, pairs));
  }

  /** Calls a tool that must fail; returns the error text. */
  String error(String tool, Object... pairs) {
    return McpServers.error(call(tool, 30, false, pairs));
  }

  private McpSchema.CallToolResult call(String tool, double boundSeconds, boolean progress, Object... pairs) {
    McpSchema.CallToolRequest.Builder req = McpSchema.CallToolRequest.builder().name(tool).arguments(args(pairs));
    if (progress) {
      req.progressToken("p" + ++progressTokens);
    }
    long start = System.nanoTime();
    McpSchema.CallToolResult r = client.callTool(req.build());
    double took = (System.nanoTime() - start) / 1e9;
    calls++;
    assertTrue(took <= boundSeconds + SLACK_SECONDS,
        () -> tool + " took " + took + " s, bound " + boundSeconds + " s: " + r);
    return r;
  }
}

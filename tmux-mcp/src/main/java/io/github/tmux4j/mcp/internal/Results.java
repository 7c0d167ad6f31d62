package io.github.tmux4j.mcp.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.tmux4j.CommandResult;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Tool results: structured content, the same as JSON text for clients that read only text, or an error. */
final class Results {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Results() {
  }

  static CallToolResult ok(Map<String, Object> structured) {
    String text;
    try {
      text = JSON.writeValueAsString(structured);
    } catch (JsonProcessingException e) {
      text = String.valueOf(structured);
    }
    return CallToolResult.builder().structuredContent(structured).addTextContent(text).isError(false).build();
  }

  static CallToolResult error(String message) {
    return CallToolResult.builder().addTextContent(message).isError(true).build();
  }

  /** An ordered map from name, value pairs ({@code null} values kept: the schemas allow them). */
  static Map<String, Object> map(Object... pairs) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put((String) pairs[i], pairs[i + 1]);
    }
    return m;
  }

  static double seconds(Duration d) {
    return Math.round(d.toNanos() / 1e6) / 1e3;
  }

  /** What was cut from an output, for the model: how many lines and bytes, and whether some were lost. */
  static Map<String, Object> truncation(CommandResult.Truncation t) {
    return map("truncated", t.any(), "cut_lines", t.cutLines() + t.droppedLines(), "cut_bytes", t.cutBytes(),
        "gap", t.gap());
  }
}

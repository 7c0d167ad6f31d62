package io.github.tmux4j.mcp.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads the JSON-RPC messages a client sends before the MCP SDK does: stamps every {@code tools/call}
 * with its cancellation key and hands every {@code notifications/cancelled} to {@link Cancellations}.
 * Anything else, and anything that is not JSON, passes unchanged.
 */
final class MessageTap {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Cancellations cancellations;

  MessageTap(Cancellations cancellations) {
    this.cancellations = cancellations;
  }

  /**
   * One message (or batch) as the SDK should see it.
   *
   * @param scope the transport session it came on ({@code ""} for stdio)
   * @param text the message
   * @return the message, stamped if it is a tool call
   */
  String tap(String scope, String text) {
    if (text.indexOf("tools/call") < 0 && text.indexOf("notifications/cancelled") < 0) {
      return text; // the common case, without parsing
    }
    JsonNode tree;
    try {
      tree = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      return text;
    }
    boolean changed = false;
    if (tree instanceof ObjectNode o) {
      changed = tap(scope, o);
    } else if (tree != null && tree.isArray()) {
      for (JsonNode n : tree) {
        changed |= n instanceof ObjectNode o && tap(scope, o);
      }
    }
    try {
      return changed ? JSON.writeValueAsString(tree) : text;
    } catch (JsonProcessingException e) {
      return text;
    }
  }

  private boolean tap(String scope, ObjectNode message) {
    String method = message.path("method").asText("");
    JsonNode id = message.get("id");
    if (method.equals("tools/call") && id != null && !id.isNull()) {
      JsonNode params = message.get("params");
      if (!(params instanceof ObjectNode p)) {
        return false;
      }
      JsonNode meta = p.get("_meta");
      ObjectNode m = meta instanceof ObjectNode existing ? existing : p.putObject("_meta");
      m.put(Cancellations.META_KEY, Cancellations.key(scope, id.toString()));
      return true;
    }
    if (method.equals("notifications/cancelled")) {
      JsonNode requestId = message.path("params").get("requestId");
      if (requestId != null && !requestId.isNull()) {
        cancellations.cancel(Cancellations.key(scope, requestId.toString()));
      }
    }
    return false;
  }
}

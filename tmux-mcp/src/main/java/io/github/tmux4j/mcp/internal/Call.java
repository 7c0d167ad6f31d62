package io.github.tmux4j.mcp.internal;

import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One tool call: its arguments, whether the client cancelled it, and its progress token (progress
 * notifications are sent only when the client asked for them with one).
 */
final class Call {
  private static final System.Logger LOG = System.getLogger(Call.class.getName());
  private final McpSyncServerExchange exchange;
  private final Args args;
  private final AtomicBoolean cancelled;
  private final Object progressToken;

  Call(McpSyncServerExchange exchange, Args args, AtomicBoolean cancelled, Object progressToken) {
    this.exchange = exchange;
    this.args = args;
    this.cancelled = cancelled;
    this.progressToken = progressToken;
  }

  Args args() {
    return args;
  }

  boolean cancelled() {
    return cancelled.get();
  }

  /** Sends a progress notification if the client asked for them; a failure to send is only logged. */
  void progress(double progress, Double total, String message) {
    if (progressToken == null || exchange == null) {
      return;
    }
    try {
      exchange.progressNotification(new McpSchema.ProgressNotification(progressToken, progress, total, message, null));
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.DEBUG, "Could not send a progress notification", e);
    }
  }
}

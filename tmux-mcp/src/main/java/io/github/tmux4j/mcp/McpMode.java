package io.github.tmux4j.mcp;

import java.util.Arrays;
import java.util.Locale;

/**
 * What an MCP server lets an agent do. Tools a mode does not allow are not listed to the client, and a call
 * to them is refused.
 */
public enum McpMode {
  /** Look only: list sessions, read screens, health, wait for text, cleanup as a dry run. */
  READ_ONLY("read-only"),
  /** Everything but ending sessions: no {@code kill_session}, cleanup only as a dry run. */
  NO_KILL("no-kill"),
  /** Every tool. */
  FULL("full");

  private final String label;

  McpMode(String label) {
    this.label = label;
  }

  /**
   * The name used on the command line ({@code --mode read-only}).
   *
   * @return {@code read-only}, {@code no-kill} or {@code full}
   */
  public String label() {
    return label;
  }

  /**
   * The mode with a command-line name.
   *
   * @param label {@code read-only}, {@code no-kill} or {@code full} (case and {@code _} for {@code -} ignored)
   * @return the mode
   * @throws IllegalArgumentException naming the accepted names, if there is no such mode
   */
  public static McpMode fromLabel(String label) {
    String wanted = label.strip().toLowerCase(Locale.ROOT).replace('_', '-');
    return Arrays.stream(values()).filter(m -> m.label.equals(wanted)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("Unknown MCP mode '" + label
            + "': use read-only, no-kill or full"));
  }
}

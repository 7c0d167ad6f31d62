package io.github.tmux4j.mcp;

import io.github.tmux4j.TmuxClient;
import io.github.tmux4j.mcp.internal.McpRuntime;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A Model Context Protocol server that gives an agent terminal sessions: {@code list_sessions},
 * {@code create_session}, {@code run_command} (soft timeout, no-output timeout, output caps),
 * {@code await_command}, {@code interrupt}, {@code send_input}, {@code send_keys}, {@code wait_for_text},
 * {@code read_screen}, {@code session_health}, {@code kill_session} and {@code cleanup_sessions}.
 *
 * <pre>{@code
 * try (TmuxClient tmux = TmuxClient.create()) {
 *   TmuxMcpServer.builder(tmux).mode(McpMode.NO_KILL).build().serveStdio(System.in, System.out);
 * }
 * }</pre>
 *
 * <p>The server touches only the sessions it created (tag {@code mcp-server=tmux4j}, or the owner tag set
 * with {@link Builder#ownerTag}) and those carrying a tag given to {@link Builder#manageTag}; it never kills
 * the pane it runs in. Tool calls are answered within their timeout (at most 600 s); a cancelled call
 * interrupts its command; calls with a progress token get progress notifications while a command runs.
 * {@code tmux4j mcp} in the CLI starts this server; docs/agents.md has the client configuration.
 */
public final class TmuxMcpServer {
  private final McpRuntime runtime;

  private TmuxMcpServer(Builder b) {
    this.runtime = new McpRuntime(b.client, b.mode, b.ownerKey, b.ownerValue, b.managed, b.maxLines, b.maxBytes);
  }

  /**
   * Starts configuring a server on a client's sessions; the client stays the caller's to close.
   *
   * @param client the client
   * @return a builder
   */
  public static Builder builder(TmuxClient client) {
    return new Builder(Objects.requireNonNull(client, "client"));
  }

  /**
   * Serves one MCP client over a stream pair (newline-delimited JSON-RPC, the stdio transport) until its
   * input ends.
   *
   * @param in the client's messages, e.g. {@code System.in}
   * @param out the answers, e.g. {@code System.out}; nothing else may write to it
   * @throws InterruptedException if the thread is interrupted while serving
   */
  public void serveStdio(InputStream in, OutputStream out) throws InterruptedException {
    runtime.serveStdio(Objects.requireNonNull(in, "in"), Objects.requireNonNull(out, "out"));
  }

  /**
   * Starts the streamable HTTP transport at {@code http://host:port/mcp}. On a loopback address (the
   * intended use) requests naming another host or origin are refused, against DNS rebinding.
   *
   * @param address where to listen, e.g. {@code new InetSocketAddress("127.0.0.1", 8931)}; port 0 picks one
   * @return the running endpoint; close it to stop
   * @throws IOException if the address cannot be bound
   */
  public HttpEndpoint serveHttp(InetSocketAddress address) throws IOException {
    return new HttpEndpoint(runtime.serveHttp(Objects.requireNonNull(address, "address")));
  }

  /** A running streamable HTTP endpoint. */
  public static final class HttpEndpoint implements AutoCloseable {
    private final McpRuntime.Http http;

    private HttpEndpoint(McpRuntime.Http http) {
      this.http = http;
    }

    /**
     * The endpoint's address.
     *
     * @return e.g. {@code http://127.0.0.1:8931/mcp}
     */
    public URI uri() {
      return http.uri();
    }

    /**
     * Blocks until the endpoint is closed.
     *
     * @throws InterruptedException if the thread is interrupted
     */
    public void join() throws InterruptedException {
      http.join();
    }

    /** Stops serving. */
    @Override
    public void close() {
      http.close();
    }
  }

  /** Configures a {@link TmuxMcpServer}. */
  public static final class Builder {
    private final TmuxClient client;
    private McpMode mode = McpMode.FULL;
    private String ownerKey = "mcp-server";
    private String ownerValue = "tmux4j";
    private final Map<String, String> managed = new LinkedHashMap<>();
    private int maxLines = 200;
    private long maxBytes = 16_000;

    private Builder(TmuxClient client) {
      this.client = client;
    }

    /**
     * What the agent may do (default {@link McpMode#FULL}).
     *
     * @param mode the mode
     * @return this builder
     */
    public Builder mode(McpMode mode) {
      this.mode = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /**
     * The tag every session this server creates carries, and by which it knows them again after a restart
     * (default {@code mcp-server=tmux4j}). Two servers with different owner tags leave each other's
     * sessions alone.
     *
     * @param key the tag key
     * @param value the tag value
     * @return this builder
     */
    public Builder ownerTag(String key, String value) {
      this.ownerKey = requireTag(key, "key");
      this.ownerValue = requireTag(value, "value");
      return this;
    }

    /**
     * Lets the server also use sessions carrying this tag (e.g. sessions a program created for the agent).
     *
     * @param key the tag key
     * @param value the tag value
     * @return this builder
     */
    public Builder manageTag(String key, String value) {
      managed.put(requireTag(key, "key"), requireTag(value, "value"));
      return this;
    }

    /**
     * The output caps a command's result has when the agent asks for none (default 200 lines, 16,000
     * bytes): the head and tail are kept with a line saying what was cut.
     *
     * @param lines at least 1
     * @param bytes at least 16
     * @return this builder
     */
    public Builder outputCaps(int lines, long bytes) {
      if (lines < 1 || bytes < 16) {
        throw new IllegalArgumentException("output caps must be at least 1 line and 16 bytes, got " + lines
            + " lines and " + bytes + " bytes");
      }
      this.maxLines = lines;
      this.maxBytes = bytes;
      return this;
    }

    /**
     * Builds the server.
     *
     * @return the server; serve it with {@link #serveStdio} or {@link #serveHttp}
     */
    public TmuxMcpServer build() {
      return new TmuxMcpServer(this);
    }

    private static String requireTag(String s, String what) {
      Objects.requireNonNull(s, what);
      if (s.isBlank()) {
        throw new IllegalArgumentException("tag " + what + " must not be blank");
      }
      return s;
    }
  }
}

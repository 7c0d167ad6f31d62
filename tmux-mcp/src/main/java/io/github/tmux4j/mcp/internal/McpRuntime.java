package io.github.tmux4j.mcp.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.tmux4j.TmuxClient;
import io.github.tmux4j.mcp.McpMode;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.DefaultServerTransportSecurityValidator;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.DispatcherType;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The MCP server behind {@code TmuxMcpServer}: the tools wired to a client, served over stdio or streamable
 * HTTP (the SDK's servlet transport in an embedded Jetty).
 */
public final class McpRuntime {
  /** The HTTP path of the MCP endpoint. */
  public static final String ENDPOINT = "/mcp";
  /** How long a stdio server whose input ended still answers the calls in flight. */
  static final long STDIO_DRAIN_MILLIS = 30_000;
  private final McpMode mode;
  private final ToolCatalog catalog;
  private final Cancellations cancellations = new Cancellations();
  private final McpJsonMapper json = new JacksonMcpJsonMapper(new ObjectMapper());

  /**
   * Wires the tools.
   *
   * @param client the client whose sessions the tools use
   * @param mode what the agent may do
   * @param ownerKey the tag key marking the sessions this server creates
   * @param ownerValue its value
   * @param managed further tags whose sessions the server may use
   * @param maxLines the default output cap in lines
   * @param maxBytes the default output cap in bytes
   */
  public McpRuntime(TmuxClient client, McpMode mode, String ownerKey, String ownerValue, Map<String, String> managed,
      int maxLines, long maxBytes) {
    this.mode = mode;
    Access access = new Access(mode, ownerKey, ownerValue, managed, Access.OwnPane.from(System.getenv()));
    Handles handles = new Handles(client, access);
    this.catalog = new ToolCatalog(new SessionTools(client, handles, access),
        new CommandTools(handles, access, new Executions(), new CommandTools.Caps(maxLines, maxBytes)), cancellations);
  }

  private McpSyncServer build(McpServer.SyncSpecification<?> spec) {
    return spec.serverInfo("tmux4j", version())
        .instructions("Terminal sessions in tmux (bash, python3, gdb, any program). Create one with "
            + "create_session, then run_command; a command that outlives timeout_seconds keeps running: "
            + "await_command or interrupt it by execution_id. Outputs are capped (head and tail).")
        .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
        .tools(catalog.specifications(mode))
        .build();
  }

  /**
   * Serves one client on a stream pair until its input ends and the calls it made were answered (30 s at
   * most).
   *
   * @param in the client's messages, one JSON-RPC message per line
   * @param out where the answers go
   * @throws InterruptedException if the thread is interrupted while serving
   */
  public void serveStdio(InputStream in, OutputStream out) throws InterruptedException {
    CountDownLatch ended = new CountDownLatch(1);
    StdioDrain drain = new StdioDrain();
    InputStream tapped = new TappedInput(in, new MessageTap(cancellations), drain, ended::countDown);
    McpSyncServer server = build(McpServer.sync(new StdioServerTransportProvider(json, tapped, drain.counting(out))));
    try {
      ended.await(); // the input ended and what it asked was answered (TappedInput)
    } finally {
      server.closeGracefully();
    }
  }

  /** A running HTTP endpoint. */
  public static final class Http implements AutoCloseable {
    private final Server jetty;
    private final McpSyncServer server;
    private final URI uri;

    private Http(Server jetty, McpSyncServer server, URI uri) {
      this.jetty = jetty;
      this.server = server;
      this.uri = uri;
    }

    /** @return the MCP endpoint, e.g. {@code http://127.0.0.1:8931/mcp} */
    public URI uri() {
      return uri;
    }

    /** Waits until the endpoint is closed. @throws InterruptedException if interrupted */
    public void join() throws InterruptedException {
      jetty.join();
    }

    @Override
    public void close() {
      server.closeGracefully();
      try {
        jetty.stop();
      } catch (Exception e) {
        throw new IllegalStateException("Could not stop the HTTP endpoint " + uri + ": " + e.getMessage(), e);
      }
    }
  }

  /**
   * Starts the streamable HTTP endpoint at {@code http://host:port/mcp}. On a loopback address only
   * requests naming a loopback host are served (DNS rebinding protection).
   *
   * @param address where to listen; port 0 picks a free port
   * @return the running endpoint
   * @throws IOException if the port cannot be bound
   */
  public Http serveHttp(InetSocketAddress address) throws IOException {
    var security = DefaultServerTransportSecurityValidator.builder();
    if (address.getAddress() != null && address.getAddress().isLoopbackAddress()) {
      security.allowedHosts(java.util.List.of("127.0.0.1:*", "localhost:*", "[::1]:*"))
          .allowedOrigins(java.util.List.of("http://127.0.0.1:*", "http://localhost:*", "http://[::1]:*"));
    }
    HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
        .jsonMapper(json).mcpEndpoint(ENDPOINT).securityValidator(security.build())
        // No sweeper of idle HTTP sessions: the SDK runs it on a scheduler it never disposes, whose non-daemon
        // thread would outlive close() and keep the JVM alive. Sessions end with the client's DELETE or close().
        .sessionSweepInterval(null).build();
    McpSyncServer server = build(McpServer.sync(transport));
    Server jetty = new Server();
    ServerConnector connector = new ServerConnector(jetty);
    connector.setHost(address.getHostString());
    connector.setPort(address.getPort());
    jetty.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    ServletHolder servlet = new ServletHolder(transport);
    servlet.setAsyncSupported(true);
    context.addServlet(servlet, ENDPOINT);
    FilterHolder filter = new FilterHolder(new TappingFilter(new MessageTap(cancellations)));
    filter.setAsyncSupported(true);
    context.addFilter(filter, ENDPOINT, EnumSet.of(DispatcherType.REQUEST));
    jetty.setHandler(context);
    try {
      jetty.start();
    } catch (Exception e) {
      server.closeGracefully();
      try {
        jetty.stop();
      } catch (Exception ignored) {
        // already failing
      }
      throw new IOException("Could not listen on " + address + ": " + e.getMessage(), e);
    }
    String host = address.getHostString().contains(":") ? "[" + address.getHostString() + "]" : address.getHostString();
    return new Http(jetty, server, URI.create("http://" + host + ":" + connector.getLocalPort() + ENDPOINT));
  }

  private static String version() {
    return Optional.ofNullable(McpRuntime.class.getPackage().getImplementationVersion()).orElse("dev");
  }
}

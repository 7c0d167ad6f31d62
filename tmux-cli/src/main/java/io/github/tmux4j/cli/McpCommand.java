package io.github.tmux4j.cli;

import io.github.tmux4j.TmuxClient;
import io.github.tmux4j.Transport;
import io.github.tmux4j.mcp.McpMode;
import io.github.tmux4j.mcp.TmuxMcpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code tmux4j mcp [--http HOST:PORT] [--mode read-only|no-kill|full] [--manage-tag KEY=VALUE]...}: the
 * Model Context Protocol server ({@link TmuxMcpServer}) on standard input and output, or on streamable HTTP.
 */
final class McpCommand implements CliCommand {
  /** The command's name. */
  static final String NAME = "mcp";

  private final CliContext context;

  String http;

  String mode;

  Map<String, String> manageTags = new LinkedHashMap<>();

  Map<String, String> ownerTag = new LinkedHashMap<>();

  int maxLines;

  long maxBytes;

  McpCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public CommandSpec spec() {
    return Specs.withStandardHelp(Specs.command(this, NAME,
            "Serve MCP (Model Context Protocol) tools that give an agent terminal sessions: stdio by default, or "
                + "streamable HTTP at http://HOST:PORT/mcp with --http.",
            "Tools: list_sessions, create_session, run_command, await_command, interrupt, send_input, send_keys, "
                + "wait_for_text, read_screen, session_health, kill_session, cleanup_sessions.")
        .addOption(Specs.option(String.class, Specs.Binding.of(() -> http, v -> http = v), "--http")
            .paramLabel("HOST:PORT").description("Serve streamable HTTP instead of stdio, e.g. 127.0.0.1:8931 "
                + "(loopback is the safe choice; port 0 picks one). The address is printed on standard error.")
            .build())
        .addOption(Specs.option(String.class, Specs.Binding.of(() -> mode, v -> mode = v), "--mode").paramLabel("MODE")
            .defaultValue("full").description("read-only (look only), no-kill (no kill_session, cleanup only as a "
                + "dry run) or full (default: ${DEFAULT-VALUE}).").build())
        .addOption(Specs.map(Specs.Binding.of(() -> manageTags, v -> manageTags = v), "--manage-tag")
            .paramLabel("KEY=VALUE").description("Also use sessions carrying this registry tag (repeatable). By "
                + "default the server uses only the sessions it created (tag mcp-server=tmux4j).").build())
        .addOption(Specs.map(Specs.Binding.of(() -> ownerTag, v -> ownerTag = v), "--owner-tag")
            .paramLabel("KEY=VALUE")
            .description("The tag of the sessions this server creates and owns (default mcp-server=tmux4j).").build())
        .addOption(Specs.option(int.class, Specs.Binding.of(() -> maxLines, v -> maxLines = v), "--max-lines")
            .paramLabel("N").defaultValue("200")
            .description("Default output cap of a command's result in lines (default: ${DEFAULT-VALUE}).").build())
        .addOption(Specs.option(long.class, Specs.Binding.of(() -> maxBytes, v -> maxBytes = v), "--max-bytes")
            .paramLabel("N").defaultValue("16000")
            .description("Default output cap in bytes (default: ${DEFAULT-VALUE}).").build()));
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    McpMode m;
    try {
      m = McpMode.fromLabel(mode);
    } catch (IllegalArgumentException e) {
      throw new CliException(ExitCodes.USAGE, e.getMessage());
    }
    if (ownerTag.size() > 1) {
      throw new CliException(ExitCodes.USAGE, "--owner-tag takes one KEY=VALUE, got " + ownerTag);
    }
    TmuxClient client = context.client(b -> b.transport(Transport.CONTROL_MODE));
    // On SIGTERM (how MCP clients stop a stdio server) the control clients detach before the JVM exits.
    Thread hook = new Thread(client::close, "tmux4j-mcp-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    TmuxMcpServer server;
    try {
      TmuxMcpServer.Builder b = TmuxMcpServer.builder(client).mode(m).outputCaps(maxLines, maxBytes);
      ownerTag.forEach(b::ownerTag);
      manageTags.forEach(b::manageTag);
      server = b.build();
    } catch (IllegalArgumentException e) {
      throw new CliException(ExitCodes.USAGE, e.getMessage());
    }
    if (http == null) {
      server.serveStdio(System.in, System.out);
      return ExitCodes.OK;
    }
    InetSocketAddress address = address(http);
    if (address.getAddress() == null || !address.getAddress().isLoopbackAddress()) {
      context.err().println("tmux4j mcp: warning: " + http + " is not a loopback address; the MCP server "
          + "has no authentication, so anyone who can reach it can run commands as this user");
    }
    try (TmuxMcpServer.HttpEndpoint endpoint = server.serveHttp(address)) {
      context.err().println("tmux4j MCP server at " + endpoint.uri() + " (mode " + m.label() + ")");
      context.err().flush();
      endpoint.join();
    }
    return ExitCodes.OK;
  }

  private static InetSocketAddress address(String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    if (colon <= 0) {
      throw new CliException(ExitCodes.USAGE, "--http needs HOST:PORT, e.g. 127.0.0.1:8931, got '" + hostPort + "'");
    }
    String host = hostPort.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    try {
      int port = Integer.parseInt(hostPort.substring(colon + 1));
      if (port < 0 || port > 65535) {
        throw new NumberFormatException();
      }
      return new InetSocketAddress(host, port);
    } catch (NumberFormatException e) {
      throw new CliException(ExitCodes.USAGE, "--http port must be 0-65535, got '" + hostPort + "'");
    }
  }
}

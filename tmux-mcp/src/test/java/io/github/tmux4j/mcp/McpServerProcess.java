package io.github.tmux4j.mcp;

import io.github.tmux4j.TmuxClient;
import java.net.InetSocketAddress;
import java.nio.file.Path;

/**
 * The MCP server as the tests start it, in a process of its own (as {@code tmux4j mcp} would run):
 * {@code --socket-dir DIR [--mode M] [--manage-tag K=V] [--http HOST:PORT]}. Over HTTP it prints
 * {@code LISTENING <uri>} and serves until its standard input ends, so it never outlives the test.
 */
public final class McpServerProcess {
  private McpServerProcess() {
  }

  public static void main(String[] args) throws Exception {
    Path socketDir = null;
    String http = null;
    McpMode mode = McpMode.FULL;
    java.util.Map<String, String> manage = new java.util.LinkedHashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      switch (args[i]) {
        case "--socket-dir" -> socketDir = Path.of(args[i + 1]);
        case "--http" -> http = args[i + 1];
        case "--mode" -> mode = McpMode.fromLabel(args[i + 1]);
        case "--manage-tag" -> manage.put(args[i + 1].split("=", 2)[0], args[i + 1].split("=", 2)[1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    try (TmuxClient client = TmuxClient.builder().socketDir(socketDir).build()) {
      // A client that stops the server with SIGTERM: its control clients leave with it (as in tmux4j mcp).
      Runtime.getRuntime().addShutdownHook(new Thread(client::close));
      TmuxMcpServer.Builder b = TmuxMcpServer.builder(client).mode(mode);
      manage.forEach(b::manageTag);
      TmuxMcpServer server = b.build();
      if (http == null) {
        server.serveStdio(System.in, System.out);
        return;
      }
      int colon = http.lastIndexOf(':');
      try (TmuxMcpServer.HttpEndpoint endpoint = server.serveHttp(
          new InetSocketAddress(http.substring(0, colon), Integer.parseInt(http.substring(colon + 1))))) {
        System.out.println("LISTENING " + endpoint.uri());
        System.out.flush();
        System.in.transferTo(java.io.OutputStream.nullOutputStream());
      }
    }
  }
}

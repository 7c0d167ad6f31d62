/** The MCP server's implementation: tools, access rules, cancellation tap, transports. Not API. */
package io.github.tmux4j.mcp.internal;

/**
 * tmux4j's Model Context Protocol server: {@link io.github.tmux4j.mcp.TmuxMcpServer}, over stdio or
 * streamable HTTP, with the safety {@link io.github.tmux4j.mcp.McpMode modes}.
 */
package io.github.tmux4j.mcp;

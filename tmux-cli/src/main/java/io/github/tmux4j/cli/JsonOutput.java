package io.github.tmux4j.cli;

/**
 * Implemented by commands that can print JSON, or by their mixin {@link JsonOption} (the {@code --json}
 * option). When {@link #jsonOutput()} is true, a failure is also printed on standard output as
 * {@code {"error": "...", "exit_code": n}}, so that a pipe into {@code jq} always reads valid JSON.
 */
interface JsonOutput {
  /**
   * Whether this run prints JSON.
   *
   * @return {@code true} for JSON output
   */
  boolean jsonOutput();
}

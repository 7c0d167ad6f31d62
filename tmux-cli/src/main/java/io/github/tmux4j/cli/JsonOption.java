package io.github.tmux4j.cli;

import picocli.CommandLine.Option;

/**
 * The {@code --json} option of the commands that print text by default and JSON on request
 * ({@code list-sessions}, {@code cleanup-sessions}, {@code reconcile-registry}). As a {@link JsonOutput},
 * it also makes {@link Failures} print a failure as a JSON error object on standard output when it is
 * given, so that a pipe into {@code jq} always reads JSON.
 */
final class JsonOption implements JsonOutput {
  @Option(names = "--json", description = "Print JSON instead of text.")
  boolean json;

  @Override
  public boolean jsonOutput() {
    return json;
  }
}

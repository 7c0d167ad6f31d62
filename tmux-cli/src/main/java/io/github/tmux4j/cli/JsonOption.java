package io.github.tmux4j.cli;

import picocli.CommandLine.Model.CommandSpec;

/**
 * The {@code --json} option of every command that prints data: JSON instead of text, one shape per
 * command (documented in tmux-cli/README.md). {@code create-session} and {@code pane-health} print JSON
 * by default and take it too, so that a caller can pass {@code --json} to any of them. As a {@link JsonOutput},
 * it also makes {@link Failures} print a failure as a JSON error object on standard output when it is
 * given, so that a pipe into {@code jq} always reads JSON.
 */
final class JsonOption implements JsonOutput {
  boolean json;

  /**
   * The option's model, to add to a command with {@link CommandSpec#addMixin}.
   *
   * @return the mixin
   */
  CommandSpec mixin() {
    return Specs.mixin(this).addOption(Specs.flag(Specs.Binding.of(() -> json, v -> json = v), "--json")
        .description("Print JSON (errors too, as {\"error\": ..., \"exit_code\": ...}).").build());
  }

  @Override
  public boolean jsonOutput() {
    return json;
  }
}

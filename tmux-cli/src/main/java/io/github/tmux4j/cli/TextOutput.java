package io.github.tmux4j.cli;

import java.time.Instant;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The options of the commands that print what a pane shows, line by line ({@code capture-clean},
 * {@code monitor-pane}): {@code --strip-ansi} for plain text, {@code --timestamps} for a time on each
 * line.
 */
final class TextOutput {
  boolean stripAnsi;
  boolean timestamps;

  /**
   * The options' model, to add to a command with {@link CommandSpec#addMixin}.
   *
   * @return the mixin
   */
  CommandSpec mixin() {
    return Specs.mixin(this)
        .addOption(Specs.flag(Specs.Binding.of(() -> stripAnsi, v -> stripAnsi = v), "--strip-ansi")
            .description("Print plain text: no escape sequences or control characters.").build())
        .addOption(Specs.flag(Specs.Binding.of(() -> timestamps, v -> timestamps = v), "--timestamps")
            .description("Prefix each line with the time it was captured (with --follow: printed), ISO-8601 UTC.")
            .build());
  }

  /**
   * The time to put before each line of a capture made now.
   *
   * @return now with {@code --timestamps}, otherwise {@code null} (no prefix)
   */
  Instant captureTime() {
    return timestamps ? Instant.now() : null;
  }
}

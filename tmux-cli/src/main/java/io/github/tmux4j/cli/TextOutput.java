package io.github.tmux4j.cli;

import java.time.Instant;
import picocli.CommandLine.Option;

/**
 * The options of the commands that print what a pane shows, line by line ({@code capture-clean},
 * {@code monitor-pane}): {@code --strip-ansi} for plain text, {@code --timestamps} for a time on each
 * line.
 */
final class TextOutput {
  @Option(names = "--strip-ansi", description = "Print plain text: no escape sequences or control characters.")
  boolean stripAnsi;

  @Option(names = "--timestamps",
      description = "Prefix each line with the time it was captured (with --follow: printed), ISO-8601 UTC.")
  boolean timestamps;

  /**
   * The time to put before each line of a capture made now.
   *
   * @return now with {@code --timestamps}, otherwise {@code null} (no prefix)
   */
  Instant captureTime() {
    return timestamps ? Instant.now() : null;
  }
}

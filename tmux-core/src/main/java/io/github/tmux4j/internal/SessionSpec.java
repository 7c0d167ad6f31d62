package io.github.tmux4j.internal;

import io.github.tmux4j.SessionTemplate;
import io.github.tmux4j.SessionType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Everything a {@link io.github.tmux4j.SessionBuilder} describes, as an immutable value that the
 * {@link Lifecycle} acts on.
 *
 * @param name the validated session name
 * @param type the session type
 * @param command the program and its arguments
 * @param env environment variables for the program (the type's own included)
 * @param width window width
 * @param height window height
 * @param workingDir the working directory, or {@code null}
 * @param readyWhen the prompt the session is ready at, or {@code null} for the type's own
 * @param startupTimeout how long to wait for it
 * @param register whether to keep a registry record
 * @param ephemeral whether the session ends with its client
 * @param tags the record's tags
 * @param templates setup steps applied once ready
 * @param transcript the transcript file, or {@code null}
 */
public record SessionSpec(String name, SessionType type, List<String> command, Map<String, String> env, int width,
    int height, Path workingDir, Pattern readyWhen, Duration startupTimeout, boolean register, boolean ephemeral,
    Map<String, String> tags, List<SessionTemplate> templates, Path transcript) {
  /** Copies the collections. */
  public SessionSpec {
    command = List.copyOf(command);
    env = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(env));
    tags = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tags));
    templates = List.copyOf(templates);
  }

  /**
   * The prompt {@code run()} waits for: {@link #readyWhen}, else the type's own.
   *
   * @return the pattern, or {@code null} if none is known (a custom command without {@code readyWhen})
   */
  public Pattern prompt() {
    return readyWhen != null ? readyWhen : type.prompt().orElse(null);
  }
}

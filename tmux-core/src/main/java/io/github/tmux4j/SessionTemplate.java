package io.github.tmux4j;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A named, reusable setup for new sessions: inputs to send and output to wait for once the program is
 * ready (for example gdb's {@code set pagination off}, or a REPL's imports). Applied by
 * {@link SessionBuilder#template(SessionTemplate)} before {@code create()} returns. Immutable.
 *
 * <pre>{@code
 * SessionTemplate numpy = SessionTemplate.builder("numpy")
 *     .run("import numpy as np")
 *     .build();
 * }</pre>
 *
 * <p>Templates can also be loaded from a plain text file, one step per line ({@link #load(Path)}):
 *
 * <pre>
 * # comment
 * run import numpy as np        run a command and wait for the prompt
 * send print('ready')           type a line and press Enter
 * wait ready 10s                wait for a regular expression (optional timeout, default 10s)
 * keys C-l                      press tmux keys (space separated)
 * </pre>
 *
 * @param name the template's name, for messages
 * @param steps the steps, in order
 */
public record SessionTemplate(String name, List<Step> steps) {
  private static final Duration DEFAULT_WAIT = Duration.ofSeconds(10);

  /** Validates and copies. */
  public SessionTemplate {
    Objects.requireNonNull(name, "name");
    steps = List.copyOf(Objects.requireNonNull(steps, "steps"));
  }

  /** One setup step. */
  public sealed interface Step permits Run, Send, Wait, Keys {
    /**
     * Applies the step to a session.
     *
     * @param session the new session
     */
    void apply(Session session);
  }

  /**
   * Runs a command and waits for the prompt.
   *
   * @param command the command
   */
  public record Run(String command) implements Step {
    @Override
    public void apply(Session session) {
      session.run(command);
    }
  }

  /**
   * Types a line and presses Enter.
   *
   * @param text the line
   */
  public record Send(String text) implements Step {
    @Override
    public void apply(Session session) {
      session.send(text);
    }
  }

  /**
   * Waits for output.
   *
   * @param pattern what to wait for
   * @param timeout how long
   */
  public record Wait(Pattern pattern, Duration timeout) implements Step {
    @Override
    public void apply(Session session) {
      session.waitFor(pattern, timeout);
    }
  }

  /**
   * Presses keys.
   *
   * @param keys tmux key names
   */
  public record Keys(List<String> keys) implements Step {
    @Override
    public void apply(Session session) {
      session.sendKeys(keys.toArray(String[]::new));
    }
  }

  /**
   * Starts building a template in code.
   *
   * @param name the template's name
   * @return a builder
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /**
   * Loads a template from a text file (format above); the template is named after the file.
   *
   * @param file the file
   * @return the template
   * @throws IllegalArgumentException if a line cannot be understood, naming the file and line number
   * @throws java.io.UncheckedIOException if the file cannot be read
   */
  public static SessionTemplate load(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("Cannot read session template " + file + ": " + e.getMessage(), e);
    }
    Builder b = builder(file.getFileName().toString());
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int space = line.indexOf(' ');
      String verb = space < 0 ? line : line.substring(0, space);
      String rest = space < 0 ? "" : line.substring(space + 1).strip();
      String where = file + ":" + (i + 1);
      switch (verb) {
        case "run" -> b.run(rest);
        case "send" -> b.send(rest);
        case "keys" -> {
          if (rest.isEmpty()) {
            throw new IllegalArgumentException(where + ": 'keys' needs at least one key name, e.g. 'keys C-c'");
          }
          b.keys(rest.split("\\s+"));
        }
        case "wait" -> {
          Duration timeout = DEFAULT_WAIT;
          String regex = rest;
          int last = rest.lastIndexOf(' ');
          if (last > 0) {
            try {
              timeout = Durations.parse(rest.substring(last + 1));
              regex = rest.substring(0, last);
            } catch (IllegalArgumentException notADuration) {
              // the whole rest is the pattern
            }
          }
          if (regex.isEmpty()) {
            throw new IllegalArgumentException(where + ": 'wait' needs a pattern, e.g. 'wait ready 10s'");
          }
          try {
            b.waitFor(Pattern.compile(regex), timeout);
          } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(where + ": invalid pattern: " + e.getDescription(), e);
          }
        }
        default -> throw new IllegalArgumentException(where + ": unknown step '" + verb
            + "'; use run, send, wait or keys");
      }
    }
    return b.build();
  }

  /** Builds a {@link SessionTemplate}. Not thread-safe. */
  public static final class Builder {
    private final String name;
    private final List<Step> steps = new ArrayList<>();

    private Builder(String name) {
      this.name = Objects.requireNonNull(name, "name");
    }

    /**
     * Adds a command to run (send, then wait for the prompt).
     *
     * @param command the command
     * @return this builder
     */
    public Builder run(String command) {
      steps.add(new Run(Objects.requireNonNull(command, "command")));
      return this;
    }

    /**
     * Adds a line to type, followed by Enter.
     *
     * @param text the line
     * @return this builder
     */
    public Builder send(String text) {
      steps.add(new Send(Objects.requireNonNull(text, "text")));
      return this;
    }

    /**
     * Adds a wait for output after the previous input.
     *
     * @param pattern what to wait for
     * @param timeout how long
     * @return this builder
     */
    public Builder waitFor(Pattern pattern, Duration timeout) {
      steps.add(new Wait(Objects.requireNonNull(pattern, "pattern"), Objects.requireNonNull(timeout, "timeout")));
      return this;
    }

    /**
     * Adds keys to press.
     *
     * @param keys tmux key names
     * @return this builder
     */
    public Builder keys(String... keys) {
      steps.add(new Keys(List.of(keys)));
      return this;
    }

    /**
     * Builds the template.
     *
     * @return the template
     */
    public SessionTemplate build() {
      return new SessionTemplate(name, steps);
    }
  }
}

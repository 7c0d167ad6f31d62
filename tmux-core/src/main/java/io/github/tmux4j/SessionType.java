package io.github.tmux4j;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** What kind of program a session runs. The type decides the default command and prompt. */
public enum SessionType {
  /** A Python REPL ({@code python3 -q}, basic REPL). */
  PYTHON("python-repl", Prompts.PYTHON),
  /** The GNU debugger ({@code gdb -q}, pagination off). */
  GDB("gdb", Prompts.GDB),
  /** An interactive bash with a known prompt ({@link Prompts#SHELL_PS1}). */
  SHELL("shell", Prompts.SHELL),
  /** Any other command; its prompt is whatever {@link SessionBuilder#readyWhen} says. */
  CUSTOM("custom", null);

  private final String typeName;
  private final Pattern prompt;

  SessionType(String typeName, Pattern prompt) {
    this.typeName = typeName;
    this.prompt = prompt;
  }

  /**
   * The name stored in registry records ({@code "python-repl"}, {@code "gdb"}, {@code "shell"},
   * {@code "custom"}), as the seed's tools wrote it.
   *
   * @return the registry type name
   */
  public String typeName() {
    return typeName;
  }

  /**
   * The prompt of this type's default program.
   *
   * @return the prompt pattern, empty for {@link #CUSTOM}
   */
  public Optional<Pattern> prompt() {
    return Optional.ofNullable(prompt);
  }

  /**
   * Finds the type for a registry type name. Unknown names map to {@link #CUSTOM}.
   *
   * @param typeName a name such as {@code "python-repl"}, case-insensitive
   * @return the matching type
   */
  public static SessionType fromTypeName(String typeName) {
    if (typeName != null) {
      String wanted = typeName.toLowerCase(Locale.ROOT);
      for (SessionType type : values()) {
        if (type.typeName.equals(wanted) || type.name().toLowerCase(Locale.ROOT).equals(wanted)) {
          return type;
        }
      }
    }
    return CUSTOM;
  }
}

package io.github.tmux4j;

import java.nio.file.Path;

/** Thrown when a registry's stored data cannot be parsed. The data is left untouched for repair. */
public class RegistryCorruptException extends RegistryException {
  private static final long serialVersionUID = 1L;

  private final transient Path location;

  /**
   * Creates the exception.
   *
   * @param location the file (or other location) that holds the unreadable data
   * @param message what is wrong and how to repair it
   * @param cause the parse failure, or {@code null}
   */
  public RegistryCorruptException(Path location, String message, Throwable cause) {
    super(message, cause);
    this.location = location;
  }

  /**
   * Where the unreadable data is.
   *
   * @return the file path
   */
  public Path location() {
    return location;
  }
}

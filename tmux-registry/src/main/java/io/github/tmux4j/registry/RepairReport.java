package io.github.tmux4j.registry;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link FileRegistry#repair()} did.
 *
 * @param file the registry file
 * @param movedAside where the unreadable file was moved ({@code .sessions.json.corrupt-<timestamp>}),
 *     or empty if the file was readable (or missing) and nothing was changed
 * @param restoredFromBackup {@code true} if the content now comes from the backup
 *     ({@code .sessions.json.bak}); {@code false} if the registry was readable, or was started empty
 *     because the backup was missing or unreadable too
 * @param records how many records the registry holds now
 */
public record RepairReport(Path file, Optional<Path> movedAside, boolean restoredFromBackup, int records) {

  /** Checks the components. */
  public RepairReport {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(movedAside, "movedAside");
  }

  /**
   * Whether the registry was unreadable and has been replaced.
   *
   * @return {@code true} if a corrupt file was moved aside
   */
  public boolean repaired() {
    return movedAside.isPresent();
  }
}

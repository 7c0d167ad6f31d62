package io.github.tmux4j;

import io.github.tmux4j.spi.SessionRecord;
import java.util.List;
import java.util.Objects;

/**
 * What {@link TmuxClient#reconcile(boolean)} found between the registry and the live tmux servers.
 *
 * @param orphanRecords records whose session no longer exists (MISSING or SERVER_NOT_RUNNING)
 * @param unregisteredSessions live sessions on the client's socket (and the sockets the registry knows)
 *     that have no record, as {@code socket -> name} pairs
 * @param repaired whether the orphan records were removed and the unregistered sessions registered
 */
public record ReconcileReport(List<SessionRecord> orphanRecords, List<LiveSession> unregisteredSessions,
    boolean repaired) {

  /** Copies the lists. */
  public ReconcileReport {
    orphanRecords = List.copyOf(Objects.requireNonNull(orphanRecords, "orphanRecords"));
    unregisteredSessions = List.copyOf(Objects.requireNonNull(unregisteredSessions, "unregisteredSessions"));
  }

  /**
   * A live session found on a socket.
   *
   * @param socket the socket
   * @param name the session name
   */
  public record LiveSession(java.nio.file.Path socket, String name) {}

  /**
   * Whether registry and tmux agree.
   *
   * @return {@code true} if nothing was out of step
   */
  public boolean consistent() {
    return orphanRecords.isEmpty() && unregisteredSessions.isEmpty();
  }
}

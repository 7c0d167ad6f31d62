package io.github.tmux4j;

import io.github.tmux4j.spi.SessionRecord;
import java.util.List;
import java.util.Objects;

/**
 * What {@link TmuxClient#reconcile(boolean)} found between the registry and the live tmux servers.
 *
 * @param orphanRecords records whose session no longer exists (MISSING or SERVER_NOT_RUNNING)
 * @param unregisteredSessions live sessions on the client's socket (and the sockets the registry knows)
 *     that have no record, as {@code socket -> name} pairs (sessions created with {@code register(false)}
 *     among them)
 * @param renamedRecords records whose session lives on under another name (renamed by a program that is
 *     not tmux4j, or a crash between tmux's rename and the record's)
 * @param skippedRecords records tmux4j does not act on: their socket is outside the client's socket
 *     directory, their target is not a pane id, or their name or prompt is invalid
 * @param repaired whether the orphan records were removed, the renamed ones renamed and the unregistered
 *     sessions registered (as tmux4j created them when their labels say so, else as {@code custom})
 */
public record ReconcileReport(List<SessionRecord> orphanRecords, List<LiveSession> unregisteredSessions,
    List<Renamed> renamedRecords, List<Skipped> skippedRecords, boolean repaired) {

  /** Copies the lists. */
  public ReconcileReport {
    orphanRecords = List.copyOf(Objects.requireNonNull(orphanRecords, "orphanRecords"));
    unregisteredSessions = List.copyOf(Objects.requireNonNull(unregisteredSessions, "unregisteredSessions"));
    renamedRecords = List.copyOf(Objects.requireNonNull(renamedRecords, "renamedRecords"));
    skippedRecords = List.copyOf(Objects.requireNonNull(skippedRecords, "skippedRecords"));
  }

  /**
   * A record whose session now has another name.
   *
   * @param record the record
   * @param liveName the session's name in tmux
   */
  public record Renamed(SessionRecord record, String liveName) {}

  /**
   * A record tmux4j does not act on.
   *
   * @param name the record's name
   * @param problem what is wrong with it
   */
  public record Skipped(String name, String problem) {}

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
    return orphanRecords.isEmpty() && unregisteredSessions.isEmpty() && renamedRecords.isEmpty();
  }
}

package io.github.tmux4j.spi;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One registered session, with the fields of the seed's registry ({@code .sessions.json}).
 *
 * @param name the session name, the registry key
 * @param socket the tmux socket the session lives on
 * @param target the pane the session's process runs in, as a tmux pane id ({@code %3})
 * @param type the session type name ({@code "python-repl"}, {@code "gdb"}, {@code "shell"},
 *     {@code "custom"})
 * @param pid the process id of the pane's process when it was created
 * @param createdAt when the session was created
 * @param lastActive when input was last sent to it (read-only calls do not change it)
 * @param tags free-form labels; tmux4j keeps its own under keys starting with {@code tmux4j.}
 */
public record SessionRecord(
    String name,
    Path socket,
    String target,
    String type,
    long pid,
    Instant createdAt,
    Instant lastActive,
    Map<String, String> tags) {

  /** Validates the components and copies the tags. */
  public SessionRecord {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(socket, "socket");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(lastActive, "lastActive");
    tags = Map.copyOf(Objects.requireNonNull(tags, "tags"));
  }

  /**
   * Whether two records describe the same session: the same socket, target pane and creation time. A
   * rename, a touch or new tags keep a session the same; a new session under an old name (even one that
   * a restarted server gave the same pane id) is another.
   *
   * @param other the other record
   * @return {@code true} if both record the same session
   */
  public boolean sameSession(SessionRecord other) {
    return other != null && socket.equals(other.socket) && target.equals(other.target)
        && createdAt.equals(other.createdAt);
  }

  /**
   * Returns a copy with another {@code lastActive}.
   *
   * @param when the new time of last activity
   * @return the updated record
   */
  public SessionRecord withLastActive(Instant when) {
    return new SessionRecord(name, socket, target, type, pid, createdAt, when, tags);
  }

  /**
   * Returns a copy with another name.
   *
   * @param newName the new name
   * @return the renamed record
   */
  public SessionRecord withName(String newName) {
    return new SessionRecord(newName, socket, target, type, pid, createdAt, lastActive, tags);
  }

  /**
   * Returns a copy with other tags.
   *
   * @param newTags the tags
   * @return the updated record
   */
  public SessionRecord withTags(Map<String, String> newTags) {
    return new SessionRecord(name, socket, target, type, pid, createdAt, lastActive, newTags);
  }
}

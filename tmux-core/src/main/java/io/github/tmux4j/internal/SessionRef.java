package io.github.tmux4j.internal;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * Which tmux session a handle or record means, independent of its name (which renames change): the
 * socket, the pane the session was created with, and the session's creation instant, which tmux4j also
 * keeps in the session's {@value SessionLabels#CREATED} option. Pane ids are unique while a server runs
 * and start again at {@code %0} in a new one; the creation instant tells the sessions apart.
 *
 * @param socket the server's socket
 * @param pane the pane id ({@code %N})
 * @param created the session's creation instant
 */
public record SessionRef(Path socket, String pane, Instant created) {
  /** Checks the components. */
  public SessionRef {
    Objects.requireNonNull(socket, "socket");
    Objects.requireNonNull(pane, "pane");
    Objects.requireNonNull(created, "created");
  }

  /**
   * The creation instant as the session's option holds it.
   *
   * @return the ISO-8601 text
   */
  public String createdText() {
    return SessionLabels.text(created);
  }

  /**
   * Whether a label read from tmux names this session.
   *
   * @param createdLabel the {@value SessionLabels#CREATED} option's value, possibly empty
   * @return {@code true} if it is this session's
   */
  public boolean isCreated(String createdLabel) {
    return createdText().equals(createdLabel);
  }
}

package io.github.tmux4j;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * Thrown when a session's exclusive lease ({@link Session#exclusive}) is held by another thread or
 * process for longer than the caller was willing to wait.
 */
public final class SessionBusyException extends TmuxException {
  private static final long serialVersionUID = 1L;

  private final String sessionName;
  private final Long holderPid;
  private final String holderHost;

  /**
   * Creates the exception.
   *
   * @param sessionName the busy session
   * @param holderPid the process that holds the lease, or {@code null} if unknown
   * @param holderHost the host of that process, or {@code null} if unknown
   * @param waitedMillis how long the caller waited
   */
  public SessionBusyException(String sessionName, Long holderPid, String holderHost, long waitedMillis) {
    super("Session '" + sessionName + "' is held exclusively by "
        + (holderPid == null ? "another process" : "process " + holderPid
            + (holderHost == null ? "" : " on " + holderHost))
        + "; gave up after " + waitedMillis + " ms. Wait longer, or ask the holder to close its lease "
        + "(a lease of a process that died is released automatically).", null, false);
    this.sessionName = sessionName;
    this.holderPid = holderPid;
    this.holderHost = holderHost;
  }

  /**
   * The busy session.
   *
   * @return its name
   */
  public String sessionName() {
    return sessionName;
  }

  /**
   * The process holding the lease.
   *
   * @return its pid, if known
   */
  public OptionalLong holderPid() {
    return holderPid == null ? OptionalLong.empty() : OptionalLong.of(holderPid);
  }

  /**
   * The host of the process holding the lease.
   *
   * @return the host name, if known
   */
  public Optional<String> holderHost() {
    return Optional.ofNullable(holderHost);
  }
}

package io.github.tmux4j.internal;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Identifies the JVM that owns an ephemeral session: its process id and start time (a pid alone can be
 * reused by a later process). Kept in the session's registry tags.
 *
 * @param pid the owner's process id
 * @param started when the owner started, if the OS says
 */
public record Owner(long pid, Optional<Instant> started) {
  /** Tag with the owner's process id. */
  public static final String PID_TAG = "tmux4j.owner-pid";
  /** Tag with the owner's start time (ISO-8601). */
  public static final String START_TAG = "tmux4j.owner-start";

  /**
   * This JVM.
   *
   * @return the owner record of the current process
   */
  public static Owner current() {
    ProcessHandle me = ProcessHandle.current();
    return new Owner(me.pid(), me.info().startInstant());
  }

  /**
   * Adds this owner to registry tags.
   *
   * @param tags the tags to extend
   */
  public void addTo(Map<String, String> tags) {
    tags.put(PID_TAG, Long.toString(pid));
    started.ifPresent(s -> tags.put(START_TAG, s.toString()));
  }

  /**
   * The owner recorded in tags, if any.
   *
   * @param tags a record's tags
   * @return the owner, empty if the session is not ephemeral
   */
  public static Optional<Owner> from(Map<String, String> tags) {
    String pid = tags.get(PID_TAG);
    if (pid == null) {
      return Optional.empty();
    }
    try {
      String start = tags.get(START_TAG);
      return Optional.of(new Owner(Long.parseLong(pid), Optional.ofNullable(start).map(Instant::parse)));
    } catch (RuntimeException malformed) {
      return Optional.empty();
    }
  }

  /**
   * Whether the owner is still running: a live process with that pid that started at the recorded time.
   *
   * @return {@code true} if the owner is alive
   */
  public boolean alive() {
    Optional<ProcessHandle> handle = ProcessHandle.of(pid);
    if (handle.isEmpty() || !handle.get().isAlive()) {
      return false;
    }
    if (started.isEmpty()) {
      return true;
    }
    // Start times are reported to the clock tick; a reused pid starts much later.
    return handle.get().info().startInstant()
        .map(s -> Math.abs(s.toEpochMilli() - started.get().toEpochMilli()) < 1_000)
        .orElse(true);
  }
}

package io.github.tmux4j.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Identifies the JVM that owns an ephemeral session: its process id and start time (a pid alone can be
 * reused by a later process). Kept in the session's registry tags.
 *
 * <p>On Linux the start is also kept as the kernel's count of clock ticks since boot
 * ({@code /proc/<pid>/stat}), which is compared exactly: the wall-clock start that Java reports is boot
 * time plus those ticks, and each JVM reads the boot time once from the wall clock, so two JVMs disagree
 * on a process's start by however far the clock was stepped between their starts (seen on a virtual
 * machine: a live owner taken for dead, its ephemeral session cleaned up).
 *
 * @param pid the owner's process id
 * @param started when the owner started, if the OS says
 * @param startTicks when it started in clock ticks since boot (Linux), if known
 */
public record Owner(long pid, Optional<Instant> started, OptionalLong startTicks) {
  /** Tag with the owner's process id. */
  public static final String PID_TAG = "tmux4j.owner-pid";
  /** Tag with the owner's start time (ISO-8601). */
  public static final String START_TAG = "tmux4j.owner-start";
  /** Tag with the owner's start in clock ticks since boot (Linux). */
  public static final String TICKS_TAG = "tmux4j.owner-ticks";

  /**
   * This JVM.
   *
   * @return the owner record of the current process
   */
  public static Owner current() {
    ProcessHandle me = ProcessHandle.current();
    return new Owner(me.pid(), me.info().startInstant(), startTicks(me.pid()));
  }

  /**
   * Adds this owner to registry tags.
   *
   * @param tags the tags to extend
   */
  public void addTo(Map<String, String> tags) {
    tags.put(PID_TAG, Long.toString(pid));
    started.ifPresent(s -> tags.put(START_TAG, s.toString()));
    startTicks.ifPresent(t -> tags.put(TICKS_TAG, Long.toString(t)));
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
      String ticks = tags.get(TICKS_TAG);
      return Optional.of(new Owner(Long.parseLong(pid), Optional.ofNullable(start).map(Instant::parse),
          ticks == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(ticks))));
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
    if (startTicks.isPresent()) {
      OptionalLong now = startTicks(pid);
      if (now.isPresent()) {
        return now.getAsLong() == startTicks.getAsLong(); // a reused pid started at another tick
      }
    }
    if (started.isEmpty()) {
      return true;
    }
    // Start times are reported to the clock tick; a reused pid starts much later.
    return handle.get().info().startInstant()
        .map(s -> Math.abs(s.toEpochMilli() - started.get().toEpochMilli()) < 1_000)
        .orElse(true);
  }

  /**
   * A process's start in clock ticks since boot: field 22 of {@code /proc/<pid>/stat} (after the command
   * name in parentheses, which may itself hold spaces and parentheses).
   *
   * @param pid the process
   * @return the ticks, or empty where there is no such file (not Linux, or the process is gone)
   */
  static OptionalLong startTicks(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return OptionalLong.of(Long.parseLong(fields[19])); // field 22 overall; these start at field 3
    } catch (IOException | RuntimeException e) {
      return OptionalLong.empty();
    }
  }
}

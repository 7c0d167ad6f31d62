package io.github.tmux4j.internal;

import io.github.tmux4j.Health;
import io.github.tmux4j.HealthState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** Turns what tmux and the OS say about a pane into a {@link Health}. Pure apart from {@link #observe}. */
public final class HealthDecision {

  /** What the OS says about a process. */
  public enum ProcessState {
    /** The process exists and is not a zombie. */
    RUNNING,
    /** The process has exited but was not reaped (state {@code Z} in {@code /proc}). */
    DEFUNCT,
    /** No such process. */
    GONE
  }

  private HealthDecision() {}

  /**
   * Decides the health of a pane that tmux knows.
   *
   * @param paneDead tmux's {@code #{pane_dead}}
   * @param deadStatus tmux's {@code #{pane_dead_status}}, or {@code null}
   * @param pid tmux's {@code #{pane_pid}}
   * @param process what the OS says about {@code pid}
   * @param now the time of the check
   * @return DEAD, ZOMBIE or HEALTHY
   */
  public static Health decide(boolean paneDead, Integer deadStatus, long pid, ProcessState process, Instant now) {
    OptionalLong pidOpt = pid > 0 ? OptionalLong.of(pid) : OptionalLong.empty();
    if (paneDead) {
      return new Health(HealthState.DEAD, false, pidOpt,
          deadStatus == null ? OptionalInt.empty() : OptionalInt.of(deadStatus), now);
    }
    if (process != ProcessState.RUNNING) {
      return new Health(HealthState.ZOMBIE, false, pidOpt, OptionalInt.empty(), now);
    }
    return new Health(HealthState.HEALTHY, true, pidOpt, OptionalInt.empty(), now);
  }

  /**
   * A health without a pane: MISSING or SERVER_NOT_RUNNING.
   *
   * @param state the state
   * @param now the time of the check
   * @return the health
   */
  public static Health absent(HealthState state, Instant now) {
    return new Health(state, false, OptionalLong.empty(), OptionalInt.empty(), now);
  }

  /**
   * Asks the OS about a process: {@code /proc/<pid>/stat} where there is one, else
   * {@link ProcessHandle}.
   *
   * @param pid the process id
   * @return its state
   */
  public static ProcessState observe(long pid) {
    if (pid <= 0) {
      return ProcessState.GONE;
    }
    Path stat = Paths.get("/proc", Long.toString(pid), "stat");
    if (Files.isDirectory(Paths.get("/proc/self"))) {
      try {
        String content = Files.readString(stat, StandardCharsets.UTF_8);
        // "pid (comm) S ...": the state follows the last ')' since comm may contain parentheses.
        int close = content.lastIndexOf(')');
        char state = close >= 0 && close + 2 < content.length() ? content.charAt(close + 2) : '?';
        return state == 'Z' || state == 'X' ? ProcessState.DEFUNCT : ProcessState.RUNNING;
      } catch (IOException e) {
        return ProcessState.GONE;
      }
    }
    return ProcessHandle.of(pid).map(p -> p.isAlive() ? ProcessState.RUNNING : ProcessState.GONE)
        .orElse(ProcessState.GONE);
  }
}

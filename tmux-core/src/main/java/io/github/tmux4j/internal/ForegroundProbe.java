package io.github.tmux4j.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * What Linux's {@code /proc} says about the foreground of a pane's terminal: which process group owns it
 * ({@code tpgid}, field 8 of {@code /proc/<pane pid>/stat}), whether that group is blocked reading the
 * terminal, and signals to it. Everything here answers "cannot tell" (empty, {@code false}) rather than
 * guess: without {@code /proc} (other systems), for a process it may not read, or for a program that
 * waits on more than the terminal (an {@code ssh} to another host waits on its socket too, so what runs
 * remotely is never judged).
 *
 * <p>A process reads the terminal when it sleeps (state {@code S}) in a {@code read} of the pane's
 * terminal, or in a {@code select}/{@code poll} on it alone (a line editor: bash's {@code readline},
 * Python's {@code input()} in a REPL). {@code /proc/<pid>/syscall} says which call and which descriptor
 * when the kernel lets us read it; otherwise the wait channel ({@code /proc/<pid>/wchan}: {@code
 * n_tty_read}, {@code wait_woken} or a poll) counts only for a process whose standard input is the
 * terminal and which has no socket, pipe or event descriptor it could be waiting on instead.
 */
final class ForegroundProbe {
  private static final Path PROC = Paths.get("/proc");
  /** System call numbers by architecture: read, readv, pread64, select, pselect6, poll, ppoll. */
  private static final Calls CALLS = Calls.of(System.getProperty("os.arch", "").toLowerCase(Locale.ROOT));

  /** The system calls a process reading its terminal sleeps in, by number, for one architecture. */
  private record Calls(Set<Long> reads, Set<Long> selects, Set<Long> polls) {
    static Calls of(String arch) {
      return switch (arch) {
        case "amd64", "x86_64" -> new Calls(Set.of(0L, 19L, 17L), Set.of(23L, 270L), Set.of(7L, 271L));
        case "aarch64", "arm64", "riscv64", "loongarch64" -> new Calls(Set.of(63L, 65L, 67L), Set.of(72L), Set.of(73L));
        default -> new Calls(Set.of(), Set.of(), Set.of());
      };
    }
  }

  /**
   * The foreground process group of a pane's terminal.
   *
   * @param id the group id ({@code tpgid})
   * @param tty the terminal's device number ({@code tty_nr})
   * @param ownProgram whether the group is the pane's own program (the shell or REPL itself, not a
   *     command it started)
   * @param members the group's processes, with their state
   */
  record Foreground(long id, long tty, boolean ownProgram, List<Proc> members) {}

  /** One process: its id, state letter and wait channel. */
  record Proc(long pid, char state, String wchan) {}

  private ForegroundProbe() {}

  /**
   * Whether {@code /proc} is there to ask.
   *
   * @return {@code true} on Linux
   */
  static boolean available() {
    return Files.isDirectory(PROC.resolve("self"));
  }

  /**
   * The foreground process group of the terminal of a pane's program.
   *
   * @param panePid the pane's process id
   * @return the group, or {@code null} if it cannot be told
   */
  static Foreground foreground(long panePid) {
    if (panePid <= 0 || !available()) {
      return null;
    }
    String[] pane = stat(panePid);
    if (pane == null || pane.length < 6) {
      return null;
    }
    long tty = Long.parseLong(pane[4]);
    long tpgid = Long.parseLong(pane[5]);
    if (tty == 0 || tpgid <= 0) {
      return null;
    }
    List<Proc> members = new ArrayList<>();
    try (DirectoryStream<Path> all = Files.newDirectoryStream(PROC, p -> isNumber(p.getFileName().toString()))) {
      for (Path p : all) {
        long pid = Long.parseLong(p.getFileName().toString());
        String[] s = stat(pid);
        if (s != null && s.length >= 6 && Long.parseLong(s[2]) == tpgid && Long.parseLong(s[4]) == tty) {
          members.add(new Proc(pid, s[0].charAt(0), read(p.resolve("wchan"))));
        }
      }
    } catch (IOException | RuntimeException unreadable) {
      return null;
    }
    return members.isEmpty() ? null : new Foreground(tpgid, tty, tpgid == Long.parseLong(pane[2]), members);
  }

  /**
   * Whether the foreground of a pane's terminal is blocked reading it: every process of the group
   * sleeps, and one of them in a read of the terminal (or a select/poll on it alone).
   *
   * @param panePid the pane's process id
   * @return {@code true} only if {@code /proc} says so
   */
  static boolean waitingForInput(long panePid) {
    Foreground fg = foreground(panePid);
    if (fg == null) {
      return false;
    }
    boolean reader = false;
    for (Proc p : fg.members()) {
      if (p.state() != 'S') {
        return false; // running, in disk wait, stopped or exiting: not a program waiting for a person
      }
      reader |= readsTerminal(p, fg.tty());
    }
    return reader;
  }

  private static boolean readsTerminal(Proc p, long tty) {
    Path dir = PROC.resolve(Long.toString(p.pid()));
    String syscall = read(dir.resolve("syscall"));
    if (syscall != null && !syscall.isEmpty() && !syscall.equals("running") && !CALLS.reads().isEmpty()) {
      String[] f = syscall.split(" ");
      try {
        long nr = Long.parseLong(f[0]);
        if (CALLS.reads().contains(nr)) {
          return isTerminal(dir, Long.decode(f[1]), tty);
        }
        if (CALLS.selects().contains(nr)) {
          return Long.decode(f[1]) == 1 && isTerminal(dir, 0, tty); // watches fd 0 alone
        }
        if (CALLS.polls().contains(nr)) {
          return Long.decode(f[2]) == 1 && isTerminal(dir, 0, tty) && onlyQuietDescriptors(dir, tty);
        }
        return false;
      } catch (RuntimeException unexpected) {
        return false;
      }
    }
    String wchan = p.wchan() == null ? "" : p.wchan();
    boolean ttyRead = wchan.equals("n_tty_read") || wchan.equals("wait_woken");
    boolean polling = wchan.startsWith("poll_schedule_timeout") || wchan.startsWith("do_select")
        || wchan.startsWith("do_sys_poll") || wchan.startsWith("core_sys_select");
    return (ttyRead || polling) && isTerminal(dir, 0, tty) && onlyQuietDescriptors(dir, tty);
  }

  /** Whether a descriptor of a process is the pane's terminal (its device number is the tty's). */
  private static boolean isTerminal(Path dir, long fd, long tty) {
    try {
      Object rdev = Files.getAttribute(dir.resolve("fd").resolve(Long.toString(fd)), "unix:rdev");
      return rdev instanceof Long dev && dev == tty;
    } catch (IOException | RuntimeException unreadable) {
      return false;
    }
  }

  /**
   * Whether every descriptor of a process is the terminal, a file or a device: nothing else (a socket,
   * a pipe, an event or timer descriptor) that it could be waiting on instead of the person at the
   * terminal.
   */
  private static boolean onlyQuietDescriptors(Path dir, long tty) {
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(dir.resolve("fd"))) {
      for (Path fd : fds) {
        String target = Files.readSymbolicLink(fd).toString();
        if (target.startsWith("socket:") || target.startsWith("pipe:") || target.startsWith("anon_inode:")) {
          return false;
        }
      }
      return true;
    } catch (IOException | RuntimeException unreadable) {
      return false;
    }
  }

  /**
   * Sends a signal to a process group with the system's {@code kill} (Java can send neither SIGINT nor
   * to a group).
   *
   * @param group the process group id
   * @param signal the signal's name without {@code SIG}: {@code INT}, {@code TERM}, {@code KILL}
   * @return whether {@code kill} reported success
   */
  static boolean signal(long group, String signal) {
    if (group <= 1) {
      return false;
    }
    try {
      Process kill = new ProcessBuilder("kill", "-s", signal, "--", "-" + group)
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!kill.waitFor(2, TimeUnit.SECONDS)) {
        kill.destroyForcibly();
        return false;
      }
      return kill.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The fields of {@code /proc/<pid>/stat} after the command name: [0] is field 3 (state). */
  private static String[] stat(long pid) {
    String s = read(PROC.resolve(Long.toString(pid)).resolve("stat"));
    int close = s == null ? -1 : s.lastIndexOf(')');
    return close < 0 || close + 2 >= s.length() ? null : s.substring(close + 2).split(" ");
  }

  private static String read(Path file) {
    try {
      return Files.readString(file).strip();
    } catch (IOException | RuntimeException unreadable) {
      return null;
    }
  }

  private static boolean isNumber(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (!Character.isDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}

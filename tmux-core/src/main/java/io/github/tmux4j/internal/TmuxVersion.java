package io.github.tmux4j.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tmux release, as {@code tmux -V} names it ({@code tmux 3.3a}, {@code tmux next-3.6}, {@code tmux 3.7c}).
 *
 * @param major the major number
 * @param minor the minor number
 * @param text what tmux printed
 */
public record TmuxVersion(int major, int minor, String text) {
  private static final Pattern NUMBERS = Pattern.compile("(\\d+)\\.(\\d+)");
  private static final System.Logger LOG = System.getLogger(TmuxVersion.class.getName());

  /**
   * Parses what {@code tmux -V} printed; a build without a number ({@code tmux master}) counts as new.
   *
   * @param text the output
   * @return the version
   */
  public static TmuxVersion parse(String text) {
    Matcher m = NUMBERS.matcher(text);
    return m.find() ? new TmuxVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), text.strip())
        : new TmuxVersion(Integer.MAX_VALUE, 0, text.strip());
  }

  /**
   * Asks a tmux executable for its version.
   *
   * @param binary the executable
   * @param timeout how long {@code tmux -V} may take
   * @return the version; a new one if it cannot tell (the first real command reports a missing tmux)
   */
  public static TmuxVersion of(String binary, java.time.Duration timeout) {
    try {
      Process p = new ProcessBuilder(binary, "-V").redirectErrorStream(true)
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
      if (!p.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
        p.destroyForcibly();
        return parse("unknown");
      }
      return parse(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      return parse("unknown");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return parse("unknown");
    }
  }

  /**
   * Whether control clients are safe with this tmux. tmux 3.2a and older crash when a pane's program
   * exits while an attached control client still has that pane's output to write: the write callback
   * reads the pane's freed input buffer ({@code control_write_pending}; tmux 3.3 checks
   * {@code wp->fd == -1}). tmux4j then uses a process per command.
   *
   * @return {@code true} from tmux 3.3 on
   */
  public boolean controlModeSafe() {
    boolean safe = major > 3 || major == 3 && minor >= 3;
    if (!safe) {
      LOG.log(System.Logger.Level.WARNING, text + " crashes when a program exits while a control client is "
          + "attached (fixed in tmux 3.3); tmux4j uses one tmux process per command with it (Transport.PROCESS)");
    }
    return safe;
  }
}

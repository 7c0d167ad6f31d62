package io.github.tmux4j.testing;

import io.github.tmux4j.Session;
import io.github.tmux4j.TmuxClient;
import io.github.tmux4j.spi.InMemoryRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A child JVM that creates and kills sessions on a shared socket through its own {@link TmuxClient}, as
 * a second program using tmux4j on the same server would: for {@code args[3]} seconds it alternates a
 * {@code cat} session that is created and killed by name, and a shell session that runs one command
 * and is closed. Arguments: socket directory, socket name, tmux executable, seconds, session name prefix.
 *
 * <p>Prints {@code STARTED}, one {@code ERROR ...} block per failed cycle, then
 * {@code DONE cycles=<n> errors=<n>}, and exits 0 if no cycle failed, else 1. It stops early when its
 * standard input closes (the parent test is finished or gone).
 */
public final class SessionChurnMain {
  private static final Duration STEP = Duration.ofSeconds(30);

  private SessionChurnMain() {}

  /**
   * Entry point.
   *
   * @param args socket directory, socket name, tmux executable, seconds, session name prefix
   */
  public static void main(String[] args) {
    Path dir = Path.of(args[0]);
    String socketName = args[1];
    Path binary = Path.of(args[2]);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.parseLong(args[3]));
    String prefix = args[4];

    AtomicBoolean stop = new AtomicBoolean();
    Thread parentWatch = new Thread(() -> {
      try {
        while (System.in.read() != -1) {
          // nothing is sent; end of input means stop
        }
      } catch (IOException ignored) {
        // the parent is gone
      }
      stop.set(true);
    }, "parent-watch");
    parentWatch.setDaemon(true);
    parentWatch.start();

    int cycles = 0;
    int errors = 0;
    try (TmuxClient tmux = TmuxClient.builder().socketDir(dir).socketName(socketName).tmuxBinary(binary)
        .registry(new InMemoryRegistry()).build()) {
      System.out.println("STARTED");
      System.out.flush();
      for (int i = 0; !stop.get() && System.nanoTime() < deadline; i++) {
        String name = prefix + i;
        Session s = null;
        String step = "create";
        try {
          if (i % 2 == 0) {
            s = tmux.newSession(name).command("cat").create();
            step = "kill by name";
            if (!tmux.kill(name)) {
              throw new AssertionError("kill(" + name + ") found no session");
            }
            s = null;
          } else {
            s = tmux.newSession(name).shell().create();
            step = "run";
            String token = "c-" + i;
            String out = s.run("echo " + token, STEP).output();
            if (!token.equals(out)) {
              throw new AssertionError("run(\"echo " + token + "\") returned [" + out + "]");
            }
            step = "close";
            s.close();
            s = null;
          }
          cycles++;
        } catch (Throwable t) {
          errors++;
          if (errors <= 20) {
            StringWriter trace = new StringWriter();
            t.printStackTrace(new PrintWriter(trace));
            System.out.println("ERROR child cycle " + i + " (" + name + ", " + step + "): " + trace);
            System.out.flush();
          }
        } finally {
          if (s != null) {
            try {
              s.close();
            } catch (RuntimeException ignored) {
              // already reported
            }
          }
        }
      }
    } catch (Throwable t) {
      errors++;
      System.out.println("ERROR child client: " + t);
    }
    System.out.println("DONE cycles=" + cycles + " errors=" + errors);
    System.out.flush();
    System.exit(errors == 0 ? 0 : 1);
  }
}

package io.github.tmux4j.testing;

import io.github.tmux4j.Session;
import io.github.tmux4j.TmuxClient;
import io.github.tmux4j.spi.InMemoryRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * A child JVM that attaches control clients to sessions that print all the time, prints {@code READY},
 * and waits to be killed: what a JVM dying with control clients leaves behind. Arguments: socket
 * directory, socket name, number of sessions.
 */
public final class AttachedChildMain {
  private AttachedChildMain() {}

  /**
   * Entry point.
   *
   * @param args socket directory, socket name, sessions
   * @throws InterruptedException never in practice
   */
  public static void main(String[] args) throws InterruptedException {
    TmuxClient tmux = TmuxClient.builder().socketDir(Path.of(args[0])).socketName(args[1])
        .registry(new InMemoryRegistry()).build();
    for (int i = 0; i < Integer.parseInt(args[2]); i++) {
      String name = "ticker-" + ProcessHandle.current().pid() + "-" + i;
      // Counts its rounds in <socketDir>/<name>.rounds, which (unlike tmux's capped history) shows how far
      // it got: it stops when tmux stops reading its pane.
      Session s = tmux.newSession(name).command("sh", "-c",
          "n=0; while :; do n=$((n+1)); echo $n > \"$0\"; echo tick; seq 1 2000; sleep 0.01; done",
          Path.of(args[0]).resolve(name + ".rounds").toString()).create();
      s.waitFor("tick", Duration.ofSeconds(20)); // its control client is attached and receiving output
    }
    System.out.println("READY");
    System.out.flush();
    new CountDownLatch(1).await(); // until killed
  }
}

package io.github.tmux4j.registry;

import io.github.tmux4j.TmuxClient;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * A child JVM for {@link EphemeralSessionIT}: creates an ephemeral shell session through the file
 * registry, says so, then exits normally ({@code exit}) or waits to be killed ({@code hang}).
 */
public final class EphemeralOwner {
  private EphemeralOwner() {}

  /**
   * Entry point.
   *
   * @param args socket directory, session name, {@code exit} or {@code hang}
   * @throws InterruptedException never in practice
   */
  public static void main(String[] args) throws InterruptedException {
    TmuxClient tmux = TmuxClient.builder().socketDir(Path.of(args[0])).build();
    tmux.newSession(args[1]).shell().ephemeral().create();
    System.out.println("READY " + args[1]);
    System.out.flush();
    if (args[2].equals("hang")) {
      new CountDownLatch(1).await(); // until SIGKILL
    }
  }
}

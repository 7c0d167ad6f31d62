package io.github.tmux4j.testing;

import io.github.tmux4j.Session;
import io.github.tmux4j.SessionLease;
import io.github.tmux4j.TmuxClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * A child JVM that takes a session's exclusive lease and keeps it until it is killed: adopts the shell
 * session {@code args[2]} on socket {@code args[1]} in directory {@code args[0]}, prints {@code HELD}.
 */
public final class LeaseHolderMain {
  private LeaseHolderMain() {}

  /**
   * Entry point.
   *
   * @param args socket directory, socket name, session name
   * @throws InterruptedException never in practice
   */
  public static void main(String[] args) throws InterruptedException {
    TmuxClient tmux = TmuxClient.builder().socketDir(Path.of(args[0])).socketName(args[1]).build();
    Session s = tmux.newSession(args[2]).shell().register(false).getOrCreate();
    SessionLease lease = s.exclusive(Duration.ofSeconds(30));
    System.out.println("HELD " + lease);
    System.out.flush();
    new CountDownLatch(1).await(); // until killed
  }
}

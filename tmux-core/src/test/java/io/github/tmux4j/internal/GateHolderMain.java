package io.github.tmux4j.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * A child JVM that takes the attach gate of socket {@code args[0]} ({@code shared} or {@code exclusive}
 * in {@code args[1]}), prints {@code HELD} and keeps it until it is killed.
 */
public final class GateHolderMain {
  private GateHolderMain() {}

  /**
   * Entry point.
   *
   * @param args the socket path and the mode
   * @throws InterruptedException never in practice
   */
  public static void main(String[] args) throws InterruptedException {
    AttachGate gate = AttachGate.of(Path.of(args[0]));
    AttachGate.Permit permit = "shared".equals(args[1]) ? gate.shared(Duration.ofSeconds(30))
        : gate.exclusive(Duration.ofSeconds(30));
    System.out.println(permit == null ? "BUSY" : "HELD");
    System.out.flush();
    new CountDownLatch(1).await(); // until killed
  }
}

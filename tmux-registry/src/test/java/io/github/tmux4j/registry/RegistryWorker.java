package io.github.tmux4j.registry;

import io.github.tmux4j.spi.SessionRecord;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The program that the multi-process tests run in child JVMs ({@link ChildJvm}). Modes:
 * <ul>
 *   <li>{@code churn <file> <prefix> <count>}: puts {@code count} sessions, touches each, removes the
 *       even ones; prints {@code done <millis>}.
 *   <li>{@code crash <file> <prefix>}: puts sessions with large tags in an endless loop and prints
 *       {@code committed <name>} after each put returns; the test kills it.
 *   <li>{@code hold <lockFile>}: takes the OS lock on a lock file, prints {@code locked}, and releases it
 *       when its standard input ends.
 *   <li>{@code probe <lockFile>}: prints {@code free} if it can take the OS lock on a lock file at once,
 *       else {@code busy}.
 * </ul>
 * The replace modes ({@link ReplaceWorker}) run {@code threads} threads on one registry instance. Each
 * prints {@code ready} once warmed up and starts when a line arrives on its standard input, so that the
 * processes race:
 * <ul>
 *   <li>{@code create <file> <id> <threads> <names>}: every thread creates names {@code n-0} to
 *       {@code n-<names-1>} with {@code replace(null, r)}; prints {@code won <name> <owner>} for each win.
 *   <li>{@code killrace <file> <id> <threads> <names> <ops>}: each thread does {@code ops} random steps
 *       on names {@code k-0} to {@code k-<names-1>}: kill what it reads ({@code replace(read, null)}), or
 *       create a session if it reads none ({@code replace(null, r)}); prints {@code created <name>
 *       <target>} and {@code killed <name> <target>} for the replaces that succeed.
 *   <li>{@code chain <file> <id> <threads> <steps> <total>}: each thread advances the registry's single
 *       token record {@code steps} times with {@code replace(read, next)}, retrying on failure; prints
 *       {@code steps <n> failures <m>}.
 * </ul>
 * A failure prints the stack trace and exits with status 1.
 */
public final class RegistryWorker {
  /** When the churn workers touch their sessions. */
  static final Instant TOUCHED = Instant.parse("2026-11-25T12:00:00Z");

  private RegistryWorker() {}

  /**
   * Runs one mode.
   *
   * @param args the mode and its arguments
   */
  public static void main(String[] args) {
    try {
      switch (args[0]) {
        case "churn" -> churn(Path.of(args[1]), args[2], Integer.parseInt(args[3]));
        case "crash" -> crash(Path.of(args[1]), args[2]);
        case "hold" -> hold(Path.of(args[1]));
        case "probe" -> probe(Path.of(args[1]));
        case "create", "killrace", "chain" -> ReplaceWorker.run(args);
        default -> throw new IllegalArgumentException("unknown mode " + args[0]);
      }
      System.exit(0);
    } catch (Throwable t) {
      t.printStackTrace();
      System.exit(1);
    }
  }

  static String name(String prefix, int i) {
    return prefix + "-" + i;
  }

  /** The record a churn worker leaves for an odd {@code i}. */
  static SessionRecord expected(String prefix, int i) {
    return TestRecords.record(name(prefix, i)).withLastActive(TOUCHED.plusSeconds(i));
  }

  private static void churn(Path file, String prefix, int count) {
    long start = System.nanoTime();
    // A generous timeout: 8 JVMs on 2 cores queue for the lock; the test checks the total time.
    try (FileRegistry registry = FileRegistry.builder().file(file).lockTimeout(Duration.ofSeconds(60)).build()) {
      for (int i = 0; i < count; i++) {
        registry.put(TestRecords.record(name(prefix, i)));
      }
      for (int i = 0; i < count; i++) {
        registry.touch(name(prefix, i), TOUCHED.plusSeconds(i));
      }
      for (int i = 0; i < count; i += 2) {
        if (!registry.remove(name(prefix, i))) {
          throw new AssertionError("remove(" + name(prefix, i) + ") found nothing");
        }
      }
    }
    System.out.println("done " + (System.nanoTime() - start) / 1_000_000);
  }

  private static void crash(Path file, String prefix) {
    String big = "x".repeat(512);
    try (FileRegistry registry = FileRegistry.open(file)) {
      for (int i = 0; ; i++) {
        registry.put(TestRecords.record(name(prefix, i), Map.of("payload", big, "i", Integer.toString(i))));
        System.out.println("committed " + name(prefix, i));
        System.out.flush();
      }
    }
  }

  private static void probe(Path lockFile) throws IOException {
    try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
      System.out.println(ch.tryLock() != null ? "free" : "busy");
    }
  }

  private static void hold(Path lockFile) throws IOException {
    try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = ch.lock()) {
      System.out.println("locked " + lock.isValid());
      System.out.flush();
      while (System.in.read() >= 0) {
        // wait for the parent to close our standard input
      }
    }
  }
}

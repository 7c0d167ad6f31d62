package io.github.tmux4j.registry;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM running {@link RegistryWorker} on this test's class path, with its output collected line by
 * line. Closing it kills it if it still runs.
 */
final class ChildJvm implements AutoCloseable {
  private final Process process;
  private final List<String> out = new CopyOnWriteArrayList<>();
  private final List<String> err = new CopyOnWriteArrayList<>();
  /** Counted down when standard output and standard error have been read to the end. */
  private final CountDownLatch drained = new CountDownLatch(2);

  private ChildJvm(Process process) {
    this.process = process;
    drain(process.getInputStream(), out, "stdout");
    drain(process.getErrorStream(), err, "stderr");
  }

  static ChildJvm start(String... args) {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        // Short-lived workers: a small heap and the serial GC start fast when 8 share 2 cores.
        "-Xmx128m", "-XX:+UseSerialGC",
        "-cp", System.getProperty("java.class.path"),
        RegistryWorker.class.getName()));
    command.addAll(List.of(args));
    try {
      return new ChildJvm(new ProcessBuilder(command).start());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start " + command, e);
    }
  }

  /** Lines printed so far on standard output. */
  List<String> lines() {
    return out;
  }

  Process process() {
    return process;
  }

  /**
   * Waits for the exit, and for all the output to be read (so that {@link #lines()} is complete); fails
   * the test if that takes longer than {@code timeout}.
   */
  int waitFor(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("Child JVM " + process.pid() + " still runs after " + timeout + "; stderr:\n"
          + stderr());
    }
    if (!drained.await(Math.max(1_000_000_000L, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
      throw new AssertionError("The output of child JVM " + process.pid() + " was not read to the end after "
          + "it exited");
    }
    return process.exitValue();
  }

  String stderr() {
    return String.join("\n", err);
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void drain(InputStream stream, List<String> into, String name) {
    Thread t = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          into.add(line);
        }
      } catch (IOException e) {
        into.add("[" + name + " closed: " + e + "]");
      } finally {
        drained.countDown();
      }
    }, "child-" + process.pid() + "-" + name);
    t.setDaemon(true);
    t.start();
  }
}

package io.github.tmux4j.bench;

import io.github.tmux4j.Session;
import io.github.tmux4j.TmuxClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Benchmark 6: many threads of one client, each with a shell session of its own, creating it at the same
 * time as the others, then calling {@code run("echo ...")} as fast as they can for a while, checking each
 * answer, then closing it. Reports throughput, latency (p50, p99), errors and the time the creates took.
 *
 * @param threads threads (and sessions)
 * @param seconds how long the runs went on
 * @param runs runs completed, all threads together
 * @param errors runs or creates that failed or answered wrongly
 * @param latency the latency of the runs
 * @param createMillis how long it took until every session was created
 * @param firstError the first failure, or empty
 */
record ConcurrentRuns(int threads, double seconds, long runs, int errors, Stats latency, long createMillis,
    String firstError) {

  /**
   * Runs the benchmark.
   *
   * @param client the client to share
   * @param threads threads and sessions
   * @param duration how long to run
   * @return the result
   * @throws InterruptedException if interrupted
   */
  static ConcurrentRuns measure(TmuxClient client, int threads, Duration duration) throws InterruptedException {
    CyclicBarrier created = new CyclicBarrier(threads);
    ConcurrentLinkedQueue<long[]> samples = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    AtomicInteger errors = new AtomicInteger();
    long[] window = new long[3]; // creates started, runs started, runs ended (nanoTime)
    window[0] = System.nanoTime();
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int id = t;
      Thread worker = new Thread(() -> {
        long[] mine = new long[1 << 16];
        int n = 0;
        Session s = null;
        try {
          s = client.newSession("conc-" + id).shell().register(false).create();
        } catch (RuntimeException e) {
          errors.incrementAndGet();
          failures.add("create: " + e);
        }
        try {
          if (created.await(5, TimeUnit.MINUTES) == 0) {
            synchronized (window) {
              window[1] = System.nanoTime();
              window[2] = window[1] + duration.toNanos();
            }
          }
          long end;
          synchronized (window) {
            end = window[2];
          }
          for (int i = 0; s != null && System.nanoTime() < end; i++) {
            String token = "t" + id + "-" + i;
            long start = System.nanoTime();
            try {
              String out = s.run("echo " + token, Duration.ofSeconds(30)).output();
              if (!out.equals(token)) {
                throw new IllegalStateException("run(echo " + token + ") answered [" + out + "]");
              }
            } catch (RuntimeException e) {
              errors.incrementAndGet();
              failures.add(e.toString());
              continue;
            }
            if (n == mine.length) {
              mine = java.util.Arrays.copyOf(mine, n * 2);
            }
            mine[n++] = System.nanoTime() - start;
          }
        } catch (Exception e) {
          errors.incrementAndGet();
          failures.add(e.toString());
        } finally {
          samples.add(java.util.Arrays.copyOf(mine, n));
          if (s != null) {
            try {
              s.close();
            } catch (RuntimeException e) {
              errors.incrementAndGet();
              failures.add("close: " + e);
            }
          }
        }
      }, "bench-conc-" + t);
      workers.add(worker);
      worker.start();
    }
    for (Thread w : workers) {
      w.join();
    }
    long[] all = samples.stream().flatMapToLong(java.util.Arrays::stream).toArray();
    double seconds = duration.toNanos() / 1e9;
    Stats latency = all.length == 0 ? new Stats("6. no run completed", 0, 0, 0, Double.POSITIVE_INFINITY)
        : Stats.of("6. run(echo) from " + threads + " threads on " + threads + " sessions", all);
    return new ConcurrentRuns(threads, seconds, all.length, errors.get(), latency,
        (window[1] - window[0]) / 1_000_000, failures.isEmpty() ? "" : failures.peek());
  }

  /**
   * Runs per second, all threads together.
   *
   * @return the throughput
   */
  double throughput() {
    return runs / seconds;
  }

  @Override
  public String toString() {
    return String.format("6. concurrent: %d threads x %d sessions, %.0f s: %,d runs, %.0f runs/s, p50 %.2f ms, "
        + "p99 %.2f ms, %d errors%s; creating the %d sessions at once took %d ms", threads, threads, seconds, runs,
        throughput(), latency.medianNanos() / 1e6, latency.p99Nanos() / 1e6, errors,
        firstError.isEmpty() ? "" : " (first: " + firstError + ")", threads, createMillis);
  }
}

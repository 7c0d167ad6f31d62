package io.github.tmux4j.bench;

import java.util.Arrays;

/**
 * Median and tail of a set of latency samples.
 *
 * @param name what was measured
 * @param count number of samples
 * @param medianNanos the median
 * @param p99Nanos the 99th percentile
 * @param meanNanos the mean
 */
public record Stats(String name, int count, long medianNanos, long p99Nanos, double meanNanos) {

  /**
   * Summarises samples.
   *
   * @param name what was measured
   * @param samples latencies in nanoseconds
   * @return the summary
   */
  public static Stats of(String name, long[] samples) {
    if (samples.length == 0) {
      throw new IllegalArgumentException("no samples for " + name);
    }
    long[] sorted = samples.clone();
    Arrays.sort(sorted);
    double mean = Arrays.stream(sorted).average().orElse(0);
    return new Stats(name, sorted.length, sorted[(sorted.length - 1) / 2],
        sorted[(int) Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)], mean);
  }

  /**
   * Operations per second implied by the mean.
   *
   * @return the throughput
   */
  public double perSecond() {
    return 1e9 / meanNanos;
  }

  @Override
  public String toString() {
    return String.format("%-52s n=%-5d median %8.3f ms   p99 %8.3f ms   %9.0f ops/s", name, count,
        medianNanos / 1e6, p99Nanos / 1e6, perSecond());
  }
}

package io.github.tmux4j;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * A live feed of what a session's pane prints from now on (the seed's "monitor / tail"), obtained from
 * {@link Session#output()}. Immutable: each option returns a new feed; {@link #follow} and
 * {@link #open} start receiving. Needs {@link Transport#CONTROL_MODE}.
 *
 * <p>A feed is live, not a log: if tmux4j falls more than 3 seconds behind the pane (a {@link #follow}
 * listener that blocks, a JVM stopped in a debugger), tmux drops the output it was keeping for tmux4j
 * and the feed skips that part (a warning is logged; a partial line before the gap is delivered as it
 * is). Waits, captures and {@link SessionBuilder#transcript(java.nio.file.Path) transcripts} are not
 * affected.
 *
 * <pre>{@code
 * try (OutputTail tail = session.output().lines().stripAnsi().timestamps().open()) {
 *   String line = tail.next(Duration.ofSeconds(5)).orElseThrow();
 * }
 * }</pre>
 */
public interface OutputFeed {

  /**
   * Delivers complete lines (without the line break) instead of chunks as they arrive; a partial last
   * line is held until its line break comes or the feed closes.
   *
   * @return the refined feed
   */
  OutputFeed lines();

  /**
   * Removes escape sequences and control characters other than tab and newline. Within a chunk (not
   * across chunks) unless {@link #lines()} is also set.
   *
   * @return the refined feed
   */
  OutputFeed stripAnsi();

  /**
   * Prefixes each line with the ISO-8601 UTC time it completed and a space; implies {@link #lines()}.
   *
   * @return the refined feed
   */
  OutputFeed timestamps();

  /**
   * Calls {@code listener} with each chunk or line, on tmux4j's reader thread: it must return quickly.
   * While it runs, nothing else reaches this session's waits, and tmux keeps the output tmux4j has not
   * read yet (for at most 3 seconds, see above) or holds the pane's program back; hand slow work to
   * another thread, or use {@link #open(int)}.
   *
   * @param listener the receiver
   * @return the subscription; close it to stop
   * @throws IllegalStateException if the client uses {@link Transport#PROCESS}, which has no live feed
   */
  Subscription follow(Consumer<String> listener);

  /**
   * Starts buffering chunks or lines for a blocking reader. At most {@code capacity} items are kept;
   * when the reader falls behind, the oldest are dropped and counted, so memory stays bounded.
   *
   * @param capacity how many items to keep, at least 1
   * @return the tail; close it to stop
   * @throws IllegalStateException if the client uses {@link Transport#PROCESS}
   */
  OutputTail open(int capacity);

  /**
   * Like {@link #open(int)} with a capacity of 10,000 items.
   *
   * @return the tail; close it to stop
   */
  default OutputTail open() {
    return open(10_000);
  }

  /** A registration that can be cancelled. Closing is idempotent. */
  interface Subscription extends AutoCloseable {
    /** Stops delivery. */
    @Override
    void close();
  }

  /** Buffered output for a blocking reader. Thread-safe. */
  interface OutputTail extends AutoCloseable, Iterable<String> {
    /**
     * Waits for the next chunk or line.
     *
     * @param timeout the longest wait
     * @return the item, or empty if none came in time or the feed ended
     */
    java.util.Optional<String> next(Duration timeout);

    /**
     * Whether the feed has ended (closed, or the session's connection ended) and nothing is left.
     *
     * @return {@code true} when no more items will come
     */
    boolean finished();

    /**
     * How many items were dropped because the reader fell behind.
     *
     * @return the count
     */
    long dropped();

    /**
     * The remaining items as a blocking iterator that ends when the feed ends.
     *
     * @return the iterator
     */
    @Override
    java.util.Iterator<String> iterator();

    /** Stops receiving; items already buffered can still be read. */
    @Override
    void close();
  }
}

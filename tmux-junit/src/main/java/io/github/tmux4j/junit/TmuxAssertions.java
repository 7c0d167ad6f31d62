package io.github.tmux4j.junit;

import io.github.tmux4j.Session;
import java.time.Duration;
import java.util.Objects;

/**
 * Assertions about sessions that read as sentences and fail with the session's screen in the message.
 *
 * <pre>{@code
 * import static io.github.tmux4j.junit.TmuxAssertions.assertThat;
 *
 * assertThat(py).runs("print(1 + 1)").andOutputs("2");
 * py.send("import time; time.sleep(1); print('done')");
 * assertThat(py).eventuallyShows("done").isHealthy();
 * assertThat(sh).within(Duration.ofMinutes(2)).runs("make").andExitsWith(0);
 * }</pre>
 *
 * <p>They are built on the session's own waits, so {@code eventuallyShows} does not poll and never
 * matches the echo of the input just sent. Failures are {@link AssertionError}s; they work with or
 * without {@link TmuxTest}.
 */
public final class TmuxAssertions {
  /** How long {@code eventuallyShows} and {@code runs} wait unless told otherwise: 10 seconds. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  private TmuxAssertions() {}

  /**
   * Starts assertions about a session, waiting at most {@link #DEFAULT_TIMEOUT} where they wait.
   *
   * @param session the session
   * @return the assertions; immutable and thread-safe
   */
  public static SessionAssert assertThat(Session session) {
    return new SessionAssert(Objects.requireNonNull(session, "session"), DEFAULT_TIMEOUT);
  }
}

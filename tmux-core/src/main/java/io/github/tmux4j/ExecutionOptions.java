package io.github.tmux4j;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * How a command started with {@link Session#start(String, ExecutionOptions)} (or run with
 * {@link Session#run(String, Duration, ExecutionOptions)}) is watched: a no-output timeout, caps on its
 * output, input detection and how patient {@link Execution#interrupt()} is. Immutable and thread-safe;
 * built with {@link #builder()}.
 */
public final class ExecutionOptions {
  private static final ExecutionOptions DEFAULTS = builder().build();

  private final Duration noOutputTimeout;
  private final int maxLines;
  private final long maxBytes;
  private final boolean detectInput;
  private final Duration interruptGrace;
  private final Duration startTimeout;

  private ExecutionOptions(Builder b) {
    this.noOutputTimeout = b.noOutputTimeout;
    this.maxLines = b.maxLines;
    this.maxBytes = b.maxBytes;
    this.detectInput = b.detectInput;
    this.interruptGrace = b.interruptGrace;
    this.startTimeout = b.startTimeout;
  }

  /**
   * The defaults: no no-output timeout, no caps (the client's {@link TmuxClientBuilder#outputLimit}
   * still applies), input detection on, a 2 second interrupt grace.
   *
   * @return the default options
   */
  public static ExecutionOptions defaults() {
    return DEFAULTS;
  }

  /**
   * A builder with the defaults.
   *
   * @return a new builder (not thread-safe)
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder starting from these options.
   *
   * @return a new builder with these options' values
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.noOutputTimeout = noOutputTimeout;
    b.maxLines = maxLines;
    b.maxBytes = maxBytes;
    b.detectInput = detectInput;
    b.interruptGrace = interruptGrace;
    b.startTimeout = startTimeout;
    return b;
  }

  /**
   * How long the pane may print nothing before an {@code await} returns {@link ExecutionState#NO_OUTPUT}.
   *
   * @return the silence, or empty for none
   */
  public Optional<Duration> noOutputTimeout() {
    return Optional.ofNullable(noOutputTimeout);
  }

  /**
   * The most lines of output a status or result keeps.
   *
   * @return the cap, or empty for none
   */
  public OptionalInt maxLines() {
    return maxLines == Integer.MAX_VALUE ? OptionalInt.empty() : OptionalInt.of(maxLines);
  }

  /**
   * The most UTF-8 bytes of output a status or result keeps.
   *
   * @return the cap, or empty for none
   */
  public OptionalLong maxBytes() {
    return maxBytes == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(maxBytes);
  }

  /**
   * Whether {@code await} looks for a program blocked reading the terminal
   * ({@link ExecutionState#WAITING_FOR_INPUT}).
   *
   * @return {@code true} by default
   */
  public boolean detectInput() {
    return detectInput;
  }

  /**
   * How long {@link Execution#interrupt()} waits for the prompt after each step before the next.
   *
   * @return the grace per step
   */
  public Duration interruptGrace() {
    return interruptGrace;
  }

  /**
   * How long {@link Session#start} waits for earlier input (typed by this handle, another one, or a process
   * that died) to come back to its prompt before it types the command.
   *
   * @return the wait, or empty for the client's {@link TmuxClientBuilder#defaultTimeout default timeout}
   */
  public Optional<Duration> startTimeout() {
    return Optional.ofNullable(startTimeout);
  }

  @Override
  public String toString() {
    return "ExecutionOptions[noOutputTimeout=" + noOutputTimeout + ", maxLines=" + maxLines() + ", maxBytes="
        + maxBytes() + ", detectInput=" + detectInput + ", interruptGrace=" + interruptGrace + ", startTimeout="
        + startTimeout + "]";
  }

  /** Builds {@link ExecutionOptions}. Not thread-safe. */
  public static final class Builder {
    private Duration noOutputTimeout;
    private int maxLines = Integer.MAX_VALUE;
    private long maxBytes = Long.MAX_VALUE;
    private boolean detectInput = true;
    private Duration interruptGrace = Duration.ofSeconds(2);
    private Duration startTimeout;

    private Builder() {}

    /**
     * Ends an {@code await} softly ({@link ExecutionState#NO_OUTPUT}) once the pane has printed nothing
     * for this long during it. Woken by the output stream, not polled.
     *
     * @param silence a positive duration
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder noOutputTimeout(Duration silence) {
      this.noOutputTimeout = positive(silence, "noOutputTimeout");
      return this;
    }

    /**
     * Keeps at most this many lines of output (the first half and the last half), plus one line that says
     * what was cut.
     *
     * @param lines at least 1
     * @return this builder
     * @throws IllegalArgumentException if less than 1
     */
    public Builder maxLines(int lines) {
      if (lines < 1) {
        throw new IllegalArgumentException("maxLines must be at least 1, got " + lines);
      }
      this.maxLines = lines;
      return this;
    }

    /**
     * Keeps at most this many UTF-8 bytes of output (the first half and the last half), plus one line that
     * says what was cut. Also bounds the memory an execution uses for its output.
     *
     * @param bytes at least 16
     * @return this builder
     * @throws IllegalArgumentException if less than 16
     */
    public Builder maxBytes(long bytes) {
      if (bytes < 16) {
        throw new IllegalArgumentException("maxBytes must be at least 16, got " + bytes);
      }
      this.maxBytes = bytes;
      return this;
    }

    /**
     * Whether to look for a program blocked reading the terminal (on by default; Linux only).
     *
     * @param detect {@code false} to never report {@link ExecutionState#WAITING_FOR_INPUT}
     * @return this builder
     */
    public Builder detectInput(boolean detect) {
      this.detectInput = detect;
      return this;
    }

    /**
     * How long {@link Execution#interrupt()} waits for the prompt after each step (default 2 s).
     *
     * @param grace a positive duration
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder interruptGrace(Duration grace) {
      this.interruptGrace = positive(grace, "interruptGrace");
      return this;
    }

    /**
     * How long {@link Session#start} waits for the session to be back at its prompt before it gives up
     * with {@link NotAtPromptException} (default: the client's default timeout). An agent that finds a
     * session busy with a command it did not start learns it within this bound.
     *
     * @param wait a positive duration
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder startTimeout(Duration wait) {
      this.startTimeout = positive(wait, "startTimeout");
      return this;
    }

    /**
     * The options.
     *
     * @return immutable options
     */
    public ExecutionOptions build() {
      return new ExecutionOptions(this);
    }

    private static Duration positive(Duration d, String what) {
      Objects.requireNonNull(d, what);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(what + " must be positive, got " + d);
      }
      return d;
    }
  }
}

package io.github.tmux4j;

import dev.failsafe.RetryPolicy;
import io.github.tmux4j.internal.Commands;
import io.github.tmux4j.spi.Registry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Configures a {@link TmuxClient} ({@link TmuxClient#builder()}). Not thread-safe; each {@link #build()}
 * makes a new client.
 */
public final class TmuxClientBuilder {
  Path socketDir;
  String socketName = "default";
  Registry registry;
  RetryPolicy<Object> retryPolicy;
  String tmuxBinary = Commands.defaultBinary();
  Duration commandTimeout = Duration.ofSeconds(10);
  Duration defaultTimeout = Duration.ofSeconds(30);
  Transport transport = Transport.CONTROL_MODE;
  Clock clock = Clock.systemUTC();
  Duration activityResolution = Duration.ofSeconds(1);
  long outputLimit = 16_000_000;

  TmuxClientBuilder() {}

  /**
   * The directory for sockets. Default: {@code $TMUX4J_SOCKET_DIR}, else
   * {@code <java.io.tmpdir>/tmux4j-<user>}. Created with mode 0700 if missing; refused if it is a
   * symbolic link, owned by another user, or writable by group or others.
   *
   * @param dir the directory
   * @return this builder
   */
  public TmuxClientBuilder socketDir(Path dir) {
    this.socketDir = Objects.requireNonNull(dir, "dir");
    return this;
  }

  /**
   * The socket file name inside the socket directory. Default {@code default}. Clients with different
   * sockets talk to different tmux servers and do not see each other's sessions.
   *
   * @param name a plain file name
   * @return this builder
   */
  public TmuxClientBuilder socketName(String name) {
    Objects.requireNonNull(name, "name");
    if (name.isEmpty() || name.contains("/") || name.equals(".") || name.equals("..")) {
      throw new IllegalArgumentException("socketName must be a plain file name, got '" + name + "'");
    }
    this.socketName = name;
    return this;
  }

  /**
   * The registry to record sessions in. Default: the first {@link io.github.tmux4j.spi.RegistryProvider} found by
   * {@link java.util.ServiceLoader} (the {@code tmux-registry} module's JSON file), else an in-memory registry.
   * A registry passed here is not closed by the client.
   *
   * @param registry the registry
   * @return this builder
   */
  public TmuxClientBuilder registry(Registry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
    return this;
  }

  /**
   * The Failsafe policy for failed tmux commands. Default {@link TmuxClient#defaultRetryPolicy()}. A
   * policy that handles non-transient failures may apply a command twice.
   *
   * @param policy the policy
   * @return this builder
   */
  public TmuxClientBuilder retryPolicy(RetryPolicy<Object> policy) {
    this.retryPolicy = Objects.requireNonNull(policy, "policy");
    return this;
  }

  /**
   * The tmux executable. Default: {@code $TMUX4J_TMUX} if set, else {@code tmux} found on the
   * {@code PATH}.
   *
   * @param binary path of the tmux executable
   * @return this builder
   */
  public TmuxClientBuilder tmuxBinary(Path binary) {
    this.tmuxBinary = Objects.requireNonNull(binary, "binary").toString();
    return this;
  }

  /**
   * How commands reach tmux: {@link Transport#CONTROL_MODE} (default; persistent control clients,
   * event-driven waits) or {@link Transport#PROCESS} (a tmux process per command, polling waits).
   *
   * @param transport the transport
   * @return this builder
   */
  public TmuxClientBuilder transport(Transport transport) {
    this.transport = Objects.requireNonNull(transport, "transport");
    return this;
  }

  /**
   * How long one tmux command may take before it is abandoned. Default 10 seconds.
   *
   * @param timeout a positive duration
   * @return this builder
   */
  public TmuxClientBuilder commandTimeout(Duration timeout) {
    this.commandTimeout = positive(timeout, "commandTimeout");
    return this;
  }

  /**
   * How long {@link Session#run(String)} waits for the next prompt when no timeout is given. Default 30
   * seconds.
   *
   * @param timeout a positive duration
   * @return this builder
   */
  public TmuxClientBuilder defaultTimeout(Duration timeout) {
    this.defaultTimeout = positive(timeout, "defaultTimeout");
    return this;
  }

  /**
   * How closely a session's {@code last_active} follows its input. Input ({@code send}, {@code type},
   * {@code sendKeys}, {@code run}) records its time in the registry at most once per this interval for
   * each session handle, so a burst of commands costs one registry write rather than one each (a write
   * of the default file registry forces the disk: about 1.5 ms). {@code last_active} is then at most
   * this much older than the last input. {@link Session#touch()} always writes. Default 1 second;
   * {@link Duration#ZERO} records every input.
   *
   * @param resolution zero or a positive duration
   * @return this builder
   * @throws IllegalArgumentException if {@code resolution} is negative
   */
  public TmuxClientBuilder activityResolution(Duration resolution) {
    Objects.requireNonNull(resolution, "activityResolution");
    if (resolution.isNegative()) {
      throw new IllegalArgumentException("activityResolution must be zero or positive, got " + resolution);
    }
    this.activityResolution = resolution;
    return this;
  }

  /**
   * How many characters of one input's output a handle keeps for {@code waitFor} and {@code run}. Output
   * beyond it is not lost silently: the first and last halves are kept, and
   * {@link CommandResult#truncation()} says how many lines and characters were left out between them.
   * Default 16,000,000 (about 32 MB of heap for one session's output at most).
   *
   * @param chars at least 1,000
   * @return this builder
   * @throws IllegalArgumentException if {@code chars} is below 1,000
   */
  public TmuxClientBuilder outputLimit(long chars) {
    if (chars < 1_000) {
      throw new IllegalArgumentException("outputLimit must be at least 1000 characters, got " + chars);
    }
    this.outputLimit = chars;
    return this;
  }

  /**
   * The clock for registry timestamps and health checks. Default UTC system clock; tests inject their
   * own.
   *
   * @param clock the clock
   * @return this builder
   */
  public TmuxClientBuilder clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /**
   * Creates the client, creating and checking the socket directory.
   *
   * @return the client
   * @throws TmuxException if the socket directory is unusable or the socket path too long
   */
  public TmuxClient build() {
    return new TmuxClient(this);
  }

  private static Duration positive(Duration d, String what) {
    Objects.requireNonNull(d, what);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(what + " must be positive, got " + d);
    }
    return d;
  }
}

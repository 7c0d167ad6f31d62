package io.github.tmux4j.internal;

import io.github.tmux4j.Capture;
import io.github.tmux4j.CommandResult;
import io.github.tmux4j.Health;
import io.github.tmux4j.OutputFeed;
import io.github.tmux4j.RegistryException;
import io.github.tmux4j.Session;
import io.github.tmux4j.SessionLease;
import io.github.tmux4j.SessionType;
import io.github.tmux4j.WaitTimeoutException;
import io.github.tmux4j.spi.Registry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

/**
 * The {@link Session} implementation: input, and waits scoped by the pane's output stream since the last
 * input ({@link InputScopes}, {@link StreamWaits}, {@link CommandRun}); everything that changes the
 * session's life (close, rename, tags) goes through the client's {@link Lifecycle}.
 */
public final class DefaultSession implements Session {
  private static final System.Logger LOG = System.getLogger(DefaultSession.class.getName());

  /**
   * What a session needs from its client.
   *
   * @param registry where sessions are recorded
   * @param clock the clock for timestamps
   * @param defaultTimeout the timeout of {@code run} without one
   * @param activityResolution how often input may write {@code last_active}
   * @param leases the JVM's leases
   * @param outputLimit how many characters of one input's output are kept at most
   */
  public record Context(Registry registry, Clock clock, Duration defaultTimeout, Duration activityResolution,
      Leases leases, long outputLimit) {}

  private final TmuxCommands tmux;
  private final PaneCommands panes;
  private final Context context;
  private final Lifecycle lifecycle;
  private volatile String name;
  private final SessionRef ref;
  private final String pane;
  private final SessionType type;
  private final Pattern prompt;
  /** The session's prompt-marker nonce, or {@code null} if its prompts carry none. */
  private final String nonce;
  private final boolean registered;
  private final StreamWaits waits;
  private final ReentrantLock runLock = new ReentrantLock();
  private final InputScopes scopes;
  /** Whether anything was typed or sent through this handle yet (before that, waits look at the screen). */
  private volatile boolean inputSent;
  /** When input last wrote {@code last_active}; {@code null} before the first time. */
  private final AtomicReference<Instant> activityWritten = new AtomicReference<>();

  /**
   * Creates a handle.
   *
   * @param tmux the gateway to the session's server
   * @param context the client's registry, clock and defaults
   * @param lifecycle the client's lifecycle
   * @param name the session name
   * @param ref the session's identity
   * @param type the session type
   * @param prompt the prompt pattern, or {@code null} if unknown
   * @param registered whether the session has a registry record to keep up to date
   * @param nonce the session's prompt-marker nonce, or {@code null} if its prompts carry no markers
   * @param transcript the session's transcript file, or {@code null}
   */
  public DefaultSession(TmuxCommands tmux, Context context, Lifecycle lifecycle, String name, SessionRef ref,
      SessionType type, Pattern prompt, boolean registered, String nonce, Path transcript) {
    this.tmux = tmux;
    this.panes = tmux.pane();
    this.context = context;
    this.lifecycle = lifecycle;
    this.name = name;
    this.ref = ref;
    this.pane = ref.pane();
    this.type = type;
    this.prompt = prompt;
    this.registered = registered;
    this.nonce = nonce;
    this.waits = new StreamWaits(panes, ref, this::name);
    this.scopes = new InputScopes(tmux, ref, this::name, () -> exclusive(context.defaultTimeout()), waits,
        context.outputLimit(), nonce, transcript, prompt != null ? prompt : type.prompt().orElse(null));
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Path socket() {
    return ref.socket();
  }

  /**
   * The session this handle means.
   *
   * @return its identity
   */
  public SessionRef ref() {
    return ref;
  }

  /**
   * Whether the session has a registry record to keep up to date.
   *
   * @return {@code true} if registered
   */
  public boolean registered() {
    return registered;
  }

  /** Called by the lifecycle when the session ends: stops rendering the last input's output. */
  void endInput() {
    scopes.end();
  }

  /** Called by the lifecycle once a rename is done in tmux and the registry. */
  void renamed(String newName) {
    this.name = newName;
  }

  @Override
  public String target() {
    return pane;
  }

  @Override
  public SessionType type() {
    return type;
  }

  @Override
  public void send(String text) {
    input(text, true);
  }

  @Override
  public void type(String text) {
    input(text, false);
  }

  @Override
  public SessionLease exclusive(Duration wait) {
    checkTimeout(wait);
    return context.leases().acquire(ref, name, wait);
  }

  /** Types text (and Enter), and starts rendering what the pane prints after it. */
  private PendingInput input(String text, boolean enter) {
    checkTypeable(text);
    List<String> typed = text.isEmpty() && !enter ? List.of() : List.of(text.split("\n", -1));
    PendingInput in = scopes.deliver(typed, enter, spool -> panes.sendText(ref, name, text, enter, spool));
    inputSent = true;
    recordActivity();
    return in;
  }

  @Override
  public void sendKeys(String... keys) {
    Objects.requireNonNull(keys, "keys");
    if (keys.length == 0) {
      throw new IllegalArgumentException("sendKeys needs at least one key name, e.g. sendKeys(\"C-c\")");
    }
    for (String key : keys) {
      checkTypeable(Objects.requireNonNull(key, "key"));
      if (key.isEmpty()) {
        throw new IllegalArgumentException("An empty key name cannot be sent; use send(\"\") to press Enter");
      }
    }
    scopes.deliver(List.of(), false, spool -> panes.sendKeys(ref, name, List.of(keys), spool));
    inputSent = true;
    recordActivity();
  }

  @Override
  public MatchResult waitFor(String text, Duration timeout) {
    Objects.requireNonNull(text, "text");
    return waitFor(Pattern.compile(Pattern.quote(text)), timeout);
  }

  @Override
  public MatchResult waitFor(Pattern pattern, Duration timeout) {
    Objects.requireNonNull(pattern, "pattern");
    checkTimeout(timeout);
    boolean fresh = !inputSent; // nothing typed through this handle yet: the screen counts too
    return waits.waitFor(scopes.scope(), pattern, timeout, "pattern '" + pattern + "' in session '" + name + "'", fresh);
  }

  @Override
  public MatchResult waitForScreen(Pattern pattern, Duration timeout) {
    Objects.requireNonNull(pattern, "pattern");
    checkTimeout(timeout);
    return waits.waitForScreen(scopes.scope(), pattern, timeout, "pattern '" + pattern + "' on the screen of session '"
        + name + "'");
  }

  /**
   * Waits for a freshly created session to show its ready pattern on the visible screen (its prompt at
   * the cursor, or anywhere on the screen).
   *
   * @param ready the pattern
   * @param timeout the startup timeout
   * @throws WaitTimeoutException if it does not show in time, with the screen
   * @throws io.github.tmux4j.SessionDeadException if the program exits first
   */
  public void awaitReady(Pattern ready, Duration timeout) {
    waits.until(scopes.scope(), System.nanoTime() + timeout.toNanos(), true, "session '" + name + "' to be ready "
        + "(pattern '" + ready + "')", timeout, look -> StreamWaits.promptAt(ready, look.beforeCursor()) != null
        || StreamWaits.find(ready, look.text()) != null ? Boolean.TRUE : null);
    scopes.last().settle();
  }

  @Override
  public CommandResult run(String command) {
    return run(command, context.defaultTimeout());
  }

  @Override
  public CommandResult run(String command, Duration timeout) {
    Objects.requireNonNull(command, "command");
    checkTimeout(timeout);
    if (prompt == null && nonce == null) {
      throw new IllegalStateException("Session '" + name + "' runs a custom command with no known prompt, so "
          + "run() cannot tell when a command has finished. Create it with SessionBuilder.readyWhen(prompt), "
          + "or use send() and waitFor().");
    }
    long started = System.nanoTime();
    long deadline = started + timeout.toNanos();
    runLock.lock();
    // The lease keeps other threads' and processes' input out until this command's prompt is back.
    try (SessionLease lease = exclusive(timeout)) {
      scopes.settle(command, deadline);
      CommandRun run = new CommandRun(waits, this::input, type, name);
      return nonce != null ? run.withMarkers(command, deadline, timeout, started)
          : run.withPrompt(command, prompt, deadline, timeout, started);
    } finally {
      runLock.unlock();
    }
  }

  @Override
  public OutputFeed output() {
    return new DefaultOutputFeed(tmux, pane, context.clock(), false, false, false);
  }

  @Override
  public Capture capture() {
    return new DefaultCapture(panes, ref, name, 0, false, false, false);
  }

  @Override
  public Health health() {
    return lifecycle.inventory().health(ref, name);
  }

  @Override
  public void touch() {
    if (registered) {
      Instant now = context.clock().instant();
      context.registry().touch(name, now);
      activityWritten.set(now);
    }
  }

  @Override
  public Session rename(String newName) {
    Names.validate(newName);
    runLock.lock();
    try {
      if (!name.equals(newName)) {
        lifecycle.rename(this, newName);
      }
      return this;
    } finally {
      runLock.unlock();
    }
  }

  @Override
  public Session quarantine() {
    Instant now = context.clock().instant();
    String stamp = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
        .withZone(ZoneOffset.UTC).format(now);
    String original = name;
    String base = original.length() > Names.MAX_LENGTH - 28 ? original.substring(0, Names.MAX_LENGTH - 28) : original;
    rename(base + "-quarantined-" + stamp);
    lifecycle.retag(this, tags -> {
      tags.put(QUARANTINE_TAG, now.toString());
      tags.putIfAbsent(QUARANTINED_FROM_TAG, original);
      return tags;
    });
    return this;
  }

  @Override
  public Session endQuarantine() {
    lifecycle.retag(this, tags -> {
      tags.remove(QUARANTINE_TAG);
      tags.remove(QUARANTINED_FROM_TAG);
      return tags;
    });
    return this;
  }

  @Override
  public void kill() {
    close();
  }

  @Override
  public void close() {
    lifecycle.close(this);
  }

  /**
   * Records input in the registry, at most once per {@link Context#activityResolution()}: a write of the
   * file registry forces the disk, which would otherwise cost more than the input itself.
   */
  private void recordActivity() {
    if (!registered) {
      return;
    }
    Instant now = context.clock().instant();
    Instant last = activityWritten.get();
    if (last != null && !now.isBefore(last) && now.isBefore(last.plus(context.activityResolution()))) {
      return;
    }
    if (!activityWritten.compareAndSet(last, now)) {
      return; // another thread is recording this very moment
    }
    try {
      context.registry().touch(name, now);
    } catch (RegistryException e) {
      activityWritten.compareAndSet(now, last); // try again with the next input
      // The input was delivered; failing the call now would invite a duplicate send.
      LOG.log(System.Logger.Level.WARNING, "Could not record activity of session '" + name + "'", e);
    }
  }

  private static void checkTypeable(String text) {
    Objects.requireNonNull(text, "text");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == 0) {
        throw new IllegalArgumentException("Text contains NUL (U+0000) at index " + i
            + ", which tmux cannot type; send it as a key with sendKeys(\"C-@\") if the program expects it");
      }
      if (Character.isHighSurrogate(c) && (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1)))
          || Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1)))) {
        throw new IllegalArgumentException(String.format("Text contains an unpaired surrogate U+%04X at index %d, "
            + "which is not valid Unicode and cannot be encoded as UTF-8; fix the string", (int) c, i));
      }
    }
  }

  private static void checkTimeout(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, got " + timeout);
    }
  }

  @Override
  public String toString() {
    return "Session[" + name + " " + type.typeName() + " " + pane + " on " + ref.socket() + "]";
  }
}

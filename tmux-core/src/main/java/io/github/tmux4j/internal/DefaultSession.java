package io.github.tmux4j.internal;

import io.github.tmux4j.Capture;
import io.github.tmux4j.CommandResult;
import io.github.tmux4j.Execution;
import io.github.tmux4j.ExecutionOptions;
import io.github.tmux4j.Health;
import io.github.tmux4j.OutputFeed;
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
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

/**
 * The {@link Session} implementation: input, and waits scoped by the pane's output stream since the last
 * input ({@link InputScopes}, {@link StreamWaits}, {@link CommandRun}); everything that changes the
 * session's life (close, rename, tags) goes through the client's {@link Lifecycle}.
 */
public final class DefaultSession implements Session {
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
  private final Activity activity;
  /** When input was last sent through this handle ({@link System#nanoTime()}), 0 before any. */
  private volatile long lastInputNanos;

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
    this.activity = new Activity(context.registry(), context.clock(), context.activityResolution(), this::name,
        registered);
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

  /**
   * Notes the time before input goes to the pane, so that its echo, which may come back before tmux
   * confirms the input, is later than it ({@link InputWatch}).
   */
  private void sending() {
    lastInputNanos = System.nanoTime();
  }

  /**
   * When input was last sent through this handle: until the program has answered it (its echo at least),
   * a look at {@code /proc} that finds the program reading the terminal may be older than the input's
   * arrival ({@link InputWatch}).
   *
   * @return a {@link System#nanoTime()} taken just before the input was sent, or 0 if none was
   */
  long lastInputNanos() {
    return lastInputNanos;
  }

  /** Types text (and Enter), and starts rendering what the pane prints after it. */
  private PendingInput input(String text, boolean enter) {
    Texts.checkTypeable(text);
    sending();
    if (scopes.intoStarted()) { // an answer to a started command: its scope goes on
      scopes.typeInto(spool -> panes.sendText(ref, name, text, enter, spool));
      activity.record();
      return scopes.last();
    }
    List<String> typed = text.isEmpty() && !enter ? List.of() : List.of(text.split("\n", -1));
    PendingInput in = scopes.deliver(typed, enter, spool -> panes.sendText(ref, name, text, enter, spool));
    inputSent = true;
    activity.record();
    return in;
  }

  /**
   * Types one line of a started command (or of a capped {@code run}) as its own scope.
   *
   * @param line the line, typed with Enter
   * @param limit how many characters of its output to keep at most
   * @param hold whether it is a started command's (input then goes into it until it finishes)
   * @return its input
   */
  PendingInput typeLine(String line, long limit, boolean hold) {
    Texts.checkTypeable(line);
    sending();
    PendingInput in = scopes.deliver(List.of(line.split("\n", -1)), true,
        spool -> panes.sendText(ref, name, line, true, spool), limit, hold);
    inputSent = true;
    activity.record();
    return in;
  }

  @Override
  public void sendKeys(String... keys) {
    Objects.requireNonNull(keys, "keys");
    if (keys.length == 0) {
      throw new IllegalArgumentException("sendKeys needs at least one key name, e.g. sendKeys(\"C-c\")");
    }
    for (String key : keys) {
      Texts.checkTypeable(Objects.requireNonNull(key, "key"));
      if (key.isEmpty()) {
        throw new IllegalArgumentException("An empty key name cannot be sent; use send(\"\") to press Enter");
      }
    }
    sending();
    if (scopes.intoStarted()) {
      scopes.typeInto(spool -> panes.sendKeys(ref, name, List.of(keys), spool));
    } else {
      scopes.deliver(List.of(), false, spool -> panes.sendKeys(ref, name, List.of(keys), spool));
      inputSent = true;
    }
    activity.record();
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
    return run(command, timeout, CommandRun.Caps.NONE);
  }

  @Override
  public CommandResult run(String command, Duration timeout, ExecutionOptions options) {
    return run(command, timeout, DefaultExecution.caps(Objects.requireNonNull(options, "options")));
  }

  private CommandResult run(String command, Duration timeout, CommandRun.Caps caps) {
    Objects.requireNonNull(command, "command");
    checkTimeout(timeout);
    checkRunnable();
    long started = System.nanoTime();
    long deadline = started + timeout.toNanos();
    long limit = DefaultExecution.rendererLimit(caps);
    runLock.lock();
    // The lease keeps other threads' and processes' input out until this command's prompt is back.
    try (SessionLease lease = exclusive(timeout)) {
      scopes.settle(command, deadline);
      CommandRun run = commandRun(limit, false);
      return nonce != null ? run.withMarkers(command, deadline, timeout, started, caps)
          : run.withPrompt(command, prompt, deadline, timeout, started, caps);
    } finally {
      runLock.unlock();
    }
  }

  @Override
  public Execution start(String command, ExecutionOptions options) {
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(options, "options");
    checkRunnable();
    return DefaultExecution.start(this, command, options);
  }

  private void checkRunnable() {
    if (prompt == null && nonce == null) {
      throw new IllegalStateException("Session '" + name + "' runs a custom command with no known prompt, so "
          + "run() cannot tell when a command has finished. Create it with SessionBuilder.readyWhen(prompt), "
          + "or use send() and waitFor().");
    }
  }

  // What an execution needs from its handle:
  ReentrantLock runLock() { return runLock; }

  InputScopes scopes() { return scopes; }

  StreamWaits waits() { return waits; }

  PaneCommands panes() { return panes; }

  Duration defaultTimeout() { return context.defaultTimeout(); }

  /** The prompt that ends a command in a session without markers, or {@code null} if it has markers. */
  Pattern unmarkedPrompt() {
    return nonce != null ? null : prompt;
  }

  CommandRun commandRun(long limit, boolean hold) {
    return new CommandRun(waits, (line, enter) -> enter ? typeLine(line, limit, hold) : input(line, false), type, name);
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
    activity.touch();
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

  static void checkTimeout(Duration timeout) {
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

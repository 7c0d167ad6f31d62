package io.github.tmux4j.internal;

import io.github.tmux4j.Capture;
import io.github.tmux4j.CommandResult;
import io.github.tmux4j.Health;
import io.github.tmux4j.HealthState;
import io.github.tmux4j.OutputFeed;
import io.github.tmux4j.RegistryException;
import io.github.tmux4j.ServerNotRunningException;
import io.github.tmux4j.Session;
import io.github.tmux4j.SessionDeadException;
import io.github.tmux4j.SessionLease;
import io.github.tmux4j.SessionNotFoundException;
import io.github.tmux4j.SessionType;
import io.github.tmux4j.TmuxException;
import io.github.tmux4j.WaitTimeoutException;
import io.github.tmux4j.spi.Registry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@link Session} implementation: input and waits on top of {@link PaneCommands}; everything that
 * changes the session's life (close, rename, tags) goes through the client's {@link Lifecycle}.
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
   * @param leases the client's leases
   */
  public record Context(Registry registry, Clock clock, Duration defaultTimeout, Duration activityResolution,
      Leases leases) {}

  /**
   * Where the last input went: the position before it and its lines, to scope waits after it.
   * {@code settled} is false while the program may still be working on it (after {@code send} or
   * {@code sendKeys}, until {@code run} saw the next prompt).
   */
  private record Mark(int line, int column, int historySize, List<String> input, boolean settled, ScreenTail tail) {
    Mark settle() {
      return new Mark(line, column, historySize, input, true, tail);
    }
  }

  /** Lines captured again above the last cursor position, so matches across a capture boundary are kept. */
  private static final int RESCAN_LINES = 200;
  /** Rows a look captures above where it needs to start, in case output scrolled the screen meanwhile. */
  private static final int SCROLL_SLACK = 16;
  /** History lines included in the screen of a {@link SessionDeadException}. */
  private static final int DEAD_EVIDENCE_LINES = 100;

  private final TmuxCommands tmux;
  private final PaneCommands panes;
  private final Context context;
  private final Lifecycle lifecycle;
  private volatile String name;
  private final SessionRef ref;
  private final String pane;
  private final SessionType type;
  private final Pattern prompt;
  /** Whether the prompt may have a group {@code exit}; without one, asking for it throws, which is slow. */
  private final boolean promptHasExit;
  private final boolean registered;
  private final ReentrantLock runLock = new ReentrantLock();
  private volatile Mark mark;
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
   */
  public DefaultSession(TmuxCommands tmux, Context context, Lifecycle lifecycle, String name, SessionRef ref,
      SessionType type, Pattern prompt, boolean registered) {
    this.tmux = tmux;
    this.panes = tmux.pane();
    this.context = context;
    this.lifecycle = lifecycle;
    this.name = name;
    this.ref = ref;
    this.pane = ref.pane();
    this.type = type;
    this.prompt = prompt;
    this.promptHasExit = prompt != null && prompt.pattern().contains("(?<exit>");
    this.registered = registered;
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

  private Mark input(String text, boolean enter) {
    checkTypeable(text);
    // In control mode the wait that follows applies the output to the cursor's row locally instead of
    // asking tmux (see ScreenTail). The row comes from the last input's tail when its model followed the
    // pane until now and agrees with tmux on the cursor; otherwise the send reads it.
    PaneSignal signal = tmux.signal(pane);
    Mark previous = mark;
    ScreenTail before = signal != null && previous != null && previous.tail() != null
        && previous.tail().claimIfFollowing() ? previous.tail() : null;
    Mark m;
    try (SessionLease lease = exclusive(context.defaultTimeout())) {
      PaneCommands.Position p;
      String row;
      try {
        p = panes.sendText(ref, name, text, enter, signal != null && before == null);
        row = before == null ? null : before.cursorRowAt(p.state());
      } finally {
        if (before != null) {
          before.release();
        }
      }
      PaneSnapshot seed = row != null ? p.state().withLines(List.of(row)) : p.screen();
      ScreenTail tail = null;
      if (signal != null && seed != null) {
        tail = new ScreenTail(signal);
        tail.seed(seed, true);
      }
      m = new Mark(p.line(), p.column(), p.historySize(), enter ? List.of(text.split("\n", -1)) : List.of(),
          !enter, tail);
      mark = m; // under the lease: a concurrent input cannot leave an older mark behind
    }
    recordActivity();
    return m;
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
    try (SessionLease lease = exclusive(context.defaultTimeout())) {
      PaneCommands.Position p = panes.sendKeys(ref, name, List.of(keys));
      mark = new Mark(p.line(), p.column(), p.historySize(), List.of(), false, null);
    }
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
    Mark m = mark;
    return poll(m, timeout, "pattern '" + pattern + "' in session '" + name + "'", region -> {
      Matcher matcher = pattern.matcher(region.text());
      return matcher.find() ? matcher.toMatchResult() : null;
    }, false);
  }

  /**
   * Waits for a freshly created session to show its ready pattern anywhere on the visible screen.
   *
   * @param ready the pattern
   * @param timeout the startup timeout
   * @throws WaitTimeoutException if it does not show in time, with the screen
   * @throws SessionDeadException if the program exits first
   */
  public void awaitReady(Pattern ready, Duration timeout) {
    poll(null, timeout, "session '" + name + "' to be ready (pattern '" + ready + "')",
        region -> ready.matcher(region.text()).find() ? Boolean.TRUE : null, false);
  }

  @Override
  public CommandResult run(String command) {
    return run(command, context.defaultTimeout());
  }

  @Override
  public CommandResult run(String command, Duration timeout) {
    Objects.requireNonNull(command, "command");
    checkTimeout(timeout);
    if (prompt == null) {
      throw new IllegalStateException("Session '" + name + "' runs a custom command with no known prompt, so "
          + "run() cannot tell when a command has finished. Create it with SessionBuilder.readyWhen(prompt), "
          + "or use send() and waitFor().");
    }
    runLock.lock();
    long start = System.nanoTime();
    // The lease keeps other threads' and processes' input out until this command's prompt is back.
    try (SessionLease lease = exclusive(timeout)) {
      Mark previous = mark;
      if (previous != null && !previous.settled()) {
        // Input sent before (send, sendKeys) may still be running: typing now would mix its echo and
        // output with this command's. Wait for the prompt that follows it first.
        poll(previous, timeout, "the prompt after earlier input, before running '" + abbreviate(command)
            + "' in session '" + name + "'", region -> region.promptMatch(prompt) != null ? Boolean.TRUE : null, false);
      }
      Mark m = input(command, true);
      Duration left = timeout.minusNanos(System.nanoTime() - start);
      CommandResult result = poll(m, left.isNegative() || left.isZero() ? Duration.ofNanos(1) : left,
          "the prompt after '" + abbreviate(command) + "' in session '" + name + "'", region -> {
            Matcher p = region.promptMatch(prompt);
            if (p == null) {
              return null;
            }
            return new CommandResult(command, region.outputBefore(p), Duration.ofNanos(System.nanoTime() - start),
                promptHasExit ? exitCode(p) : OptionalInt.empty());
          }, true);
      if (mark == m) {
        mark = m.settle();
      }
      return result;
    } finally {
      runLock.unlock();
    }
  }

  /**
   * Waits until {@code check} accepts the output after {@code m}: woken by the pane's output in control
   * mode, polling with backoff otherwise.
   *
   * <p>Each look captures only what is new: once the echo of the input has been seen, the next capture
   * starts {@link #RESCAN_LINES} lines above the previous cursor line instead of at the mark, so a
   * program that prints megabytes costs time linear in its output, not quadratic. A match found in such a
   * partial look is confirmed on the whole region when {@code wholeRegion} is set ({@code run} needs
   * all of the output).
   *
   * <p>In control mode most looks are local: a {@link ScreenTail} (seeded by the send, or by the last look
   * through tmux) applies the pane's output to a model of the screen and answers what a capture would.
   */
  private <T> T poll(Mark m, Duration timeout, String what, Function<OutputRegion, T> check, boolean wholeRegion) {
    long deadline = System.nanoTime() + timeout.toNanos();
    int[] assumedHistory = {m == null ? 0 : m.historySize()};
    int[] scanFrom = {m == null ? -1 : m.line()};
    int[] markLine = {m == null ? -1 : m.line()};
    PaneSnapshot[] last = new PaneSnapshot[1];
    PaneSignal signal = tmux.signal(pane);
    boolean claimed = signal != null && m != null && m.tail() != null && m.tail().claim();
    // a tail claimed from the mark was seeded when the input was sent
    ScreenTail tail = claimed ? m.tail() : signal != null && m != null ? new ScreenTail(signal) : null;
    try {
      T result = Waits.until(signal, deadline, what, woken -> {
        PaneSnapshot snap = tail == null ? null : tail.look(scanFrom[0], woken);
        boolean local = snap != null;
        if (local) {
          // A local look knows exactly how many of the oldest history lines tmux dropped since our last
          // look, which moved absolute line numbers up: move ours with them.
          markLine[0] = Math.max(0, markLine[0] - tail.shift());
          scanFrom[0] -= tail.shift();
        } else {
          snap = snapshot(scanFrom[0], assumedHistory[0]);
          if (tail != null) {
            tail.seed(snap, false);
          }
        }
        if (!local && m != null && snap.historySize() < assumedHistory[0]) {
          // The history reached its limit and tmux dropped its oldest lines (a tenth of the limit at a
          // time), so absolute line numbers moved up: move ours by as many whole chunks, and look again.
          int chunk = Math.max(1, snap.historyLimit() / 10);
          int dropped = (assumedHistory[0] - snap.historySize() + chunk - 1) / chunk * chunk;
          markLine[0] = Math.max(0, markLine[0] - dropped);
          scanFrom[0] = Math.max(0, scanFrom[0] - dropped);
          assumedHistory[0] = snap.historySize();
          snap = snapshot(scanFrom[0], assumedHistory[0]);
        }
        assumedHistory[0] = snap.historySize();
        last[0] = snap;
        boolean fromMark = m == null || scanFrom[0] == markLine[0];
        if (m != null && fromMark && snap.firstLine() != markLine[0] && !snap.dead()) {
          // The history grew between our last look and this one, so the capture did not start at the mark.
          if (snap.firstLine() > markLine[0] + echoSpan(m, snap.width())) {
            fromMark = false; // the echo lies wholly above this capture: what it holds is output
          } else {
            return null; // output is still arriving: the signal wakes us for another, aligned look
          }
        }
        OutputRegion region = region(m, snap, fromMark, markLine[0]);
        T value = check.apply(region);
        if (value != null && !fromMark && wholeRegion) {
          PaneSnapshot whole = snapshot(markLine[0], snap.historySize());
          last[0] = whole;
          value = whole.firstLine() == markLine[0] ? check.apply(region(m, whole, true, markLine[0])) : null;
        }
        if (value == null && snap.dead()) {
          throw deadException(panes, ref, name, snap);
        }
        if (m != null && (!fromMark || region.echoComplete())) {
          scanFrom[0] = Math.max(scanFrom[0], snap.cursorLine() - RESCAN_LINES);
        }
        return value;
      });
      if (result == null) {
        throw new WaitTimeoutException(what, timeout, last[0].text());
      }
      return result;
    } finally {
      if (claimed) {
        tail.release();
      }
    }
  }

  /** The most screen lines the echo of the input after {@code m} can take up in a pane this wide. */
  private static int echoSpan(Mark m, int width) {
    int lines = 1;
    int column = m.column();
    for (String input : m.input()) {
      int cells = column + input.length() * 2; // wide characters take two cells; tabs are bounded below
      lines += cells / Math.max(1, width) + 1;
      column = 20; // a continuation prompt
    }
    return lines;
  }

  private static OutputRegion region(Mark m, PaneSnapshot snap, boolean fromMark, int markLine) {
    if (m == null) {
      return OutputRegion.parse(snap.lines(), 0, 0, List.of());
    }
    if (!fromMark) {
      return OutputRegion.parse(snap.lines(), 0, snap.cursorX(), List.of());
    }
    return OutputRegion.parse(snap.lines(), markLine == snap.firstLine() ? m.column() : 0, snap.cursorX(), m.input());
  }

  /**
   * The exception for a pane found dead, with the exit status once tmux knows it.
   *
   * @param panes the session's pane commands
   * @param ref the session
   * @param name the session name
   * @param snap the snapshot that found the pane dead
   * @return the exception to throw
   */
  static SessionDeadException deadException(PaneCommands panes, SessionRef ref, String name, PaneSnapshot snap) {
    Integer status = snap.deadStatus();
    String screen = snap.text();
    try {
      if (status == null) {
        status = panes.info(ref, name).deadStatus();
      }
      // tmux's "Pane is dead" line scrolls the top of the screen into history: include some of it.
      screen = String.join("\n", Texts.lines(panes.capture(ref, name, DEAD_EVIDENCE_LINES, true, false)));
    } catch (TmuxException gone) {
      // keep the snapshot's answer
    }
    return new SessionDeadException(name, status, screen);
  }

  /**
   * Captures from an absolute line. The first capture reaches {@link #SCROLL_SLACK} rows higher, so output
   * that scrolled the screen since {@code assumedHistory} was read (the usual case right after input)
   * costs no second look; if it scrolled further, looks again with the new history size.
   */
  private PaneSnapshot snapshot(int fromLine, int assumedHistory) {
    if (fromLine < 0) {
      return panes.snapshot(ref, name, -1, 0, 0);
    }
    PaneSnapshot snap = panes.snapshot(ref, name, fromLine, assumedHistory, SCROLL_SLACK);
    for (int i = 0; i < 3 && snap.firstLine() != fromLine; i++) {
      assumedHistory = snap.historySize();
      snap = panes.snapshot(ref, name, fromLine, assumedHistory, 0);
    }
    return snap;
  }

  private static OptionalInt exitCode(Matcher promptMatch) {
    try {
      String code = promptMatch.group("exit");
      return code == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(code));
    } catch (IllegalArgumentException noSuchGroupOrNotANumber) {
      return OptionalInt.empty();
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

  private static String abbreviate(String command) {
    String oneLine = command.replace("\n", "\\n");
    return oneLine.length() <= 60 ? oneLine : oneLine.substring(0, 57) + "...";
  }

  @Override
  public String toString() {
    return "Session[" + name + " " + type.typeName() + " " + pane + " on " + ref.socket() + "]";
  }
}

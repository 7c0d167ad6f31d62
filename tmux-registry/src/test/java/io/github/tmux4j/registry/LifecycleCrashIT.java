package io.github.tmux4j.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.tmux4j.CommandResult;
import io.github.tmux4j.Health;
import io.github.tmux4j.ReconcileReport;
import io.github.tmux4j.Session;
import io.github.tmux4j.TmuxClient;
import io.github.tmux4j.spi.SessionRecord;
import io.github.tmux4j.testing.PrivateTmux;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Programs that use tmux4j die with SIGKILL at random moments, in the middle of creating, renaming,
 * closing and killing sessions, and what they leave is always something {@code reconcile(true)} brings
 * back in step: 200 times a child JVM ({@link LifecycleCrashChild}: the default client, control mode and
 * the file registry, a few threads of random operations on a shared pool of names) is killed 50 to 1500 ms
 * after it started. Two children run at a time, on one socket and one registry, and the children of
 * later rounds work on what the killed ones left.
 *
 * <p>Throughout, a bystander session made by the test must stay healthy and the tmux server must stay the
 * same process (a new pid means the server crashed: a bug). Between rounds, when no child runs, the test
 * compares tmux and the registry and attributes every new difference to the operations that were in
 * flight when the children died. At the end one {@code reconcile(true)} from a fresh client must leave
 * registry and tmux in agreement: every live session labelled {@code registered=1} has exactly one record,
 * equal to its labels, and every record has its live session.
 *
 * <p>The test fails at once if the server changes or the bystander stops answering, and at the end for:
 * a disagreement left after the one reconcile; a record that differs from its session's labels, two
 * records of one session, an unlabelled session or a dead pane seen between rounds; an exception in a
 * child that is not a {@link io.github.tmux4j.TmuxException} (those are expected in the races: a name
 * taken, a session gone); a tmux command of a killed child that never ends; and any process (child JVM,
 * tmux client, server) left after the cleanup. It only reports, with the counts: what each kill
 * interrupted (and which of its steps had happened), differences between rounds that no interrupted
 * operation explains (races between completed operations), and control clients of killed children that
 * stay attached.
 *
 * <p>System properties: {@code lifecycle.crash.rounds} (200), {@code lifecycle.crash.seed},
 * {@code lifecycle.crash.parallel} (children at a time, 2),
 * {@code lifecycle.crash.pause} (the children's maximum pause between operations, ms).
 */
class LifecycleCrashIT {
  @RegisterExtension static final PrivateTmux TMUX = new PrivateTmux();

  private static final int ROUNDS = Integer.getInteger("lifecycle.crash.rounds", 200);
  private static final int PARALLEL = Integer.getInteger("lifecycle.crash.parallel", 2);
  private static final int THREADS = 3;
  /** How many groups of children wait, started, for their turn. */
  private static final int AHEAD = 3;
  private static final int PAUSE_MS = Integer.getInteger("lifecycle.crash.pause", 15);
  private static final int MIN_KILL_MS = 50;
  private static final int MAX_KILL_MS = 1500;
  private static final Duration READY_WAIT = Duration.ofSeconds(60);
  private static final Duration EXIT_WAIT = Duration.ofSeconds(30);
  private static final Duration LEFTOVER_WAIT = Duration.ofSeconds(15);
  private static final Duration CLIENT_GRACE = Duration.ofSeconds(1);
  private static final Duration OUTPUT_GRACE = Duration.ofSeconds(3);
  private static final Duration TMUX_WAIT = Duration.ofSeconds(15);
  private static final String BYSTANDER = "bystander";
  private static final String CREATED = "@tmux4j-created";
  private static final String PROMPT_TAG = "tmux4j.prompt";

  /**
   * The children's class path: this JVM's, with tmux4j's jars copied once, so that every child runs the
   * same code even if the local repository's jars are rewritten meanwhile (another build installing).
   */
  private static String childClassPath;

  private Random random;
  /** Where the children's copies of tmux4j's jars are; deleted at the end. */
  private Path jars;
  private Path dir;
  private Path socket;
  private long testStart;
  private final List<String> failures = new ArrayList<>();
  private final Map<String, Integer> inFlight = new TreeMap<>();
  private final Map<String, Integer> outcomes = new TreeMap<>();
  private final Map<String, Integer> exceptions = new TreeMap<>();
  private final Map<String, Integer> newIssues = new TreeMap<>();
  private final List<String> unexplained = new ArrayList<>();
  private final List<String> bugExceptions = new ArrayList<>();
  private final Map<String, Integer> warnings = new TreeMap<>();
  private final Map<String, java.util.Deque<String>> paneHistory = new HashMap<>();
  private long opsCompleted;
  private int descendantsSeen;
  /** Control clients of killed children that did not leave within {@link #CLIENT_GRACE}. */
  private final List<String> lingering = new ArrayList<>();
  private final List<Proc> lingeringProcs = new ArrayList<>();
  /** Every tmux process of every killed child: none may be left at the end. */
  private final List<Proc> allDescendants = new ArrayList<>();
  /** Children whose output pipe stayed open after their death (held by a process they were spawning). */
  private final List<String> pipesHeld = new ArrayList<>();

  @Test
  void sigkilledClientsLeaveNothingThatReconcileCannotRepair() throws Exception {
    testStart = System.nanoTime();
    long seed = Long.getLong("lifecycle.crash.seed", System.nanoTime());
    random = new Random(seed);
    dir = TMUX.dir();
    Files.createDirectories(PrivateTmux.baseDir());
    jars = Files.createTempDirectory(PrivateTmux.baseDir(), "jars");
    childClassPath = frozenClassPath(jars);
    List<Child> started = new ArrayList<>();
    try (TmuxClient tmux = TmuxClient.builder().socketDir(dir).build()) {
      socket = tmux.socket();
      Session bystander = tmux.newSession(BYSTANDER).shell().tag("role", "bystander").create();
      SessionRecord bystanderRecord = tmux.registry().get(BYSTANDER).orElseThrow();
      String serverPid = tmuxOut("display-message", "-p", "#{pid}").strip();
      System.out.printf("LifecycleCrashIT: seed %d, %d rounds, %d children at a time, %d threads each, "
          + "socket %s, server pid %s%n", seed, ROUNDS, PARALLEL, THREADS, socket, serverPid);
      new ServerWatch(Long.parseLong(serverPid), socket.toString()).start();

      Snapshot before = snapshot(tmux);
      Map<String, Issue> issuesBefore = issues(before);
      // Children are started AHEAD groups in advance and wait for GO, so that JVM start-up is off the clock.
      java.util.ArrayDeque<List<Child>> queue = new java.util.ArrayDeque<>();
      int spawned = 0;
      for (int first = 0; first < ROUNDS; first += PARALLEL) {
        for (; queue.size() < AHEAD && spawned < ROUNDS; spawned += PARALLEL) {
          queue.add(spawn(spawned));
          started.addAll(queue.peekLast());
        }
        List<Child> group = queue.poll();
        playRound(group);
        started.removeAll(group);

        // Quiescent: no child runs (the next ones wait for GO). Compare tmux and the registry.
        long t = System.nanoTime();
        checkServerAndBystander(tmux, bystander, bystanderRecord, serverPid, group, first);
        t = phase("server and bystander check", t);
        Snapshot after = snapshot(tmux);
        Map<String, Issue> issues = issues(after);
        for (Child c : group) {
          account(c, before, after);
        }
        attribute(group, issuesBefore, issues);
        before = after;
        issuesBefore = issues;
        phase("snapshot and analysis", t);
      }

      long roundsDone = System.nanoTime();
      checkServerAndBystander(tmux, bystander, bystanderRecord, serverPid, List.of(), ROUNDS);
      finalCheck(serverPid, bystanderRecord);
      bystander.close();
      printSummary(seed, roundsDone);
    } finally {
      for (Child c : started) {
        c.close();
      }
      cleanUp();
    }
    assertTrue(failures.isEmpty(), failures.size() + " failure(s):\n" + String.join("\n", failures));
  }

  /** Starts a group of children, kills each at its random moment, and waits until they and theirs are gone. */
  private void playRound(List<Child> group) throws Exception {
    long t = System.nanoTime();
    for (Child c : group) {
      c.awaitLine(c.ready, "READY");
    }
    t = phase("waiting for READY", t);
    group.forEach(Child::go);
    for (Child c : group) {
      c.awaitLine(c.started, "STARTED");
      c.killAt = c.startedAt + TimeUnit.MILLISECONDS.toNanos(MIN_KILL_MS + random.nextInt(MAX_KILL_MS - MIN_KILL_MS + 1));
    }
    List<Child> byKill = new ArrayList<>(group);
    byKill.sort(Comparator.comparingLong(c -> c.killAt));
    for (Child c : byKill) {
      long wait = c.killAt - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait); // the random moment of the kill: the test's input
      }
      c.kill();
    }
    t = phase("GO to the last kill", t);
    for (Child c : group) {
      if (!c.awaitExit()) {
        pipesHeld.add(c.id + " (alive then: " + c.descendants.stream().filter(p -> p.handle().isAlive())
            .map(p -> p + " now " + p.handle().info().commandLine().orElse("?")).toList() + ")");
      }
      awaitLeftovers(c);
    }
    phase("exit of the children and their tmux processes", t);
  }

  /**
   * Waits for the tmux processes of a killed child. Its control clients leave when tmux reads their closed
   * input, or never (counted, see the summary); its one-shot tmux commands change tmux until they end, so
   * the test waits for them. A process that was still being spawned at the kill shows what it became only
   * now.
   */
  private void awaitLeftovers(Child c) throws InterruptedException {
    descendantsSeen += c.descendants.size();
    allDescendants.addAll(c.descendants);
    List<Proc> left = awaitGone(c.descendants, CLIENT_GRACE).stream()
        .map(p -> new Proc(p.handle(), p.handle().info().commandLine().orElse(p.commandLine()), p.ageAtKill()))
        .toList();
    List<Proc> clients = left.stream().filter(Proc::controlClient).toList();
    List<Proc> commands = awaitGone(left.stream().filter(p -> !p.controlClient()).toList(), LEFTOVER_WAIT);
    if (!commands.isEmpty()) {
      failures.add("tmux commands of killed child " + c.id + " still run " + LEFTOVER_WAIT + " later: " + commands);
    }
    if (!clients.isEmpty()) {
      clients.forEach(p -> lingering.add(c.id + ": " + p));
      lingeringProcs.addAll(clients);
      System.out.printf("  %s: %d control client(s) still attached %d ms after the JVM died: %s%n", c.id,
          clients.size(), CLIENT_GRACE.toMillis(), clients);
    }
  }

  // ---- the children ----

  private List<Child> spawn(int firstRound) throws IOException {
    List<Child> pair = new ArrayList<>();
    for (int i = 0; i < PARALLEL && firstRound + i < ROUNDS; i++) {
      pair.add(Child.start(dir, "c" + (firstRound + i), random.nextLong()));
    }
    return pair;
  }

  /** A child JVM with its output read line by line. */
  private static final class Child {
    final String id;
    final Process process;
    final List<String> lines = new CopyOnWriteArrayList<>();
    /** When each line of {@link #lines} arrived (System.nanoTime), same index. */
    final List<Long> times = new CopyOnWriteArrayList<>();
    final List<String> err = new CopyOnWriteArrayList<>();
    final CountDownLatch ready = new CountDownLatch(1);
    final CountDownLatch started = new CountDownLatch(1);
    final CountDownLatch drained = new CountDownLatch(2);
    volatile long startedAt;
    long killAt;
    long killedAt;
    long killedAfterMillis;
    List<Proc> descendants = List.of();

    private Child(String id, Process process) {
      this.id = id;
      this.process = process;
      read(process.getInputStream(), true);
      read(process.getErrorStream(), false);
    }

    static Child start(Path dir, String id, long seed) throws IOException {
      List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xmx96m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
          "-cp", childClassPath, LifecycleCrashChild.class.getName(),
          dir.toString(), id, Long.toString(seed), Integer.toString(THREADS), Integer.toString(PAUSE_MS));
      return new Child(id, new ProcessBuilder(command).start());
    }

    private void read(InputStream stream, boolean out) {
      Thread t = new Thread(() -> {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
          for (String line; (line = r.readLine()) != null; ) {
            if (!out) {
              err.add(line);
            } else if (line.equals("READY")) {
              ready.countDown();
            } else if (line.equals("STARTED")) {
              startedAt = System.nanoTime();
              started.countDown();
            } else {
              times.add(System.nanoTime());
              lines.add(line);
            }
          }
        } catch (IOException e) {
          (out ? lines : err).add("[closed: " + e + "]");
        } finally {
          drained.countDown();
        }
      }, "child-" + id + (out ? "-out" : "-err"));
      t.setDaemon(true);
      t.start();
    }

    void awaitLine(CountDownLatch latch, String what) throws InterruptedException {
      if (!latch.await(READY_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        fail("child " + id + " did not print " + what + " within " + READY_WAIT + " (alive " + process.isAlive()
            + "); output " + lines + "; stderr:\n" + String.join("\n", err));
      }
    }

    void go() {
      try {
        OutputStream in = process.getOutputStream();
        in.write("GO\n".getBytes(StandardCharsets.US_ASCII));
        in.flush();
      } catch (IOException e) {
        throw new AssertionError("child " + id + " cannot be started; stderr:\n" + String.join("\n", err), e);
      }
    }

    void kill() {
      assertTrue(process.isAlive(), "child " + id + " died by itself; output " + lines + "; stderr:\n"
          + String.join("\n", err));
      Instant now = Instant.now();
      descendants = process.descendants() // its tmux processes: they should go with it
          .map(p -> new Proc(p, p.info().commandLine().orElse("?"), p.info().startInstant()
              .map(t -> Duration.between(t, now).toMillis()).orElse(-1L))).toList();
      process.destroyForcibly(); // SIGKILL
      killedAt = System.nanoTime();
      killedAfterMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt);
    }

    /**
     * Waits for the JVM's exit and for its output to be read. A process it was spawning when it died
     * (jspawnhelper) may hold its output pipe open: then the lines already written are read after a grace.
     *
     * @return whether the output was read to its end
     */
    boolean awaitExit() throws InterruptedException {
      assertTrue(process.waitFor(EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS), "child " + id + " survives SIGKILL");
      return drained.await(OUTPUT_GRACE.toMillis(), TimeUnit.MILLISECONDS);
    }

    void close() {
      if (process.isAlive()) {
        process.destroyForcibly();
        try {
          process.waitFor(EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  /** A process and its command line, read while it ran. */
  private record Proc(ProcessHandle handle, String commandLine, long ageAtKill) {
    boolean controlClient() {
      return List.of(commandLine.split(" ")).contains("-C");
    }

    @Override
    public String toString() {
      return handle.pid() + " " + commandLine;
    }
  }

  /**
   * Waits until the processes are gone (or zombies: exited, reparented, waiting for a reaper that may not
   * come), at most {@code timeout}.
   *
   * @return those still running
   */
  private List<Proc> awaitGone(List<Proc> processes, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<Proc> left = new ArrayList<>(processes);
    while (true) {
      left.removeIf(p -> !p.handle().isAlive() || isZombie(p.handle().pid()));
      long remaining = deadline - System.nanoTime();
      if (left.isEmpty() || remaining <= 0) {
        return left;
      }
      try {
        left.get(0).handle().onExit().get(Math.min(remaining, TimeUnit.MILLISECONDS.toNanos(100)),
            TimeUnit.NANOSECONDS);
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        // checked again above (a zombie never completes onExit)
      }
    }
  }

  private static boolean isZombie(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      int close = stat.lastIndexOf(')');
      return close > 0 && stat.length() > close + 2 && stat.charAt(close + 2) == 'Z';
    } catch (IOException | RuntimeException gone) {
      return false;
    }
  }

  // ---- tmux and the registry, as the test sees them ----

  /** The active pane of a live session, with its session's labels (empty strings when unset). */
  private record Live(String sessionId, String name, String pane, String pid, boolean dead, String created,
      String type, String registered, String tags, String prompt) {}

  private record Snapshot(Map<String, Live> byPane, List<SessionRecord> records) {}

  private static final String LIVE_FORMAT = String.join("\t", "#{session_id}", "#{session_name}", "#{pane_id}",
      "#{pane_pid}", "#{pane_dead}", "#{window_active}#{pane_active}", "#{" + CREATED + "}", "#{@tmux4j-type}",
      "#{@tmux4j-registered}", "#{@tmux4j-tags}", "#{@tmux4j-prompt}");

  private Snapshot snapshot(TmuxClient tmux) throws Exception {
    Map<String, Live> byPane = new LinkedHashMap<>();
    for (String line : tmuxOut("list-panes", "-a", "-F", LIVE_FORMAT).split("\n")) {
      String[] f = line.split("\t", -1);
      if (f.length == 11 && f[5].equals("11")) {
        byPane.put(f[2], new Live(f[0], f[1], f[2], f[3], f[4].equals("1"), f[6], f[7], f[8], f[9], f[10]));
      }
    }
    return new Snapshot(byPane, tmux.registry().list());
  }

  private record Issue(String kind, String text, Set<String> names, String pane) {}

  /**
   * What differs between tmux and the registry: ORPHAN (a record without its session), RENAMED (a record
   * under another name than its session's), LOST (a session labelled registered=1 without a record),
   * and what should never be: MISMATCH (a record that differs from its session's labels), DUPLICATE
   * (two records of one session), UNLABELLED (a session without labels; all are made by tmux4j here).
   */
  private Map<String, Issue> issues(Snapshot s) {
    Map<String, Issue> issues = new LinkedHashMap<>();
    Map<String, List<SessionRecord>> bySession = new HashMap<>();
    for (SessionRecord r : s.records()) {
      bySession.computeIfAbsent(r.target() + " " + r.createdAt(), k -> new ArrayList<>()).add(r);
      Live l = s.byPane().get(r.target());
      if (l == null || !sameInstant(l.created(), r.createdAt())) {
        add(issues, new Issue("ORPHAN", "record '" + r.name() + "' (" + r.target() + ", created " + r.createdAt()
            + ") has no live session" + (l == null ? "" : "; pane " + r.target() + " is session '" + l.name()
            + "' created " + l.created()), Set.of(r.name()), r.target()));
        continue;
      }
      if (!l.name().equals(r.name())) {
        add(issues, new Issue("RENAMED", "record '" + r.name() + "' (" + r.target() + ") is session '" + l.name()
            + "' in tmux", Set.of(r.name(), l.name()), r.target()));
      }
      String mismatch = mismatch(r, l);
      if (mismatch != null) {
        add(issues, new Issue("MISMATCH", "record '" + r.name() + "' (" + r.target() + ") differs from its "
            + "labels: " + mismatch, Set.of(r.name(), l.name()), r.target()));
      }
    }
    bySession.values().stream().filter(rs -> rs.size() > 1).forEach(rs -> add(issues, new Issue("DUPLICATE",
        "records " + rs.stream().map(SessionRecord::name).toList() + " all record session " + rs.get(0).target()
            + " created " + rs.get(0).createdAt(), rs.stream().map(SessionRecord::name).collect(Collectors.toSet()),
        rs.get(0).target())));
    for (Live l : s.byPane().values()) {
      if (l.created().isEmpty()) {
        add(issues, new Issue("UNLABELLED", "session '" + l.name() + "' (" + l.pane() + ") has no labels",
            Set.of(l.name()), l.pane()));
      } else if (l.registered().equals("1") && s.records().stream()
          .noneMatch(r -> r.target().equals(l.pane()) && sameInstant(l.created(), r.createdAt()))) {
        add(issues, new Issue("LOST", "session '" + l.name() + "' (" + l.pane() + ", created " + l.created()
            + ", type " + l.type() + ", tags " + decodeTags(l.tags()) + ") is labelled registered=1 but has no "
            + "record" + s.records().stream().filter(r -> r.name().equals(l.name())).findFirst()
                .map(r -> "; record '" + r.name() + "' is of " + r.target() + " created " + r.createdAt())
                .orElse(""), Set.of(l.name()), l.pane()));
      }
      if (l.dead()) {
        add(issues, new Issue("DEAD", "session '" + l.name() + "' (" + l.pane() + ") has a dead pane",
            Set.of(l.name()), l.pane()));
      }
    }
    return issues;
  }

  /** Keyed by what the difference is about (kind, pane, names), not by its description. */
  private static void add(Map<String, Issue> issues, Issue issue) {
    issues.put(issue.kind() + " " + issue.pane() + " " + new java.util.TreeSet<>(issue.names()), issue);
  }

  /** How a record differs from the labels of the session it belongs to, or null. */
  private static String mismatch(SessionRecord r, Live l) {
    List<String> diffs = new ArrayList<>();
    if (!r.type().equals(l.type())) {
      diffs.add("type " + r.type() + " vs label " + l.type());
    }
    Map<String, String> labelTags;
    try {
      labelTags = decodeTags(l.tags());
    } catch (IllegalArgumentException e) {
      return "unreadable tags label [" + l.tags() + "]";
    }
    if (!r.tags().equals(labelTags)) {
      diffs.add("tags " + new TreeMap<>(r.tags()) + " vs label " + new TreeMap<>(labelTags));
    }
    String prompt = l.prompt().isEmpty() ? null : URLDecoder.decode(l.prompt(), StandardCharsets.UTF_8);
    if (!Objects.equals(prompt, r.tags().get(PROMPT_TAG))) {
      diffs.add("prompt label " + prompt + " vs tag " + r.tags().get(PROMPT_TAG));
    }
    return diffs.isEmpty() ? null : String.join("; ", diffs);
  }

  private static boolean sameInstant(String label, Instant instant) {
    try {
      return !label.isEmpty() && Instant.parse(label).equals(instant);
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  /** The tags label, decoded independently of the library: {@code k=v&k=v}, each part URL-encoded. */
  private static Map<String, String> decodeTags(String text) {
    Map<String, String> tags = new LinkedHashMap<>();
    if (text.isEmpty()) {
      return tags;
    }
    for (String part : text.split("&")) {
      int eq = part.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("not a tag: " + part);
      }
      tags.put(URLDecoder.decode(part.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return tags;
  }

  // ---- what each kill interrupted ----

  /** An operation a child began: {@code B <op> <what> <args...>}. */
  private record Op(String id, String what, List<String> args) {}

  private static Map<String, Op> begun(Child c) {
    Map<String, Op> ops = new LinkedHashMap<>();
    for (String line : c.lines) {
      String[] f = line.split("\t", -1);
      if (f[0].equals("B") && f.length >= 3) {
        ops.put(f[1], new Op(f[1], f[2], List.of(f).subList(3, f.length)));
      }
    }
    return ops;
  }

  private static Map<String, Op> inFlight(Child c) {
    Map<String, Op> ops = begun(c);
    for (String line : c.lines) {
      String[] f = line.split("\t", -1);
      if (f[0].equals("E") && f.length >= 2) {
        ops.remove(f[1]);
      }
    }
    return ops;
  }

  /** Counts what a child did and classifies the operations its death interrupted. */
  private void account(Child c, Snapshot before, Snapshot after) {
    int done = 0;
    Map<String, Op> begun = begun(c);
    for (int i = 0; i < c.lines.size(); i++) {
      String line = c.lines.get(i);
      String[] f = line.split("\t", -1);
      Op op = f.length > 1 ? begun.get(f[1]) : null;
      String pane = op == null ? null : op.args().stream().filter(a -> a.startsWith("%")).findFirst()
          .orElse(f.length > 3 && f[0].equals("E") && f[3].startsWith("%") ? f[3] : null);
      if (pane != null) { // what happened to each pane, across rounds, for the report of a bug
        java.util.Deque<String> history = paneHistory.computeIfAbsent(pane, k -> new java.util.ArrayDeque<>());
        history.add(ms(c.times.get(Math.min(i, c.times.size() - 1)) - testStart) + "ms " + c.id + " "
            + line.replace('\t', ' '));
        if (history.size() > 40) {
          history.removeFirst();
        }
      }
      if (f[0].equals("E") && f.length >= 3) {
        done++;
        if (!f[2].equals("ok")) {
          exceptions.merge(f[2], 1, Integer::sum);
        }
      } else if (f[0].equals("U")) {
        bugExceptions.add(c.id + ": " + line + (pane == null ? "" : "; the last lines of all children on " + pane
            + ", in order: " + paneHistory.get(pane)));
      } else if (!f[0].equals("B") && !line.startsWith("[closed:")) { // [closed: the JDK closed the pipe at exit
        bugExceptions.add(c.id + " printed: " + line);
      }
    }
    opsCompleted += done;
    for (String line : c.err) {
      if (line.startsWith("WARNING") || line.contains("Exception")) {
        warnings.merge(line.length() > 200 ? line.substring(0, 200) : line, 1, Integer::sum);
      }
    }
    List<String> notes = new ArrayList<>();
    for (Op op : inFlight(c).values()) {
      inFlight.merge(op.what(), 1, Integer::sum);
      String outcome = outcome(op, before, after);
      if (outcome != null) {
        outcomes.merge(op.what() + ": " + outcome, 1, Integer::sum);
      }
      notes.add(op.what() + " " + String.join(" ", op.args()) + (outcome == null ? "" : " [" + outcome + "]"));
    }
    System.out.printf("  %s killed %4d ms after STARTED, %3d ops done; in flight: %s%n", c.id,
        c.killedAfterMillis, done, notes.isEmpty() ? "-" : String.join("; ", notes));
  }

  /** Which steps of an interrupted create, rename or close had happened, by tmux and the registry. */
  private static String outcome(Op op, Snapshot before, Snapshot after) {
    switch (op.what()) {
      case "create" -> {
        String name = op.args().get(0);
        boolean register = op.args().get(2).equals("1");
        Optional<Live> made = after.byPane().values().stream()
            .filter(l -> l.name().equals(name) && !before.byPane().containsKey(l.pane())).findFirst();
        if (made.isEmpty()) {
          return "no new session in tmux";
        }
        if (!register) {
          return "session made (unregistered)";
        }
        boolean recorded = after.records().stream().anyMatch(r -> r.target().equals(made.get().pane())
            && sameInstant(made.get().created(), r.createdAt()));
        return recorded ? "session and record made" : "session made, no record";
      }
      case "rename" -> {
        String pane = op.args().get(0);
        String from = op.args().get(1);
        String to = op.args().get(2);
        Live l = after.byPane().get(pane);
        if (l == null) {
          return "session gone";
        }
        Optional<SessionRecord> r = after.records().stream().filter(x -> x.target().equals(pane)).findFirst();
        String recordName = r.map(SessionRecord::name).orElse(null);
        if (l.name().equals(from)) {
          return "not renamed in tmux (or renamed back)" + (Objects.equals(recordName, to) ? ", RECORD RENAMED" : "");
        }
        if (l.name().equals(to)) {
          return r.isEmpty() ? "renamed in tmux, no record"
              : recordName.equals(to) ? "renamed in tmux and registry" : "renamed in tmux, record still '"
                  + recordName + "'";
        }
        return "session now called '" + l.name() + "'";
      }
      case "close" -> {
        String pane = op.args().get(0);
        boolean live = after.byPane().containsKey(pane);
        boolean recorded = after.records().stream().anyMatch(r -> r.target().equals(pane));
        return (live ? "not killed" : "killed") + (recorded ? ", record left" : ", no record");
      }
      default -> {
        return null;
      }
    }
  }

  /** Names new differences between tmux and the registry, and the interrupted operations that explain them. */
  private void attribute(List<Child> pair, Map<String, Issue> issuesBefore, Map<String, Issue> now) {
    Map<String, String> kindBefore = new HashMap<>(); // pane -> kind of its difference after the last round
    issuesBefore.values().forEach(i -> kindBefore.merge(i.pane(), i.kind(), (a, b) -> a + "," + b));
    List<Op> flying = new ArrayList<>();
    List<Op> all = new ArrayList<>();
    for (Child c : pair) {
      flying.addAll(inFlight(c).values());
      all.addAll(begun(c).values());
    }
    for (Map.Entry<String, Issue> e : now.entrySet()) {
      if (issuesBefore.containsKey(e.getKey())) {
        continue;
      }
      Issue issue = e.getValue();
      newIssues.merge(issue.kind(), 1, Integer::sum);
      if (Set.of("MISMATCH", "DUPLICATE", "UNLABELLED", "DEAD").contains(issue.kind())) {
        failures.add("after round " + pair.get(0).id + ": " + describe(issue) + "; ops in flight: " + flying);
      }
      List<Op> explaining = flying.stream().filter(op -> concerns(op, issue)).toList();
      // A difference of a pane that differed already has changed kind: a completed operation took it over
      // (a create that replaced the stale record of a renamed session, say). Not new, not unexplained.
      String was = kindBefore.get(issue.pane());
      System.out.printf("    new %s%s%n", describe(issue), !explaining.isEmpty() ? "  <- in flight: "
          + explaining.stream().map(op -> op.id() + " " + op.what() + " " + String.join(" ", op.args()))
              .collect(Collectors.joining("; "))
          : was != null ? "  <- was " + was + " after the last round" : "  <-- NO OPERATION IN FLIGHT");
      if (explaining.isEmpty() && was == null) {
        Set<String> related = all.stream().filter(op -> mentions(op, issue) || op.what().equals("cleanup"))
            .map(Op::id).collect(Collectors.toSet());
        List<String> history = new ArrayList<>();
        for (Child c : pair) {
          for (String line : c.lines) { // in the order the child printed them
            String[] f = line.split("\t", -1);
            if (f.length > 1 && related.contains(f[1])) {
              history.add(line.replace('\t', ' '));
            }
          }
        }
        List<String> cleanedUp = new ArrayList<>();
        for (Child c : pair) {
          for (String line : c.lines) {
            String[] f = line.split("\t", -1);
            Op op = f.length > 3 && f[0].equals("E") && f[2].equals("ok") ? begun(c).get(f[1]) : null;
            if (op != null && op.what().equals("cleanup")
                && List.of(f[3].split(",")).stream().anyMatch(issue.names()::contains)) {
              cleanedUp.add(f[1]);
            }
          }
        }
        unexplained.add(describe(issue) + (cleanedUp.isEmpty() ? "" : "; NOTE: cleanup() " + cleanedUp
            + " of this round removed a record of that name") + "; the children's lines on it, in order: " + history);
      }
    }
  }

  private static String describe(Issue issue) {
    return issue.kind() + ": " + issue.text();
  }

  private static boolean concerns(Op op, Issue issue) {
    return op.what().equals("cleanup") && issue.kind().equals("ORPHAN") || mentions(op, issue);
  }

  private static boolean mentions(Op op, Issue issue) {
    return op.args().stream().anyMatch(a -> issue.names().contains(a) || a.equals(issue.pane()));
  }

  // ---- the server and the bystander ----

  private void checkServerAndBystander(TmuxClient tmux, Session bystander, SessionRecord record, String serverPid,
      List<Child> pair, int round) throws Exception {
    String pid;
    try {
      pid = tmuxOut("display-message", "-p", "#{pid}").strip();
    } catch (AssertionError e) {
      pid = "none (" + e.getMessage() + ")";
    }
    if (!pid.equals(serverPid)) {
      ServerWatch.Death death = ServerWatch.last;
      StringBuilder msg = new StringBuilder("!!!!! THE TMUX SERVER CHANGED in the round of " + pair.stream()
          .map(c -> c.id).toList() + ": pid " + serverPid + " -> " + pid + ". ");
      if (death == null) {
        msg.append("The old server process was not seen to die (it lost its last session?). ");
      } else {
        msg.append("Server ").append(serverPid).append(" died ").append(ms(death.nanos() - testStart))
            .append(" ms into the test (state ").append(death.state()).append(": a crash, see dmesg 'segfault')");
        for (Child c : pair) {
          msg.append(String.format("%n  child %s: STARTED at %d ms, killed %d ms after STARTED; its lines around the"
              + " death (ms relative to it):", c.id, ms(c.startedAt - testStart), c.killedAfterMillis));
          for (int i = 0; i < Math.min(c.lines.size(), c.times.size()); i++) {
            long rel = ms(c.times.get(i) - death.nanos());
            if (rel >= -250 && rel <= 30) {
              msg.append(String.format("%n    %+5d  %s", rel, c.lines.get(i).replace('\t', ' ')));
            }
          }
          msg.append(String.format("%n    in flight at its kill: %s", inFlight(c).values()));
          msg.append(String.format("%n    its tmux processes at its kill (%d ms %s the server's death), age in ms:",
              Math.abs(ms(c.killedAt - death.nanos())), c.killedAt < death.nanos() ? "before" : "after"));
          c.descendants.forEach(p -> msg.append(String.format("%n      %5d  %s", p.ageAtKill(), p)));
        }
        if (!death.processes().isEmpty()) { // usually none: the clients leave with the server
          msg.append(String.format("%n  tmux processes of the socket seen just after the server died (pid, parent, "
              + "age ms, args):"));
          death.processes().forEach(p -> msg.append(String.format("%n    %s", p)));
        }
      }
      System.out.println(msg);
      fail(msg.toString());
    }
    Health health = bystander.health();
    if (!health.isHealthy()) {
      fail("!!!!! the bystander is " + health + " after round " + round + "; in flight: "
          + pair.stream().map(c -> c.id + "=" + inFlight(c).values()).toList());
    }
    CommandResult echo = bystander.run("echo still-" + round, TMUX_WAIT);
    assertEquals("still-" + round, echo.output().strip(), "the bystander answers after round " + round);
    Optional<SessionRecord> now = tmux.registry().get(BYSTANDER);
    assertTrue(now.isPresent() && now.get().sameSession(record), "the bystander's record after round " + round
        + ": " + now);
  }

  private final Map<String, Long> phases = new LinkedHashMap<>();

  /** Adds the time since {@code since} to a phase of the rounds; returns now. */
  private long phase(String name, long since) {
    long now = System.nanoTime();
    phases.merge(name, now - since, Long::sum);
    return now;
  }

  private static long ms(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(nanos);
  }

  /**
   * Watches the tmux server's process (every 5 ms, from /proc: a crashed server stays a zombie when
   * nothing reaps it) and notes when it died, with the socket's tmux processes at that moment.
   */
  private static final class ServerWatch extends Thread {
    record Death(long nanos, String state, List<String> processes) {}

    static volatile Death last;
    private final long pid;
    private final String socket;

    ServerWatch(long pid, String socket) {
      super("tmux-server-watch");
      setDaemon(true);
      this.pid = pid;
      this.socket = socket;
      last = null;
    }

    @Override
    public void run() {
      Path stat = Path.of("/proc", Long.toString(pid), "stat");
      while (true) {
        String state;
        try {
          String text = Files.readString(stat);
          state = text.substring(text.lastIndexOf(')') + 2, text.lastIndexOf(')') + 3);
        } catch (IOException | RuntimeException gone) {
          state = "gone";
        }
        if (state.equals("Z") || state.equals("X") || state.equals("gone")) {
          long now = System.nanoTime();
          Instant at = Instant.now();
          List<String> processes = ProcessHandle.allProcesses()
              .filter(p -> p.info().commandLine().map(c -> c.contains(socket)).orElse(false))
              .map(p -> p.pid() + " parent " + p.parent().map(ProcessHandle::pid).orElse(-1L) + " age "
                  + p.info().startInstant().map(s -> Duration.between(s, at).toMillis()).orElse(-1L) + " "
                  + (isZombie(p.pid()) ? "[zombie] " : "") + p.info().commandLine().orElse("?"))
              .toList();
          last = new Death(now, state, processes);
          return;
        }
        try {
          Thread.sleep(5); // polling a process state that nothing can signal to another process
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  // ---- the end: one reconcile(true), then registry and tmux must agree ----

  private void finalCheck(String serverPid, SessionRecord bystanderRecord) throws Exception {
    try (TmuxClient fresh = TmuxClient.builder().socketDir(dir).build()) {
      ReconcileReport repair = fresh.reconcile(true);
      Map<String, String> registeredLabel = new HashMap<>();
      for (String line : tmuxOut("list-sessions", "-F", "#{session_name}\t#{@tmux4j-registered}").split("\n")) {
        String[] f = line.split("\t", -1);
        if (f.length == 2) {
          registeredLabel.put(f[0], f[1]);
        }
      }
      long reRegistered = repair.unregisteredSessions().stream()
          .filter(s -> "1".equals(registeredLabel.get(s.name()))).count();
      long adoptedUnregistered = repair.unregisteredSessions().size() - reRegistered;
      System.out.printf("reconcile(true) repaired: %d orphan record(s) removed %s, %d record(s) renamed %s, "
          + "%d lost record(s) of registered=1 sessions re-registered, %d register(false) session(s) registered "
          + "(as documented) %s; skipped %s%n", repair.orphanRecords().size(),
          repair.orphanRecords().stream().map(r -> r.name() + "/" + r.target()).toList(),
          repair.renamedRecords().size(), repair.renamedRecords().stream()
              .map(r -> r.record().name() + "->" + r.liveName()).toList(),
          reRegistered, adoptedUnregistered, repair.unregisteredSessions().stream().map(ReconcileReport.LiveSession::name)
              .toList(), repair.skippedRecords());

      ReconcileReport after = fresh.reconcile(false);
      if (!after.consistent()) {
        failures.add("after reconcile(true), reconcile(false) is not consistent: orphans "
            + after.orphanRecords() + ", unregistered " + after.unregisteredSessions() + ", renamed "
            + after.renamedRecords());
      }
      if (!after.skippedRecords().isEmpty()) {
        failures.add("records skipped by reconcile: " + after.skippedRecords());
      }

      // tmux's own view of every session, read option by option.
      List<SessionRecord> records = fresh.registry().list();
      int checked = 0;
      for (String sessionId : tmuxOut("list-sessions", "-F", "#{session_id}").split("\n")) {
        if (sessionId.isBlank()) {
          continue;
        }
        String[] ids = tmuxOut("display-message", "-p", "-t", sessionId, "#{session_name}\t#{pane_id}").strip()
            .split("\t", -1);
        String name = ids[0];
        String pane = ids[1];
        String created = option(sessionId, CREATED);
        String registered = option(sessionId, "@tmux4j-registered");
        String type = option(sessionId, "@tmux4j-type");
        String tags = option(sessionId, "@tmux4j-tags");
        String prompt = option(sessionId, "@tmux4j-prompt");
        if (created.isEmpty()) {
          failures.add("session '" + name + "' has no labels");
          continue;
        }
        List<SessionRecord> mine = records.stream().filter(r -> r.target().equals(pane)).toList();
        String labels = "labels created=" + created + " type=" + type + " registered=" + registered + " tags="
            + tags + " prompt=" + prompt;
        if (!registered.equals("1") && mine.isEmpty()) {
          continue; // register(false) and not registered: allowed (reconcile registers them, though)
        }
        if (mine.size() != 1) {
          failures.add("session '" + name + "' (" + pane + ", " + labels + ") has " + mine.size() + " records: "
              + mine);
          continue;
        }
        SessionRecord r = mine.get(0);
        Live live = new Live(sessionId, name, pane, "", false, created, type, registered, tags, prompt);
        String diff = mismatch(r, live);
        if (!r.name().equals(name) || !sameInstant(created, r.createdAt()) || !r.socket().equals(fresh.socket())
            || diff != null) {
          failures.add("session '" + name + "' (" + pane + ", " + labels + ") vs record " + r
              + (diff == null ? "" : ": " + diff));
        }
        checked++;
      }
      Set<String> livePanes = new HashSet<>(List.of(tmuxOut("list-panes", "-a", "-F", "#{pane_id}").split("\n")));
      for (SessionRecord r : records) {
        if (!livePanes.contains(r.target())) {
          failures.add("record '" + r.name() + "' (" + r.target() + ") has no live session after reconcile");
        }
      }
      System.out.printf("final check: %d session(s) live, %d record(s), %d session(s) checked label by label%n",
          livePanes.size(), records.size(), checked);
      assertTrue(fresh.registry().get(BYSTANDER).map(r -> r.sameSession(bystanderRecord)).orElse(false),
          "the bystander's record survives");
      assertEquals(serverPid, tmuxOut("display-message", "-p", "#{pid}").strip(), "the tmux server survives");
    }
  }

  private String option(String sessionId, String option) throws Exception {
    return tmuxOut("show-options", "-q", "-v", "-t", sessionId, option).strip();
  }

  private void printSummary(long seed, long roundsDone) {
    System.out.printf("LifecycleCrashIT: %d kills in %.1f s (%.1f s in all), %d operations completed by the "
        + "children, seed %d%n", ROUNDS, (roundsDone - testStart) / 1e9, (System.nanoTime() - testStart) / 1e9, opsCompleted,
        seed);
    System.out.println("  time of the rounds by phase (s): " + phases.entrySet().stream()
        .map(e -> e.getKey() + " " + String.format("%.1f", e.getValue() / 1e9)).collect(Collectors.joining(", ")));
    System.out.println("  operations in flight at the kills: " + inFlight);
    System.out.println("  kills mid-create: " + inFlight.getOrDefault("create", 0) + ", mid-rename: "
        + inFlight.getOrDefault("rename", 0));
    outcomes.forEach((k, v) -> System.out.printf("    %3d x %s%n", v, k));
    System.out.println("  new differences seen between rounds: " + newIssues + " (" + unexplained.size()
        + " with no operation in flight)");
    unexplained.forEach(u -> System.out.println("    unexplained: " + u));
    System.out.println("  exceptions in the children (TmuxException subclasses, expected in a race): " + exceptions);
    System.out.println("  tmux processes of killed children: " + descendantsSeen + "; control clients that did not "
        + "leave within " + CLIENT_GRACE.toMillis() + " ms of their JVM's death: " + lingering.size());
    if (!pipesHeld.isEmpty()) {
      System.out.println("  output pipes of killed children held open after their death: " + pipesHeld);
    }
    long stillThere = lingeringProcs.stream().filter(p -> p.handle().isAlive() && !isZombie(p.handle().pid())).count();
    if (!lingering.isEmpty()) {
      System.out.println("    " + stillThere + " of them still attached after the last round: " + lingering);
    }
    if (!warnings.isEmpty()) {
      System.out.println("  children's log lines: " + warnings.size() + " distinct");
      warnings.entrySet().stream().limit(15).forEach(w -> System.out.printf("    %3d x %s%n", w.getValue(),
          w.getKey()));
    }
    if (!bugExceptions.isEmpty()) {
      System.out.println("  !!!!! unexpected exceptions in the children: " + bugExceptions.size());
      bugExceptions.stream().limit(20).forEach(b -> System.out.println("    " + b));
      failures.add(bugExceptions.size() + " unexpected exception(s) in the children, e.g. " + bugExceptions.get(0));
    }
  }

  // ---- plumbing ----

  private String tmuxOut(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(PrivateTmux.tmuxBinary(), "-S", socket.toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).start();
    p.getOutputStream().close();
    CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
    CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
    if (!p.waitFor(TMUX_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("tmux " + String.join(" ", args) + " still runs after " + TMUX_WAIT);
    }
    String stdout = new String(out.get(TMUX_WAIT.toMillis(), TimeUnit.MILLISECONDS), StandardCharsets.UTF_8);
    String stderr = new String(err.get(TMUX_WAIT.toMillis(), TimeUnit.MILLISECONDS), StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      throw new AssertionError("tmux " + String.join(" ", args) + " failed (" + p.exitValue() + "): " + stderr);
    }
    return stdout;
  }

  private static byte[] readAll(InputStream in) {
    try (in) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String frozenClassPath(Path into) throws IOException {
    Files.createDirectories(into);
    List<String> entries = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      Path p = Path.of(entry);
      if (entry.endsWith(".jar") && p.getFileName().toString().startsWith("tmux-") && Files.isRegularFile(p)) {
        Path copy = into.resolve(p.getFileName());
        Files.copy(p, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        entries.add(copy.toString());
      } else {
        entries.add(entry);
      }
    }
    return String.join(java.io.File.pathSeparator, entries);
  }

  /**
   * Kills the server and deletes the directory as every test class does ({@link PrivateTmux}), then checks
   * that no process of the test is left: child JVMs, tmux clients, the server.
   */
  private void cleanUp() throws Exception {
    String mark = dir.toString();
    PrivateTmux.killServersAndDelete(dir);
    if (jars != null) {
      try (java.util.stream.Stream<Path> files = Files.list(jars)) {
        for (Path f : files.toList()) {
          Files.delete(f);
        }
      }
      Files.delete(jars);
    }
    List<Proc> ours = new ArrayList<>(ProcessHandle.allProcesses()
        .filter(p -> p.pid() != ProcessHandle.current().pid())
        .map(p -> new Proc(p, p.info().commandLine().orElse(""), -1))
        .filter(p -> p.commandLine().contains(mark))
        .toList());
    allDescendants.stream().filter(p -> p.handle().isAlive()).forEach(ours::add); // a spawn helper names no dir
    List<Proc> left = awaitGone(ours, LEFTOVER_WAIT);
    if (!left.isEmpty()) {
      failures.add("processes of the test (socket dir " + mark + ") still run " + LEFTOVER_WAIT
          + " after PrivateTmux.killServersAndDelete (killed now with SIGKILL): " + left);
      left.forEach(p -> p.handle().destroyForcibly()); // ours: they name our private directory
      List<Proc> stubborn = awaitGone(left, LEFTOVER_WAIT);
      if (!stubborn.isEmpty()) {
        failures.add("and survive SIGKILL: " + stubborn);
      }
    }
  }
}

package io.github.tmux4j.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/** Runs sample classes through the Jupiter engine and reads what they reported; OS process probes. */
final class Kit {
  /** Bound for things that should happen quickly; tests fail rather than hang. */
  static final Duration WAIT = Duration.ofSeconds(15);
  /** Report entries published outside a test method (e.g. in {@code @BeforeAll}) are filed under this. */
  static final String CLASS_LEVEL = "<class>";

  private Kit() {}

  /** Runs one sample class with the Jupiter engine, in this JVM. */
  static EngineExecutionResults run(Class<?> sampleClass) {
    return EngineTestKit.engine("junit-jupiter").selectors(selectClass(sampleClass)).execute();
  }

  /** Runs one sample class with its private socket directories under {@code base}. */
  static EngineExecutionResults run(Class<?> sampleClass, Path base) {
    return EngineTestKit.engine("junit-jupiter")
        .configurationParameter(TmuxExtension.TEST_DIR_PROPERTY, base.toString())
        .selectors(selectClass(sampleClass))
        .execute();
  }

  /** Waits until no process's command line mentions {@code path} (a tmux server started with -S). */
  static void awaitNoProcessMentions(Path path) {
    Awaitility.await("no process using " + path).atMost(WAIT).pollInterval(Duration.ofMillis(20))
        .until(() -> processesMentioning(path).isEmpty());
  }

  /** The live (not defunct) processes whose command line contains {@code path}. */
  static List<String> processesMentioning(Path path) throws IOException {
    List<String> found = new java.util.ArrayList<>();
    try (java.util.stream.Stream<Path> procs = Files.list(Paths.get("/proc"))) {
      for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
        try {
          String cmdline = Files.readString(proc.resolve("cmdline"), StandardCharsets.UTF_8).replace('\0', ' ');
          if (cmdline.contains(path.toString()) && !gone(Long.parseLong(proc.getFileName().toString()))) {
            found.add(proc.getFileName() + ": " + cmdline);
          }
        } catch (IOException exited) {
          // the process ended while we looked
        }
      }
    }
    return found;
  }

  /** Every report entry, merged per test method name (later entries win). */
  static Map<String, Map<String, String>> entries(EngineExecutionResults results) {
    Map<String, Map<String, String>> byTest = new LinkedHashMap<>();
    for (Event event : results.allEvents().reportingEntryPublished().list()) {
      String test = methodName(event).orElse(CLASS_LEVEL);
      ReportEntry entry = event.getPayload(ReportEntry.class).orElseThrow();
      byTest.computeIfAbsent(test, k -> new LinkedHashMap<>()).putAll(entry.getKeyValuePairs());
    }
    return byTest;
  }

  /** The report entries of one test method. */
  static Map<String, String> entries(EngineExecutionResults results, String method) {
    return entries(results).getOrDefault(method, Map.of());
  }

  /** What a test method threw (its single finished event must have failed). */
  static Throwable failure(EngineExecutionResults results, String method) {
    List<Event> finished = results.testEvents().finished().list().stream()
        .filter(e -> methodName(e).filter(method::equals).isPresent())
        .toList();
    if (finished.size() != 1) {
      throw new AssertionError("expected one finished test '" + method + "', got " + finished);
    }
    TestExecutionResult result = finished.get(0).getPayload(TestExecutionResult.class).orElseThrow();
    return result.getThrowable().orElseThrow(() -> new AssertionError(method + " did not fail: " + result));
  }

  private static Optional<String> methodName(Event event) {
    return event.getTestDescriptor().getSource()
        .filter(MethodSource.class::isInstance)
        .map(s -> ((MethodSource) s).getMethodName());
  }

  /** Whether a process is gone or defunct (exited, not yet reaped). */
  static boolean gone(long pid) {
    try {
      String stat = Files.readString(Paths.get("/proc", Long.toString(pid), "stat"), StandardCharsets.UTF_8);
      int close = stat.lastIndexOf(')');
      char state = stat.charAt(close + 2);
      return state == 'Z' || state == 'X';
    } catch (NoSuchFileException e) {
      return true;
    } catch (IOException e) {
      return ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
    }
  }

  /** Waits until a process is gone or defunct, failing after {@link #WAIT}. */
  static void awaitGone(long pid) {
    Awaitility.await("process " + pid + " to exit").atMost(WAIT).pollInterval(Duration.ofMillis(20))
        .until(() -> gone(pid));
  }

  /** The parent process id of a running process (for a pane's process: its tmux server). */
  static long parentPid(long pid) {
    return ProcessHandle.of(pid).flatMap(ProcessHandle::parent).map(ProcessHandle::pid)
        .orElseThrow(() -> new AssertionError("process " + pid + " has no parent"));
  }

  /** The base directory the extension puts private socket directories in during this build. */
  static Path testDirBase() {
    String configured = System.getProperty(TmuxExtension.TEST_DIR_PROPERTY);
    return Paths.get(configured != null ? configured : System.getProperty("java.io.tmpdir")).toAbsolutePath();
  }
}

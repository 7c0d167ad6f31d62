package io.github.tmux4j.mcp.internal;

import io.github.tmux4j.Execution;
import io.github.tmux4j.ExecutionOptions;
import io.github.tmux4j.ExecutionState;
import io.github.tmux4j.ExecutionStatus;
import io.github.tmux4j.Interruption;
import io.github.tmux4j.Session;
import io.github.tmux4j.mcp.McpMode;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code run_command}, {@code await_command} and {@code interrupt}: commands with soft timeouts that an agent
 * can leave running, continue and stop. A call waits in slices of {@link #SLICE}, so that between two it
 * can notice a cancellation (and interrupt the command), send progress, and judge the no-output timeout on
 * the pane's own silence.
 */
final class CommandTools {
  /** How long one await lasts at most within a call. */
  static final Duration SLICE = Duration.ofMillis(500);
  /** The soft timeout when the agent gives none. */
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
  /** How long run_command waits for a session to be back at its prompt before it says the session is busy. */
  static final Duration START_TIMEOUT = Duration.ofSeconds(5);
  /** The longest soft timeout a call may ask for: a call is always answered within about this long. */
  static final double MAX_TIMEOUT_SECONDS = 600;

  private final Handles handles;
  private final Access access;
  private final Executions executions;
  private final Caps defaults;

  /** Output caps: at most this many lines and bytes, head and tail kept. */
  record Caps(int maxLines, long maxBytes) {
  }

  CommandTools(Handles handles, Access access, Executions executions, Caps defaults) {
    this.handles = handles;
    this.access = access;
    this.executions = executions;
    this.defaults = defaults;
  }

  Map<String, Object> run(Call call) {
    access.requireMode(McpMode.NO_KILL, "run_command");
    Args a = call.args();
    String name = a.string("session");
    String command = a.string("command");
    Session session = handles.get(name);
    executions.runningIn(name).ifPresent(r -> {
      throw new ToolException("Session '" + name + "' is still running '" + r.execution().command()
          + "' (execution " + r.id() + "): await_command or interrupt it first, or send_input to answer it");
    });
    Duration timeout = timeout(a);
    ExecutionOptions options = ExecutionOptions.builder()
        // A session busy with a command this server did not start (another client's, a dead server's) is
        // reported within seconds, not after the client's default timeout.
        .startTimeout(timeout.compareTo(START_TIMEOUT) < 0 ? timeout : START_TIMEOUT)
        .maxLines((int) (long) a.optionalLong("max_lines", 1, 1_000_000).orElse((long) defaults.maxLines()))
        .maxBytes(a.optionalLong("max_bytes", 16, 1L << 30).orElse(defaults.maxBytes()))
        .build();
    Execution execution = session.start(command, options);
    return follow(call, timeout, name, null, execution);
  }

  Map<String, Object> await(Call call) {
    access.requireMode(McpMode.NO_KILL, "await_command");
    Executions.Running r = executions.get(call.args().string("execution_id"));
    handles.managedRecord(r.session());
    return follow(call, timeout(call.args()), r.session(), r.id(), r.execution());
  }

  Map<String, Object> interrupt(Call call) {
    access.requireMode(McpMode.NO_KILL, "interrupt");
    Args a = call.args();
    Optional<String> id = a.optionalString("execution_id");
    if (id.isPresent()) {
      Executions.Running r = executions.get(id.get());
      handles.managedRecord(r.session());
      return interrupted(r.session(), r.id(), r.execution().interrupt());
    }
    String name = a.optionalString("session").orElseThrow(() ->
        new ToolException("interrupt needs execution_id (a command run_command left running) or session"));
    Optional<Executions.Running> running = executions.runningIn(name);
    if (running.isPresent()) {
      handles.managedRecord(name);
      return interrupted(name, running.get().id(), running.get().execution().interrupt());
    }
    handles.get(name).sendKeys("C-c");
    Map<String, Object> m = Results.map("session", name, "execution_id", null, "command", "", "state", "ctrl_c_sent",
        "exit_code", null, "output", "");
    m.putAll(Results.truncation(io.github.tmux4j.CommandResult.Truncation.NONE));
    m.putAll(Results.map("hint", "no command of this server ran there: Ctrl-C was pressed once; read_screen shows "
        + "the result", "steps", java.util.List.of("CTRL_C"), "process_group", null, "stopped", null));
    return m;
  }

  private Map<String, Object> interrupted(String session, String id, Interruption i) {
    Map<String, Object> m = status(session, id, i.status(), Optional.empty());
    if (i.status().done() && id != null) {
      executions.remove(id);
      m.put("execution_id", null);
    }
    m.put("steps", i.steps().stream().map(Enum::name).toList());
    m.put("process_group", i.processGroup().isPresent() ? i.processGroup().getAsLong() : null);
    m.put("stopped", i.stopped());
    return m;
  }

  /** The call's soft timeout ({@code timeout_seconds}). */
  private static Duration timeout(Args a) {
    return a.optionalSeconds("timeout_seconds", 0.05, MAX_TIMEOUT_SECONDS).orElse(DEFAULT_TIMEOUT);
  }

  /** Awaits the execution for the call's soft timeout and reports where it stands. */
  private Map<String, Object> follow(Call call, Duration timeout, String session, String knownId,
      Execution execution) {
    Optional<Duration> noOutput = call.args().optionalSeconds("no_output_seconds", 0.05, MAX_TIMEOUT_SECONDS);
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    ExecutionStatus status;
    String soft;
    while (true) {
      long left = deadline - System.nanoTime();
      status = execution.await(Duration.ofNanos(Math.max(1_000_000, Math.min(left, SLICE.toNanos()))));
      if (status.done() || status.state() == ExecutionState.WAITING_FOR_INPUT) {
        soft = null;
        break;
      }
      long now = System.nanoTime();
      if (call.cancelled()) {
        Interruption i = execution.interrupt();
        String id = knownId != null ? knownId : i.status().done() ? null : executions.add(session, execution);
        Map<String, Object> m = interrupted(session, id, i);
        m.put("cancelled", true);
        return m;
      }
      if (noOutput.isPresent() && status.silence().compareTo(noOutput.get()) >= 0
          && now - start >= noOutput.get().toNanos()) {
        soft = "no_output";
        break;
      }
      if (now >= deadline) {
        soft = "running";
        break;
      }
      call.progress(Results.seconds(status.elapsed()), null, "running for " + Results.seconds(status.elapsed())
          + " s; silent for " + Results.seconds(status.silence()) + " s");
    }
    String id = knownId;
    if (status.done()) {
      if (id != null) {
        executions.remove(id);
      }
      id = null;
    } else if (id == null) {
      id = executions.add(session, execution);
    }
    return status(session, id, status, Optional.ofNullable(soft));
  }

  private static Map<String, Object> status(String session, String id, ExecutionStatus s, Optional<String> soft) {
    String state = soft.orElse(s.state().name().toLowerCase(Locale.ROOT));
    Map<String, Object> m = Results.map("session", session, "execution_id", id, "command", s.command(),
        "state", state, "exit_code", s.exitCode().isPresent() ? s.exitCode().getAsInt() : null,
        "output", s.output(), "elapsed_seconds", Results.seconds(s.elapsed()),
        "silent_seconds", Results.seconds(s.silence()));
    m.putAll(Results.truncation(s.truncation()));
    m.put("hint", hint(state, id));
    return m;
  }

  private static String hint(String state, String id) {
    return switch (state) {
      case "finished" -> "done";
      case "program_exited" -> "the session's program exited; session_health tells more";
      case "waiting_for_input" -> "the command waits for input: send_input to answer, or interrupt " + id;
      case "no_output" -> "nothing printed for the no-output time: await_command " + id + " to wait more, or interrupt";
      default -> "still running: await_command " + id + " to continue, or interrupt " + id;
    };
  }
}

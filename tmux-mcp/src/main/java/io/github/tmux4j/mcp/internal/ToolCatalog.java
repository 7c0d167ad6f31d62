package io.github.tmux4j.mcp.internal;

import static io.github.tmux4j.mcp.internal.Schemas.array;
import static io.github.tmux4j.mcp.internal.Schemas.bool;
import static io.github.tmux4j.mcp.internal.Schemas.integer;
import static io.github.tmux4j.mcp.internal.Schemas.nullableInteger;
import static io.github.tmux4j.mcp.internal.Schemas.nullableString;
import static io.github.tmux4j.mcp.internal.Schemas.number;
import static io.github.tmux4j.mcp.internal.Schemas.object;
import static io.github.tmux4j.mcp.internal.Schemas.oneOf;
import static io.github.tmux4j.mcp.internal.Schemas.string;
import static io.github.tmux4j.mcp.internal.Schemas.stringMap;
import static io.github.tmux4j.mcp.internal.Schemas.strings;

import io.github.tmux4j.TmuxException;
import io.github.tmux4j.mcp.McpMode;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * The server's tools: name, description, input and output schema, the least mode that lists it, and the
 * handler. Handlers return structured content; a {@link ToolException} or {@link TmuxException} becomes a
 * tool error whose text names the problem.
 */
final class ToolCatalog {
  private static final System.Logger LOG = System.getLogger(ToolCatalog.class.getName());
  private final SessionTools sessions;
  private final CommandTools commands;
  private final Cancellations cancellations;

  ToolCatalog(SessionTools sessions, CommandTools commands, Cancellations cancellations) {
    this.sessions = sessions;
    this.commands = commands;
    this.cancellations = cancellations;
  }

  private record Entry(String name, McpMode least, boolean readOnly, boolean destructive, String description,
      Map<String, Object> input, Map<String, Object> output, Function<Call, Map<String, Object>> handler) {
  }

  /** The tools a server in this mode lists. */
  List<SyncToolSpecification> specifications(McpMode mode) {
    List<SyncToolSpecification> specs = new ArrayList<>();
    for (Entry e : entries()) {
      if (mode.compareTo(e.least()) < 0) {
        continue;
      }
      McpSchema.Tool tool = McpSchema.Tool.builder(e.name(), e.input()).description(e.description())
          .outputSchema(e.output())
          .annotations(new McpSchema.ToolAnnotations(null, e.readOnly(), e.destructive(), null, false, null))
          .build();
      specs.add(SyncToolSpecification.builder().tool(tool).callHandler((ex, req) -> call(e, ex, req)).build());
    }
    return specs;
  }

  private McpSchema.CallToolResult call(Entry e, McpSyncServerExchange exchange, McpSchema.CallToolRequest req) {
    Map<String, Object> meta = req.meta() == null ? Map.of() : req.meta();
    Object key = meta.get(Cancellations.META_KEY);
    AtomicBoolean cancelled = key instanceof String k ? cancellations.open(k) : new AtomicBoolean();
    try {
      Map<String, Object> result = e.handler().apply(new Call(exchange, new Args(req.arguments()), cancelled,
          meta.get("progressToken")));
      return Results.ok(result);
    } catch (ToolException | TmuxException | IllegalArgumentException | IllegalStateException failure) {
      LOG.log(System.Logger.Level.DEBUG, () -> e.name() + " failed: " + failure);
      return Results.error(failure.getClass().getSimpleName() + ": " + failure.getMessage());
    } finally {
      if (key instanceof String k) {
        cancellations.close(k);
      }
    }
  }

  private static Map<String, Object> executionOutput() {
    return object(List.of("session", "state", "output", "truncated"),
        "session", string("the session"),
        "execution_id", nullableString("set while the command still runs: pass it to await_command or interrupt"),
        "command", string("the command"),
        "state", string("finished, running (soft timeout), no_output, waiting_for_input or program_exited; "
            + "ctrl_c_sent when interrupt found no command of this server in the session"),
        "exit_code", nullableInteger("the exit code (shells), once finished"),
        "output", string("what the command printed, ANSI-free; capped: head and tail with a marker of the cut"),
        "elapsed_seconds", number("since the command started"),
        "silent_seconds", number("since the pane last printed"),
        "truncated", bool("whether output was cut (see cut_lines, cut_bytes) or lost (gap)"),
        "cut_lines", integer("lines cut"), "cut_bytes", integer("bytes cut"), "gap", bool("output lost"),
        "hint", string("what to do next"),
        "steps", strings("interrupt only: what was done (CTRL_C, CTRL_BACKSLASH, SIGINT, SIGTERM, SIGKILL)"),
        "process_group", nullableInteger("interrupt only: the foreground process group signalled"),
        "stopped", Map.of("type", List.of("boolean", "null"), "description", "interrupt only: whether it stopped"),
        "cancelled", bool("the client cancelled the call: the command was interrupted"));
  }

  private List<Entry> entries() {
    Map<String, Object> sessionArg = string("the session name");
    return List.of(
        new Entry("list_sessions", McpMode.READ_ONLY, true, false,
            "List the tmux sessions this server manages, with their health (healthy, dead, missing, zombie, "
                + "server_not_running) and idle time.",
            object(List.of()), object(List.of("sessions"), "sessions", array("the sessions", object(
                List.of("name", "state"), "name", string("name"), "type", string("python, gdb, shell or command"),
                "state", string("health"), "created_at", string("ISO-8601"), "last_active", string("ISO-8601"),
                "idle_seconds", number("since last input"), "tags", stringMap("registry tags")))),
            sessions::list),
        new Entry("create_session", McpMode.NO_KILL, false, false,
            "Start a session: a Python REPL, gdb, a bash shell, or any command, ready for input when this "
                + "returns. Its commands then run with run_command.",
            object(List.of("name"), "name", string("letters, digits, '-', '_', '.'; unique"),
                "type", oneOf("the program (default shell)", List.of("python", "gdb", "shell", "command")),
                "command", strings("type command only: the program and its arguments"),
                "ready_regex", string("type command only: a regex matching its prompt at the cursor"),
                "cwd", string("working directory"), "env", stringMap("environment variables"),
                "tags", stringMap("registry tags")),
            object(List.of("name", "state"), "name", string("name"), "type", string("type"),
                "target", string("tmux pane id"), "socket", string("tmux socket"), "state", string("health")),
            sessions::create),
        new Entry("run_command", McpMode.NO_KILL, false, false,
            "Run a command in a session and return its output and exit code. Soft timeout: when it is over, "
                + "the command keeps running and the result has an execution_id for await_command or "
                + "interrupt. Returns at once when the command waits for input (state waiting_for_input).",
            object(List.of("session", "command"), "session", sessionArg, "command", string("the command line"),
                "timeout_seconds", number("soft timeout (default 30, at most 600)"),
                "no_output_seconds", number("return early once the pane printed nothing this long"),
                "max_lines", integer("output cap in lines (default 200): head and tail kept"),
                "max_bytes", integer("output cap in bytes (default 16000)")),
            executionOutput(), commands::run),
        new Entry("await_command", McpMode.NO_KILL, false, false,
            "Continue waiting for a command run_command left running; returns everything it printed so far "
                + "(capped) and its state.",
            object(List.of("execution_id"), "execution_id", string("from run_command"),
                "timeout_seconds", number("soft timeout (default 30, at most 600)"),
                "no_output_seconds", number("return early once the pane printed nothing this long")),
            executionOutput(), commands::await),
        new Entry("interrupt", McpMode.NO_KILL, false, false,
            "Stop a running command: Ctrl-C, then if its prompt does not come back, Ctrl-\\, SIGINT, SIGTERM, "
                + "SIGKILL to its foreground process group (never the session's own shell or REPL). "
                + "Reports the steps taken.",
            object(List.of(), "execution_id", string("a running command's id"),
                "session", string("or a session: its running command, else one Ctrl-C")),
            executionOutput(), commands::interrupt),
        new Entry("send_input", McpMode.NO_KILL, false, false,
            "Type literal text into a session (e.g. an answer to a question), then Enter unless enter is false.",
            object(List.of("session", "text"), "session", sessionArg, "text", string("the text, typed literally"),
                "enter", bool("press Enter after it (default true)")),
            object(List.of("session"), "session", string("session"), "sent_chars", integer("characters"),
                "enter", bool("Enter pressed")),
            sessions::sendInput),
        new Entry("send_keys", McpMode.NO_KILL, false, false,
            "Press keys by tmux name: C-c, C-d, Enter, Escape, Up, Down, Tab, q, M-x, ...",
            object(List.of("session", "keys"), "session", sessionArg, "keys", strings("key names, pressed in order")),
            object(List.of("session"), "session", string("session"), "keys", strings("keys pressed")),
            sessions::sendKeys),
        new Entry("wait_for_text", McpMode.READ_ONLY, true, false,
            "Wait until a regex matches the session's output since the last input (scope output) or its "
                + "visible screen (scope screen). Returns matched false with the screen's last lines on timeout.",
            object(List.of("session", "pattern"), "session", sessionArg, "pattern", string("Java regex"),
                "timeout_seconds", number("default 10, at most 600"),
                "scope", oneOf("default output", List.of("output", "screen"))),
            object(List.of("session", "matched"), "session", string("session"), "matched", bool("found in time"),
                "match", nullableString("the matched text"), "groups", strings("capture groups"),
                "elapsed_seconds", number("waited"), "screen", nullableString("on timeout: the last 40 lines")),
            sessions::waitFor),
        new Entry("read_screen", McpMode.READ_ONLY, true, false,
            "Read a session's visible screen, or also history_lines of scrollback above it, ANSI stripped.",
            object(List.of("session"), "session", sessionArg,
                "history_lines", integer("scrollback lines above the screen (default 0)"),
                "last_lines", integer("return only the last N lines (default and most 2000)")),
            object(List.of("session", "text"), "session", string("session"), "text", string("the text"),
                "lines", integer("lines returned"), "cut_lines", integer("lines left out above")),
            sessions::readScreen),
        new Entry("session_health", McpMode.READ_ONLY, true, false,
            "A session's health: healthy, dead (program exited), missing, zombie or server_not_running.",
            object(List.of("session"), "session", sessionArg),
            object(List.of("session", "state"), "session", string("session"), "state", string("health"),
                "process_running", bool("program alive"), "pid", nullableInteger("program pid"),
                "exit_status", nullableInteger("if dead"), "checked_at", string("ISO-8601")),
            sessions::health),
        new Entry("kill_session", McpMode.FULL, false, true,
            "End a session this server manages and remove its registry record. Never the session the server "
                + "runs in.",
            object(List.of("session"), "session", sessionArg),
            object(List.of("session", "killed"), "session", string("session"), "killed", bool("ended")),
            sessions::kill),
        new Entry("cleanup_sessions", McpMode.READ_ONLY, false, true,
            "Remove managed sessions that are dead, missing, idle longer than older_than_seconds, or all. "
                + "A dry run (the default) only reports what it would remove.",
            object(List.of(), "dry_run", bool("default true"), "older_than_seconds", number("idle longer than"),
                "all", bool("every managed session")),
            object(List.of("dry_run", "entries"), "dry_run", bool("dry run"), "entries", array("per session",
                object(List.of("name", "action"), "name", string("name"), "state", string("health"),
                    "action", string("kept, would_remove or removed"), "reason", nullableString("why")))),
            sessions::cleanup));
  }
}

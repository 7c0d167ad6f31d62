package io.github.tmux4j.mcp.internal;

import io.github.tmux4j.CleanupReport;
import io.github.tmux4j.Health;
import io.github.tmux4j.Session;
import io.github.tmux4j.SessionBuilder;
import io.github.tmux4j.SessionInfo;
import io.github.tmux4j.TmuxClient;
import io.github.tmux4j.WaitTimeoutException;
import io.github.tmux4j.mcp.McpMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The session tools: list, create, health, kill, cleanup, input, keys, waits and screens. Every one goes
 * through {@link Access} (which sessions, which mode) first.
 */
final class SessionTools {
  /** The most screen text {@code read_screen} and a timed-out wait return. */
  static final int MAX_SCREEN_LINES = 2_000;

  private final TmuxClient client;
  private final Handles handles;
  private final Access access;

  SessionTools(TmuxClient client, Handles handles, Access access) {
    this.client = client;
    this.handles = handles;
    this.access = access;
  }

  Map<String, Object> list(Call call) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (SessionInfo info : client.sessions()) {
      if (!access.manages(info.record().tags())) {
        continue;
      }
      out.add(Results.map("name", info.name(), "type", info.record().type(), "state", info.state().jsonName(),
          "created_at", info.createdAt().toString(), "last_active", info.lastActive().toString(),
          "idle_seconds", Results.seconds(info.idle()), "tags", info.record().tags()));
    }
    return Results.map("sessions", out);
  }

  Map<String, Object> create(Call call) {
    access.requireMode(McpMode.NO_KILL, "create_session");
    Args a = call.args();
    String name = a.string("name");
    String type = a.optionalString("type").orElse("shell");
    SessionBuilder b;
    try {
      b = client.newSession(name);
    } catch (IllegalArgumentException e) {
      throw new ToolException("Invalid session name '" + name + "': " + e.getMessage());
    }
    List<String> command = a.strings("command");
    switch (type) {
      case "python" -> b.python();
      case "gdb" -> b.gdb();
      case "shell" -> b.shell();
      case "command" -> {
        if (command.isEmpty()) {
          throw new ToolException("type 'command' needs command: the program and its arguments, e.g. [\"node\"]");
        }
        b.command(command.get(0), command.subList(1, command.size()).toArray(String[]::new));
        a.optionalString("ready_regex").ifPresent(r -> b.readyWhen(regex(r)));
      }
      default -> throw new ToolException("Unknown type '" + type + "': use python, gdb, shell or command");
    }
    if (!command.isEmpty() && !type.equals("command")) {
      throw new ToolException("command is only for type 'command'; type " + type + " starts its own program");
    }
    a.optionalString("cwd").ifPresent(cwd -> {
      try {
        b.workingDir(Path.of(cwd));
      } catch (IllegalArgumentException e) {
        throw new ToolException("cwd: " + e.getMessage());
      }
    });
    a.stringMap("env").forEach(b::env);
    a.stringMap("tags").forEach(b::tag);
    b.tag(access.ownerKey(), access.ownerValue());
    Session s = b.create();
    handles.add(s);
    return Results.map("name", s.name(), "type", s.type().typeName(), "target", s.target(), "socket",
        s.socket().toString(), "state", s.health().state().jsonName());
  }

  Map<String, Object> health(Call call) {
    String name = call.args().string("session");
    Health h = handles.get(name).health();
    return Results.map("session", name, "state", h.state().jsonName(), "process_running", h.processRunning(),
        "pid", h.pid().isPresent() ? h.pid().getAsLong() : null,
        "exit_status", h.exitStatus().isPresent() ? h.exitStatus().getAsInt() : null,
        "checked_at", h.checkedAt().toString());
  }

  Map<String, Object> kill(Call call) {
    access.requireMode(McpMode.FULL, "kill_session");
    String name = call.args().string("session");
    Session s = handles.get(name);
    access.requireNotOwnPane(s);
    s.kill();
    handles.forget(name);
    return Results.map("session", name, "killed", true);
  }

  Map<String, Object> cleanup(Call call) {
    Args a = call.args();
    boolean dryRun = a.bool("dry_run", true);
    if (!dryRun) {
      access.requireMode(McpMode.FULL, "cleanup_sessions with dry_run false");
    }
    var cleanup = client.cleanup().only(info -> access.manages(info.record().tags()))
        .keep(info -> access.ownPane().map(p -> p.pane().equals(info.record().target())).orElse(false));
    if (a.bool("all", false)) {
      cleanup = cleanup.all();
    }
    var older = a.optionalSeconds("older_than_seconds", 0, 10L * 365 * 24 * 3600);
    if (older.isPresent()) {
      cleanup = cleanup.olderThan(older.get());
    }
    java.util.Set<String> managed = client.registry().list().stream().filter(r -> access.manages(r.tags()))
        .map(io.github.tmux4j.spi.SessionRecord::name).collect(java.util.stream.Collectors.toSet());
    CleanupReport report = (dryRun ? cleanup.dryRun() : cleanup).execute();
    List<Map<String, Object>> entries = report.entries().stream().filter(e -> managed.contains(e.name())).map(e -> Results.map("name", e.name(),
        "state", e.state().jsonName(), "action", e.action().name().toLowerCase(java.util.Locale.ROOT),
        "reason", e.reason())).toList();
    report.removed().forEach(handles::forget);
    return Results.map("dry_run", dryRun, "entries", entries);
  }

  Map<String, Object> sendInput(Call call) {
    access.requireMode(McpMode.NO_KILL, "send_input");
    Args a = call.args();
    String name = a.string("session");
    String text = a.string("text");
    boolean enter = a.bool("enter", true);
    Session s = handles.get(name);
    try {
      if (enter) {
        s.send(text);
      } else {
        s.type(text);
      }
    } catch (IllegalArgumentException e) {
      throw new ToolException("text: " + e.getMessage());
    }
    return Results.map("session", name, "sent_chars", text.length(), "enter", enter);
  }

  Map<String, Object> sendKeys(Call call) {
    access.requireMode(McpMode.NO_KILL, "send_keys");
    Args a = call.args();
    String name = a.string("session");
    List<String> keys = a.strings("keys");
    if (keys.isEmpty() || keys.stream().anyMatch(k -> k.isBlank() || k.length() > 32)) {
      throw new ToolException("keys must be tmux key names such as \"C-c\", \"Enter\", \"Up\", \"Escape\", "
          + "\"q\" (1-32 characters each), got " + keys);
    }
    handles.get(name).sendKeys(keys.toArray(String[]::new));
    return Results.map("session", name, "keys", keys);
  }

  Map<String, Object> waitFor(Call call) {
    Args a = call.args();
    String name = a.string("session");
    Pattern pattern = regex(a.string("pattern"));
    Duration timeout = a.optionalSeconds("timeout_seconds", 0.05, CommandTools.MAX_TIMEOUT_SECONDS)
        .orElse(Duration.ofSeconds(10));
    boolean screen = a.optionalString("scope").map(sc -> switch (sc) {
      case "screen" -> true;
      case "output" -> false;
      default -> throw new ToolException("scope must be 'output' (since the last input) or 'screen', got " + sc);
    }).orElse(false);
    Session s = handles.get(name);
    long start = System.nanoTime();
    try {
      MatchResult m = screen ? s.waitForScreen(pattern, timeout) : s.waitFor(pattern, timeout);
      List<String> groups = new ArrayList<>();
      for (int i = 1; i <= m.groupCount(); i++) {
        groups.add(m.group(i));
      }
      return Results.map("session", name, "matched", true, "match", m.group(), "groups", groups,
          "elapsed_seconds", Results.seconds(Duration.ofNanos(System.nanoTime() - start)), "screen", null);
    } catch (WaitTimeoutException e) {
      return Results.map("session", name, "matched", false, "match", null, "groups", List.of(),
          "elapsed_seconds", Results.seconds(Duration.ofNanos(System.nanoTime() - start)),
          "screen", tail(e.lastScreen(), 40));
    }
  }

  Map<String, Object> readScreen(Call call) {
    Args a = call.args();
    String name = a.string("session");
    int history = (int) (long) a.optionalLong("history_lines", 0, 100_000).orElse(0L);
    int last = (int) (long) a.optionalLong("last_lines", 1, MAX_SCREEN_LINES).orElse((long) MAX_SCREEN_LINES);
    String text = handles.get(name).capture().history(history).stripAnsi().text();
    String[] lines = text.split("\n", -1);
    int from = Math.max(0, lines.length - last);
    return Results.map("session", name, "text", String.join("\n", java.util.Arrays.asList(lines)
        .subList(from, lines.length)), "lines", lines.length - from, "cut_lines", from);
  }

  private static String tail(String text, int lines) {
    String[] all = text == null ? new String[0] : text.split("\n", -1);
    return String.join("\n", java.util.Arrays.asList(all).subList(Math.max(0, all.length - lines), all.length));
  }

  private static Pattern regex(String regex) {
    try {
      return Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new ToolException("Invalid regular expression: " + e.getDescription() + " in " + regex);
    }
  }
}

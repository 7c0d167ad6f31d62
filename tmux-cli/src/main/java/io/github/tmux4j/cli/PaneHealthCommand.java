package io.github.tmux4j.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.tmux4j.Health;
import io.github.tmux4j.HealthState;
import io.github.tmux4j.Session;
import java.time.Instant;
import java.util.OptionalInt;
import java.util.OptionalLong;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * {@code tmux4j pane-health -s NAME [--format json|text]}: the session's health, with the seed's exit
 * codes (healthy 0, dead 1, missing 2, zombie 3, server_not_running 4) and JSON fields. Read-only: it
 * does not change {@code last_active}.
 */
final class PaneHealthCommand implements CliCommand, JsonOutput {
  /** The command's name. */
  static final String NAME = "pane-health";

  /** Output formats. */
  enum Format { json, text }

  private final CliContext context;

  final SessionTarget target = new SessionTarget();

  Format format = Format.json;

  /** {@code --json}: the same as {@code --format json}, the default. */
  final JsonOption output = new JsonOption();

  private CommandSpec spec;

  PaneHealthCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public CommandSpec spec() {
    spec = Specs.command(this, NAME, "Check a session's health; the exit code says which state it is in.");
    spec.usageMessage().footer("", "Exit codes: 0 healthy, 1 dead, 2 missing (or not registered, or bad input), "
        + "3 zombie, 4 server_not_running.");
    return Specs.withStandardHelp(spec.addMixin("target", target.mixin(spec))
        .addOption(Specs.option(Format.class, Specs.Binding.of(() -> format, v -> format = v), "--format")
            .paramLabel("FORMAT").defaultValue("json").description("json (default) or text.").build())
        .addMixin("output", output.mixin()));
  }

  @Override
  public boolean jsonOutput() {
    return format == Format.json;
  }

  /**
   * What was checked: the session (if it could be found) and its health.
   *
   * @param name the session name, or {@code null} if unknown
   * @param socket the socket, or {@code null} if unknown
   * @param pane the pane id, or {@code null} if unknown
   * @param registered whether the session is in the registry
   * @param health the health
   * @param reason why the session could not be found, or {@code null}
   */
  record Report(String name, String socket, String pane, boolean registered, Health health, String reason) {}

  @Override
  public Integer call() {
    if (output.jsonOutput() && format == Format.text) {
      format = Format.json; // the error below is then printed as JSON too
      throw new ParameterException(spec.commandLine(), "--json and --format text cannot be combined");
    }
    Report report;
    try {
      Session session = target.resolve(context);
      boolean registered = target.target == null;
      report = new Report(session.name(), session.socket().toString(), session.target(), registered, session.health(),
          null);
    } catch (TargetUnavailableException e) {
      Health absent = new Health(e.state(), false, OptionalLong.empty(), OptionalInt.empty(), Instant.now());
      report = new Report(target.name, target.socket() == null ? null : target.socket().toString(), target.target,
          e.registered(), absent, e.getMessage());
    }
    if (format == Format.json) {
      context.out().println(Json.write(toJson(report)));
    } else {
      context.out().println(toText(report));
    }
    return ExitCodes.forHealth(report.health().state());
  }

  /**
   * The seed's JSON: {@code status, server_running, session_exists, pane_exists, pane_dead, pid,
   * process_running}, plus the session, its exit status when dead, and when it was checked. Facts that
   * could not be known (the server of a session that is not registered) are {@code null}.
   *
   * @param report what was checked
   * @return the JSON object
   */
  static ObjectNode toJson(Report report) {
    HealthState state = report.health().state();
    boolean known = report.registered() || report.pane() != null;
    boolean exists = state == HealthState.HEALTHY || state == HealthState.DEAD || state == HealthState.ZOMBIE;
    ObjectNode json = Json.object();
    json.put("name", report.name());
    json.put("socket", report.socket());
    json.put("target", report.pane());
    json.put("registered", report.registered());
    json.put("status", state.jsonName());
    if (known || state == HealthState.SERVER_NOT_RUNNING) {
      json.put("server_running", state != HealthState.SERVER_NOT_RUNNING);
    } else {
      json.putNull("server_running");
    }
    json.put("session_exists", exists);
    json.put("pane_exists", exists);
    json.put("pane_dead", state == HealthState.DEAD);
    Json.putPid(json, "pid", report.health().pid());
    json.put("process_running", report.health().processRunning());
    Json.putOptional(json, "exit_status", report.health().exitStatus());
    json.put("checked_at", Json.time(report.health().checkedAt()));
    if (report.reason() != null) {
      json.put("reason", report.reason());
    }
    return json;
  }

  /**
   * The seed's one-line text for each state.
   *
   * @param report what was checked
   * @return the text
   */
  static String toText(Report report) {
    Health h = report.health();
    String pane = "Pane " + report.pane() + " of session '" + report.name() + "'";
    return switch (h.state()) {
      case HEALTHY -> pane + " is healthy (PID: " + pid(h) + ", process running)";
      case DEAD -> pane + " is dead (process exited" + h.exitStatus().stream().mapToObj(s -> " with status " + s)
          .findFirst().orElse("") + ")";
      case ZOMBIE -> pane + " is a zombie (pane exists but process " + pid(h) + " exited)";
      case MISSING -> report.reason() != null ? report.reason()
          : "Session '" + report.name() + "' does not exist (target: " + report.pane() + ")";
      case SERVER_NOT_RUNNING -> report.reason() != null ? report.reason()
          : "tmux server is not running on socket: " + report.socket();
    };
  }

  private static String pid(Health h) {
    return h.pid().isPresent() ? Long.toString(h.pid().getAsLong()) : "unknown";
  }
}

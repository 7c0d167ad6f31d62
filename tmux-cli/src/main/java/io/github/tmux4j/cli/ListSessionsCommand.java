package io.github.tmux4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.tmux4j.HealthState;
import io.github.tmux4j.SessionInfo;
import io.github.tmux4j.spi.SessionRecord;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code tmux4j list-sessions [--json]}: every registered session with its live health, as a table or as
 * the seed's JSON ({@code {"sessions": [{name, socket, target, type, status, pid, created_at,
 * last_active}]}}).
 */
final class ListSessionsCommand implements CliCommand {
  /** The command's name. */
  static final String NAME = "list-sessions";

  private final CliContext context;

  final JsonOption output = new JsonOption();

  ListSessionsCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public CommandSpec spec() {
    return Specs.withStandardHelp(Specs.command(this, NAME, "List the registered sessions with their health (healthy, "
        + "dead, missing, zombie, server_not_running).").addMixin("output", output.mixin()));
  }

  @Override
  public Integer call() {
    List<SessionInfo> sessions = context.client().sessions();
    PrintWriter out = context.out();
    if (output.jsonOutput()) {
      out.println(Json.write(toJson(sessions)));
    } else {
      printTable(sessions, Instant.now(), out);
    }
    return ExitCodes.OK;
  }

  /**
   * The JSON document: the sessions in name order, and their count.
   *
   * @param sessions the sessions with their health
   * @return {@code {"sessions": [...], "total": n}}
   */
  static ObjectNode toJson(List<SessionInfo> sessions) {
    ObjectNode root = Json.object();
    ArrayNode array = root.putArray("sessions");
    for (SessionInfo info : sessions) {
      SessionRecord record = info.record();
      ObjectNode s = array.addObject();
      s.put("name", record.name());
      s.put("socket", record.socket().toString());
      s.put("target", record.target());
      s.put("type", record.type());
      s.put("status", info.state().jsonName());
      Json.putPid(s, "pid", OptionalLong.of(record.pid()));
      s.put("created_at", Json.time(record.createdAt()));
      s.put("last_active", Json.time(record.lastActive()));
      Json.putMap(s, "tags", record.tags());
    }
    root.put("total", sessions.size());
    return root;
  }

  /**
   * Prints the sessions as a table, with a count of healthy and unhealthy ones; or
   * {@code No sessions registered.}
   *
   * @param sessions the sessions with their health
   * @param now the present, for "2h ago"
   * @param out where to print
   */
  static void printTable(List<SessionInfo> sessions, Instant now, PrintWriter out) {
    if (sessions.isEmpty()) {
      out.println("No sessions registered.");
      return;
    }
    Table table = new Table("NAME", "TYPE", "STATUS", "PID", "TARGET", "SOCKET", "CREATED", "LAST ACTIVE");
    int healthy = 0;
    for (SessionInfo info : sessions) {
      SessionRecord r = info.record();
      Path socketName = r.socket().getFileName();
      table.row(r.name(), r.type(), info.state().jsonName(), r.pid() > 0 ? Long.toString(r.pid()) : "-", r.target(),
          socketName == null ? r.socket().toString() : socketName.toString(), TimeText.ago(r.createdAt(), now),
          TimeText.ago(r.lastActive(), now));
      if (info.state() == HealthState.HEALTHY) {
        healthy++;
      }
    }
    table.print(out);
    out.println();
    out.println("Total: " + sessions.size() + " | Healthy: " + healthy + " | Unhealthy: " + (sessions.size() - healthy));
  }
}

package io.github.tmux4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.tmux4j.ReconcileReport;
import io.github.tmux4j.registry.FileRegistry;
import io.github.tmux4j.registry.RepairReport;
import io.github.tmux4j.spi.SessionRecord;
import java.io.PrintWriter;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code tmux4j reconcile-registry --report|--repair}: compares the registry with the live tmux servers:
 * records whose session is gone, and live sessions without a record. {@code --repair} first makes a
 * corrupt registry file usable again (moved aside, backup restored), then removes the orphan records and
 * registers the unregistered sessions.
 */
final class ReconcileRegistryCommand implements CliCommand {
  /** The command's name. */
  static final String NAME = "reconcile-registry";

  private final CliContext context;

  final Mode mode = new Mode();

  /** Report only, or repair: exactly one of the two. */
  static final class Mode {
    boolean report;
    boolean repair;
  }

  final JsonOption output = new JsonOption();

  ReconcileRegistryCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public CommandSpec spec() {
    ArgGroupSpec oneMode = ArgGroupSpec.builder().exclusive(true).multiplicity("1")
        .addArg(Specs.flag(Specs.Binding.of(() -> mode.report, v -> mode.report = v), "--report").required(true)
            .description("Only report what is out of step.").build())
        .addArg(Specs.flag(Specs.Binding.of(() -> mode.repair, v -> mode.repair = v), "--repair").required(true)
            .description("Remove orphan records, register unregistered sessions, repair a corrupt file.").build())
        .build();
    return Specs.withStandardHelp(Specs.command(this, NAME, "Compare the registry with the live tmux sessions; "
        + "--repair also fixes both sides (and a corrupt registry file).")
        .addArgGroup(oneMode).addMixin("output", output.mixin()));
  }

  @Override
  public Integer call() {
    RepairReport repaired = null;
    if (mode.repair && context.client().registry() instanceof FileRegistry file) {
      repaired = file.repair();
    }
    ReconcileReport report = context.client().reconcile(mode.repair);
    PrintWriter out = context.out();
    if (output.jsonOutput()) {
      out.println(Json.write(toJson(report, repaired)));
    } else {
      printText(report, repaired, out);
    }
    return ExitCodes.OK;
  }

  /**
   * The result as JSON: {@code consistent}, {@code repaired}, {@code orphan_records},
   * {@code unregistered_sessions}, {@code renamed_records}, {@code skipped_records}, and
   * {@code corrupt_file_moved_to} when the file was repaired.
   *
   * @param report what reconcile found
   * @param repaired what the file repair did, or {@code null}
   * @return the JSON object
   */
  static ObjectNode toJson(ReconcileReport report, RepairReport repaired) {
    ObjectNode json = Json.object();
    json.put("consistent", report.consistent());
    json.put("repaired", report.repaired());
    ArrayNode orphans = json.putArray("orphan_records");
    for (SessionRecord r : report.orphanRecords()) {
      ObjectNode o = orphans.addObject();
      o.put("name", r.name());
      o.put("socket", r.socket().toString());
      o.put("target", r.target());
    }
    ArrayNode live = json.putArray("unregistered_sessions");
    for (ReconcileReport.LiveSession s : report.unregisteredSessions()) {
      ObjectNode o = live.addObject();
      o.put("name", s.name());
      o.put("socket", s.socket().toString());
    }
    ArrayNode renamed = json.putArray("renamed_records");
    for (ReconcileReport.Renamed r : report.renamedRecords()) {
      ObjectNode o = renamed.addObject();
      o.put("name", r.record().name());
      o.put("live_name", r.liveName());
      o.put("socket", r.record().socket().toString());
    }
    ArrayNode skipped = json.putArray("skipped_records");
    for (ReconcileReport.Skipped r : report.skippedRecords()) {
      ObjectNode o = skipped.addObject();
      o.put("name", r.name());
      o.put("problem", r.problem());
    }
    if (repaired != null && repaired.repaired()) {
      json.put("corrupt_file_moved_to", repaired.movedAside().orElseThrow().toString());
      json.put("restored_from_backup", repaired.restoredFromBackup());
    }
    return json;
  }

  /**
   * The result as text.
   *
   * @param report what reconcile found
   * @param repaired what the file repair did, or {@code null}
   * @param out where to print
   */
  static void printText(ReconcileReport report, RepairReport repaired, PrintWriter out) {
    if (repaired != null && repaired.repaired()) {
      out.println("The registry file was corrupt: moved it aside to " + repaired.movedAside().orElseThrow() + " and "
          + (repaired.restoredFromBackup() ? "restored the backup (" + repaired.records() + " records)."
          : "started empty (no usable backup)."));
    }
    for (ReconcileReport.Skipped r : report.skippedRecords()) {
      out.println("Skipped record: " + r.name() + " (" + r.problem() + ")");
    }
    if (report.consistent()) {
      out.println("Registry and tmux agree.");
      return;
    }
    String verb = report.repaired() ? "Removed" : "Found";
    for (SessionRecord r : report.orphanRecords()) {
      out.println(verb + " orphan record: " + r.name() + " (" + r.target() + " on " + r.socket() + " is gone)");
    }
    for (ReconcileReport.Renamed r : report.renamedRecords()) {
      out.println((report.repaired() ? "Renamed" : "Found renamed") + " record: " + r.record().name() + " (the session "
          + "is now called " + r.liveName() + ")");
    }
    String action = report.repaired() ? "Registered" : "Found unregistered";
    for (ReconcileReport.LiveSession s : report.unregisteredSessions()) {
      out.println(action + " live session: " + s.name() + " on " + s.socket());
    }
    if (!report.repaired()) {
      out.println("Run 'tmux4j reconcile-registry --repair' to fix the registry.");
    }
  }
}

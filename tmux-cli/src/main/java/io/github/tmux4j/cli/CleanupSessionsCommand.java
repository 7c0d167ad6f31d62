package io.github.tmux4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.tmux4j.Cleanup;
import io.github.tmux4j.CleanupReport;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code tmux4j cleanup-sessions [--dry-run] [--older-than 1h|7d] [--all]}: removes registered sessions
 * that are dead, missing, zombie or on a stopped server (and kills what is left of them in tmux); with
 * {@code --older-than} also healthy ones idle for longer, with {@code --all} every one.
 */
final class CleanupSessionsCommand implements CliCommand {
  /** The command's name. */
  static final String NAME = "cleanup-sessions";

  private final CliContext context;

  boolean dryRun;

  Duration olderThan;

  boolean all;

  boolean includeQuarantined;

  final JsonOption output = new JsonOption();

  CleanupSessionsCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public CommandSpec spec() {
    CommandSpec spec = Specs.command(this, NAME,
        "Remove dead, missing, zombie and server_not_running sessions from tmux and the registry.",
        "--older-than also removes healthy sessions idle (since last_active) for longer; --all removes all.");
    spec.usageMessage().sortOptions(false);
    return Specs.withStandardHelp(spec
        .addOption(Specs.flag(Specs.Binding.of(() -> dryRun, v -> dryRun = v), "--dry-run")
            .description("Only show what would be removed.").build())
        .addOption(Specs.option(Duration.class, Specs.Binding.of(() -> olderThan, v -> olderThan = v), "--older-than")
            .paramLabel("DURATION").converters(new Converters.DurationConverter())
            .description("Also remove healthy sessions idle for longer than this (30m, 1h, 7d, 2w).").build())
        .addOption(Specs.flag(Specs.Binding.of(() -> all, v -> all = v), "--all")
            .description("Remove every registered session, even healthy ones.").build())
        .addOption(Specs.flag(Specs.Binding.of(() -> includeQuarantined, v -> includeQuarantined = v),
            "--include-quarantined").description("Quarantined sessions may be removed too.").build())
        .addMixin("output", output.mixin()));
  }

  @Override
  public Integer call() {
    Cleanup cleanup = context.client().cleanup();
    if (olderThan != null) {
      cleanup = cleanup.olderThan(olderThan);
    }
    if (all) {
      cleanup = cleanup.all();
    }
    if (includeQuarantined) {
      cleanup = cleanup.includeQuarantined();
    }
    if (dryRun) {
      cleanup = cleanup.dryRun();
    }
    CleanupReport report = cleanup.execute();
    PrintWriter out = context.out();
    if (output.jsonOutput()) {
      out.println(Json.write(toJson(report)));
    } else {
      printText(report, out);
    }
    return ExitCodes.OK;
  }

  /**
   * The report as JSON: {@code {"dry_run": b, "removed": [{name, status, reason, killed}], "kept": [...]}}.
   *
   * @param report the cleanup's report
   * @return the JSON object
   */
  static ObjectNode toJson(CleanupReport report) {
    ObjectNode json = Json.object();
    json.put("dry_run", report.dryRun());
    ArrayNode removed = json.putArray("removed");
    ArrayNode kept = json.putArray("kept");
    for (CleanupReport.Entry e : report.entries()) {
      ObjectNode entry = (e.action() == CleanupReport.Action.KEPT ? kept : removed).addObject();
      entry.put("name", e.name());
      entry.put("status", e.state().jsonName());
      entry.put("reason", e.reason());
      if (e.action() != CleanupReport.Action.KEPT) {
        entry.put("killed", e.killed());
      }
    }
    return json;
  }

  /**
   * The seed's text: {@code Removing 2 session(s):}, one {@code   - name (reason)} line each, and a
   * count; or {@code Dry-run mode: Would remove ...}; or {@code No sessions to clean up.}
   *
   * @param report the cleanup's report
   * @param out where to print
   */
  static void printText(CleanupReport report, PrintWriter out) {
    if (report.entries().isEmpty()) {
      out.println("No sessions in registry.");
      return;
    }
    List<CleanupReport.Entry> removed = report.entries().stream()
        .filter(e -> e.action() != CleanupReport.Action.KEPT).toList();
    if (removed.isEmpty()) {
      out.println("No sessions to clean up.");
      return;
    }
    out.println((report.dryRun() ? "Dry-run mode: Would remove " : "Removing ") + removed.size() + " session(s):");
    for (CleanupReport.Entry e : removed) {
      out.println("  - " + e.name() + " (" + e.reason() + ")");
    }
    if (!report.dryRun()) {
      out.println("Removed " + removed.size() + " session(s) successfully.");
    }
  }
}

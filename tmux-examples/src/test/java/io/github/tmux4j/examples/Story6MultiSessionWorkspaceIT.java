package io.github.tmux4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tmux4j.CleanupReport;
import io.github.tmux4j.HealthState;
import io.github.tmux4j.SessionInfo;
import io.github.tmux4j.SessionType;
import io.github.tmux4j.TmuxClient;
import io.github.tmux4j.testing.PrivateTmux;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class Story6MultiSessionWorkspaceIT {
  @RegisterExtension static final PrivateTmux TMUX = new PrivateTmux();

  @Test
  void sessionsOfEachTypeShareOneSocketAnswerByNameAndAreCleanedUpTogether() {
    TmuxClient tmux = TMUX.client(b -> b.socketName("story6"));
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    Story6MultiSessionWorkspace.Outcome outcome =
        Story6MultiSessionWorkspace.run(tmux, new PrintStream(buffer, true, StandardCharsets.UTF_8));

    String ws = outcome.workspace();
    boolean gdb = onPath("gdb");
    Map<String, String> expectedAnswers = new LinkedHashMap<>();
    expectedAnswers.put(ws + "-python", "42");
    expectedAnswers.put(ws + "-shell", "42 from bash");
    if (gdb) {
      expectedAnswers.put(ws + "-gdb", "$1 = 42");
    }
    assertEquals(expectedAnswers, outcome.answers());

    List<String> expectedNames = expectedAnswers.keySet().stream().sorted().toList();
    assertEquals(expectedNames, outcome.listed().stream().map(SessionInfo::name).toList(), "in name order");
    for (SessionInfo info : outcome.listed()) {
      assertEquals(HealthState.HEALTHY, info.state(), info.name());
      assertEquals(tmux.socket(), info.record().socket(), "one socket for the workspace: " + info.name());
      SessionType expectedType = info.name().endsWith("-python") ? SessionType.PYTHON
          : info.name().endsWith("-gdb") ? SessionType.GDB : SessionType.SHELL;
      assertEquals(expectedType, info.type(), info.name());
    }

    CleanupReport cleanup = outcome.cleanup();
    assertEquals(expectedNames, cleanup.removed());
    assertTrue(cleanup.kept().isEmpty(), cleanup.toString());
    for (CleanupReport.Entry entry : cleanup.entries()) {
      assertEquals(CleanupReport.Action.REMOVED, entry.action(), entry.toString());
      assertTrue(entry.killed(), "the live session was killed: " + entry);
      assertEquals("all", entry.reason(), entry.toString());
    }
    assertTrue(outcome.leftAfterCleanup().isEmpty(), outcome.leftAfterCleanup().toString());
    assertTrue(tmux.registry().list().isEmpty(), tmux.registry().list().toString());
    assertTrue(tmux.reconcile(false).consistent(), "nothing left running in tmux either");
    assertTrue(buffer.toString(StandardCharsets.UTF_8).contains("Workspace " + ws + ":"));
  }

  @Test
  void workspaceCleanupLeavesSessionsOutsideTheWorkspaceAlone() {
    TmuxClient tmux = TMUX.client(b -> b.socketName("story6b"));
    String bystander = "bystander-" + ProcessHandle.current().pid();
    tmux.newSession(bystander).shell().create();

    Story6MultiSessionWorkspace.Outcome outcome = Story6MultiSessionWorkspace.run(tmux,
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

    assertEquals(List.of(bystander), outcome.cleanup().kept());
    assertTrue(outcome.cleanup().removed().stream().allMatch(n -> n.startsWith(outcome.workspace() + "-")),
        outcome.cleanup().removed().toString());
    List<SessionInfo> left = tmux.sessions();
    assertEquals(List.of(bystander), left.stream().map(SessionInfo::name).toList());
    assertEquals(HealthState.HEALTHY, left.get(0).state());
    assertEquals("bystander", tmux.session(bystander).orElseThrow().run("echo bystander").output());
  }

  private static boolean onPath(String program) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }
}

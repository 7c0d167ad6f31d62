package io.github.tmux4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tmux4j.HealthState;
import io.github.tmux4j.ReconcileReport;
import io.github.tmux4j.Session;
import io.github.tmux4j.TmuxClient;
import io.github.tmux4j.spi.SessionRecord;
import io.github.tmux4j.testing.PrivateTmux;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class Story9ManualSocketNoRegistryIT {
  @RegisterExtension static final PrivateTmux TMUX = new PrivateTmux();

  @Test
  void unregisteredSessionIsDrivenAndKilledWithTheTmuxCommandLineWithoutTouchingTheRegistry() throws Exception {
    TmuxClient tmux = TMUX.client(b -> b.socketName("story9"));
    // A registered session on the same socket: it must stay as it is, and it keeps the tmux server up.
    Session bystander = tmux.newSession("registered-" + ProcessHandle.current().pid()).shell().create();
    List<SessionRecord> registryBefore = tmux.registry().list();
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    Story9ManualSocketNoRegistry.Outcome outcome =
        Story9ManualSocketNoRegistry.run(tmux, new PrintStream(buffer, true, StandardCharsets.UTF_8));

    assertEquals(tmux.socket(), outcome.socket());
    assertTrue(Pattern.matches("%\\d+", outcome.target()), "a pane id: " + outcome.target());
    assertTrue(outcome.registryUnchanged());
    assertTrue(outcome.registryUnchangedAtEnd());
    assertEquals(registryBefore, tmux.registry().list());
    assertTrue(tmux.session(outcome.name()).isEmpty());

    ReconcileReport reconcile = outcome.beforeKill();
    assertEquals(List.of(new ReconcileReport.LiveSession(tmux.socket(), outcome.name())),
        reconcile.unregisteredSessions());
    assertTrue(reconcile.orphanRecords().isEmpty(), reconcile.toString());
    assertFalse(reconcile.repaired());

    List<String> lines = outcome.screen().lines().map(String::strip).toList();
    int echo = lines.indexOf(">>> print(6 * 7)");
    assertTrue(echo >= 0, outcome.screen());
    assertEquals("42", lines.get(echo + 1), outcome.screen());

    assertEquals(HealthState.MISSING, outcome.afterKill());
    assertEquals(1, tmuxExitCode(tmux.socket(), "has-session", "-t", "=" + outcome.name()), "tmux no longer knows the session");
    assertEquals(HealthState.HEALTHY, bystander.health().state());
    assertTrue(tmux.reconcile(false).consistent(), "registry and tmux agree again");
    String printed = buffer.toString(StandardCharsets.UTF_8);
    assertTrue(printed.contains("SOCKET=" + outcome.socket()), printed);
    assertTrue(printed.contains("TARGET=" + outcome.target()), printed);
  }

  private static int tmuxExitCode(Path socket, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(io.github.tmux4j.internal.Commands.defaultBinary(), "-S", socket.toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    assertTrue(process.waitFor(10, TimeUnit.SECONDS), "tmux answered in time");
    return process.exitValue();
  }
}

package io.github.tmux4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tmux4j.TmuxClient;
import io.github.tmux4j.TmuxException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default client opened on a thread of its own while picocli parses: which runs do it, and that a
 * failure to open, or a run that never uses the client, looks exactly as before and leaves no thread.
 */
class BackgroundClientTest {
  @TempDir Path dir;

  @Test
  void onlyRunsOfCommandsThatUseTheClientOpenIt() {
    assertTrue(Subcommands.opensClient("list-sessions"));
    assertTrue(Subcommands.opensClient("safe-send", "-s", "py", "-c", "print(1)"));
    assertTrue(Subcommands.opensClient("mcp", "--mode", "read-only"));
    for (String[] args : List.of(new String[0], new String[] {"--version"}, new String[] {"help", "list-sessions"},
        new String[] {"completion", "bash"}, new String[] {"__archive-training", "/tmp/x"},
        new String[] {"list-sesions"}, new String[] {"list-sessions", "--help"}, new String[] {"kill-session", "-h"},
        new String[] {"pane-health", "-V"})) {
      assertFalse(Subcommands.opensClient(args), String.join(" ", args));
    }
  }

  @Test
  void aClientThatCannotOpenFailsTheCommandWithTheSameMessage() throws IOException {
    Path notADirectory = Files.writeString(dir.resolve("not-a-dir"), "x");
    TmuxException direct = assertThrows(TmuxException.class,
        () -> TmuxClient.builder().socketDir(notADirectory).build().close());
    InProcess.Run r = InProcess.run(notADirectory, "list-sessions", "--json");
    assertEquals(ExitCodes.FAILURE, r.exitCode(), r::toString);
    assertTrue(r.err().contains(direct.getMessage()), r::toString);
    assertTrue(r.out().contains("\"exit_code\""), "--json still prints the error as JSON: " + r);
    assertNoOpeningThreadLeft();
  }

  @Test
  void aUsageErrorStillWinsAndTheClientOpenedForNothingIsClosed() throws IOException {
    Path notADirectory = Files.writeString(dir.resolve("not-a-dir"), "x");
    assertEquals(ExitCodes.USAGE, InProcess.run(notADirectory, "list-sessions", "--no-such-option").exitCode());
    InProcess.Run r = InProcess.run(dir, "kill-session");
    assertEquals(ExitCodes.USAGE, r.exitCode(), r::toString);
    assertTrue(r.err().contains("Missing required option"), r::toString);
    assertNoOpeningThreadLeft();
  }

  private static void assertNoOpeningThreadLeft() {
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().equals("tmux4j-open-client")) {
        try {
          t.join(5_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        assertFalse(t.isAlive(), "the thread that opened the client ended with the run");
      }
    }
  }
}

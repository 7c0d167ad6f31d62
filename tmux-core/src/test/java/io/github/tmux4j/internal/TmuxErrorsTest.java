package io.github.tmux4j.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tmux4j.DuplicateSessionException;
import io.github.tmux4j.ServerNotRunningException;
import io.github.tmux4j.SessionNotFoundException;
import io.github.tmux4j.TmuxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class TmuxErrorsTest {
  private static final Path SOCK = Path.of("/tmp/x/s");

  private static TmuxException map(String stderr) {
    return TmuxErrors.map(SOCK, "py", List.of("send-keys"), new TmuxResult(1, "", stderr + "\n"));
  }

  @Test
  void noServerIsServerNotRunningAndPermanent() {
    TmuxException e = map("no server running on /tmp/x/s");
    assertInstanceOf(ServerNotRunningException.class, e);
    assertFalse(e.isTransient());
    assertTrue(e.getMessage().contains("/tmp/x/s"));
  }

  @Test
  void missingSocketFileIsServerNotRunning() {
    assertInstanceOf(ServerNotRunningException.class, map("error connecting to /tmp/x/s (No such file or directory)"));
  }

  @Test
  void refusedConnectionIsTransient() {
    assertTrue(map("error connecting to /tmp/x/s (Connection refused)").isTransient());
  }

  @Test
  void noCurrentTargetIsAServerThatIsExiting() {
    // what a command with -t gets from a server whose sessions kill-server has just destroyed
    TmuxException e = map("no current target");
    assertInstanceOf(ServerNotRunningException.class, e);
    assertFalse(e.isTransient());
    assertTrue(e.getMessage().contains("exiting"), e.getMessage());
  }

  @Test
  void missingPaneOrSessionIsSessionNotFound() {
    assertInstanceOf(SessionNotFoundException.class, map("can't find pane: %9"));
    assertInstanceOf(SessionNotFoundException.class, map("can't find session: py"));
  }

  @Test
  void duplicateIsDuplicateSession() {
    assertInstanceOf(DuplicateSessionException.class, map("duplicate session: py"));
  }

  @Test
  void forkFailureIsTransient() {
    assertTrue(map("fork failed: Resource temporarily unavailable").isTransient());
  }

  @Test
  void anythingElseNamesTheCommandAndMessage() {
    TmuxException e = map("unknown command: frobnicate");
    assertFalse(e.isTransient());
    assertTrue(e.getMessage().contains("unknown command: frobnicate"));
    assertTrue(e.getMessage().contains("send-keys"));
  }
}

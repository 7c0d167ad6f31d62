package io.github.tmux4j.junit.samples;

import static io.github.tmux4j.junit.TmuxAssertions.assertThat;

import io.github.tmux4j.Session;
import io.github.tmux4j.SessionType;
import io.github.tmux4j.TmuxClient;
import io.github.tmux4j.junit.TmuxSession;
import io.github.tmux4j.junit.TmuxTest;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/** A nested class shares its enclosing class's directory and client, and sees its sessions. */
@TmuxTest
public class NestedSamples {
  @TmuxSession(type = SessionType.PYTHON)
  static Session outerPy;

  @TmuxSession
  Session outerShell;

  @Test
  void outer(TmuxClient client, TestReporter reporter) {
    assertThat(outerShell).isHealthy();
    reporter.publishEntry(Map.of("socketDir", client.socketDir().toString(), "outerPy", InjectionSamples.pid(outerPy)));
  }

  /** Tests inside the outer class. */
  @Nested
  class Inner {
    @TmuxSession(type = SessionType.PYTHON, shared = true)
    Session innerPy;

    @Test
    void inner(TmuxClient client, TestReporter reporter) {
      assertThat(outerShell).runs("echo outer").andOutputs("outer");
      assertThat(innerPy).runs("print('inner')").andOutputs("inner");
      reporter.publishEntry(Map.of("socketDir", client.socketDir().toString(), "outerPy", InjectionSamples.pid(outerPy),
          "innerPy", InjectionSamples.pid(innerPy), "outerShell", InjectionSamples.pid(outerShell)));
    }
  }
}

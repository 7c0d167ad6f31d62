package io.github.tmux4j.junit.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.tmux4j.Session;
import io.github.tmux4j.junit.TmuxSession;
import io.github.tmux4j.junit.TmuxTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A passing and a failing test, each with a session of its own, and a shared session; KeepFailedSessionsIT
 * runs it with the sessions of failed tests kept (by the annotation, or by the configuration parameter).
 */
public final class KeepSamples {
  private KeepSamples() {}

  /** Keeps through the configuration parameter given by the IT. */
  @TmuxTest
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  public static class ByParameter {
    @TmuxSession(shared = true, name = "kept-shared")
    static Session shared;

    @Test
    @Order(1)
    void passes(@TmuxSession(name = "passing") Session sh) {
      assertEquals("fine", sh.run("echo fine").output());
    }

    @Test
    @Order(2)
    void fails(@TmuxSession(name = "failing") Session sh) {
      sh.run("echo evidence-$((6 * 7))");
      shared.run("echo shared-evidence");
      assertEquals("something else", sh.run("echo 42").output());
    }
  }

  /** Keeps through {@code @TmuxTest(keepFailedSessions = true)}. */
  @TmuxTest(keepFailedSessions = true)
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  public static class ByAnnotation extends ByParameter {}
}

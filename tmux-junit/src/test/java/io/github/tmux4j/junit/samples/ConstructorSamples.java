package io.github.tmux4j.junit.samples;

import io.github.tmux4j.Session;
import io.github.tmux4j.junit.TmuxSession;
import io.github.tmux4j.junit.TmuxTest;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.TestReporter;

/** Sessions injected through the constructor of a per-method test instance. */
@TmuxTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class ConstructorSamples {
  private final Session perTest;
  private final Session shared;

  ConstructorSamples(@TmuxSession(name = "ctor-per-test") Session perTest,
      @TmuxSession(name = "ctor-shared", shared = true) Session shared) {
    this.perTest = perTest;
    this.shared = shared;
  }

  @Test
  @Order(1)
  void first(TestReporter reporter) {
    reporter.publishEntry(Map.of("perTest", InjectionSamples.pid(perTest), "shared", InjectionSamples.pid(shared)));
  }

  @Test
  @Order(2)
  void second(TestReporter reporter) {
    reporter.publishEntry(Map.of("perTest", InjectionSamples.pid(perTest), "shared", InjectionSamples.pid(shared)));
  }
}

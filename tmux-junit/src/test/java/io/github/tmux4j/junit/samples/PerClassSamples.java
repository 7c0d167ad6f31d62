package io.github.tmux4j.junit.samples;

import static io.github.tmux4j.junit.TmuxAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.github.tmux4j.Session;
import io.github.tmux4j.SessionType;
import io.github.tmux4j.junit.TmuxSession;
import io.github.tmux4j.junit.TmuxTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.TestReporter;

/** One test instance for the class: shared fields are ready in @BeforeAll, per-test fields are renewed. */
@TmuxTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class PerClassSamples {
  @TmuxSession(type = SessionType.PYTHON, shared = true)
  Session shared;

  @TmuxSession
  Session perTest;

  @BeforeAll
  void sharedIsReadyBeforeAll() {
    assertNotNull(shared, "shared instance fields are injected before @BeforeAll");
    shared.send("counter = 0");
  }

  @Test
  @Order(1)
  void first(TestReporter reporter) {
    assertThat(shared).runs("counter += 1; print(counter)").andOutputs("1");
    reporter.publishEntry(Map.of("shared", InjectionSamples.pid(shared), "perTest", InjectionSamples.pid(perTest)));
  }

  @Test
  @Order(2)
  void second(TestReporter reporter) {
    assertThat(shared).runs("counter += 1; print(counter)").andOutputs("2");
    reporter.publishEntry(Map.of("shared", InjectionSamples.pid(shared), "perTest", InjectionSamples.pid(perTest)));
  }
}

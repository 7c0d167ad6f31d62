package io.github.tmux4j.junit;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tmux4j.InvalidSessionNameException;
import io.github.tmux4j.WaitTimeoutException;
import io.github.tmux4j.junit.samples.ConstructorSamples;
import io.github.tmux4j.junit.samples.FinalFieldSamples;
import io.github.tmux4j.junit.samples.InjectionSamples;
import io.github.tmux4j.junit.samples.MisdeclaredSamples;
import io.github.tmux4j.junit.samples.NestedSamples;
import io.github.tmux4j.junit.samples.PerClassSamples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** Sessions and clients reach fields and parameters with the declared lifetime. */
class InjectionIT {
  /** One run of the sample with every kind of declaration, examined by several tests. */
  private static EngineExecutionResults injection;

  @BeforeAll
  static void runInjectionSamples() {
    injection = Kit.run(InjectionSamples.class);
  }

  @Test
  void fieldsParametersAndStaticSessionsAreInjectedReady() {
    EngineExecutionResults results = injection;
    results.testEvents().assertStatistics(s -> s.started(3).succeeded(3).failed(0));
  }

  @Test
  void perTestSessionsAreNewForEachTestWhileSharedOnesAreTheSame() {
    EngineExecutionResults results = injection;
    Map<String, String> first = Kit.entries(results, "first");
    Map<String, String> second = Kit.entries(results, "second");
    assertAll(
        () -> assertNotEquals(first.get("perTestShell"), second.get("perTestShell"), "per-test field"),
        () -> assertNotEquals(first.get("perTestParam"), second.get("perTestParam"), "per-test parameter"),
        () -> assertEquals(first.get("staticPy"), second.get("staticPy"), "static field"),
        () -> assertEquals(first.get("sharedPy"), second.get("sharedPy"), "shared instance field"),
        () -> assertEquals(first.get("sharedParam"), second.get("sharedParam"), "shared parameter"),
        () -> assertEquals(first.get("beforeAll"), second.get("beforeAll"), "@BeforeAll parameter"),
        () -> assertNotEquals(first.get("staticPy"), first.get("sharedPy"), "different keys, different sessions"));
  }

  @Test
  void sessionNamesAreDerivedFromFieldAndTestOrGivenExplicitly() {
    EngineExecutionResults results = injection;
    assertEquals("perTestShell-first", Kit.entries(results, "first").get("perTestShell.name"));
    assertEquals("perTestShell-second", Kit.entries(results, "second").get("perTestShell.name"));
    assertEquals("shared-param", Kit.entries(results, "first").get("sharedParam.name"));
    // Without -parameters, a parameter's session is named after its type.
    assertEquals("shell-first", Kit.entries(results, "first").get("perTestParam.name"));
  }

  @Test
  void theClientWorksOnAPrivateDirectoryUnderTheConfiguredBase() {
    EngineExecutionResults results = injection;
    Path dir = Path.of(Kit.entries(results, "first").get("socketDir"));
    assertEquals(Kit.testDirBase(), dir.getParent());
    assertTrue(dir.getFileName().toString().startsWith("tmux4j-"), dir.toString());
    assertFalse(Files.exists(dir), "deleted after the class");
  }

  @Test
  void constructorParametersArePerTestUnlessShared() {
    EngineExecutionResults results = Kit.run(ConstructorSamples.class);
    results.testEvents().assertStatistics(s -> s.succeeded(2).failed(0));
    Map<String, String> first = Kit.entries(results, "first");
    Map<String, String> second = Kit.entries(results, "second");
    assertNotEquals(first.get("perTest"), second.get("perTest"));
    assertEquals(first.get("shared"), second.get("shared"));
  }

  @Test
  void perClassInstancesGetSharedFieldsBeforeAllAndNewPerTestFields() {
    EngineExecutionResults results = Kit.run(PerClassSamples.class);
    results.testEvents().assertStatistics(s -> s.succeeded(2).failed(0));
    Map<String, String> first = Kit.entries(results, "first");
    Map<String, String> second = Kit.entries(results, "second");
    assertEquals(first.get("shared"), second.get("shared"));
    assertNotEquals(first.get("perTest"), second.get("perTest"));
  }

  @Test
  void nestedClassesShareTheEnclosingDirectoryAndSessions() {
    EngineExecutionResults results = Kit.run(NestedSamples.class);
    results.testEvents().assertStatistics(s -> s.succeeded(2).failed(0));
    Map<String, String> outer = Kit.entries(results, "outer");
    Map<String, String> inner = Kit.entries(results, "inner");
    assertEquals(outer.get("socketDir"), inner.get("socketDir"));
    assertEquals(outer.get("outerPy"), inner.get("outerPy"));
    assertFalse(Files.exists(Path.of(outer.get("socketDir"))), "deleted after the outer class");
    Kit.awaitGone(Long.parseLong(inner.get("innerPy")));
    Kit.awaitGone(Long.parseLong(inner.get("outerShell")));
  }

  @Test
  void misdeclaredSessionsFailTheTestNamingTheDeclaration() {
    EngineExecutionResults results = Kit.run(MisdeclaredSamples.class);
    results.testEvents().assertStatistics(s -> s.started(8).failed(8));
    assertAll(
        () -> assertConfigError(results, "customWithoutCommand", "has type CUSTOM but no command"),
        () -> assertConfigError(results, "commandWithoutCustomType", "a command needs type = SessionType.CUSTOM"),
        () -> assertConfigError(results, "notASession", "has type java.lang.String; it must be io.github.tmux4j.Session"),
        () -> assertConfigError(results, "badEnvEntry", "env entry 'NO_EQUALS_SIGN'"),
        () -> assertConfigError(results, "badReadyWhen", "invalid readyWhen pattern"),
        () -> assertConfigError(results, "invalidName", "tmux forbids '.'"),
        () -> assertConfigError(results, "sameNameDifferentSessions", "uses the session key 'twin' of another "
            + "declaration with different attributes"));
    assertInstanceOf(InvalidSessionNameException.class, Kit.failure(results, "invalidName").getCause().getCause(),
        "the library's explanation is kept as the cause");
    Throwable neverReady = Kit.failure(results, "neverReady");
    assertInstanceOf(ParameterResolutionException.class, neverReady);
    WaitTimeoutException timeout = assertInstanceOf(WaitTimeoutException.class, neverReady.getCause());
    assertTrue(timeout.getMessage().contains("to be ready"), timeout.getMessage());
  }

  @Test
  void aFinalSessionFieldIsRefused() {
    Throwable failure = Kit.failure(Kit.run(FinalFieldSamples.class), "test");
    assertInstanceOf(ExtensionConfigurationException.class, failure);
    assertTrue(failure.getMessage().contains("Field 'cannotBeSet'") && failure.getMessage().contains("is final"),
        failure.getMessage());
  }

  private static void assertConfigError(EngineExecutionResults results, String test, String expected) {
    Throwable failure = Kit.failure(results, test);
    assertInstanceOf(ParameterResolutionException.class, failure);
    assertTrue(failure.getMessage().contains(expected) && failure.getMessage().contains("@TmuxSession parameter '"),
        "message should say '" + expected + "': " + failure.getMessage());
  }
}

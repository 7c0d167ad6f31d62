package io.github.tmux4j.junit;

import io.github.tmux4j.Session;
import io.github.tmux4j.TmuxClient;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;
import org.opentest4j.AssertionFailedError;

/**
 * The JUnit Jupiter extension behind {@link TmuxTest}: gives each test class a private tmux socket
 * directory and {@link TmuxClient}, injects {@link TmuxSession} sessions and {@link InjectTmuxClient}
 * clients, attaches the last screens of a failed test's sessions to the failure, and cleans up.
 *
 * <p>Unlike a plain {@link TmuxClient}, whose sessions outlive it, this extension owns what it creates:
 * per-test sessions are closed after each test, shared ones after the class, and after the class the
 * tmux server on the private directory is killed (with any session the tests started on it directly)
 * and the directory deleted, whether the tests passed or failed; with
 * {@link TmuxTest#keepFailedSessions()} a failed test's sessions and the server are kept instead.
 *
 * <p>When a test (or a {@code @BeforeEach}, {@code @AfterEach}, {@code @BeforeAll} or {@code @AfterAll}
 * method) fails, the last screen of every session injected into it (the visible screen and up to 10
 * lines of scrollback above it) is shown once: published as a report entry named
 * {@value #SCREEN_ENTRY_PREFIX}{@code <session name>}, and added to the failure unless its message shows
 * it already (as {@link TmuxAssertions}' messages do) or an earlier failure of the test did: an
 * {@link AssertionError} is replaced by one of the same kind (an {@link AssertionFailedError} keeps its
 * expected and actual values) whose message ends with the screens and whose cause is the original; any
 * other exception, or one that shows some of the screens, is rethrown as it is, with the others in a
 * suppressed exception. Aborted tests (failed assumptions) are left alone.
 *
 * <p>Use it through {@link TmuxTest}, or register it with {@code @ExtendWith(TmuxExtension.class)} or a
 * static {@code @RegisterExtension} field. The extension keeps all its state in JUnit's extension
 * stores, so one instance is safe for any number of classes and for parallel test execution. It works
 * with JUnit Jupiter 5.10 to 6.x (it is built against 5.14 and tested with each, {@code .ci/junit-matrix}).
 */
public final class TmuxExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
    AfterEachCallback, TestInstancePostProcessor, ParameterResolver, TestExecutionExceptionHandler,
    LifecycleMethodExecutionExceptionHandler, ExecutionCondition {

  /**
   * Configuration parameter (or system property) naming the directory under which each test class gets
   * its private socket directory. Default: {@code java.io.tmpdir}. Keep it short: a socket path may have
   * at most 107 bytes.
   */
  public static final String TEST_DIR_PROPERTY = "tmux4j.test.dir";

  /**
   * Configuration parameter (or system property) naming the tmux executable the extension runs.
   * Default: {@code $TMUX4J_TMUX}, else {@code tmux} on the {@code PATH}.
   */
  public static final String TMUX_PROPERTY = "tmux4j.tmux";

  /**
   * Configuration parameter (or system property): {@code true} keeps the sessions of failed tests in
   * every class, as {@link TmuxTest#keepFailedSessions()} does for one.
   */
  public static final String KEEP_FAILED_SESSIONS_PROPERTY = "tmux4j.keepFailedSessions";

  /** Prefix of the report entries that carry the last screens of a failed test's sessions. */
  public static final String SCREEN_ENTRY_PREFIX = "tmux4j.screen.";

  /** Creates the extension; JUnit does this for {@link TmuxTest}. */
  public TmuxExtension() {}

  // ---- condition ----

  /**
   * Disables a class whose {@link TmuxTest#disabledWithoutTmux()} is set when tmux cannot be run;
   * enables everything else.
   *
   * @param context the class's or test's extension context
   * @return whether the class or test runs, and why
   */
  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    if (!Contexts.tmuxTest(context).map(TmuxTest::disabledWithoutTmux).orElse(false)) {
      return ConditionEvaluationResult.enabled("tmux is required");
    }
    String binary = Contexts.tmuxBinary(context);
    return TmuxAvailability.problem(binary)
        .map(problem -> ConditionEvaluationResult.disabled("@TmuxTest(disabledWithoutTmux = true): " + problem))
        .orElseGet(() -> ConditionEvaluationResult.enabled("tmux runs as '" + binary + "'"));
  }

  // ---- lifecycle ----

  /**
   * Creates the class's socket directory and client (unless an enclosing class has them) and injects
   * the static {@link TmuxSession} and {@link InjectTmuxClient} fields.
   *
   * @param context the class's extension context
   * @throws ExtensionConfigurationException if a field is declared wrongly
   */
  @Override
  public void beforeAll(ExtensionContext context) {
    ExtensionContext classContext = Contexts.classContext(context);
    Contexts.environment(classContext);
    Contexts.classScope(classContext);
    Injection.injectStatic(classContext);
  }

  /**
   * Injects the shared {@link TmuxSession} instance fields and the {@link InjectTmuxClient} instance
   * fields of a new test instance.
   *
   * @param testInstance the instance
   * @param context the current extension context
   * @throws ExtensionConfigurationException if a field is declared wrongly
   */
  @Override
  public void postProcessTestInstance(Object testInstance, ExtensionContext context) {
    Injection.injectInstance(testInstance, context, false);
  }

  /**
   * Injects the instance fields of every test instance (the test class's and, for
   * {@code @Nested} tests, its enclosing classes'): new per-test sessions, shared sessions and clients.
   *
   * @param context the test's extension context
   * @throws ExtensionConfigurationException if a field is declared wrongly
   */
  @Override
  public void beforeEach(ExtensionContext context) {
    Injection.claimConstructorSessions(context);
    for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
      Injection.injectInstance(instance, context, true);
    }
  }

  /**
   * Closes the test's per-test sessions (unless kept, see {@link TmuxTest#keepFailedSessions()}).
   *
   * @param context the test's extension context
   */
  @Override
  public void afterEach(ExtensionContext context) {
    Contexts.removeTestScope(context).ifPresent(SessionScope::close);
  }

  /**
   * Closes the class's shared sessions and, for the class that created them, the client; then kills
   * every tmux server on the private socket directory and deletes it (unless a failed test's sessions
   * are kept). Runs even when tests failed.
   *
   * @param context the class's extension context
   * @throws Exception the first cleanup failure, the others suppressed
   */
  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    ExtensionContext classContext = Contexts.classContext(context);
    Exception failure = null;
    for (SessionScope scope : Contexts.removeConstructorScopes(classContext)) {
      failure = closeQuietly(scope, failure);
    }
    Optional<SessionScope> scope = Contexts.removeClassScope(classContext);
    if (scope.isPresent()) {
      failure = closeQuietly(scope.get(), failure);
    }
    Optional<Environment> environment = Contexts.removeOwnEnvironment(classContext);
    if (environment.isPresent()) {
      failure = closeQuietly(environment.get(), failure);
    }
    if (failure != null) {
      throw failure;
    }
  }

  private static Exception closeQuietly(AutoCloseable resource, Exception failure) {
    try {
      resource.close();
      return failure;
    } catch (Exception e) {
      if (failure == null) {
        return e;
      }
      failure.addSuppressed(e);
      return failure;
    }
  }

  /**
   * Per-test sessions declared as constructor parameters are created for the test, not for the class:
   * JUnit (5.12 and newer) is asked for the test's context when it creates a test instance per test.
   * JUnit 5.10 and 5.11 do not ask; the extension then hands those sessions to the test itself.
   *
   * @param rootContext the root extension context
   * @return {@link ExtensionContextScope#TEST_METHOD}
   */
  @Override
  public ExtensionContextScope getTestInstantiationExtensionContextScope(ExtensionContext rootContext) {
    return ExtensionContextScope.TEST_METHOD;
  }

  // ---- parameters ----

  /**
   * Supports parameters annotated with {@link TmuxSession} (of type {@link Session}) and parameters of
   * type {@link TmuxClient}.
   *
   * @param parameterContext the parameter
   * @param extensionContext the current extension context
   * @return whether this extension resolves the parameter
   */
  @Override
  public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    return Injection.supports(parameterContext);
  }

  /**
   * Resolves a {@link TmuxSession} parameter to a ready session (per test unless shared, or when
   * resolved outside a test, e.g. in {@code @BeforeAll}), or a {@link TmuxClient} parameter to the
   * class's client.
   *
   * @param parameterContext the parameter
   * @param extensionContext the current extension context
   * @return the session or client
   * @throws ParameterResolutionException if the parameter's type does not fit its annotation
   */
  @Override
  public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    return Injection.resolveParameter(parameterContext, extensionContext);
  }

  // ---- failures ----

  /**
   * Attaches the last screens of the test's sessions to a failed test; see the class description.
   *
   * @param context the test's extension context
   * @param throwable what the test threw
   * @throws Throwable always: the failure, with the screens added
   */
  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
    throw Failures.handle(context, throwable);
  }

  /**
   * Attaches the last screens of the class's shared sessions to a failed {@code @BeforeAll} method.
   *
   * @param context the class's extension context
   * @param throwable what the method threw
   * @throws Throwable always: the failure, with the screens added
   */
  @Override
  public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable throwable)
      throws Throwable {
    throw Failures.handle(context, throwable);
  }

  /**
   * Attaches the last screens of the test's sessions to a failed {@code @BeforeEach} method.
   *
   * @param context the test's extension context
   * @param throwable what the method threw
   * @throws Throwable always: the failure, with the screens added
   */
  @Override
  public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable throwable)
      throws Throwable {
    throw Failures.handle(context, throwable);
  }

  /**
   * Attaches the last screens of the test's sessions to a failed {@code @AfterEach} method.
   *
   * @param context the test's extension context
   * @param throwable what the method threw
   * @throws Throwable always: the failure, with the screens added
   */
  @Override
  public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable throwable)
      throws Throwable {
    throw Failures.handle(context, throwable);
  }

  /**
   * Attaches the last screens of the class's shared sessions to a failed {@code @AfterAll} method.
   *
   * @param context the class's extension context
   * @param throwable what the method threw
   * @throws Throwable always: the failure, with the screens added
   */
  @Override
  public void handleAfterAllMethodExecutionException(ExtensionContext context, Throwable throwable)
      throws Throwable {
    throw Failures.handle(context, throwable);
  }
}

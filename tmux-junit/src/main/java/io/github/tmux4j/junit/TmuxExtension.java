package io.github.tmux4j.junit;

import io.github.tmux4j.Session;
import io.github.tmux4j.TmuxClient;
import io.github.tmux4j.Transport;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.ModifierSupport;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * The JUnit Jupiter extension behind {@link TmuxTest}: gives each test class a private tmux socket
 * directory and {@link TmuxClient}, injects {@link TmuxSession} sessions and {@link InjectTmuxClient}
 * clients, attaches the last screens of a failed test's sessions to the failure, and cleans up.
 *
 * <p>Unlike a plain {@link TmuxClient}, whose sessions outlive it, this extension owns what it creates:
 * per-test sessions are closed after each test, shared ones after the class, and after the class the
 * tmux server on the private directory is killed (with any session the tests started on it directly)
 * and the directory deleted, whether the tests passed or failed.
 *
 * <p>When a test (or a {@code @BeforeEach}, {@code @AfterEach}, {@code @BeforeAll} or {@code @AfterAll}
 * method) fails, the last screen of every session injected into it (the visible screen and up to 10
 * lines of scrollback above it) is published as a report entry named
 * {@value #SCREEN_ENTRY_PREFIX}{@code <session name>}, and added to the failure: an
 * {@link AssertionError} is replaced by one of the same kind (an {@link AssertionFailedError} keeps its
 * expected and actual values) whose message ends with the screens and whose cause is the original; any
 * other exception is rethrown as it is, with the screens in a suppressed exception. Aborted tests
 * (failed assumptions) are left alone.
 *
 * <p>Use it through {@link TmuxTest}, or register it with {@code @ExtendWith(TmuxExtension.class)} or a
 * static {@code @RegisterExtension} field. The extension keeps all its state in JUnit's extension
 * stores, so one instance is safe for any number of classes and for parallel test execution.
 */
public final class TmuxExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
    AfterEachCallback, TestInstancePostProcessor, ParameterResolver, TestExecutionExceptionHandler,
    LifecycleMethodExecutionExceptionHandler {

  /**
   * Configuration parameter (or system property) naming the directory under which each test class gets
   * its private socket directory. Default: {@code java.io.tmpdir}. Keep it short: a socket path may have
   * at most 107 bytes.
   */
  public static final String TEST_DIR_PROPERTY = "tmux4j.test.dir";

  /** Prefix of the report entries that carry the last screens of a failed test's sessions. */
  public static final String SCREEN_ENTRY_PREFIX = "tmux4j.screen.";

  private static final Namespace NAMESPACE = Namespace.create(TmuxExtension.class);
  private static final String ENVIRONMENT_KEY = "environment";
  private static final String SCOPE_KEY = "sessions";

  /** Creates the extension; JUnit does this for {@link TmuxTest}. */
  public TmuxExtension() {}

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
    ExtensionContext classContext = classContext(context);
    environment(classContext);
    classScope(classContext);
    Class<?> testClass = classContext.getRequiredTestClass();
    for (Field field : AnnotationSupport.findAnnotatedFields(testClass, InjectTmuxClient.class,
        ModifierSupport::isStatic)) {
      injectClient(field, null, classContext);
    }
    for (Field field : AnnotationSupport.findAnnotatedFields(testClass, TmuxSession.class,
        ModifierSupport::isStatic)) {
      TmuxSession spec = sessionField(field);
      String key = key(spec, field.getName());
      set(field, null, classScope(classContext).session(key, spec, SessionNames.sanitize(key), where(field)));
    }
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
    injectInstance(testInstance, context, false);
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
    for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
      injectInstance(instance, context, true);
    }
  }

  /**
   * Closes the test's per-test sessions.
   *
   * @param context the test's extension context
   */
  @Override
  public void afterEach(ExtensionContext context) {
    SessionScope scope = context.getStore(testNamespace(context)).remove(SCOPE_KEY, SessionScope.class);
    if (scope != null) {
      scope.close();
    }
  }

  /**
   * Closes the class's shared sessions and, for the class that created them, the client; then kills
   * every tmux server on the private socket directory and deletes it. Runs even when tests failed.
   *
   * @param context the class's extension context
   * @throws Exception the first cleanup failure, the others suppressed
   */
  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    ExtensionContext classContext = classContext(context);
    Exception failure = null;
    SessionScope scope = classContext.getStore(classNamespace(classContext)).remove(SCOPE_KEY, SessionScope.class);
    if (scope != null) {
      try {
        scope.close();
      } catch (RuntimeException e) {
        failure = e;
      }
    }
    ExtensionContext.Store store = classContext.getStore(NAMESPACE);
    Environment environment = store.get(ENVIRONMENT_KEY, Environment.class);
    if (environment != null && environment.ownerId().equals(classContext.getUniqueId())) {
      store.remove(ENVIRONMENT_KEY);
      try {
        environment.close();
      } catch (Exception e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  /**
   * Per-test sessions declared as constructor parameters are created for the test, not for the class:
   * JUnit is asked for the test's context when it creates a test instance per test.
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
    return parameterContext.isAnnotated(TmuxSession.class)
        || parameterContext.isAnnotated(InjectTmuxClient.class)
        || parameterContext.getParameter().getType() == TmuxClient.class;
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
    String paramName = parameterName(parameterContext);
    Executable executable = parameterContext.getDeclaringExecutable();
    String where = "parameter '" + paramName + "' of " + executable.getDeclaringClass().getSimpleName() + "."
        + (executable instanceof Constructor ? "<init>" : executable.getName()) + "()";
    Class<?> type = parameterContext.getParameter().getType();
    Optional<TmuxSession> annotation = parameterContext.findAnnotation(TmuxSession.class);
    if (annotation.isEmpty()) {
      if (!type.isAssignableFrom(TmuxClient.class)) {
        throw new ParameterResolutionException("@InjectTmuxClient " + where + " has type " + type.getName()
            + "; it must be " + TmuxClient.class.getName());
      }
      return environment(classContext(extensionContext)).client();
    }
    TmuxSession spec = annotation.get();
    where = "@TmuxSession " + where;
    if (!type.isAssignableFrom(Session.class)) {
      throw new ParameterResolutionException(where + " has type " + type.getName() + "; it must be "
          + Session.class.getName());
    }
    String key = key(spec, paramName);
    Optional<Method> testMethod = extensionContext.getTestMethod();
    if (!spec.shared() && testMethod.isPresent()) {
      return testScope(extensionContext).session(key, spec,
          SessionNames.sanitize(key + "-" + testMethod.get().getName()), where);
    }
    return classScope(classContext(extensionContext)).session(key, spec, SessionNames.sanitize(key), where);
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
    throw withScreens(context, throwable);
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
    throw withScreens(context, throwable);
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
    throw withScreens(context, throwable);
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
    throw withScreens(context, throwable);
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
    throw withScreens(context, throwable);
  }

  private static Throwable withScreens(ExtensionContext context, Throwable failure) {
    if (failure instanceof TestAbortedException) {
      return failure;
    }
    List<Screens.Screen> screens = new ArrayList<>();
    for (Session session : sessionsInUse(context)) {
      screens.add(Screens.read(session));
    }
    if (screens.isEmpty()) {
      return failure;
    }
    for (Screens.Screen screen : screens) {
      try {
        context.publishReportEntry(SCREEN_ENTRY_PREFIX + screen.name(), screen.textOrNote());
      } catch (RuntimeException e) {
        failure.addSuppressed(e);
      }
    }
    String text = Screens.format(screens);
    String message = failure.getMessage() == null || failure.getMessage().isEmpty()
        ? text : failure.getMessage() + "\n\n" + text;
    Throwable result;
    if (failure instanceof AssertionFailedError afe) {
      result = afe.isExpectedDefined() && afe.isActualDefined()
          ? new AssertionFailedError(message, afe.getExpected().getEphemeralValue(),
              afe.getActual().getEphemeralValue(), afe)
          : new AssertionFailedError(message, afe);
    } else if (failure instanceof AssertionError) {
      result = new AssertionError(message, failure);
    } else {
      failure.addSuppressed(new LastScreens("Last screens of the tmux sessions in use:\n" + text));
      return failure;
    }
    result.setStackTrace(failure.getStackTrace());
    return result;
  }

  /** The sessions of the test's scope and of the scopes of its classes, without duplicates. */
  private static List<Session> sessionsInUse(ExtensionContext context) {
    Set<Session> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    List<Session> sessions = new ArrayList<>();
    for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
      for (Namespace namespace : List.of(testNamespace(c), classNamespace(c))) {
        SessionScope scope = c.getStore(namespace).get(SCOPE_KEY, SessionScope.class);
        if (scope != null) {
          scope.sessions().stream().filter(seen::add).forEach(sessions::add);
        }
      }
    }
    return sessions;
  }

  // ---- injection ----

  private void injectInstance(Object instance, ExtensionContext context, boolean perTestToo) {
    ExtensionContext classContext = classContextFor(context, instance.getClass());
    for (Field field : AnnotationSupport.findAnnotatedFields(instance.getClass(), InjectTmuxClient.class,
        ModifierSupport::isNotStatic)) {
      injectClient(field, instance, classContext);
    }
    for (Field field : AnnotationSupport.findAnnotatedFields(instance.getClass(), TmuxSession.class,
        ModifierSupport::isNotStatic)) {
      TmuxSession spec = sessionField(field);
      String key = key(spec, field.getName());
      Optional<Method> testMethod = context.getTestMethod();
      if (spec.shared()) {
        set(field, instance, classScope(classContext).session(key, spec, SessionNames.sanitize(key), where(field)));
      } else if (perTestToo && testMethod.isPresent()) {
        set(field, instance, testScope(context).session(key, spec,
            SessionNames.sanitize(key + "-" + testMethod.get().getName()), where(field)));
      }
    }
  }

  private void injectClient(Field field, Object instance, ExtensionContext classContext) {
    if (!field.getType().isAssignableFrom(TmuxClient.class)) {
      throw new ExtensionConfigurationException("@InjectTmuxClient field '" + field.getName() + "' of "
          + field.getDeclaringClass().getName() + " has type " + field.getType().getName() + "; it must be "
          + TmuxClient.class.getName());
    }
    set(field, instance, environment(classContext).client());
  }

  private static TmuxSession sessionField(Field field) {
    if (!field.getType().isAssignableFrom(Session.class)) {
      throw new ExtensionConfigurationException(where(field) + " has type " + field.getType().getName()
          + "; it must be " + Session.class.getName());
    }
    return field.getAnnotation(TmuxSession.class);
  }

  private static void set(Field field, Object instance, Object value) {
    if (Modifier.isFinal(field.getModifiers())) {
      throw new ExtensionConfigurationException("Field '" + field.getName() + "' of "
          + field.getDeclaringClass().getName() + " is final; tmux4j cannot inject into it");
    }
    try {
      field.setAccessible(true);
      field.set(instance, value);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new ExtensionConfigurationException("Cannot inject into field '" + field.getName() + "' of "
          + field.getDeclaringClass().getName() + ": " + e, e);
    }
  }

  /**
   * The parameter's name when the class was compiled with {@code -parameters}; otherwise the session
   * type in lower case ({@code python}), numbered from the second session parameter of that type in
   * the same method ({@code python-2}), which reads better than {@code arg0} in session names.
   */
  private static String parameterName(ParameterContext parameterContext) {
    Parameter parameter = parameterContext.getParameter();
    if (parameter.isNamePresent()) {
      return parameter.getName();
    }
    Optional<TmuxSession> spec = parameterContext.findAnnotation(TmuxSession.class);
    if (spec.isEmpty()) {
      return parameter.getName();
    }
    String type = spec.get().type().name().toLowerCase(Locale.ROOT);
    Parameter[] all = parameterContext.getDeclaringExecutable().getParameters();
    int ordinal = 1;
    for (int i = 0; i < parameterContext.getIndex(); i++) {
      TmuxSession other = all[i].getAnnotation(TmuxSession.class);
      if (other != null && other.type() == spec.get().type() && other.name().isEmpty()) {
        ordinal++;
      }
    }
    return ordinal == 1 ? type : type + "-" + ordinal;
  }

  private static String where(Field field) {
    return "@TmuxSession field '" + field.getName() + "' of " + field.getDeclaringClass().getSimpleName();
  }

  private static String key(TmuxSession spec, String javaName) {
    return spec.name().isEmpty() ? javaName : spec.name();
  }

  // ---- state in the extension stores ----

  private static Namespace classNamespace(ExtensionContext classContext) {
    return NAMESPACE.append("class", classContext.getUniqueId());
  }

  private static Namespace testNamespace(ExtensionContext testContext) {
    return NAMESPACE.append("test", testContext.getUniqueId());
  }

  private static Environment environment(ExtensionContext classContext) {
    return classContext.getStore(NAMESPACE).getOrComputeIfAbsent(ENVIRONMENT_KEY,
        k -> Environment.open(classContext.getUniqueId(), baseDir(classContext), transport(classContext)),
        Environment.class);
  }

  private static SessionScope classScope(ExtensionContext classContext) {
    return classContext.getStore(classNamespace(classContext)).getOrComputeIfAbsent(SCOPE_KEY,
        k -> new SessionScope(environment(classContext)), SessionScope.class);
  }

  private static SessionScope testScope(ExtensionContext testContext) {
    ExtensionContext classContext = classContext(testContext);
    return testContext.getStore(testNamespace(testContext)).getOrComputeIfAbsent(SCOPE_KEY,
        k -> new SessionScope(environment(classContext)), SessionScope.class);
  }

  /** The nearest enclosing context of a test class (not of a test method). */
  private static ExtensionContext classContext(ExtensionContext context) {
    ExtensionContext c = context;
    while (c != null && (c.getTestMethod().isPresent() || c.getTestClass().isEmpty())) {
      c = c.getParent().orElse(null);
    }
    if (c == null) {
      throw new ExtensionConfigurationException("TmuxExtension needs a test class context; register it on a "
          + "test class (@TmuxTest), not globally");
    }
    return c;
  }

  /** The context of {@code testClass} among the enclosing contexts, else the nearest class context. */
  private static ExtensionContext classContextFor(ExtensionContext context, Class<?> testClass) {
    for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
      if (c.getTestMethod().isEmpty() && c.getTestClass().filter(testClass::equals).isPresent()) {
        return c;
      }
    }
    return classContext(context);
  }

  private static Path baseDir(ExtensionContext context) {
    Optional<String> configured = context.getConfigurationParameter(TEST_DIR_PROPERTY)
        .or(() -> Optional.ofNullable(System.getProperty(TEST_DIR_PROPERTY)))
        .filter(s -> !s.isBlank());
    return Paths.get(configured.orElseGet(() -> System.getProperty("java.io.tmpdir"))).toAbsolutePath();
  }

  private static Transport transport(ExtensionContext classContext) {
    for (ExtensionContext c = classContext; c != null; c = c.getParent().orElse(null)) {
      Optional<TmuxTest> annotation = c.getTestClass().flatMap(k -> AnnotationSupport.findAnnotation(k, TmuxTest.class));
      if (annotation.isPresent()) {
        return annotation.get().transport();
      }
    }
    return Transport.CONTROL_MODE;
  }
}

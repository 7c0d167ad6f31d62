package io.github.tmux4j.junit;

import io.github.tmux4j.Transport;
import io.github.tmux4j.internal.Commands;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Where {@link TmuxExtension} keeps its state (JUnit's extension stores, so that one extension instance
 * serves any number of classes and threads), how it finds the context of a test class, and what the
 * configuration says ({@link TmuxTest} attributes and configuration parameters).
 */
final class Contexts {
  private static final Namespace NAMESPACE = Namespace.create(TmuxExtension.class);
  private static final String ENVIRONMENT_KEY = "environment";
  private static final String SCOPE_KEY = "sessions";
  private static final String CONSTRUCTOR_SCOPES_KEY = "constructor-scopes";
  private static final String SHOWN_KEY = "screens-shown";

  private Contexts() {}

  // ---- the class's environment and the session scopes ----

  /** The class's environment (socket directory and client), created on first use. */
  static Environment environment(ExtensionContext classContext) {
    return classContext.getStore(NAMESPACE).getOrComputeIfAbsent(ENVIRONMENT_KEY,
        k -> Environment.open(classContext.getUniqueId(), baseDir(classContext), transport(classContext),
            tmuxBinary(classContext)),
        Environment.class);
  }

  /** Removes and returns the environment if {@code classContext} created it (not an enclosing class). */
  static Optional<Environment> removeOwnEnvironment(ExtensionContext classContext) {
    ExtensionContext.Store store = classContext.getStore(NAMESPACE);
    Environment environment = store.get(ENVIRONMENT_KEY, Environment.class);
    if (environment == null || !environment.ownerId().equals(classContext.getUniqueId())) {
      return Optional.empty();
    }
    store.remove(ENVIRONMENT_KEY);
    return Optional.of(environment);
  }

  /** The scope of the class's shared sessions, created on first use. */
  static SessionScope classScope(ExtensionContext classContext) {
    return classContext.getStore(classNamespace(classContext)).getOrComputeIfAbsent(SCOPE_KEY,
        k -> new SessionScope(environment(classContext)), SessionScope.class);
  }

  /** The scope of the test's own sessions, created on first use. */
  static SessionScope testScope(ExtensionContext testContext) {
    ExtensionContext classContext = classContext(testContext);
    return testContext.getStore(testNamespace(testContext)).getOrComputeIfAbsent(SCOPE_KEY,
        k -> new SessionScope(environment(classContext)), SessionScope.class);
  }

  /** Makes {@code scope} the test's scope unless it has one already; returns whether it did. */
  static boolean adoptTestScope(ExtensionContext testContext, SessionScope scope) {
    return testContext.getStore(testNamespace(testContext)).getOrComputeIfAbsent(SCOPE_KEY, k -> scope,
        SessionScope.class) == scope;
  }

  /**
   * Records a scope of constructor sessions (JUnit 5.10 and 5.11, see {@link Injection}) so that the
   * class closes it if no test claimed it (the constructor failed after its parameters were resolved).
   */
  static void addConstructorScope(ExtensionContext classContext, SessionScope scope) {
    constructorScopes(classContext).add(scope);
  }

  /** The scopes recorded by {@link #addConstructorScope}, removed from the store. */
  static List<SessionScope> removeConstructorScopes(ExtensionContext classContext) {
    List<SessionScope> scopes = new ArrayList<>(constructorScopes(classContext));
    classContext.getStore(classNamespace(classContext)).remove(CONSTRUCTOR_SCOPES_KEY);
    return scopes;
  }

  @SuppressWarnings("unchecked")
  private static List<SessionScope> constructorScopes(ExtensionContext classContext) {
    return classContext.getStore(classNamespace(classContext)).getOrComputeIfAbsent(CONSTRUCTOR_SCOPES_KEY,
        k -> new CopyOnWriteArrayList<SessionScope>(), List.class);
  }

  /** Removes and returns the class's scope of shared sessions. */
  static Optional<SessionScope> removeClassScope(ExtensionContext classContext) {
    return Optional.ofNullable(
        classContext.getStore(classNamespace(classContext)).remove(SCOPE_KEY, SessionScope.class));
  }

  /** Removes and returns the test's scope. */
  static Optional<SessionScope> removeTestScope(ExtensionContext testContext) {
    return Optional.ofNullable(
        testContext.getStore(testNamespace(testContext)).remove(SCOPE_KEY, SessionScope.class));
  }

  /** The scopes a test (or lifecycle method) can reach: its own, then those of its classes, inner first. */
  static List<SessionScope> scopesInUse(ExtensionContext context) {
    List<SessionScope> scopes = new ArrayList<>();
    for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
      for (Namespace namespace : List.of(testNamespace(c), classNamespace(c))) {
        SessionScope scope = c.getStore(namespace).get(SCOPE_KEY, SessionScope.class);
        if (scope != null) {
          scopes.add(scope);
        }
      }
    }
    return scopes;
  }

  /**
   * The names of the sessions whose last screen a failure of this test (or, for a class's context, of
   * its {@code @BeforeAll} or {@code @AfterAll} methods) already shows: a later failure of the same test,
   * such as an {@code @AfterEach} method's, which JUnit reports with the first, does not show it again.
   */
  @SuppressWarnings("unchecked")
  static Set<String> screensShown(ExtensionContext context) {
    return context.getStore(NAMESPACE.append("shown", context.getUniqueId())).getOrComputeIfAbsent(SHOWN_KEY,
        k -> ConcurrentHashMap.<String>newKeySet(), Set.class);
  }

  /** The environment of the nearest class that has one, if any. */
  static Optional<Environment> existingEnvironment(ExtensionContext context) {
    return Optional.ofNullable(classContext(context).getStore(NAMESPACE).get(ENVIRONMENT_KEY, Environment.class));
  }

  private static Namespace classNamespace(ExtensionContext classContext) {
    return NAMESPACE.append("class", classContext.getUniqueId());
  }

  private static Namespace testNamespace(ExtensionContext testContext) {
    return NAMESPACE.append("test", testContext.getUniqueId());
  }

  // ---- finding contexts ----

  /** The nearest enclosing context of a test class (not of a test method). */
  static ExtensionContext classContext(ExtensionContext context) {
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
  static ExtensionContext classContextFor(ExtensionContext context, Class<?> testClass) {
    for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
      if (c.getTestMethod().isEmpty() && c.getTestClass().filter(testClass::equals).isPresent()) {
        return c;
      }
    }
    return classContext(context);
  }

  // ---- configuration ----

  /** The {@link TmuxTest} of the nearest class that has one (a nested class uses its enclosing class's). */
  static Optional<TmuxTest> tmuxTest(ExtensionContext context) {
    for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
      Optional<TmuxTest> annotation = c.getTestClass().flatMap(k -> AnnotationSupport.findAnnotation(k, TmuxTest.class));
      if (annotation.isPresent()) {
        return annotation;
      }
    }
    return Optional.empty();
  }

  /** A configuration parameter, else the system property of that name; blank counts as unset. */
  static Optional<String> parameter(ExtensionContext context, String name) {
    return context.getConfigurationParameter(name)
        .or(() -> Optional.ofNullable(System.getProperty(name)))
        .filter(s -> !s.isBlank())
        .map(String::strip);
  }

  static Path baseDir(ExtensionContext context) {
    return Paths.get(parameter(context, TmuxExtension.TEST_DIR_PROPERTY)
        .orElseGet(() -> System.getProperty("java.io.tmpdir"))).toAbsolutePath();
  }

  static Transport transport(ExtensionContext context) {
    return tmuxTest(context).map(TmuxTest::transport).orElse(Transport.CONTROL_MODE);
  }

  /** {@value TmuxExtension#TMUX_PROPERTY}, else {@code $TMUX4J_TMUX}, else {@code tmux}. */
  static String tmuxBinary(ExtensionContext context) {
    return parameter(context, TmuxExtension.TMUX_PROPERTY).orElseGet(Commands::defaultBinary);
  }

  /** Whether a failed test's sessions are kept: {@link TmuxTest#keepFailedSessions()} or the parameter. */
  static boolean keepFailedSessions(ExtensionContext context) {
    return tmuxTest(context).map(TmuxTest::keepFailedSessions).orElse(false)
        || parameter(context, TmuxExtension.KEEP_FAILED_SESSIONS_PROPERTY).map(Boolean::parseBoolean).orElse(false);
  }
}

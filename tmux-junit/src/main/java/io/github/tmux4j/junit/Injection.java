package io.github.tmux4j.junit;

import io.github.tmux4j.Session;
import io.github.tmux4j.TmuxClient;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.ModifierSupport;

/**
 * Puts sessions and clients into fields and parameters for {@link TmuxExtension}: which scope a
 * declaration belongs to, the session name it derives, and the checks of declared types.
 */
final class Injection {
  /**
   * Per-test sessions of constructor parameters on JUnit 5.10 and 5.11, created before the test has a
   * context of its own: JUnit before 5.12 creates a per-method test instance with the class's context
   * (5.12 asks {@code getTestInstantiationExtensionContextScope}). The instance is created, post-processed
   * and its {@code @BeforeEach} callbacks run on one thread, so the thread carries the scope from
   * {@link #resolveParameter} to {@link #claimConstructorSessions}.
   */
  private static final ThreadLocal<PendingScope> CONSTRUCTOR_SESSIONS = new ThreadLocal<>();

  private record PendingScope(String classId, SessionScope scope) {}

  private Injection() {}

  /** Injects the static fields of a test class: clients and (shared) sessions. */
  static void injectStatic(ExtensionContext classContext) {
    Class<?> testClass = classContext.getRequiredTestClass();
    for (Field field : AnnotationSupport.findAnnotatedFields(testClass, InjectTmuxClient.class,
        ModifierSupport::isStatic)) {
      injectClient(field, null, classContext);
    }
    for (Field field : AnnotationSupport.findAnnotatedFields(testClass, TmuxSession.class,
        ModifierSupport::isStatic)) {
      TmuxSession spec = sessionField(field);
      String key = key(spec, field.getName());
      set(field, null, Contexts.classScope(classContext).session(key, spec, SessionNames.sanitize(key), where(field)));
    }
  }

  /**
   * Injects the instance fields of one test instance: clients and shared sessions always, per-test
   * sessions when {@code perTestToo} and the context is a test's.
   */
  static void injectInstance(Object instance, ExtensionContext context, boolean perTestToo) {
    ExtensionContext classContext = Contexts.classContextFor(context, instance.getClass());
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
        set(field, instance, Contexts.classScope(classContext).session(key, spec, SessionNames.sanitize(key),
            where(field)));
      } else if (perTestToo && testMethod.isPresent()) {
        set(field, instance, Contexts.testScope(context).session(key, spec,
            SessionNames.sanitize(key + "-" + testMethod.get().getName()), where(field)));
      }
    }
  }

  /** Whether the extension resolves the parameter: a {@link TmuxSession}, or a client. */
  static boolean supports(ParameterContext parameterContext) {
    return parameterContext.isAnnotated(TmuxSession.class)
        || parameterContext.isAnnotated(InjectTmuxClient.class)
        || parameterContext.getParameter().getType() == TmuxClient.class;
  }

  /** Resolves a parameter to a ready session or the class's client; see {@link TmuxExtension}. */
  static Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
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
      return Contexts.environment(Contexts.classContext(extensionContext)).client();
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
      return Contexts.testScope(extensionContext).session(key, spec,
          SessionNames.sanitize(key + "-" + testMethod.get().getName()), where);
    }
    ExtensionContext classContext = Contexts.classContext(extensionContext);
    if (!spec.shared() && executable instanceof Constructor && perMethodInstances(extensionContext)) {
      return constructorScope(classContext).session(key, spec, SessionNames.sanitize(key), where);
    }
    return Contexts.classScope(classContext).session(key, spec, SessionNames.sanitize(key), where);
  }

  /**
   * Hands the per-test sessions that the constructor of this test's instance received (JUnit 5.10 and
   * 5.11 only) to the test's scope, which closes them after the test.
   */
  static void claimConstructorSessions(ExtensionContext testContext) {
    PendingScope pending = CONSTRUCTOR_SESSIONS.get();
    if (pending != null && pending.classId().equals(Contexts.classContext(testContext).getUniqueId())) {
      CONSTRUCTOR_SESSIONS.remove();
      if (!Contexts.adoptTestScope(testContext, pending.scope())) {
        throw new IllegalStateException("The test " + testContext.getUniqueId() + " already has tmux sessions");
      }
    }
  }

  private static boolean perMethodInstances(ExtensionContext context) {
    return context.getTestInstanceLifecycle().orElse(TestInstance.Lifecycle.PER_METHOD)
        == TestInstance.Lifecycle.PER_METHOD;
  }

  private static SessionScope constructorScope(ExtensionContext classContext) {
    PendingScope pending = CONSTRUCTOR_SESSIONS.get();
    if (pending == null || !pending.classId().equals(classContext.getUniqueId())) {
      SessionScope scope = new SessionScope(Contexts.environment(classContext));
      Contexts.addConstructorScope(classContext, scope);
      pending = new PendingScope(classContext.getUniqueId(), scope);
      CONSTRUCTOR_SESSIONS.set(pending);
    }
    return pending.scope();
  }

  private static void injectClient(Field field, Object instance, ExtensionContext classContext) {
    if (!field.getType().isAssignableFrom(TmuxClient.class)) {
      throw new ExtensionConfigurationException("@InjectTmuxClient field '" + field.getName() + "' of "
          + field.getDeclaringClass().getName() + " has type " + field.getType().getName() + "; it must be "
          + TmuxClient.class.getName());
    }
    set(field, instance, Contexts.environment(classContext).client());
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
}

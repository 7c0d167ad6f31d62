package io.github.tmux4j.junit;

import io.github.tmux4j.SessionType;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Injects a ready {@link io.github.tmux4j.Session} into a field or a parameter of type {@code Session} in
 * a {@link TmuxTest} class: the program is started and its prompt seen before the test runs.
 *
 * <p>Lifetime:
 * <ul>
 *   <li>an instance field or a parameter of a test, {@code @BeforeEach} or {@code @AfterEach} method gets
 *       a new session before each test, closed after it;</li>
 *   <li>with {@link #shared() shared = true}, and always for static fields and parameters of
 *       {@code @BeforeAll}/{@code @AfterAll} methods and constructors of per-class instances, the
 *       session is created once per test class and closed after all its tests: the choice for an
 *       expensive REPL.</li>
 * </ul>
 * Within one scope (one test, or one class for shared sessions), declarations with the same key (the
 * {@link #name()}, else the field or parameter name) get the same session, so a field and a
 * parameter can refer to one REPL; two different declarations under the same key are a configuration
 * error.
 *
 * <pre>{@code
 * @TmuxSession(type = SessionType.PYTHON, shared = true) static Session py;   // one per class
 * @TmuxSession Session sh;                                                       // one per test
 * @TmuxSession(type = SessionType.CUSTOM, command = {"node", "-i"}, readyWhen = "> $") Session node;
 * }</pre>
 */
@Target({ElementType.FIELD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface TmuxSession {

  /**
   * The program to run: {@link SessionType#SHELL} (default), {@link SessionType#PYTHON},
   * {@link SessionType#GDB}, or {@link SessionType#CUSTOM} with {@link #command()}.
   *
   * @return the session type
   */
  SessionType type() default SessionType.SHELL;

  /**
   * The tmux session name, used exactly as given. Default: derived from the field or parameter name
   * (and, for per-test sessions, the test method name: {@code py-addsNumbers}), with characters tmux
   * does not allow replaced and a suffix added when the name is in use. Parameter names need classes
   * compiled with {@code -parameters}; otherwise the type in lower case stands in for the name
   * ({@code python}, then {@code python-2} for the second unnamed Python parameter of a method).
   *
   * @return the session name, or {@code ""} to derive one
   */
  String name() default "";

  /**
   * Whether one session serves every test of the class ({@code true}) instead of a new one per test
   * (default). Static fields are always shared.
   *
   * @return {@code true} to create the session once per class
   */
  boolean shared() default false;

  /**
   * The program and its arguments, for {@link SessionType#CUSTOM} only (required there). Run directly,
   * never through a shell.
   *
   * @return the command line, program first
   */
  String[] command() default {};

  /**
   * The prompt that tells the program is ready, as a regular expression matched against the screen
   * (see {@link io.github.tmux4j.SessionBuilder#readyWhen}); also the prompt {@code run} waits for.
   * Default: the type's prompt. Without it, a custom command is considered ready once started.
   *
   * @return the prompt pattern, or {@code ""} for the type's default
   */
  String readyWhen() default "";

  /**
   * Environment variables for the program, each {@code "NAME=value"}.
   *
   * @return the variables
   */
  String[] env() default {};

  /**
   * The window width in columns.
   *
   * @return 10 to 10000; default 200
   */
  int width() default 200;

  /**
   * The window height in rows.
   *
   * @return 2 to 10000; default 50
   */
  int height() default 50;

  /**
   * How long to wait for the program's prompt before the test fails.
   *
   * @return a positive number of seconds; default 15
   */
  long startupTimeoutSeconds() default 15;
}

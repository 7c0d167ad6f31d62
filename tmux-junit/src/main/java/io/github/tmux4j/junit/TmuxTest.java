package io.github.tmux4j.junit;

import io.github.tmux4j.Transport;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that uses tmux: registers {@link TmuxExtension}, which gives the class a private
 * tmux socket directory and {@link io.github.tmux4j.TmuxClient}, injects the sessions declared with
 * {@link TmuxSession}, attaches their last screens to failures, and afterwards kills every tmux server on
 * that directory and deletes it, whether the tests passed or not.
 *
 * <p>The socket directory is a new temporary directory (mode 0700) under the configuration parameter or
 * system property {@value TmuxExtension#TEST_DIR_PROPERTY} when it is set, else under
 * {@code java.io.tmpdir}. {@link org.junit.jupiter.api.Nested @Nested} classes share their enclosing
 * class's directory and client.
 *
 * <pre>{@code
 * @TmuxTest
 * class ReplIT {
 *   @TmuxSession(type = SessionType.PYTHON, shared = true)
 *   static Session py;
 *
 *   @Test
 *   void adds() {
 *     TmuxAssertions.assertThat(py).runs("print(1 + 1)").andOutputs("2");
 *   }
 * }
 * }</pre>
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(TmuxExtension.class)
public @interface TmuxTest {

  /**
   * How the class's client reaches tmux. Default {@link Transport#CONTROL_MODE} (event-driven waits).
   *
   * @return the transport of the class's {@link io.github.tmux4j.TmuxClient}
   */
  Transport transport() default Transport.CONTROL_MODE;

  /**
   * Whether the class is skipped (reported as disabled, not failed) when tmux cannot be run: the
   * executable named by the configuration parameter {@value TmuxExtension#TMUX_PROPERTY}, else
   * {@code $TMUX4J_TMUX}, else {@code tmux} on the {@code PATH}, must answer {@code tmux -V}. Like
   * Testcontainers' {@code disabledWithoutDocker}. Default {@code false}: without tmux the tests fail
   * with {@link io.github.tmux4j.TmuxNotInstalledException}.
   *
   * @return whether to skip the class without tmux
   */
  boolean disabledWithoutTmux() default false;

  /**
   * Whether the sessions of a failed test are kept for inspection instead of closed: its own sessions
   * and the class's shared ones stay, and so do the class's tmux server and socket directory after the
   * class. Their names and socket are printed to {@code System.err} (with the {@code tmux attach} and
   * clean-up commands) and published as the report entries {@code tmux4j.kept.socket} and
   * {@code tmux4j.kept.sessions}. The configuration parameter or system property
   * {@value TmuxExtension#KEEP_FAILED_SESSIONS_PROPERTY}{@code =true} turns it on for every class
   * ({@code mvn verify -Dtmux4j.keepFailedSessions=true}). Default {@code false}. Kept sessions are not
   * cleaned up by anyone: kill their server when done.
   *
   * @return whether to keep a failed test's sessions
   */
  boolean keepFailedSessions() default false;
}

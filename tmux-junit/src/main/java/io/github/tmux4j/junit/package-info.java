/**
 * JUnit 5 support for tmux4j: ready sessions injected into tests, their screens attached to failures,
 * and everything cleaned up afterwards.
 *
 * <pre>{@code
 * import static io.github.tmux4j.junit.TmuxAssertions.assertThat;
 *
 * @TmuxTest
 * class CalculatorIT {
 *   @TmuxSession(type = SessionType.PYTHON, shared = true)
 *   static Session py;                          // one Python REPL for the whole class
 *
 *   @TmuxSession
 *   Session sh;                                 // a new shell for each test
 *
 *   @Test
 *   void adds() {
 *     assertThat(py).runs("print(1 + 1)").andOutputs("2");
 *   }
 *
 *   @Test
 *   void printsWhenDone() {
 *     py.send("import time; time.sleep(0.5); print('done')");
 *     assertThat(py).eventuallyShows("done").isHealthy();
 *   }
 *
 *   @Test
 *   void debugs(@TmuxSession(type = SessionType.GDB) Session gdb, TmuxClient tmux) {
 *     assertThat(gdb).runs("print 6 * 7").andOutputs("$1 = 42");
 *     assertThat(sh).runs("test -S " + tmux.socket()).andExitsWith(0);
 *   }
 * }
 * }</pre>
 *
 * <ul>
 *   <li>{@link io.github.tmux4j.junit.TmuxTest} on the class: a private socket directory (mode 0700,
 *       under {@code -Dtmux4j.test.dir} or the temp directory) and client for the class; after the class
 *       every tmux server on it is killed and the directory deleted, even when tests fail.</li>
 *   <li>{@link io.github.tmux4j.junit.TmuxSession} on a {@code Session} field or parameter: a ready
 *       session, new for each test, or once per class with {@code shared = true} or on a static field.</li>
 *   <li>{@link io.github.tmux4j.junit.InjectTmuxClient} on a field, or any {@code TmuxClient}
 *       parameter: the class's client.</li>
 *   <li>When a test fails, the last screen of each of its sessions is published as a report entry
 *       ({@code tmux4j.screen.<name>}) and appended to the failure message, once (not again when the
 *       message shows it already); with
 *       {@code @TmuxTest(keepFailedSessions = true)} (or {@code -Dtmux4j.keepFailedSessions=true}) the
 *       sessions stay for inspection and their names and socket are printed.</li>
 *   <li>{@code @TmuxTest(disabledWithoutTmux = true)} skips the class where tmux cannot be run.</li>
 *   <li>{@link io.github.tmux4j.junit.TmuxAssertions}: {@code eventuallyShows}, {@code isHealthy},
 *       {@code runs(...).andOutputs(...)}, failing with the screen in the message.</li>
 * </ul>
 *
 * <p>Built against JUnit Jupiter 5.14; works with 5.10 to 6.x, whichever the test project uses (JUnit is
 * a {@code provided} dependency: tmux-junit brings none of its own).
 */
package io.github.tmux4j.junit;

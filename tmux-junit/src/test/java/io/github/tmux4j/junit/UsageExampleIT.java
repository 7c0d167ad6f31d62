package io.github.tmux4j.junit;

import static io.github.tmux4j.junit.TmuxAssertions.assertThat;

import io.github.tmux4j.Session;
import io.github.tmux4j.SessionType;
import io.github.tmux4j.TmuxClient;
import org.junit.jupiter.api.Test;

/** The example of the package documentation, verbatim, so that it stays true. */
@TmuxTest
class UsageExampleIT {
  @TmuxSession(type = SessionType.PYTHON, shared = true)
  static Session py;                          // one Python REPL for the whole class

  @TmuxSession
  Session sh;                                 // a new shell for each test

  @Test
  void adds() {
    assertThat(py).runs("print(1 + 1)").andOutputs("2");
  }

  @Test
  void printsWhenDone() {
    py.send("import time; time.sleep(0.5); print('done')");
    assertThat(py).eventuallyShows("done").isHealthy();
  }

  @Test
  void debugs(@TmuxSession(type = SessionType.GDB) Session gdb, TmuxClient tmux) {
    assertThat(gdb).runs("print 6 * 7").andOutputs("$1 = 42");
    assertThat(sh).runs("test -S " + tmux.socket()).andExitsWith(0);
  }
}

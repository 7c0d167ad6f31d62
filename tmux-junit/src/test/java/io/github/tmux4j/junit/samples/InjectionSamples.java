package io.github.tmux4j.junit.samples;

import static io.github.tmux4j.junit.TmuxAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.github.tmux4j.Session;
import io.github.tmux4j.SessionType;
import io.github.tmux4j.TmuxClient;
import io.github.tmux4j.junit.InjectTmuxClient;
import io.github.tmux4j.junit.TmuxSession;
import io.github.tmux4j.junit.TmuxTest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.TestReporter;

/** Every way of declaring sessions and clients; each test publishes the pids it was given. */
@TmuxTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class InjectionSamples {
  @TmuxSession(type = SessionType.PYTHON)
  static Session staticPy;

  @TmuxSession(type = SessionType.PYTHON, shared = true)
  Session sharedPy;

  @TmuxSession
  Session perTestShell;

  @TmuxSession(name = "same-shell")
  Session sameShellField;

  @TmuxSession(type = SessionType.CUSTOM, command = {"python3", "-q"}, env = "PYTHON_BASIC_REPL=1",
      readyWhen = ">>>$", width = 120, height = 30)
  Session custom;

  @InjectTmuxClient
  static TmuxClient staticClient;

  @InjectTmuxClient
  TmuxClient client;

  static Session fromBeforeAll;

  @BeforeAll
  static void beforeAll(@TmuxSession(type = SessionType.PYTHON, name = "before-all") Session py) {
    fromBeforeAll = py;
  }

  @Test
  @Order(1)
  void first(@TmuxSession Session perTestParam,
      @TmuxSession(type = SessionType.PYTHON, shared = true, name = "shared-param") Session sharedParam,
      @TmuxSession(name = "same-shell") Session sameShellParam,
      @TmuxSession(type = SessionType.PYTHON, name = "before-all", shared = true) Session beforeAllAgain,
      TmuxClient clientParam, TestReporter reporter) {
    check(clientParam, sameShellParam, beforeAllAgain);
    reporter.publishEntry(pids(perTestParam, sharedParam));
  }

  @Test
  @Order(2)
  void second(@TmuxSession Session perTestParam,
      @TmuxSession(type = SessionType.PYTHON, shared = true, name = "shared-param") Session sharedParam,
      @TmuxSession(name = "same-shell") Session sameShellParam,
      @TmuxSession(type = SessionType.PYTHON, name = "before-all", shared = true) Session beforeAllAgain,
      TmuxClient clientParam, TestReporter reporter) {
    check(clientParam, sameShellParam, beforeAllAgain);
    reporter.publishEntry(pids(perTestParam, sharedParam));
  }

  @Test
  @Order(3)
  void customCommandGetsItsSizeEnvAndPrompt() {
    assertEquals(SessionType.CUSTOM, custom.type());
    assertThat(custom).runs("import os, shutil; print(shutil.get_terminal_size(), os.environ['PYTHON_BASIC_REPL'])")
        .andOutputs("os.terminal_size(columns=120, lines=30) 1");
  }

  private void check(TmuxClient clientParam, Session sameShellParam, Session beforeAllAgain) {
    assertNotNull(client);
    assertSame(client, clientParam);
    assertSame(client, staticClient);
    assertSame(sameShellField, sameShellParam, "a field and a parameter with one name share the session");
    assertSame(fromBeforeAll, beforeAllAgain, "@BeforeAll parameters are class-level sessions");
    assertThat(staticPy).runs("print(6 * 7)").andOutputs("42");
    assertThat(sharedPy).isHealthy();
    assertThat(perTestShell).runs("echo $((6 * 7))").andOutputs("42").andExitsWith(0);
  }

  private Map<String, String> pids(Session perTestParam, Session sharedParam) {
    Map<String, String> pids = new LinkedHashMap<>();
    pids.put("staticPy", pid(staticPy));
    pids.put("sharedPy", pid(sharedPy));
    pids.put("perTestShell", pid(perTestShell));
    pids.put("perTestShell.name", perTestShell.name());
    pids.put("perTestParam", pid(perTestParam));
    pids.put("perTestParam.name", perTestParam.name());
    pids.put("sharedParam", pid(sharedParam));
    pids.put("sharedParam.name", sharedParam.name());
    pids.put("beforeAll", pid(fromBeforeAll));
    pids.put("socketDir", client.socketDir().toString());
    return pids;
  }

  static String pid(Session session) {
    return Long.toString(session.health().pid().orElseThrow());
  }
}

package io.github.tmux4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tmux4j.testing.PrivateTmux;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Control clients that die, are killed, or outlive their use: tmux4j replaces them and leaves none behind. */
class ControlClientFaultsIT {
  @RegisterExtension static final PrivateTmux TMUX = new PrivateTmux();

  @org.junit.jupiter.api.BeforeAll
  static void needsControlMode() {
    org.junit.jupiter.api.Assumptions.assumeTrue(PrivateTmux.controlModeSafe(),
        "this tmux gets no control clients (older than 3.3): nothing here applies");
  }
  private static final Duration WAIT = Duration.ofSeconds(20);

  /** The pids of the control clients attached to a session, as tmux lists them. */
  private static List<Long> controlClients(TmuxClient tmux, String session) throws Exception {
    ItSupport.Result r = ItSupport.tmux(tmux.socket(), "list-clients", "-t", "=" + session, "-F",
        "#{client_pid} #{client_control_mode}");
    List<Long> pids = new ArrayList<>();
    for (String line : r.stdout().split("\n")) {
      if (line.endsWith(" 1")) {
        pids.add(Long.parseLong(line.substring(0, line.indexOf(' '))));
      }
    }
    return pids;
  }

  /** SIGKILLs a process; waits for its end only if asked (else the next command races the kill). */
  private static void kill9(long pid, boolean wait) throws Exception {
    Optional<ProcessHandle> p = ProcessHandle.of(pid);
    if (p.isPresent()) {
      p.get().destroyForcibly();
      if (wait) {
        p.get().onExit().get(10, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void aControlClientKilledBetweenCommandsIsReplacedAndTheNextCommandsSucceed() throws Exception {
    TmuxClient tmux = TMUX.client(b -> b.socketName("killed"));
    try (Session sh = tmux.newSession("killed-sh").shell().create();
        Session py = tmux.newSession("killed-py").python().create()) {
      for (int round = 0; round < 20; round++) {
        assertEquals("r" + round, sh.run("echo r" + round, WAIT).output());
        assertEquals(Integer.toString(round * 7), py.run(round + " * 7", WAIT).output());
        List<Long> clients = controlClients(tmux, "killed-sh");
        assertEquals(1, clients.size(), "round " + round + ": one control client for the session");
        kill9(clients.get(0), round % 2 == 0);
        // right after the kill, or while it happens: the next run goes through (a new client, or a process)
        assertEquals("after" + round, sh.run("echo after" + round, WAIT).output(), "round " + round);
        sh.send("echo sent" + round);
        sh.waitFor("sent" + round + "\n", WAIT);
        assertEquals(HealthState.HEALTHY, sh.health().state());
        kill9(controlClients(tmux, "killed-py").get(0), round % 2 == 1);
        assertEquals("42", py.run("6 * 7", WAIT).output(), "round " + round);
      }
      // Each killed client's input was typed exactly once: the shell's history holds each command once.
      String history = sh.run("history | grep -c '^ *[0-9][0-9]* *echo after'", WAIT).output();
      assertEquals("20", history, "no command was typed twice");
    }
  }

  @Test
  void closingAClientLeavesNoControlClientOnTheServer() throws Exception {
    TmuxClient other = TMUX.client(b -> b.socketName("close"));
    Session bystander = other.newSession("bystander-close").shell().create();
    TmuxClient tmux = TMUX.client(b -> b.socketName("close"));
    for (int i = 0; i < 5; i++) {
      Session s = tmux.newSession("close-" + i).command("cat").create();
      s.send("hello " + i);
      s.waitFor("hello " + i, WAIT);
    }
    assertEquals(5, count(tmux, "close-"), "one control client per used session");
    tmux.close();
    assertEquals(0, count(other, "close-"), "all of the closed client's control clients left");
    assertEquals("still", bystander.run("echo still", WAIT).output());
    bystander.close();
  }

  @Test
  void closingASessionTakesItsControlClientsAlongAlsoThoseOfOtherClients() throws Exception {
    TmuxClient a = TMUX.client(b -> b.socketName("shared"));
    TmuxClient b = TMUX.client(c -> c.socketName("shared"));
    Session mine = a.newSession("shared-s").shell().create();
    Session theirs = b.newSession("shared-s").shell().getOrCreate();
    assertEquals("a", mine.run("echo a", WAIT).output());
    assertEquals("b", theirs.run("echo b", WAIT).output());
    assertEquals(2, controlClients(a, "shared-s").size());
    mine.close();
    ItSupport.Result left = ItSupport.tmux(a.socket(), "list-clients", "-F", "#{client_pid} #{client_control_mode}");
    assertTrue(left.stdout().lines().noneMatch(l -> l.endsWith(" 1")), "no control client left: " + left.stdout());
  }

  /** How many control clients are attached to sessions whose names start with a prefix. */
  private static long count(TmuxClient tmux, String prefix) throws Exception {
    ItSupport.Result r = ItSupport.tmux(tmux.socket(), "list-clients", "-F",
        "#{client_control_mode} #{session_name}");
    return r.stdout().lines().filter(l -> l.startsWith("1 " + prefix)).count();
  }
}

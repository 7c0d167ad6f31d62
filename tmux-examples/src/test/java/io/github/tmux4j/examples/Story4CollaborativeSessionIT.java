package io.github.tmux4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tmux4j.HealthState;
import io.github.tmux4j.Session;
import io.github.tmux4j.SessionInfo;
import io.github.tmux4j.SessionType;
import io.github.tmux4j.TmuxClient;
import io.github.tmux4j.registry.FileRegistry;
import io.github.tmux4j.spi.InMemoryRegistry;
import io.github.tmux4j.testing.PrivateTmux;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class Story4CollaborativeSessionIT {
  @RegisterExtension static final PrivateTmux TMUX = new PrivateTmux();

  @Test
  void twoClientsSharingARegistryFileSeeOneSessionAndEachOthersOutput() throws Exception {
    Path registryFile = TMUX.dir().resolve(FileRegistry.DEFAULT_FILE_NAME);
    // Each agent opens the registry file itself, as two separate processes would.
    try (FileRegistry registryOfA = FileRegistry.open(registryFile);
        FileRegistry registryOfB = FileRegistry.open(registryFile)) {
      TmuxClient agentA = TMUX.client(b -> b.socketName("story4").registry(registryOfA));
      TmuxClient agentB = TMUX.client(b -> b.socketName("story4").registry(registryOfB));
      // Someone else's session on the shared socket keeps its tmux server running after the story.
      String bystander = "bystander-" + ProcessHandle.current().pid();
      agentA.newSession(bystander).shell().create();
      ByteArrayOutputStream buffer = new ByteArrayOutputStream();

      Story4CollaborativeSession.Outcome outcome =
          Story4CollaborativeSession.run(agentA, agentB, new PrintStream(buffer, true, StandardCharsets.UTF_8));

      String name = outcome.name();
      assertEquals(agentA.socket(), outcome.socketOfA());
      assertEquals(agentA.socket(), outcome.socketOfB(), "B reached the session on the shared socket");

      // The registry is consistent across readers: both list the same records, healthy.
      assertEquals(List.of(bystander, name), names(outcome.listedByA()));
      assertEquals(List.of(bystander, name), names(outcome.listedByB()));
      assertEquals(outcome.listedByA().get(0).record(), outcome.listedByB().get(0).record());
      SessionInfo seenByA = outcome.listedByA().get(1);
      SessionInfo seenByB = outcome.listedByB().get(1);
      assertEquals(seenByA.record(), seenByB.record());
      assertEquals(SessionType.PYTHON, seenByA.type());
      assertEquals("collaboration", seenByA.record().tags().get("purpose"));
      assertEquals(HealthState.HEALTHY, seenByA.state());
      assertEquals(HealthState.HEALTHY, seenByB.state());

      // Each operator can check health; output is visible to both.
      assertEquals(HealthState.HEALTHY, outcome.healthSeenByB());
      assertEquals(HealthState.HEALTHY, outcome.healthSeenByA());
      assertEquals("B computed 42", outcome.answerToB());
      assertEquals("B computed 42", outcome.seenByA());
      assertTrue(outcome.screenOfA().lines().anyMatch(l -> l.equals("B computed 42")), outcome.screenOfA());

      // B's command moved last_active, and A's registry reads the same value.
      assertEquals(outcome.lastActiveSeenByB(), outcome.lastActiveSeenByA());
      assertTrue(outcome.lastActiveSeenByA().isAfter(seenByA.lastActive()),
          outcome.lastActiveSeenByA() + " after " + seenByA.lastActive());

      assertEachGotItsOwnAnswer(outcome.exchanges());

      // After A closes it, B finds nothing, and the shared file holds only the bystander's record.
      assertFalse(outcome.foundByBAfterClose());
      assertEquals(HealthState.MISSING, outcome.healthSeenByBAfterClose());
      assertEquals(List.of(bystander), registryOfB.list().stream().map(r -> r.name()).toList());
      String file = Files.readString(registryFile);
      assertTrue(file.contains(bystander), file);
      assertFalse(file.contains(name), file);
      assertTrue(agentA.reconcile(false).consistent());
      assertTrue(buffer.toString(StandardCharsets.UTF_8).contains("B found Session[" + name), buffer.toString());
    }
  }

  @Test
  void aCollaboratorOnAnotherSocketReachesTheSessionThroughItsRecord() {
    InMemoryRegistry shared = new InMemoryRegistry();
    TmuxClient agentA = TMUX.client(b -> b.socketName("story4a").registry(shared));
    TmuxClient agentB = TMUX.client(b -> b.socketName("story4b").registry(shared));
    assertNotEquals(agentA.socket(), agentB.socket());
    String bystander = "bystander-" + ProcessHandle.current().pid();
    agentA.newSession(bystander).shell().create();

    Story4CollaborativeSession.Outcome outcome = Story4CollaborativeSession.run(agentA, agentB,
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

    assertEquals(agentA.socket(), outcome.socketOfB(), "B's handle uses the socket in the record, not its own");
    assertEquals(List.of(bystander, outcome.name()), names(outcome.listedByB()));
    assertEquals(agentA.socket(), outcome.listedByB().get(1).record().socket());
    assertEquals(HealthState.HEALTHY, outcome.listedByB().get(1).state());
    assertEquals("B computed 42", outcome.answerToB());
    assertEquals("B computed 42", outcome.seenByA());
    assertEachGotItsOwnAnswer(outcome.exchanges());
    assertEquals(HealthState.MISSING, outcome.healthSeenByBAfterClose());
    assertEquals(List.of(bystander), shared.list().stream().map(r -> r.name()).toList());
  }

  /** Two agents, two clients, two handles, one session: run() takes the session's lease, so they take turns. */
  @Test
  void runsThroughTwoHandlesOnOneSessionDoNotInterleave() throws Exception {
    InMemoryRegistry shared = new InMemoryRegistry();
    TmuxClient agentA = TMUX.client(b -> b.socketName("story4c").registry(shared));
    TmuxClient agentB = TMUX.client(b -> b.socketName("story4c").registry(shared));
    String name = "two-handles-" + ProcessHandle.current().pid();
    Session a = agentA.newSession(name).python().create();
    Session b = agentB.session(name).orElseThrow();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<List<String>>> answers = new ArrayList<>();
      for (Session handle : List.of(a, b)) {
        String who = handle == a ? "A" : "B";
        answers.add(pool.submit(() -> {
          go.await();
          List<String> mine = new ArrayList<>();
          for (int i = 1; i <= 8; i++) {
            mine.add(handle.run("print('" + who + "', " + i + ")", Duration.ofSeconds(15)).output());
          }
          return mine;
        }));
      }
      go.countDown();
      assertEquals(IntStream.rangeClosed(1, 8).mapToObj(i -> "A " + i).toList(), answers.get(0).get());
      assertEquals(IntStream.rangeClosed(1, 8).mapToObj(i -> "B " + i).toList(), answers.get(1).get());
    } finally {
      pool.shutdownNow();
      a.close();
    }
  }

  private static void assertEachGotItsOwnAnswer(List<Story4CollaborativeSession.Exchange> exchanges) {
    int n = Story4CollaborativeSession.RUNS_PER_THREAD;
    assertEquals(2 * n, exchanges.size());
    for (Story4CollaborativeSession.Exchange e : exchanges) {
      assertEquals(e.expected(), e.actual(), "the answer to " + e.command());
    }
    for (String worker : List.of("A", "B")) {
      int factor = worker.equals("A") ? 100 : 1000;
      List<String> expected = IntStream.rangeClosed(1, n).mapToObj(i -> worker + " " + i + " " + i * factor).toList();
      assertEquals(expected, exchanges.stream().filter(e -> e.worker().equals(worker))
          .map(Story4CollaborativeSession.Exchange::actual).toList(), "worker " + worker + "'s answers in order");
    }
  }

  private static List<String> names(List<SessionInfo> infos) {
    return infos.stream().map(SessionInfo::name).toList();
  }
}

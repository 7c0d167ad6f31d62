package io.github.tmux4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tmux4j.testing.PrivateTmux;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Long-lived clients keep their file descriptors, lock files and processes bounded. */
class ResourceLeaksIT {
  @RegisterExtension static final PrivateTmux TMUX = new PrivateTmux();
  private static final int CYCLES = Integer.getInteger("tmux4j.leaks.cycles", 1000);

  private static long openDescriptors() throws Exception {
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.count();
    }
  }

  private static List<Path> lockFiles(TmuxClient tmux) throws Exception {
    Path dir = tmux.socketDir().resolve(".tmux4j-locks");
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".lock")).toList();
    }
  }

  @Test
  void aThousandCreateUseCloseCyclesLeaveDescriptorsAndLockFilesFlat() throws Exception {
    TmuxClient tmux = TMUX.client(b -> b.socketName("leaks"));
    Session keeper = tmux.newSession("leak-keeper").command("cat").create(); // one server for all cycles
    keeper.send("warm");
    keeper.waitFor("warm", ItSupport.WAIT);
    long before = openDescriptors();
    for (int i = 0; i < CYCLES; i++) {
      Session s = tmux.newSession("leak-" + i).command("cat").create();
      s.send("c" + i); // a lease (lock file) and a control client
      s.waitFor("c" + i, ItSupport.WAIT);
      s.close();
    }
    long after = openDescriptors();
    System.out.println("ResourceLeaksIT: " + CYCLES + " cycles, descriptors " + before + " -> " + after);
    assertTrue(after <= before + 5, "descriptors grew from " + before + " to " + after + " over " + CYCLES + " cycles");
    List<Path> locks = lockFiles(tmux);
    assertTrue(locks.size() <= 1, "only the keeper's lock file may be left: " + locks);
    keeper.close();
  }

  @Test
  void cleanupKillsThroughTmuxWithoutAttachingAControlClientPerSession() throws Exception {
    Path log = TMUX.dir().resolve("invocations.log");
    Path wrapper = TMUX.dir().resolve("tmux-logging");
    Files.writeString(wrapper, "#!/bin/sh\necho \"$*\" >> '" + log + "'\nexec '" + PrivateTmux.tmuxBinary() + "' \"$@\"\n");
    Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwx------"));
    TmuxClient maker = TMUX.client(b -> b.socketName("cleanup"));
    for (int i = 0; i < 10; i++) {
      maker.newSession("cl-" + i).command("cat").create();
    }
    TmuxClient cleaner = TMUX.client(b -> b.socketName("cleanup").tmuxBinary(wrapper).registry(maker.registry()));
    Files.deleteIfExists(log);
    assertEquals(10, cleaner.cleanup().all().execute().removed().size());
    long attaches = Files.readAllLines(log).stream().filter(l -> l.contains("-C attach-session")).count();
    assertEquals(0, attaches, "cleanup attached control clients: " + Files.readAllLines(log));
  }
}

package io.github.tmux4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The owner of an ephemeral session is recognised by its boot-relative start, not the wall clock alone. */
class OwnerTest {
  private static final boolean LINUX = java.nio.file.Files.exists(java.nio.file.Path.of("/proc/self/stat"));

  @Test
  void thisJvmRoundTripsThroughTagsAndIsAlive() {
    Owner me = Owner.current();
    Map<String, String> tags = new HashMap<>();
    me.addTo(tags);
    Owner read = Owner.from(tags).orElseThrow();
    assertEquals(me, read);
    assertTrue(read.alive());
    assertEquals(LINUX, me.startTicks().isPresent());
  }

  @Test
  void aLiveProcessWhoseWallClockStartDisagreesIsStillItsOwnerByTicks() {
    Owner me = Owner.current();
    // As another JVM sees it after the wall clock was stepped by an hour: the ticks decide.
    Owner stepped = new Owner(me.pid(), me.started().map(s -> s.plusSeconds(3600)), me.startTicks());
    assertEquals(LINUX, stepped.alive());
  }

  @Test
  void aReusedPidIsNotTheOwner() {
    Owner me = Owner.current();
    if (LINUX) {
      assertFalse(new Owner(me.pid(), me.started(), OptionalLong.of(me.startTicks().getAsLong() + 1)).alive());
    }
    assertFalse(new Owner(me.pid(), Optional.of(Instant.EPOCH), OptionalLong.empty()).alive(),
        "an older record without ticks still goes by the wall clock");
  }
}

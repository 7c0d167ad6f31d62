package io.github.tmux4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionTemplateTest {
  @TempDir Path dir;

  @Test
  void loadsEveryKindOfStepFromAFile() throws Exception {
    Path file = dir.resolve("gdb-setup");
    Files.writeString(file, String.join("\n",
        "# set up gdb",
        "run set pagination off",
        "",
        "send print 1 + 1",
        "wait \\$\\d+ = 2 5s",
        "wait plain pattern",
        "keys C-l Enter"));
    SessionTemplate t = SessionTemplate.load(file);
    assertEquals("gdb-setup", t.name());
    List<SessionTemplate.Step> steps = t.steps();
    assertEquals(5, steps.size());
    assertEquals(new SessionTemplate.Run("set pagination off"), steps.get(0));
    assertEquals(new SessionTemplate.Send("print 1 + 1"), steps.get(1));
    SessionTemplate.Wait wait = assertInstanceOf(SessionTemplate.Wait.class, steps.get(2));
    assertEquals("\\$\\d+ = 2", wait.pattern().pattern());
    assertEquals(Duration.ofSeconds(5), wait.timeout());
    SessionTemplate.Wait plain = assertInstanceOf(SessionTemplate.Wait.class, steps.get(3));
    assertEquals("plain pattern", plain.pattern().pattern());
    assertEquals(Duration.ofSeconds(10), plain.timeout());
    assertEquals(new SessionTemplate.Keys(List.of("C-l", "Enter")), steps.get(4));
  }

  @Test
  void badLinesNameTheFileAndLine() throws Exception {
    Path file = dir.resolve("bad");
    Files.writeString(file, "run ok\nfrobnicate now\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SessionTemplate.load(file));
    assertTrue(e.getMessage().contains("bad:2"), e.getMessage());
    assertTrue(e.getMessage().contains("frobnicate"), e.getMessage());

    Files.writeString(file, "wait ([ 5s\n");
    e = assertThrows(IllegalArgumentException.class, () -> SessionTemplate.load(file));
    assertTrue(e.getMessage().contains("bad:1"), e.getMessage());
  }

  @Test
  void stepsAreImmutable() {
    SessionTemplate t = SessionTemplate.builder("x").run("a").build();
    assertThrows(UnsupportedOperationException.class, () -> t.steps().add(new SessionTemplate.Send("b")));
  }
}

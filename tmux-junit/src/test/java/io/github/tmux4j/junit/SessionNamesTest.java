package io.github.tmux4j.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

class SessionNamesTest {

  @Test
  void keepsLettersDigitsUnderscoresAndDashes() {
    assertEquals("py-adds_1", SessionNames.sanitize("py-adds_1"));
  }

  @Test
  void replacesWhatTmuxForbidsOrMisreads() {
    assertEquals("a_b_c_d__e_", SessionNames.sanitize("a.b:c d[\te]"));
    assertEquals("x_y", SessionNames.sanitize("x\u00e9y"));
  }

  @Test
  void neverStartsWithADash() {
    assertEquals("_x", SessionNames.sanitize("-x"));
  }

  @Test
  void emptyBecomesSession() {
    assertEquals("session", SessionNames.sanitize(""));
  }

  @Test
  void longNamesAreCut() {
    assertEquals(SessionNames.MAX_BASE_LENGTH, SessionNames.sanitize("a".repeat(500)).length());
  }

  @Test
  void uniqueAddsTheFirstFreeSuffix() {
    assertEquals("py", SessionNames.unique("py", Set.of("sh")));
    assertEquals("py-2", SessionNames.unique("py", Set.of("py")));
    assertEquals("py-3", SessionNames.unique("py", Set.of("py", "py-2")));
  }
}

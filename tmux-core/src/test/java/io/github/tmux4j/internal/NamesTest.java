package io.github.tmux4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tmux4j.InvalidSessionNameException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NamesTest {

  @ParameterizedTest
  @ValueSource(strings = {"analysis-python", "a_b", "a#b", "日本語", "x=1", "%2", "a;b", "'q'", "#{x}", "a##b"})
  void acceptsNamesTmuxCanHoldExactly(String name) {
    assertEquals(name, Names.validate(name));
  }

  /** tmux 3.2a-3.6b store '$' and '\' escaped, and every version keeps '#[' as '##[' (measured). */
  @ParameterizedTest
  @ValueSource(strings = {"$1", "a$b", "${HOME}", "a\\b", "#[fg=red]", "x#[y"})
  void rejectsNamesTmuxWouldStoreDifferently(String name) {
    org.junit.jupiter.api.Assertions.assertThrows(io.github.tmux4j.InvalidSessionNameException.class,
        () -> Names.validate(name));
  }

  @Test
  void rejectsDotAndNamesIt() {
    InvalidSessionNameException e = assertThrows(InvalidSessionNameException.class, () -> Names.validate("a.b"));
    assertTrue(e.getMessage().contains("'.'"), e.getMessage());
    assertTrue(e.getMessage().contains("position 1"), e.getMessage());
    assertEquals("a.b", e.sessionName());
  }

  @Test
  void rejectsColon() {
    InvalidSessionNameException e = assertThrows(InvalidSessionNameException.class, () -> Names.validate("a:b"));
    assertTrue(e.getMessage().contains("':'"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"a b", "a\tb", "a\nb", "a\u0000b", "a\u001bb", "a\u00a0b", "a\u200bb", " "})
  void rejectsWhitespaceControlAndInvisibleCharacters(String name) {
    InvalidSessionNameException e = assertThrows(InvalidSessionNameException.class, () -> Names.validate(name));
    assertTrue(e.getMessage().contains("U+"), e.getMessage());
    assertTrue(!e.getMessage().contains("\n\n"), "the message must not echo raw control characters");
  }

  @Test
  void rejectsEmptyNullLeadingDashAndTooLong() {
    assertTrue(assertThrows(InvalidSessionNameException.class, () -> Names.validate("")).getMessage()
        .contains("empty"));
    assertThrows(InvalidSessionNameException.class, () -> Names.validate(null));
    assertTrue(assertThrows(InvalidSessionNameException.class, () -> Names.validate("-x")).getMessage()
        .contains("'-'"));
    assertTrue(assertThrows(InvalidSessionNameException.class, () -> Names.validate("a".repeat(201)))
        .getMessage().contains("201"));
    assertEquals(200, Names.validate("a".repeat(200)).length());
  }

  @Test
  void rejectsLoneSurrogate() {
    assertThrows(InvalidSessionNameException.class, () -> Names.validate("a\ud800b"));
  }
}

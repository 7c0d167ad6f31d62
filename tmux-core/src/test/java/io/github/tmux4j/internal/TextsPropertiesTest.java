package io.github.tmux4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** {@link Texts#normalize} against its definition: runs of {@code \s} become one space, then strip. */
class TextsPropertiesTest {
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  @Provide
  Arbitrary<String> textWithWhitespace() {
    return Arbitraries.strings().withChars(" \t\n\u000b\f\r\u00a0\u2003\u3000ab>é日").ofMaxLength(40);
  }

  @Property(tries = 5000)
  void normalizeCollapsesWhitespaceLikeTheRegularExpression(@ForAll("textWithWhitespace") String text) {
    assertEquals(WHITESPACE.matcher(text).replaceAll(" ").strip(), Texts.normalize(text));
  }

  @Test
  void examples() {
    assertEquals("a b", Texts.normalize("  a \t\t b \r\n"));
    assertEquals(">>> x = 1", Texts.normalize(">>> x = 1"));
    assertEquals("", Texts.normalize(" \t "));
    assertEquals("a\u00a0b", Texts.normalize("a\u00a0b"), "a no-break space is not \\s");
  }
}

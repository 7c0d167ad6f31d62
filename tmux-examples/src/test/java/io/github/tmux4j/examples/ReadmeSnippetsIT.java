package io.github.tmux4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tmux4j.Session;
import io.github.tmux4j.TmuxClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Keeps the README's quick start honest: the snippet below is the README's, character for character
 * (the test checks), and it runs here. {@code TmuxClient.create()} uses {@code $TMUX4J_SOCKET_DIR}, which
 * the build points at a private directory under {@code target/}.
 */
class ReadmeSnippetsIT {

  @Test
  void theQuickStartRunsAsWritten() throws Exception {
    PrintStream realOut = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      // README quick start, begin
      try (TmuxClient tmux = TmuxClient.create()) {
        Session py = tmux.newSession("analysis").python().create();   // waits for ">>> "
        py.send("x = 40 + 2");
        System.out.println(py.run("print(x)").output());             // 42
        py.close();                                                    // kill + deregister
      }
      // README quick start, end
    } finally {
      System.setOut(realOut);
    }
    assertEquals("42", printed.toString(StandardCharsets.UTF_8).strip());
  }

  @Test
  void theReadmeShowsExactlyTheTestedQuickStart() throws Exception {
    String source = Files.readString(Path.of("src/test/java/io/github/tmux4j/examples/ReadmeSnippetsIT.java"));
    String tested = source.substring(source.indexOf("// README quick start, begin"),
        source.indexOf("// README quick start, end"));
    tested = tested.substring(tested.indexOf('\n') + 1);
    String readme = Files.readString(Path.of("..", "README.md"));
    assertTrue(normalize(readme).contains(normalize(tested)),
        "README.md's quick start differs from the tested one:\n" + tested);
  }

  /** Ignores indentation, which differs between the README and this method. */
  private static String normalize(String code) {
    return code.lines().map(String::strip).filter(l -> !l.isEmpty()).reduce("", (a, b) -> a + b + "\n");
  }
}

package io.github.tmux4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tmux4j.internal.SocketDirs;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link SessionNameCompletion}: the shell function and how it goes into picocli's script. */
class SessionNameCompletionTest {
  @Test
  void theDefaultDirectoryIsTheOneTheCliUsesQuotedForTheShell() {
    String function = SessionNameCompletion.function(Path.of("/tmp/it's here"));
    assertTrue(function.contains("local registry=${TMUX4J_SOCKET_DIR:-'/tmp/it'\\''s here'}/.sessions.json"), function);
    assertEquals(SocketDirs.defaultDir(Map.of()), SessionNameCompletion.defaultSocketDir());
    String script = CompletionCommand.withLiveSessionNames(picocliShape());
    assertTrue(script.contains(SessionNameCompletion.singleQuoted(SocketDirs.defaultDir(Map.of()).toString())), script);
  }

  @Test
  void replacesPicocliCandidatesAndReplyWithTheFunction() {
    String script = SessionNameCompletion.install(picocliShape(), Path.of("/tmp/d"));
    assertTrue(script.startsWith("local NAME_option_args=() # --session values\n"
        + "'-s') " + SessionNameCompletion.FUNCTION + "\n"), script);
  }

  @Test
  void refusesAScriptOfAnotherShapeRatherThanPrintOneThatCompletesNothing() {
    assertThrows(IllegalStateException.class, () -> SessionNameCompletion.install("#!/bin/bash\n", Path.of("/tmp/d")));
  }

  private static String picocliShape() {
    return "local NAME_option_args=(\"" + SessionNameCandidates.PLACEHOLDER + "\") # --session values\n"
        + "'-s') COMPREPLY=( $( compReplyArray \"${NAME_option_args[@]}\" ) )\n";
  }
}

package io.github.tmux4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * SECURITY.md promises that no library code hands a string to a shell. This test reads the main sources
 * of every library module and fails on any way to do it: {@code Runtime.exec}, a {@code sh}/{@code bash}
 * started with {@code -c}, or a tmux command that runs a shell command ({@code pipe-pane},
 * {@code run-shell}, {@code if-shell}) other than the documented exceptions: the quoted transcript and spool
 * paths, the startup drain, and the constant script that starts a control client holding its own input.
 * {@code if-shell -F} is allowed: its condition is a tmux format, and no shell is started.
 */
class NoShellStringTest {
  private static final List<String> LIBRARY_MODULES = List.of("tmux-core", "tmux-registry", "tmux-cli", "tmux-junit");
  private static final Pattern SHELL_EXEC = Pattern.compile(
      "Runtime\\.getRuntime\\(\\)\\.exec|\"(?:/bin/)?(?:sh|bash|zsh|dash)\"\\s*,\\s*\"-c\"|\"run-shell\""
          + "|\"if-shell\"(?!\\s*,\\s*\"-F\")");
  private static final Pattern PIPE_PANE = Pattern.compile("\"pipe-pane\"");

  @Test
  void noLibraryCodeHandsAStringToAShell() throws IOException {
    Path root = Path.of("").toAbsolutePath().getParent();
    List<String> offences = new ArrayList<>();
    int files = 0;
    int pipePanes = 0;
    int holdOwnInput = 0;
    for (String module : LIBRARY_MODULES) {
      Path src = root.resolve(module).resolve("src/main/java");
      if (!Files.isDirectory(src)) {
        continue;
      }
      try (Stream<Path> walk = Files.walk(src)) {
        for (Path file : walk.filter(p -> p.toString().endsWith(".java")).toList()) {
          files++;
          String code = Files.readString(file);
          Matcher m = SHELL_EXEC.matcher(code);
          while (m.find()) {
            // The one documented script: a constant that execs its arguments unparsed (Commands.HOLD_OWN_INPUT).
            if (file.endsWith(Path.of("io/github/tmux4j/internal/Commands.java"))
                && code.startsWith(", HOLD_OWN_INPUT, \"sh\")", m.end())) {
              holdOwnInput++;
              continue;
            }
            offences.add(root.relativize(file) + ": " + m.group());
          }
          Matcher pipe = PIPE_PANE.matcher(code);
          while (pipe.find()) {
            pipePanes++;
            assertTrue(file.endsWith(Path.of("io/github/tmux4j/internal/PaneCommands.java")),
                "pipe-pane outside PaneCommands (transcript and process-transport spool): " + file);
          }
        }
      }
    }
    assertTrue(files > 50, "read the sources (" + files + " files under " + root + ")");
    assertEquals(List.of(), offences);
    assertEquals(1, holdOwnInput, "the control client's constant wrapper that holds its own input open");
    assertEquals(4, pipePanes, "the three documented shell commands (the transcript's, the spool's and the"
        + " startup drain's pipe-pane) and the pipe-pane without a command that ends the drain");
  }
}

package io.github.tmux4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tmux4j.testing.PrivateTmux;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code tmux4j completion}: the script, sourced in a real bash, completes commands and live session names. */
class CompletionCliIT {
  @RegisterExtension static final PrivateTmux TMUX = new PrivateTmux();

  private static CliRunner cli;
  private static Path bin;
  private static Path bashScript;

  @BeforeAll
  static void installCommand() throws Exception {
    cli = new CliRunner(TMUX.dir());
    // `tmux4j` on the PATH, as a user installs it: a wrapper around java -jar.
    bin = Files.createDirectory(TMUX.dir().resolve("bin"));
    Path wrapper = bin.resolve("tmux4j");
    Files.writeString(wrapper, "#!/bin/sh\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java") + "' -jar '"
        + CliRunner.jar() + "' \"$@\"\n");
    Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwx------"));
    bashScript = TMUX.dir().resolve("tmux4j-completion.bash");
    Files.writeString(bashScript, cli.run("completion", "bash").expect(0).stdout());
  }

  /** What bash completes for the words typed so far (the last one being completed). */
  private static List<String> complete(String... words) {
    StringBuilder array = new StringBuilder();
    for (String w : words) {
      array.append(" '").append(w).append("'");
    }
    String script = "source '" + bashScript + "' 2>/dev/null\n"
        + "COMP_WORDS=(" + array + " )\n"
        + "COMP_CWORD=" + (words.length - 1) + "\n"
        + "COMP_LINE=\"${COMP_WORDS[*]}\"\n"
        + "_complete_tmux4j 2>/dev/null\n"
        + "printf '%s\\n' \"${COMPREPLY[@]}\"\n";
    return cli.bash(script, bin).expect(0).stdout().lines().filter(l -> !l.isEmpty()).toList();
  }

  @Test
  void completesCommandsAndOptions() {
    assertEquals(List.of("safe-send"), complete("tmux4j", "saf"));
    assertTrue(complete("tmux4j", "cleanup-sessions", "--").containsAll(List.of("--dry-run", "--older-than", "--all")));
    assertEquals(List.of("json", "text"), complete("tmux4j", "pane-health", "--format", ""));
    assertFalse(complete("tmux4j", "").contains(CompleteSessionsCommand.NAME), "the helper command stays hidden");
  }

  @Test
  void completesRegisteredSessionNamesAsTheyAreNow() {
    assertEquals(List.of(), complete("tmux4j", "safe-send", "-s", ""));
    cli.run("create-session", "-n", "comp-alpha", "--shell").expect(0);
    cli.run("create-session", "-n", "comp-beta", "--shell").expect(0);
    cli.run("create-session", "-n", "hidden-one", "--shell", "--no-register").expect(0);

    assertEquals(List.of("comp-alpha", "comp-beta"), complete("tmux4j", "safe-send", "-s", "comp"));
    assertEquals(List.of("comp-beta"), complete("tmux4j", "kill-session", "--session", "comp-b"));
    assertEquals(List.of("comp-alpha", "comp-beta"), complete("tmux4j", "pane-health", "-s", ""));
  }

  @Test
  void zshScriptLoadsInZsh() throws Exception {
    Assumptions.assumeTrue(CliRunner.onPath("zsh"), "zsh is not installed");
    Path zshScript = TMUX.dir().resolve("tmux4j-completion.zsh");
    Files.writeString(zshScript, cli.run("completion", "zsh").expect(0).stdout());
    CliRunner.Result r = cli.bash("zsh -f -c 'source " + zshScript + " && whence -w _complete_tmux4j'", bin).expect(0);
    assertTrue(r.stdout().contains("function"), r::toString);
  }
}

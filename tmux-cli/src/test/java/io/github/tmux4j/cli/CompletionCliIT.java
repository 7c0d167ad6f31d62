package io.github.tmux4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tmux4j.registry.FileRegistry;
import io.github.tmux4j.spi.SessionRecord;
import io.github.tmux4j.testing.PrivateTmux;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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

  @Test
  void sessionNamesComeFromTheRegistryFileWithoutStartingAJvmAndHostileNamesStayText() throws Exception {
    Path dir = Files.createDirectory(TMUX.dir().resolve("hostile"), PosixFilePermissions.asFileAttribute(
        PosixFilePermissions.fromString("rwx------")));
    List<String> names = List.of("hq-plain", "hq-a\"b", "hq-it's", "hq-`touch pwned-1`", "hq-$(touch pwned-2)",
        "hq-two words", "hq-\u00fcn\u00ef\u20ac", "hq-back\\slash", "hq-*", "hq-{a,b}");
    Instant now = Instant.parse("2026-12-01T10:00:00Z");
    try (FileRegistry registry = FileRegistry.open(dir.resolve(FileRegistry.DEFAULT_FILE_NAME))) {
      for (String name : names) {
        registry.put(new SessionRecord(name, dir.resolve("default"), "%1", "shell", 1, now, now, Map.of()));
      }
      registry.put(new SessionRecord("hq-bell\u0007", dir.resolve("default"), "%1", "shell", 1, now, now, Map.of()));
      registry.put(new SessionRecord("other", dir.resolve("default"), "%1", "shell", 1, now, now, Map.of()));
    }
    // Whatever java or tmux4j the completion might start is a stub that leaves a mark.
    Path stubs = Files.createDirectory(dir.resolve("stubs"));
    for (String program : List.of("java", "tmux4j")) {
      Path stub = stubs.resolve(program);
      Files.writeString(stub, "#!/bin/sh\ntouch '" + dir.resolve("jvm-started") + "'\nexit 1\n");
      Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwx------"));
    }
    String script = "cd '" + dir + "' || exit 9\n"
        + "export TMUX4J_SOCKET_DIR='" + dir + "'\n"
        + "export PATH='" + stubs + "':/usr/bin:/bin\n"
        + "source '" + bashScript + "'\n"
        + "COMP_WORDS=(tmux4j safe-send -s hq-)\nCOMP_CWORD=3\nCOMP_LINE='tmux4j safe-send -s hq-'\n"
        + "compopt() { :; }\n" // bash allows compopt only while it completes for real
        + "_complete_tmux4j\n"
        + "for word in \"${COMPREPLY[@]}\"; do eval \"printf '%s\\0' $word\"; done\n";
    CliRunner.Result r = cli.bash(script, null).expect(0);

    Set<String> completed = new TreeSet<>(Arrays.asList(r.stdout().split("\0")));
    completed.remove("");
    assertEquals(new TreeSet<>(names), completed, "each reply, read back by the shell, is the name: " + r);
    assertEquals("", r.stderr(), r::toString);
    assertFalse(Files.exists(dir.resolve("jvm-started")), "no java or tmux4j was started");
    assertFalse(Files.exists(dir.resolve("pwned-1")) || Files.exists(dir.resolve("pwned-2")), "no name was run");
    assertFalse(Files.readString(bashScript).contains(CompleteSessionsCommand.NAME), "the script never calls the CLI");
  }
}

package io.github.tmux4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.tmux4j.testing.PrivateTmux;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The launcher {@code target/bin/tmux4j} the build makes: found through links and from any directory,
 * arguments passed unchanged, the class-data-sharing archive used, and a missing, stale or broken
 * archive never in the way.
 */
class LauncherIT {
  @RegisterExtension static final PrivateTmux TMUX = new PrivateTmux();

  private static CliRunner cli;
  private static Path launcher;
  private static String version;

  @BeforeAll
  static void findTheLauncher() {
    cli = new CliRunner(TMUX.dir());
    String path = System.getProperty("tmux4j.cli.launcher");
    if (path == null || !Files.isExecutable(Paths.get(path))) {
      fail("The launcher was not found (-Dtmux4j.cli.launcher=" + path + "); run the tests with 'mvn verify'");
    }
    launcher = Paths.get(path);
    version = cli.run("--version").expect(0).stdout();
  }

  /** Runs a shell script with {@code $L} the given launcher, from another directory than the project's. */
  private static CliRunner.Result shell(Path launcherToRun, String script) {
    return cli.bash("L='" + launcherToRun + "'\ncd '" + TMUX.dir() + "' || exit 9\n" + script, null);
  }

  @Test
  void runsTheJarThroughALinkFromAnyDirectory() throws IOException {
    Path links = Files.createDirectories(TMUX.dir().resolve("links/deeper"));
    Path link = Files.createSymbolicLink(links.resolve("tmux4j"), launcher);
    Path linkToLink = Files.createSymbolicLink(TMUX.dir().resolve("links/t4j"), Paths.get("deeper/tmux4j"));
    for (Path l : List.of(launcher, link, linkToLink)) {
      CliRunner.Result r = shell(l, "\"$L\" --version").expect(0);
      assertEquals(version, r.stdout(), r::toString);
      assertEquals("", r.stderr(), r::toString);
    }
    CliRunner.Result relative = shell(link, "cd '" + links + "' && ./tmux4j --version").expect(0);
    assertEquals(version, relative.stdout(), relative::toString);
  }

  @Test
  void passesArgumentsOnUnchanged() {
    String value = "1 d'\"*$HOME `x` \\\\ ünï";
    // The JVM decodes arguments with the locale's charset (see the README): a UTF-8 one here.
    CliRunner.Result r = shell(launcher, "export LC_ALL=C.UTF-8\n\"$L\" cleanup-sessions --older-than '"
        + value.replace("'", "'\\''") + "'").expect(2);
    assertTrue(r.errorLine().startsWith("tmux4j cleanup-sessions: Invalid value for option '--older-than': '" + value
        + "' is not a duration"), r::toString);
    CliRunner.Result json = shell(launcher, "\"$L\" list-sessions --json").expect(0);
    assertEquals(0, json.json().get("total").asInt(), json::toString);
  }

  @Test
  void theBuildsArchiveHoldsTheCommandsClasses() throws IOException {
    Path log = TMUX.dir().resolve("class-load.log");
    shell(launcher, "TMUX4J_JAVA_OPTS='-Xlog:class+load=info:file=" + log + "' \"$L\" list-sessions").expect(0);
    String loaded = Files.readString(log);
    assertTrue(loaded.contains("io.github.tmux4j.cli.ListSessionsCommand source: shared objects file (top)"),
        "list-sessions came from the archive, not the jar");
    assertTrue(loaded.contains("com.fasterxml.jackson.core.JsonFactory source: shared objects file (top)"));
    // The registry reads its file with jackson-core's parser: no ObjectMapper (its set-up was the largest
    // cost of a short command after the JVM and picocli).
    assertFalse(loaded.contains("com.fasterxml.jackson.databind.ObjectMapper "), "list-sessions builds no ObjectMapper");
    // picocli is compiled for Java 5, which an archive cannot hold; the build rewrote it as Java 8 bytecode.
    assertTrue(loaded.contains("picocli.CommandLine source: shared objects file (top)"), "picocli is archived too");
    assertFalse(loaded.contains("source: file:"), "no class read from the jar");
    // The commands' models are built in code (Specs): reading an annotation makes a proxy class at run
    // time, which no archive holds (8 of them cost about 25 ms of a 185 ms run).
    assertFalse(loaded.contains("__dynamic_proxy__"), "no annotation proxy: picocli read no annotation");
  }

  @Test
  void logsGoToStandardErrorAtTheLevelTmux4jLogNames() {
    cli.run("create-session", "-n", "logged", "--shell").expect(0);
    try {
      CliRunner.Result quiet = shell(launcher, "\"$L\" list-sessions --json").expect(0);
      assertEquals("", quiet.stderr(), quiet::toString);
      CliRunner.Result debug = shell(launcher, "TMUX4J_LOG=debug \"$L\" list-sessions --json").expect(0);
      assertEquals(1, debug.json().get("total").asInt(), "standard output is still only the JSON: " + debug);
      List<String> commands = debug.stderr().lines().filter(l -> l.contains(" DEBUG io.github.tmux4j.tmux: ")).toList();
      // One server: one tmux command lists its panes, sessions and labels.
      assertEquals(1, commands.size(), debug::toString);
      assertTrue(commands.get(0).matches("tmux4j: \\d\\d:\\d\\d:\\d\\d\\.\\d{3} DEBUG io\\.github\\.tmux4j\\.tmux: "
          + "tmux process: .* list-panes -a .* -> exit 0 in .*"), commands.get(0));
      CliRunner.Result bad = shell(launcher, "TMUX4J_LOG=chatty \"$L\" list-sessions --json").expect(0);
      assertEquals("tmux4j: TMUX4J_LOG=chatty is not a level (off, error, warning, info, debug, trace or all); "
          + "logging at info", bad.stderr().strip(), bad::toString);
    } finally {
      cli.run("kill-session", "-s", "logged").expect(0);
    }
  }

  @Test
  void aStaleOrBrokenArchiveIsReplacedAndNeverBreaksTheCommand() throws IOException {
    Path copy = copyOfTheLauncherAndJar("stale");
    Path jar = jarIn(copy);
    Path archive = archiveOf(jar);
    // Garbage, older than the jar: made again (atomically) before the command runs.
    Files.writeString(archive, "not an archive");
    Files.setLastModifiedTime(archive, FileTime.from(Instant.now().minusSeconds(3600)));
    CliRunner.Result r = shell(copy, "\"$L\" list-sessions --json").expect(0);
    assertEquals(0, r.json().get("total").asInt(), r::toString);
    assertEquals("", r.stderr(), r::toString);
    assertTrue(Files.size(archive) > 1_000_000, "a real archive replaced the garbage");
    assertTrue(Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(jar)) >= 0);
    assertEquals(List.of(), temporaryFiles(copy), "no temporary archive left behind");

    // Garbage newer than the jar (so kept): the JVM cannot use it, and the command runs all the same,
    // with nothing about it on either stream.
    Files.writeString(archive, "not an archive either");
    CliRunner.Result broken = shell(copy, "\"$L\" list-sessions --json").expect(0);
    assertEquals(0, broken.json().get("total").asInt(), broken::toString);
    assertEquals("", broken.stderr(), broken::toString);
  }

  @Test
  void aDirectoryItCannotWriteMeansNoArchiveAndTheCommandStillRuns() throws IOException {
    Path copy = copyOfTheLauncherAndJar("read-only");
    Path lib = copy.getParent().getParent();
    Files.setPosixFilePermissions(lib, PosixFilePermissions.fromString("r-x------"));
    try {
      Assumptions.assumeFalse(Files.isWritable(lib), "this user (root) may write to any directory");
      CliRunner.Result r = shell(copy, "\"$L\" --version").expect(0);
      assertEquals(version, r.stdout(), r::toString);
      assertEquals("", r.stderr(), r::toString);
      assertFalse(Files.exists(archiveOf(jarIn(copy))));
    } finally {
      Files.setPosixFilePermissions(lib, PosixFilePermissions.fromString("rwx------"));
    }
  }

  @Test
  void anArchiveThatCannotBeMadeIsTriedOnceUntilTheJarChanges() throws IOException {
    Path copy = copyOfTheLauncherAndJar("dump-fails");
    // A Java whose archive dump fails (and counts the attempts); it runs commands normally.
    Path javaHome = Files.createDirectories(TMUX.dir().resolve("failing-java/bin")).getParent();
    Path attempts = TMUX.dir().resolve("dump-attempts");
    Path java = javaHome.resolve("bin/java");
    Files.writeString(java, "#!/bin/sh\nfor a; do case $a in -XX:ArchiveClassesAtExit=*) echo x >> '" + attempts
        + "'; exit 1 ;; esac; done\nexec '" + Paths.get(System.getProperty("java.home"), "bin", "java") + "' \"$@\"\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwx------"));
    for (int run = 0; run < 2; run++) {
      CliRunner.Result r = shell(copy, "JAVA_HOME='" + javaHome + "' \"$L\" --version").expect(0);
      assertEquals(version, r.stdout(), r::toString);
      assertEquals("", r.stderr(), r::toString);
    }
    assertEquals(1, Files.readAllLines(attempts).size(), "one attempt, then the marker stops the next ones");
    assertFalse(Files.exists(archiveOf(jarIn(copy))));
    assertEquals(List.of(), temporaryFiles(copy));
  }

  @Test
  void theArchivesTrainingRunRunsEveryStepAndLeavesNoServer() throws IOException {
    Path dir = Files.createDirectory(TMUX.dir().resolve("training"),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    CliRunner.Result r = cli.run(ArchiveTrainingCommand.NAME, dir.toString()).expect(0);
    List<String> lines = r.stdout().lines().toList();
    assertEquals(ArchiveTrainingCommand.steps().size(), lines.size(), r::toString);
    assertTrue(lines.stream().allMatch(l -> l.startsWith("exit 0: tmux4j ")), r::toString);
    assertTrue(lines.get(1).contains("create-session"), r::toString);
    assertTrue(CliRunner.tmux(dir.resolve("default"), "list-sessions").exitCode() != 0, "its server has ended");
    // Never in a directory that holds a registry (the user's own).
    Path users = Files.createDirectory(TMUX.dir().resolve("users-own"));
    Files.writeString(users.resolve(".sessions.json"), "{\"version\": 1, \"sessions\": {}}\n");
    CliRunner.Result refused = cli.run(ArchiveTrainingCommand.NAME, users.toString()).expect(2);
    CliRunner.assertOneLineError(refused, ArchiveTrainingCommand.NAME, "holds a registry");
  }

  /** {@code <dir>/bin/tmux4j} and the jar in {@code <dir>}, without an archive. */
  private static Path copyOfTheLauncherAndJar(String name) throws IOException {
    Path lib = Files.createDirectories(TMUX.dir().resolve(name));
    Path bin = Files.createDirectories(lib.resolve("bin"));
    Files.copy(CliRunner.jar(), lib.resolve(CliRunner.jar().getFileName()));
    Path copy = Files.copy(launcher, bin.resolve("tmux4j"));
    Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwx------"));
    return copy;
  }

  private static Path jarIn(Path launcherCopy) {
    return launcherCopy.getParent().getParent().resolve(CliRunner.jar().getFileName());
  }

  private static Path archiveOf(Path jar) {
    String name = jar.getFileName().toString();
    return jar.resolveSibling(name.substring(0, name.length() - ".jar".length()) + ".jsa");
  }

  private static List<String> temporaryFiles(Path launcherCopy) throws IOException {
    List<String> names = new ArrayList<>();
    try (var files = Files.list(launcherCopy.getParent().getParent())) {
      files.map(p -> p.getFileName().toString()).filter(n -> n.contains(".tmp")).forEach(names::add);
    }
    return names;
  }
}

package io.github.tmux4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tmux4j.registry.FileRegistry;
import io.github.tmux4j.spi.SessionRecord;
import io.github.tmux4j.testing.PrivateTmux;
import java.io.File;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Exports;
import java.lang.module.ModuleDescriptor.Requires;
import java.lang.module.ModuleFinder;
import java.lang.module.ResolvedModule;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * tmux4j on the module path: the jars of this build (tmux-core, tmux-registry, this module's jar) and
 * their runtime dependencies, as a modular application would use them. The module path is this
 * module's runtime class path plus its jar, handed over by the build ({@code -Dtmux4j.module.path}).
 */
class ModulePathIT {
  @RegisterExtension static final PrivateTmux TMUX = new PrivateTmux();

  private static final String CORE = "io.github.tmux4j";
  private static final String REGISTRY = "io.github.tmux4j.registry";
  private static final String EXAMPLES = "io.github.tmux4j.examples";

  private static List<Path> modulePath;

  @BeforeAll
  static void modulePath() {
    String path = System.getProperty("tmux4j.module.path", "");
    assertFalse(path.isBlank() || path.contains("${"),
        "run through Maven (mvn verify): the build passes the module path as -Dtmux4j.module.path, got '" + path + "'");
    modulePath = Arrays.stream(path.split(File.pathSeparator)).filter(s -> !s.isBlank()).map(Path::of).toList();
    for (Path p : modulePath) {
      assertTrue(Files.exists(p), "on the module path but missing: " + p);
    }
  }

  @Test
  void coreExportsOnlyTheApiAndTheSpiAndTheInternalsOnlyToItsSiblings() {
    ModuleDescriptor core = descriptor(CORE);
    assertFalse(core.isAutomatic(), "tmux-core has a module-info");
    assertEquals(Set.of("io.github.tmux4j", "io.github.tmux4j.spi"), unqualifiedExports(core));
    Exports internal = core.exports().stream().filter(Exports::isQualified).findFirst().orElseThrow();
    assertEquals("io.github.tmux4j.internal", internal.source());
    assertEquals(Set.of("io.github.tmux4j.junit", "io.github.tmux4j.bench"), internal.targets());
    assertEquals(1, core.exports().stream().filter(Exports::isQualified).count());
    assertTrue(core.opens().isEmpty(), core.opens().toString());
    assertEquals(Set.of("io.github.tmux4j.spi.RegistryProvider"), core.uses());
    Requires failsafe = core.requires().stream().filter(r -> r.name().equals("dev.failsafe.core")).findFirst()
        .orElseThrow(() -> new AssertionError("tmux-core requires Failsafe: " + core.requires()));
    assertTrue(failsafe.modifiers().contains(Requires.Modifier.TRANSITIVE), "RetryPolicy is in tmux-core's API");
  }

  @Test
  void registryExportsItsApiAndProvidesTheRegistryProvider() {
    ModuleDescriptor registry = descriptor(REGISTRY);
    assertFalse(registry.isAutomatic(), "tmux-registry has a module-info");
    assertEquals(Set.of("io.github.tmux4j.registry"), unqualifiedExports(registry));
    assertEquals(registry.exports().size(), unqualifiedExports(registry).size(), "no qualified exports");
    ModuleDescriptor.Provides provides = registry.provides().stream().findFirst().orElseThrow();
    assertEquals("io.github.tmux4j.spi.RegistryProvider", provides.service());
    assertEquals(List.of("io.github.tmux4j.registry.FileRegistryProvider"), provides.providers());
  }

  @Test
  void examplesJarIsTheAutomaticModuleOfItsManifest() {
    ModuleDescriptor examples = descriptor(EXAMPLES);
    assertTrue(examples.isAutomatic(), "tmux-examples has no module-info; its name comes from Automatic-Module-Name");
  }

  @Test
  void resolvingTheCoreBindsTheFileRegistryAsItsRegistryProvider() {
    Configuration config = Configuration.resolveAndBind(ModuleFinder.of(modulePath.toArray(Path[]::new)),
        List.of(ModuleLayer.boot().configuration()), ModuleFinder.of(), Set.of(CORE));
    Set<String> resolved = config.modules().stream().map(ResolvedModule::name).collect(Collectors.toCollection(TreeSet::new));
    assertTrue(resolved.contains(REGISTRY), "bound through uses/provides: " + resolved);
    assertTrue(resolved.contains("dev.failsafe.core"), resolved.toString());
  }

  @Test
  void storyThreeRunsOnTheModulePathAndItsTwoProcessesShareTheFileRegistry() throws Exception {
    Path dir = TMUX.dir().resolve("module-path");
    String name = "mp-story3";

    // Only the core is added as a root: the file registry comes in through ServiceLoader binding alone.
    String started = runOnModulePath(dir, "--show-module-resolution", "start", name);
    assertTrue(started.contains("io.github.tmux4j binds io.github.tmux4j.registry"), started);
    assertTrue(started.contains("io.github.tmux4j requires dev.failsafe.core"), started);
    assertTrue(started.contains("started " + name), started);
    try (FileRegistry registry = FileRegistry.open(dir.resolve(FileRegistry.DEFAULT_FILE_NAME))) {
      SessionRecord record = registry.get(name)
          .orElseThrow(() -> new AssertionError("the child JVM wrote no record to " + registry.file()));
      assertEquals("python-repl", record.type());
    }

    String resumed = runOnModulePath(dir, null, "resume", name);
    assertTrue(resumed.contains("found " + name + " in the registry: HEALTHY"), resumed);
    assertTrue(resumed.contains("resumed: loaded data, cleaned data, resumed"), resumed);
  }

  /** Runs story 3 in a JVM with this build's jars on the module path and nothing on the class path. */
  private static String runOnModulePath(Path socketDir, String javaOption, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--module-path", modulePath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)),
        // the examples jar is an automatic module, which requires nothing by name: add the core as a root
        "--add-modules", CORE));
    if (javaOption != null) {
      command.add(javaOption);
    }
    command.addAll(List.of("-m", EXAMPLES + "/" + Story3ReconnectAfterInterruption.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().remove("CLASSPATH");
    pb.environment().put("TMUX4J_SOCKET_DIR", socketDir.toString());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(2, TimeUnit.MINUTES), "child JVM finished");
    assertEquals(0, p.exitValue(), String.join(" ", command) + "\n" + out);
    return out;
  }

  private static ModuleDescriptor descriptor(String module) {
    return ModuleFinder.of(modulePath.toArray(Path[]::new)).find(module)
        .orElseThrow(() -> new AssertionError("no module " + module + " on " + modulePath))
        .descriptor();
  }

  private static Set<String> unqualifiedExports(ModuleDescriptor module) {
    return module.exports().stream().filter(e -> !e.isQualified()).map(Exports::source).collect(Collectors.toSet());
  }
}

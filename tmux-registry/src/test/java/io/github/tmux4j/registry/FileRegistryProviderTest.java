package io.github.tmux4j.registry;

import static io.github.tmux4j.registry.TestRecords.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tmux4j.spi.Registry;
import io.github.tmux4j.spi.RegistryProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileRegistryProviderTest {
  @TempDir Path dir;

  @Test
  void serviceLoaderFindsTheFileRegistryProvider() {
    List<RegistryProvider> providers = ServiceLoader.load(RegistryProvider.class).stream()
        .map(ServiceLoader.Provider::get).toList();

    assertEquals(1, providers.size(), providers.toString());
    assertInstanceOf(FileRegistryProvider.class, providers.get(0));
  }

  @Test
  void openUsesSessionsJsonInTheSocketDirectory() {
    RegistryProvider provider = ServiceLoader.load(RegistryProvider.class).findFirst().orElseThrow();

    try (Registry registry = provider.open(dir)) {
      FileRegistry fileRegistry = assertInstanceOf(FileRegistry.class, registry);
      assertEquals(dir.resolve(".sessions.json").toAbsolutePath(), fileRegistry.file());
      registry.put(record("a"));
    }
    assertTrue(Files.exists(dir.resolve(".sessions.json")));
    assertTrue(Files.exists(dir.resolve(".sessions.json.lock")));
  }
}

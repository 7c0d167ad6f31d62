package io.github.tmux4j.registry;

import io.github.tmux4j.spi.Registry;
import io.github.tmux4j.spi.RegistryProvider;
import java.nio.file.Path;

/**
 * Makes {@link FileRegistry} the default registry of every {@code TmuxClient} when this module is on
 * the class path: listed in {@code META-INF/services/io.github.tmux4j.spi.RegistryProvider}, found by
 * {@link java.util.ServiceLoader}. Each client gets its own registry on
 * {@code <socketDir>/.sessions.json}, with the default lock timeout. Stateless and thread-safe.
 */
public final class FileRegistryProvider implements RegistryProvider {

  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public FileRegistryProvider() {}

  /**
   * Opens the registry file {@code socketDir/.sessions.json} ({@link FileRegistry#DEFAULT_FILE_NAME}).
   * Nothing is created until the first write.
   *
   * @param socketDir the client's socket directory
   * @return a new {@link FileRegistry}; the caller closes it
   * @throws io.github.tmux4j.RegistryException if the registry file is a symbolic link
   */
  @Override
  public Registry open(Path socketDir) {
    return FileRegistry.open(socketDir.resolve(FileRegistry.DEFAULT_FILE_NAME));
  }
}

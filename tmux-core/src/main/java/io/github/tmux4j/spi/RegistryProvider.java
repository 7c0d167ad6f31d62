package io.github.tmux4j.spi;

import java.nio.file.Path;

/**
 * Creates the default {@link Registry} of a {@link io.github.tmux4j.TmuxClient} that was not given one.
 * Found with {@link java.util.ServiceLoader}: a module that puts an implementation on the class path
 * (listed in {@code META-INF/services/io.github.tmux4j.spi.RegistryProvider}) becomes the default.
 */
public interface RegistryProvider {

  /**
   * Opens the registry for a client.
   *
   * @param socketDir the client's socket directory (already created and checked)
   * @return the registry; the client closes it when the client is closed
   */
  Registry open(Path socketDir);
}

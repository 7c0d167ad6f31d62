/**
 * {@link io.github.tmux4j.registry.FileRegistry}: the session registry as one JSON file shared safely by
 * many processes. Provides {@link io.github.tmux4j.spi.RegistryProvider}, so that with this module on
 * the module path (or the class path) it is the default registry of every {@code TmuxClient}.
 */
module io.github.tmux4j.registry {
  // FileRegistry implements io.github.tmux4j.spi.Registry and throws io.github.tmux4j exceptions.
  requires transitive io.github.tmux4j;
  requires com.fasterxml.jackson.core;
  requires com.fasterxml.jackson.databind;
  requires dev.failsafe.core;

  exports io.github.tmux4j.registry;

  provides io.github.tmux4j.spi.RegistryProvider with io.github.tmux4j.registry.FileRegistryProvider;
}

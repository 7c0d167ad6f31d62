/**
 * tmux4j: drive long-lived terminal processes (REPLs, debuggers, shells) inside tmux.
 *
 * <p>Exports the API ({@code io.github.tmux4j}) and the SPI that registries implement
 * ({@code io.github.tmux4j.spi}). The implementation package {@code io.github.tmux4j.internal} is
 * exported only to the sibling modules that use it; it is not API and may change in any release.
 *
 * <p>The default registry of a client is found with {@link java.util.ServiceLoader}: on the module path
 * a module that {@code provides io.github.tmux4j.spi.RegistryProvider} (such as
 * {@code io.github.tmux4j.registry}) takes over from the in-memory registry.
 */
module io.github.tmux4j {
  // TmuxClientBuilder#retryPolicy and TmuxClient#defaultRetryPolicy take and return Failsafe's
  // RetryPolicy, so users of this module read Failsafe too. Failsafe 3.x declares the module
  // dev.failsafe.core (META-INF/versions/9/module-info.class); the manifest's Automatic-Module-Name
  // dev.failsafe is not used on Java 9 and newer.
  requires transitive dev.failsafe.core;

  exports io.github.tmux4j;
  exports io.github.tmux4j.spi;
  // Commands.defaultBinary(): the tmux binary that tmux-junit and tmux-bench run directly.
  exports io.github.tmux4j.internal to
      io.github.tmux4j.junit,
      io.github.tmux4j.bench;

  uses io.github.tmux4j.spi.RegistryProvider;
}

/**
 * What extenders implement: the {@link io.github.tmux4j.spi.Registry} that records sessions, and the
 * {@link io.github.tmux4j.spi.RegistryProvider} through which {@link java.util.ServiceLoader} finds a
 * default one. Applications normally only pick a registry; they do not call these types directly.
 */
package io.github.tmux4j.spi;

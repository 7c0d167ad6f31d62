/**
 * {@link io.github.tmux4j.registry.FileRegistry}: the session registry as one JSON file
 * ({@code <socketDir>/.sessions.json}) that many processes and threads share safely. Putting this
 * module on the class path makes it the default registry of every {@code TmuxClient}, through
 * {@link io.github.tmux4j.registry.FileRegistryProvider} and {@link java.util.ServiceLoader}.
 */
package io.github.tmux4j.registry;

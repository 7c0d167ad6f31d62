/**
 * The {@code tmux4j} command: the seed's shell tools ({@code create-session}, {@code safe-send},
 * {@code list-sessions}, {@code wait-for-text}, {@code pane-health}, {@code cleanup-sessions}) and the
 * operations LIFECYCLE.md asked for, as subcommands of one runnable jar built on tmux4j's API.
 *
 * <p>{@link io.github.tmux4j.cli.Tmux4jCli} is the entry point; {@link io.github.tmux4j.cli.CliLoggerFinder}
 * is public only as the {@code System.LoggerFinder} service the JDK loads; everything else in the package
 * is the implementation of one subcommand or a helper shared by several.
 */
package io.github.tmux4j.cli;

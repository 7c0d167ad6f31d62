package io.github.tmux4j.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/**
 * A subcommand of {@code tmux4j}: what it does when run, and its picocli model, built in code
 * ({@link Specs}). picocli parses the command line into the fields the model binds, then calls
 * {@link #call()}.
 */
interface CliCommand extends Callable<Integer> {
  /**
   * The command's model: name, description, options and parameters, bound to this object's fields.
   * Called once, before parsing.
   *
   * @return a new model
   */
  CommandSpec spec();
}

package io.github.tmux4j.cli;

import java.util.Iterator;
import java.util.List;

/**
 * Completion candidates for {@code -s NAME}. Session names change while a completion script lives, so
 * instead of fixed names this yields one placeholder, which {@link CompletionCommand} replaces in the
 * generated script with a shell function that reads the registry ({@link SessionNameCompletion}).
 */
final class SessionNameCandidates implements Iterable<String> {
  /** The placeholder written into the generated script. */
  static final String PLACEHOLDER = "__TMUX4J_SESSION_NAMES__";

  @Override
  public Iterator<String> iterator() {
    return List.of(PLACEHOLDER).iterator();
  }
}

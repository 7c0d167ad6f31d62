package io.github.tmux4j.internal;

/**
 * What one tmux invocation returned.
 *
 * @param exitCode tmux's exit code
 * @param stdout standard output, decoded as UTF-8
 * @param stderr standard error, decoded as UTF-8
 */
public record TmuxResult(int exitCode, String stdout, String stderr) {}

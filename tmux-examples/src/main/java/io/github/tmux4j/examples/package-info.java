/**
 * One small program per lifecycle user story (LIFECYCLE.md). Each has a {@code main} for people and a
 * method that takes a {@link io.github.tmux4j.TmuxClient}, which the integration tests call on a private
 * socket.
 */
package io.github.tmux4j.examples;

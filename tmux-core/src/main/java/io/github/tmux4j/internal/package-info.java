/**
 * Implementation of tmux4j: transports, the typed tmux operations, output parsing. Not API: anything
 * here may change in any release without notice.
 */
package io.github.tmux4j.internal;

/**
 * Implementation of {@link io.github.tmux4j.registry.FileRegistry}: the JSON codec, safe file writes
 * and the cross-process lock. Not API: anything here may change in any release without notice.
 */
package io.github.tmux4j.registry.internal;

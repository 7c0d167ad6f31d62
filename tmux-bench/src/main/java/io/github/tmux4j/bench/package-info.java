/** The benchmark harness of tmux4j; see {@link io.github.tmux4j.bench.Bench}. */
package io.github.tmux4j.bench;

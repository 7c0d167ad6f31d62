/**
 * Sample test classes run only through the JUnit engine test kit by the {@code *IT} classes one package
 * up: their names match neither {@code *Test} nor {@code *IT}, so surefire and failsafe skip them. Some
 * fail on purpose. They publish what they observed (pids, paths, names) as report entries.
 */
package io.github.tmux4j.junit.samples;

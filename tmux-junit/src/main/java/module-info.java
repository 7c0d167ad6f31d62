/**
 * JUnit 5 support for tmux4j: {@code @TmuxTest} and {@code @TmuxSession} inject ready sessions into
 * tests, attach their screens to failures and clean everything up afterwards.
 *
 * <p>On the module path, a test module whose fields the extension injects opens its test packages to
 * {@code io.github.tmux4j.junit} (or to everyone, as JUnit needs anyway).
 */
module io.github.tmux4j.junit {
  // The public types extend JUnit's Extension interfaces and hand out tmux4j Sessions and clients.
  requires transitive io.github.tmux4j;
  requires transitive org.junit.jupiter.api;
  requires org.junit.platform.commons;
  requires org.opentest4j;

  exports io.github.tmux4j.junit;
}

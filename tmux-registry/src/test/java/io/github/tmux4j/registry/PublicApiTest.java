package io.github.tmux4j.registry;

import io.github.tmux4j.testing.ApiDump;
import org.junit.jupiter.api.Test;

/**
 * Guards the public API of tmux-registry: what module-info exports must match the checked-in
 * {@code api/tmux-registry.api}. To accept a change: {@code mvn test -Dtmux4j.api.update=true}, then commit the dump.
 */
class PublicApiTest {

  @Test
  void publicApiMatchesTheCheckedInDump() throws Exception {
    ApiDump.check("tmux-registry");
  }
}

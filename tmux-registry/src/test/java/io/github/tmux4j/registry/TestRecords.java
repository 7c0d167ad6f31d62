package io.github.tmux4j.registry;

import io.github.tmux4j.spi.SessionRecord;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/** Records for tests. */
final class TestRecords {
  static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

  private TestRecords() {}

  static SessionRecord record(String name) {
    return new SessionRecord(name, Path.of("/tmp/tmux4j-test/default"), "%" + Math.floorMod(name.hashCode(), 1000),
        "python-repl", 4242, T0, T0.plusSeconds(60), Map.of("project", "demo", "owner", name));
  }

  static SessionRecord record(String name, Map<String, String> tags) {
    SessionRecord r = record(name);
    return new SessionRecord(r.name(), r.socket(), r.target(), r.type(), r.pid(), r.createdAt(), r.lastActive(), tags);
  }
}

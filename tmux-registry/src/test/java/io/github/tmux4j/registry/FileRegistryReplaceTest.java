package io.github.tmux4j.registry;

import static io.github.tmux4j.registry.TestRecords.T0;
import static io.github.tmux4j.registry.TestRecords.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.tmux4j.RegistryCorruptException;
import io.github.tmux4j.RegistryException;
import io.github.tmux4j.spi.SessionRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link FileRegistry#replace}: the rules of the SPI's default, and no write unless something changes. */
class FileRegistryReplaceTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private Path file;
  private FileRegistry registry;

  @BeforeEach
  void open() {
    file = dir.resolve(FileRegistry.DEFAULT_FILE_NAME);
    registry = FileRegistry.open(file);
  }

  @AfterEach
  void close() {
    registry.close();
  }

  // ---- arguments ----

  @Test
  void bothNullIsIllegalAndTouchesNothing() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> registry.replace(null, null));
    assertTrue(e.getMessage().contains("expected record, a replacement, or both"), e.getMessage());
    assertFalse(Files.exists(file));
    assertFalse(Files.exists(registry.lockFile()), "checked before the lock is taken");
  }

  // ---- create: expected null ----

  @Test
  void createStoresWhenTheNameIsFree() {
    registry.put(record("other"));

    assertTrue(registry.replace(null, record("a")));

    assertEquals(List.of(record("a"), record("other")), registry.list());
  }

  @Test
  void createIntoAMissingFileWritesIt() {
    assertTrue(registry.replace(null, record("a")));

    try (FileRegistry fresh = FileRegistry.open(file)) {
      assertEquals(List.of(record("a")), fresh.list());
    }
  }

  @Test
  void createFailsWhenTheNameIsTakenAndWritesNothing() throws IOException {
    registry.put(record("a"));
    registry.put(record("b"));
    FileState before = FileState.of(registry);
    SessionRecord newcomer = new SessionRecord("a", Path.of("/tmp/elsewhere"), "%77", "gdb", 1, T0.plusSeconds(5),
        T0.plusSeconds(5), Map.of());

    assertFalse(registry.replace(null, newcomer));
    assertFalse(registry.replace(null, record("a")), "even an equal record: the name is taken");

    assertEquals(record("a"), registry.get("a").orElseThrow());
    before.assertUnchanged(registry);
  }

  @Test
  void createOverwritesAnEntryThatIsNotARecordLikePut() throws IOException {
    Files.writeString(file, "{\"version\": 1, \"sessions\": {\"a\": {\"type\": \"gdb\", \"note\": \"keep\"}}}\n");
    assertTrue(registry.get("a").isEmpty(), "the entry lacks socket and target");

    assertTrue(registry.replace(null, record("a")));

    assertEquals(record("a"), registry.get("a").orElseThrow());
    assertEquals("keep", entry("a").get("note").asText(), "unknown fields kept, as put keeps them");
  }

  // ---- swap in place ----

  @Test
  void swapNeedsOnlyTheSameSession() {
    registry.put(record("a"));
    SessionRecord staleCopy = record("a").withLastActive(T0.plusSeconds(999)).withTags(Map.of("old", "tags"));
    SessionRecord updated = record("a").withLastActive(T0.plusSeconds(3600)).withTags(Map.of("project", "next"));

    assertTrue(registry.replace(staleCopy, updated), "lastActive and tags may differ from what is stored");

    assertEquals(updated, registry.get("a").orElseThrow());
  }

  @Test
  void swapFailsForAnotherSessionUnderTheNameAndWritesNothing() throws IOException {
    SessionRecord a = record("a");
    registry.put(a);
    registry.put(record("b"));
    FileState before = FileState.of(registry);
    SessionRecord replacement = a.withTags(Map.of("new", "tags"));

    List<SessionRecord> others = List.of(
        new SessionRecord("a", Path.of("/tmp/other-socket"), a.target(), a.type(), a.pid(), a.createdAt(),
            a.lastActive(), a.tags()),
        new SessionRecord("a", a.socket(), "%999", a.type(), a.pid(), a.createdAt(), a.lastActive(), a.tags()),
        new SessionRecord("a", a.socket(), a.target(), a.type(), a.pid(), a.createdAt().plusNanos(1),
            a.lastActive(), a.tags()));
    for (SessionRecord other : others) {
      assertFalse(registry.replace(other, replacement), other.toString());
      assertFalse(registry.replace(other, null), "remove: " + other);
      assertFalse(registry.replace(other, replacement.withName("c")), "rename: " + other);
    }

    assertEquals(List.of(a, record("b")), registry.list());
    before.assertUnchanged(registry);
  }

  @Test
  void swapFailsWhenNothingIsStoredUnderTheNameAndCreatesNothing() {
    assertFalse(registry.replace(record("a"), record("a").withLastActive(T0)));
    assertFalse(registry.replace(record("a"), null));
    assertFalse(registry.replace(record("a"), record("b")));

    assertFalse(Files.exists(file), "no write for a failed replace");
    assertTrue(registry.list().isEmpty());
  }

  @Test
  void swapFailsWhenTheEntryIsNotARecord() throws IOException {
    Files.writeString(file, "{\"version\": 1, \"sessions\": {\"a\": {\"type\": \"gdb\"}}}\n");
    FileState before = FileState.of(registry);

    assertFalse(registry.replace(record("a"), record("a").withLastActive(T0)));
    assertFalse(registry.replace(record("a"), null));

    before.assertUnchanged(registry);
  }

  @Test
  void swapWithTheStoredRecordSucceedsWithoutWriting() throws IOException {
    registry.put(record("a"));
    registry.put(record("b"));
    FileState before = FileState.of(registry);

    assertTrue(registry.replace(record("a"), record("a")));

    before.assertUnchanged(registry);
  }

  @Test
  void swapKeepsUnknownFieldsLikePut() throws IOException {
    Files.writeString(file, """
        {"version": 1, "sessions": {"a": {"socket": "/s", "target": "%1", "type": "shell", "pid": 1,
          "created_at": "2026-01-01T00:00:00Z", "last_active": "2026-01-01T00:00:00Z", "note": "keep me"}}}
        """);
    SessionRecord a = registry.get("a").orElseThrow();

    assertTrue(registry.replace(a, a.withLastActive(T0).withTags(Map.of("k", "v"))));

    JsonNode node = entry("a");
    assertEquals("keep me", node.get("note").asText());
    assertEquals("v", node.get("tags").get("k").asText());
    assertEquals(a.withLastActive(T0).withTags(Map.of("k", "v")), registry.get("a").orElseThrow());
  }

  // ---- remove: replacement null ----

  @Test
  void removeTakesOnlyThatRecord() {
    registry.put(record("a"));
    registry.put(record("b"));

    assertTrue(registry.replace(record("a").withLastActive(T0), null));
    assertFalse(registry.replace(record("a"), null), "already gone");

    assertEquals(List.of(record("b")), registry.list());
  }

  // ---- rename ----

  @Test
  void renameMovesTheRecordAndItsUnknownFieldsInOneWrite() throws IOException {
    Files.writeString(file, """
        {"version": 1, "sessions": {"old": {"socket": "/s", "target": "%1", "type": "shell", "pid": 1,
          "created_at": "2026-01-01T00:00:00Z", "last_active": "2026-01-01T00:00:00Z", "note": "keep me"},
          "other": {"socket": "/s", "target": "%2", "created_at": "2026-01-01T00:00:00Z"}}}
        """);
    byte[] original = Files.readAllBytes(file);
    SessionRecord old = registry.get("old").orElseThrow();
    SessionRecord other = registry.get("other").orElseThrow();

    assertTrue(registry.replace(old, old.withName("new").withLastActive(T0)));

    assertEquals(List.of(old.withName("new").withLastActive(T0), other), registry.list());
    JsonNode sessions = JSON.readTree(file.toFile()).get("sessions");
    assertFalse(sessions.has("old"));
    assertEquals("keep me", sessions.get("new").get("note").asText(), "unknown fields move with the record");
    assertEquals(new String(original, StandardCharsets.UTF_8), Files.readString(registry.backupFile()),
        "one write: the backup is the version before the rename");
  }

  @Test
  void renameFailsWhenTheNewNameIsTakenAndWritesNothing() throws IOException {
    registry.put(record("a"));
    registry.put(record("b"));
    FileState before = FileState.of(registry);

    assertFalse(registry.replace(record("a"), record("a").withName("b")));

    assertEquals(List.of(record("a"), record("b")), registry.list());
    before.assertUnchanged(registry);
  }

  @Test
  void renameOntoAnEntryThatIsNotARecordOverwritesIt() throws IOException {
    Files.writeString(file, """
        {"version": 1, "sessions": {"a": {"socket": "/s", "target": "%1", "created_at": "2026-01-01T00:00:00Z",
          "note": "from a"}, "b": {"type": "gdb", "junk": true}}}
        """);
    SessionRecord a = registry.get("a").orElseThrow();

    assertTrue(registry.replace(a, a.withName("b")));

    assertEquals(List.of(a.withName("b")), registry.list());
    JsonNode b = entry("b");
    assertEquals("from a", b.get("note").asText(), "the renamed entry's unknown fields win");
    assertFalse(b.has("junk"), "the overwritten entry is gone");
  }

  // ---- state of the file, failures ----

  @Test
  void seesTheWritesOfAnotherInstance() {
    try (FileRegistry other = FileRegistry.open(file)) {
      registry.put(record("a"));
      SessionRecord read = other.get("a").orElseThrow();
      SessionRecord reborn = new SessionRecord("a", read.socket(), "%500", read.type(), 7, T0.plusSeconds(60),
          T0.plusSeconds(60), Map.of());
      assertTrue(registry.replace(read, reborn), "killed and created again under the same name");

      assertFalse(other.replace(read, null), "a stale kill does not remove the new session");
      assertFalse(other.replace(read, read.withName("moved")), "nor does a stale rename");
      assertEquals(List.of(reborn), other.list());
    }
  }

  @Test
  void corruptFileIsReportedAndLeftUntouched() throws IOException {
    Files.writeString(file, "{\"sessions\": {\"a\": ");
    FileState before = FileState.of(registry);

    RegistryCorruptException e =
        assertThrows(RegistryCorruptException.class, () -> registry.replace(null, record("a")));
    assertEquals(file, e.location());
    assertThrows(RegistryCorruptException.class, () -> registry.replace(record("a"), null));

    before.assertUnchanged(registry);
  }

  @Test
  void closedRegistryRefusesReplace() {
    registry.close();

    RegistryException e = assertThrows(RegistryException.class, () -> registry.replace(null, record("a")));
    assertTrue(e.getMessage().contains("closed"), e.getMessage());
    assertFalse(Files.exists(file));
  }

  private JsonNode entry(String name) throws IOException {
    return JSON.readTree(file.toFile()).get("sessions").get(name);
  }

  /**
   * The registry file and its backup as they are on disk. A write replaces the file by a rename, so it
   * changes the file's identity (inode) even within the file system's time resolution.
   */
  private record FileState(byte[] content, Object fileKey, FileTime modified, byte[] backup) {
    static FileState of(FileRegistry registry) throws IOException {
      Path file = registry.file();
      BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      Path bak = registry.backupFile();
      return new FileState(Files.readAllBytes(file), attrs.fileKey(), attrs.lastModifiedTime(),
          Files.exists(bak) ? Files.readAllBytes(bak) : null);
    }

    void assertUnchanged(FileRegistry registry) throws IOException {
      FileState now = of(registry);
      assertEquals(new String(content, StandardCharsets.UTF_8), new String(now.content, StandardCharsets.UTF_8));
      assertEquals(fileKey, now.fileKey, "the file was not replaced");
      assertEquals(modified, now.modified, "the file was not modified");
      assertEquals(backup == null, now.backup == null, "the backup did not appear or go");
      if (backup != null) {
        assertEquals(new String(backup, StandardCharsets.UTF_8), new String(now.backup, StandardCharsets.UTF_8),
            "the backup is the same");
      }
    }
  }
}

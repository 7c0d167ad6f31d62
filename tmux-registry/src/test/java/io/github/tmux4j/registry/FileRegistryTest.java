package io.github.tmux4j.registry;

import static io.github.tmux4j.registry.TestRecords.T0;
import static io.github.tmux4j.registry.TestRecords.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.tmux4j.RegistryException;
import io.github.tmux4j.spi.SessionRecord;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileRegistryTest {
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

  @Test
  void putThenGetRoundTripsEveryField() {
    SessionRecord r = new SessionRecord("analysis-python", Path.of("/tmp/tmux4j-me/default"), "%3", "python-repl",
        Long.MAX_VALUE - 1, Instant.parse("2026-11-25T10:00:00.123456789Z"), Instant.parse("2026-11-25T11:30:00Z"),
        Map.of("project", "demo", "tmux4j.quarantined", "true", "empty", "", "unicode", "grüße ✓"));
    registry.put(r);

    assertEquals(r, registry.get("analysis-python").orElseThrow());
    try (FileRegistry other = FileRegistry.open(file)) {
      assertEquals(List.of(r), other.list(), "a second instance reads the same record from the file");
    }
  }

  @Test
  void writesTheSeedFormat() throws IOException {
    registry.put(record("a"));

    JsonNode root = JSON.readTree(file.toFile());
    assertEquals(1, root.get("version").asInt());
    JsonNode a = root.get("sessions").get("a");
    assertEquals("/tmp/tmux4j-test/default", a.get("socket").asText());
    assertEquals("python-repl", a.get("type").asText());
    assertEquals(4242, a.get("pid").asLong());
    assertEquals("2026-11-25T10:00:00Z", a.get("created_at").asText());
    assertEquals("2026-11-25T10:01:00Z", a.get("last_active").asText());
    assertEquals("demo", a.get("tags").get("project").asText());
    String text = Files.readString(file);
    assertTrue(text.startsWith("{\n  \"version\": 1,\n  \"sessions\": {\n"), text);
    assertTrue(text.endsWith("}\n"), "ends with a newline");
    List<String> lines = text.lines().filter(l -> l.contains("\"a\"")).toList();
    assertEquals(1, lines.size(), "one line per session:\n" + text);
    assertTrue(lines.get(0).startsWith("    \"a\": {\"socket\": \"/tmp/tmux4j-test/default\", \"target\": "), text);
    assertTrue(lines.get(0).endsWith("\"tags\": {\"owner\": \"a\", \"project\": \"demo\"}}"), text);
  }

  @Test
  void readsASeedFileWithoutVersionOrTags() throws IOException {
    Files.writeString(file, """
        {
          "sessions": {
            "claude-python": {
              "socket": "/tmp/claude.sock",
              "target": "claude-python:0.0",
              "type": "python-repl",
              "pid": 12345,
              "created_at": "2025-11-23T10:00:00Z",
              "last_active": "2025-11-23T15:30:00Z"
            }
          }
        }
        """);

    SessionRecord r = registry.get("claude-python").orElseThrow();
    assertEquals(new SessionRecord("claude-python", Path.of("/tmp/claude.sock"), "claude-python:0.0", "python-repl",
        12345, Instant.parse("2025-11-23T10:00:00Z"), Instant.parse("2025-11-23T15:30:00Z"), Map.of()), r);

    registry.touch("claude-python", Instant.parse("2025-11-24T00:00:00Z"));
    JsonNode root = JSON.readTree(file.toFile());
    assertEquals(1, root.get("version").asInt(), "the rewrite adds the version");
    assertEquals("claude-python:0.0", root.get("sessions").get("claude-python").get("target").asText());
  }

  @Test
  void entryMissingRequiredFieldsIsLeftOutButKept() throws IOException {
    Files.writeString(file, """
        {"version": 1, "sessions": {"broken": {"type": "gdb"}, "ok": {"socket": "/s", "target": "%1",
         "created_at": "2026-01-01T00:00:00+01:00"}}}
        """);

    List<SessionRecord> all = registry.list();
    assertEquals(List.of("ok"), all.stream().map(SessionRecord::name).toList());
    SessionRecord ok = all.get(0);
    assertEquals(Instant.parse("2025-12-31T23:00:00Z"), ok.createdAt(), "offsets are converted to UTC");
    assertEquals(ok.createdAt(), ok.lastActive(), "a missing last_active is the creation time");
    assertEquals("custom", ok.type());

    registry.put(record("new"));
    assertEquals("gdb", JSON.readTree(file.toFile()).get("sessions").get("broken").get("type").asText());
  }

  @Test
  void unknownFieldsArePreservedOnRewrite() throws IOException {
    Files.writeString(file, """
        {
          "version": 1,
          "owner": {"tool": "seed", "n": [1, 2.5, null]},
          "sessions": {
            "a": {"socket": "/s", "target": "%1", "type": "shell", "pid": 1,
                  "created_at": "2026-01-01T00:00:00Z", "last_active": "2026-01-01T00:00:00Z",
                  "note": "keep me", "tags": {"x": "y"}}
          },
          "zz_trailer": true
        }
        """);

    registry.touch("a", T0);
    registry.put(record("b"));
    SessionRecord a = registry.get("a").orElseThrow();
    registry.put(new SessionRecord("a", Path.of("/s2"), "%9", "gdb", 2, a.createdAt(), T0, Map.of()));

    JsonNode root = JSON.readTree(file.toFile());
    assertEquals(JSON.readTree("{\"tool\": \"seed\", \"n\": [1, 2.5, null]}"), root.get("owner"));
    assertTrue(root.get("zz_trailer").asBoolean());
    JsonNode node = root.get("sessions").get("a");
    assertEquals("keep me", node.get("note").asText(), "unknown session field kept through touch and put");
    assertEquals("/s2", node.get("socket").asText());
    assertEquals(0, node.get("tags").size(), "tags are a known field: replaced");
    assertEquals(List.of("version", "owner", "sessions", "zz_trailer"), fieldNames(root), "field order kept");
  }

  @Test
  void touchUpdatesLastActiveOnly() throws IOException {
    registry.put(record("a"));
    registry.put(record("b"));
    ObjectNode before = (ObjectNode) JSON.readTree(file.toFile());
    Instant later = T0.plus(Duration.ofHours(5)).plusMillis(250);

    registry.touch("a", later);

    assertEquals(record("a").withLastActive(later), registry.get("a").orElseThrow());
    assertEquals(record("b"), registry.get("b").orElseThrow());
    ObjectNode after = (ObjectNode) JSON.readTree(file.toFile());
    ((ObjectNode) before.get("sessions").get("a")).put("last_active", "2026-11-25T15:00:00.250Z");
    assertEquals(before, after, "nothing but last_active changed");
  }

  @Test
  void touchOfAnUnknownSessionDoesNothing() {
    registry.touch("nobody", T0);
    assertFalse(Files.exists(file), "no write for a no-op");
    assertTrue(registry.list().isEmpty());
  }

  @Test
  void removeDeletesOnlyThatRecord() {
    registry.put(record("a"));
    registry.put(record("b"));

    assertTrue(registry.remove("a"));
    assertFalse(registry.remove("a"), "second remove finds nothing");
    assertFalse(registry.remove("never"));
    assertEquals(List.of(record("b")), registry.list());
  }

  @Test
  void listIsSortedByName() {
    for (String name : List.of("zeta", "alpha", "Mid", "beta-2", "beta-10", "_x")) {
      registry.put(record(name));
    }
    assertEquals(List.of("Mid", "_x", "alpha", "beta-10", "beta-2", "zeta"),
        registry.list().stream().map(SessionRecord::name).toList());
  }

  @Test
  void missingFileIsAnEmptyRegistryAndReadsCreateNothing() {
    assertTrue(registry.list().isEmpty());
    assertTrue(registry.get("a").isEmpty());
    assertFalse(Files.exists(file));
    assertFalse(Files.exists(registry.lockFile()), "reads take no lock");
  }

  @Test
  void keepsThePreviousVersionAsBackup() throws IOException {
    registry.put(record("a"));
    byte[] first = Files.readAllBytes(file);
    assertFalse(Files.exists(registry.backupFile()), "no previous version yet");

    registry.put(record("b"));

    assertEquals(new String(first, StandardCharsets.UTF_8),
        Files.readString(registry.backupFile()));
  }

  @Test
  void filesHaveMode0600() throws IOException {
    Files.writeString(file, "{\"sessions\": {}}\n"); // a seed file with the default umask's mode
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    registry.put(record("a"));
    registry.put(record("b"));

    for (Path p : List.of(file, registry.backupFile(), registry.lockFile())) {
      assertEquals("rw-------", PosixFilePermissions.toString(
          Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS)), p.toString());
    }
  }

  @Test
  void createsMissingDirectoriesWithMode0700() throws IOException {
    Path nested = dir.resolve("a/b");
    try (FileRegistry r = FileRegistry.open(nested.resolve(FileRegistry.DEFAULT_FILE_NAME))) {
      r.put(record("x"));
    }
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(nested)));
  }

  @Test
  void symbolicLinkRegistryIsRefused() throws IOException {
    Path real = dir.resolve("real.json");
    Files.writeString(real, "{\"sessions\": {}}");
    Path link = dir.resolve("link.json");
    Files.createSymbolicLink(link, real);

    RegistryException atOpen = assertThrows(RegistryException.class, () -> FileRegistry.open(link));
    assertTrue(atOpen.getMessage().contains(link + " is a symbolic link"), atOpen.getMessage());

    // A link that appears after the registry was opened is refused too, for reads and for writes.
    Files.createSymbolicLink(file, real);
    RegistryException onRead = assertThrows(RegistryException.class, registry::list);
    assertTrue(onRead.getMessage().contains("symbolic link"), onRead.getMessage());
    assertThrows(RegistryException.class, () -> registry.put(record("a")));
    assertEquals("{\"sessions\": {}}", Files.readString(real), "the link target was not touched");
    assertTrue(Files.isSymbolicLink(file));
  }

  @Test
  void symbolicLinkLockFileIsRefused() throws IOException {
    Path elsewhere = dir.resolve("elsewhere");
    Files.writeString(elsewhere, "data");
    Files.createSymbolicLink(registry.lockFile(), elsewhere);

    RegistryException e = assertThrows(RegistryException.class, () -> registry.put(record("a")));
    assertTrue(e.getMessage().contains("Lock file " + registry.lockFile() + " is a symbolic link"), e.getMessage());
    assertEquals("data", Files.readString(elsewhere));
  }

  @Test
  void newerFormatIsRefusedAndLeftAlone() throws IOException {
    String newer = "{\"version\": 2, \"sessions\": {}}";
    Files.writeString(file, newer);

    RegistryException e = assertThrows(RegistryException.class, () -> registry.put(record("a")));
    assertTrue(e.getMessage().contains("format version 2"), e.getMessage());
    assertThrows(RegistryException.class, registry::list);
    assertEquals(newer, Files.readString(file));
  }

  @Test
  void seesWritesOfAnotherInstance() {
    try (FileRegistry other = FileRegistry.open(file)) {
      registry.put(record("a"));
      assertEquals(List.of(record("a")), other.list());
      registry.touch("a", T0.plusSeconds(1));
      assertEquals(T0.plusSeconds(1), other.get("a").orElseThrow().lastActive());
      other.remove("a");
      assertTrue(registry.list().isEmpty());
    }
  }

  @Test
  void backupAndRestoreRoundTrip() throws IOException {
    registry.put(record("a"));
    registry.put(record("b"));
    Path copy = dir.resolve("backups/registry-copy.json");

    assertEquals(2, registry.backup(copy));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(copy)));
    assertEquals(Files.readString(file), Files.readString(copy));

    registry.remove("a");
    registry.put(record("c"));
    assertEquals(2, registry.restore(copy));

    assertEquals(List.of(record("a"), record("b")), registry.list());
    assertEquals(List.of("b", "c"), names(registry.backupFile()), "the replaced version is the backup");
  }

  @Test
  void restoreRejectsAnInvalidFileAndChangesNothing() throws IOException {
    registry.put(record("a"));
    byte[] before = Files.readAllBytes(file);
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "{\"sessions\": [");

    io.github.tmux4j.RegistryCorruptException e =
        assertThrows(io.github.tmux4j.RegistryCorruptException.class, () -> registry.restore(bad));
    assertEquals(bad.toAbsolutePath(), e.location());
    assertTrue(e.getMessage().contains(bad.toString()), e.getMessage());
    assertEquals(new String(before, StandardCharsets.UTF_8), Files.readString(file));
    assertThrows(RegistryException.class, () -> registry.restore(dir.resolve("missing.json")));
  }

  @Test
  void backupRefusesTheRegistryItself() {
    assertThrows(IllegalArgumentException.class, () -> registry.backup(file));
    assertThrows(IllegalArgumentException.class, () -> registry.backup(registry.lockFile()));
  }

  @Test
  @SuppressWarnings("try") // the lock is held by being open
  void lockHeldElsewhereInThisJvmTimesOutNamingTheLockFile() throws IOException {
    registry.put(record("a")); // creates the lock file
    try (FileRegistry impatient = FileRegistry.builder().file(file).lockTimeout(Duration.ofMillis(300)).build();
        FileChannel ch = FileChannel.open(registry.lockFile(), StandardOpenOption.WRITE);
        FileLock held = ch.lock()) {
      long start = System.nanoTime();
      RegistryException e = assertThrows(RegistryException.class, () -> impatient.put(record("b")));
      long millis = (System.nanoTime() - start) / 1_000_000;

      assertTrue(e.getMessage().contains(registry.lockFile().toString()), e.getMessage());
      assertTrue(e.getMessage().contains("another FileRegistry of this JVM"), e.getMessage());
      assertTrue(millis >= 290 && millis < 5_000, "waited " + millis + " ms");
      assertEquals(List.of(record("a")), impatient.list(), "reads need no lock");
    }
  }

  @Test
  void twoInstancesOnOneFileTakeTurns() {
    try (FileRegistry second = FileRegistry.open(file)) {
      registry.put(record("a"));
      second.put(record("b"));
      registry.touch("b", T0);
      second.remove("a");
      assertEquals(List.of(record("b").withLastActive(T0)), registry.list());
    }
  }

  @Test
  void closedRegistryRefusesCalls() {
    registry.put(record("a"));
    registry.close();
    registry.close(); // idempotent

    RegistryException e = assertThrows(RegistryException.class, registry::list);
    assertTrue(e.getMessage().contains("closed"), e.getMessage());
    assertThrows(RegistryException.class, () -> registry.put(record("b")));
    try (FileRegistry reopened = FileRegistry.open(file)) {
      assertEquals(List.of(record("a")), reopened.list(), "records stay after close");
    }
  }

  @Test
  void leftoverTemporaryFilesAreDeletedOnTheFirstWrite() throws IOException {
    Path leftover = dir.resolve(".sessions.json.tmp-99999-dead");
    Files.writeString(leftover, "{\"half\": ");

    registry.put(record("a"));

    assertFalse(Files.exists(leftover));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(".sessions.json", ".sessions.json.lock"),
          files.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }

  @Test
  void builderValidates() {
    assertThrows(IllegalStateException.class, () -> FileRegistry.builder().build());
    assertThrows(IllegalArgumentException.class, () -> FileRegistry.builder().lockTimeout(Duration.ofSeconds(-1)));
    FileRegistry r = FileRegistry.builder().file(file).lockTimeout(Duration.ZERO).build();
    r.put(record("a"));
    r.close();
    assertEquals(Duration.ZERO, r.lockTimeout());
  }

  private static List<String> fieldNames(JsonNode node) {
    return node.properties().stream().map(Map.Entry::getKey).toList();
  }

  private static List<String> names(Path registryFile) throws IOException {
    return fieldNames(JSON.readTree(registryFile.toFile()).get("sessions"));
  }
}

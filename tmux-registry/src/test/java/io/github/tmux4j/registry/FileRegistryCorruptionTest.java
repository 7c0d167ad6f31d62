package io.github.tmux4j.registry;

import static io.github.tmux4j.registry.TestRecords.T0;
import static io.github.tmux4j.registry.TestRecords.record;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tmux4j.RegistryCorruptException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FileRegistryCorruptionTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:34:56Z"), ZoneOffset.UTC);

  @TempDir Path dir;
  private Path file;
  private FileRegistry registry;

  static Stream<Arguments> corruptContents() {
    byte[] garbage = new byte[512];
    new java.util.Random(42).nextBytes(garbage);
    garbage[0] = (byte) 0xFF;
    return Stream.of(
        Arguments.of("truncated JSON", "{\"version\": 1, \"sessions\": {\"a\": {\"socket\": \"/s\", \"tar"
            .getBytes(StandardCharsets.UTF_8)),
        Arguments.of("empty file", new byte[0]),
        Arguments.of("whitespace only", "  \n".getBytes(StandardCharsets.UTF_8)),
        Arguments.of("garbage bytes", garbage),
        Arguments.of("trailing garbage", "{\"sessions\": {}} }x".getBytes(StandardCharsets.UTF_8)),
        Arguments.of("top level array", "[1, 2]".getBytes(StandardCharsets.UTF_8)),
        Arguments.of("sessions not an object", "{\"sessions\": \"none\"}".getBytes(StandardCharsets.UTF_8)));
  }

  @BeforeEach
  void open() {
    file = dir.resolve(FileRegistry.DEFAULT_FILE_NAME);
    registry = FileRegistry.builder().file(file).clock(CLOCK).build();
  }

  @AfterEach
  void close() {
    registry.close();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corruptContents")
  void everyOperationFailsNamingTheFileAndLeavesItUntouched(String what, byte[] content) throws IOException {
    Files.write(file, content);

    List<Executable> operations = List.of(
        registry::list,
        () -> registry.get("a"),
        () -> registry.put(record("a")),
        () -> registry.remove("a"),
        () -> registry.touch("a", T0),
        () -> registry.backup(dir.resolve("copy.json")));
    for (Executable op : operations) {
      RegistryCorruptException e = assertThrows(RegistryCorruptException.class, op, what);
      assertEquals(file, e.location());
      assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
      assertTrue(e.getMessage().contains("repair()"), e.getMessage());
    }
    assertArrayEquals(content, Files.readAllBytes(file), "the corrupt file was never overwritten");
    assertFalse(Files.exists(dir.resolve("copy.json")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corruptContents")
  void repairRestoresAValidBackupAndMovesTheBadFileAside(String what, byte[] content) throws IOException {
    registry.put(record("a"));
    registry.put(record("b")); // the backup now holds just "a"
    Files.write(file, content);

    RepairReport report = registry.repair();

    Path aside = dir.resolve(".sessions.json.corrupt-20261125T123456Z");
    assertEquals(new RepairReport(file, Optional.of(aside), true, 1), report);
    assertTrue(report.repaired());
    assertArrayEquals(content, Files.readAllBytes(aside), "the bad file is kept for inspection");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(aside)));
    assertEquals(List.of(record("a")), registry.list());
    registry.put(record("c"));
    assertEquals(List.of(record("a"), record("c")), registry.list(), "usable again");
  }

  @Test
  void repairStartsEmptyWithoutABackup() throws IOException {
    Files.writeString(file, "{\"sessions\": {");

    RepairReport report = registry.repair();

    assertEquals(new RepairReport(file, Optional.of(dir.resolve(".sessions.json.corrupt-20261125T123456Z")), false, 0),
        report);
    assertEquals(List.of(), registry.list());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
  }

  @Test
  void repairStartsEmptyWhenTheBackupIsCorruptToo() throws IOException {
    registry.put(record("a"));
    registry.put(record("b"));
    Files.writeString(registry.backupFile(), "garbage");
    Files.writeString(file, "more garbage");

    RepairReport report = registry.repair();

    assertFalse(report.restoredFromBackup());
    assertEquals(0, report.records());
    assertEquals(List.of(), registry.list());
    assertEquals("garbage", Files.readString(registry.backupFile()), "the backup is left as it was");
  }

  @Test
  void repairOfAReadableRegistryChangesNothing() throws IOException {
    registry.put(record("a"));
    byte[] before = Files.readAllBytes(file);

    assertEquals(new RepairReport(file, Optional.empty(), false, 1), registry.repair());
    assertArrayEquals(before, Files.readAllBytes(file));
    assertEquals(new RepairReport(dir.resolve("none.json"), Optional.empty(), false, 0),
        FileRegistry.open(dir.resolve("none.json")).repair(), "a missing file needs no repair");
  }

  @Test
  void repeatedRepairsGetDistinctNames() throws IOException {
    Files.writeString(file, "x");
    Path first = registry.repair().movedAside().orElseThrow();
    Files.writeString(file, "y");
    Path second = registry.repair().movedAside().orElseThrow();

    assertEquals(dir.resolve(".sessions.json.corrupt-20261125T123456Z-1"), second);
    assertEquals("x", Files.readString(first));
    assertEquals("y", Files.readString(second));
  }

  @Test
  void restoreReplacesACorruptRegistryAndMovesItAside() throws IOException {
    registry.put(record("a"));
    Path copy = dir.resolve("copy.json");
    registry.backup(copy);
    Files.writeString(file, "{oops");

    assertEquals(1, registry.restore(copy));

    assertEquals(List.of(record("a")), registry.list());
    assertEquals("{oops", Files.readString(dir.resolve(".sessions.json.corrupt-20261125T123456Z")));
  }

  @Test
  void unusableEntriesAreNotCorruption() throws IOException {
    Files.writeString(file, "{\"sessions\": {\"a\": 42, \"b\": {\"socket\": \"/s\"}}}");

    assertEquals(List.of(), registry.list());
    registry.put(record("c", Map.of()));
    assertEquals(List.of("c"), registry.list().stream().map(r -> r.name()).toList());
    assertTrue(Files.readString(file).contains("\"a\": 42"));
  }
}

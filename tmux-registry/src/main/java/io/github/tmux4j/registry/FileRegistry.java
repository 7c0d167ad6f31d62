package io.github.tmux4j.registry;

import io.github.tmux4j.RegistryCorruptException;
import io.github.tmux4j.RegistryException;
import io.github.tmux4j.registry.internal.CompareAndSet;
import io.github.tmux4j.registry.internal.FileLocker;
import io.github.tmux4j.registry.internal.RegistryDocument;
import io.github.tmux4j.registry.internal.RegistryJson;
import io.github.tmux4j.registry.internal.SafeFiles;
import io.github.tmux4j.spi.Registry;
import io.github.tmux4j.spi.SessionRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The session registry as one JSON file, shared safely by many threads and processes: by default
 * {@code <socketDir>/.sessions.json}, the seed's file and format.
 *
 * <pre>{@code
 * {
 *   "version": 1,
 *   "sessions": {
 *     "analysis-python": {"socket": "/tmp/tmux4j-me/default", "target": "%3", "type": "python-repl",
 *         "pid": 12345, "created_at": "2026-11-25T10:00:00Z", "last_active": "2026-11-25T10:05:00Z",
 *         "tags": {"project": "demo"}}
 *   }
 * }
 * }</pre>
 *
 * <p>Each session is written on one line (the line is wrapped above), so that {@code grep name} shows all
 * of a session; any JSON layout is read. Files of the seed's tools (without {@code version} or
 * {@code tags}) are read as they are. Fields this class does not know, at the top level or in a session
 * entry, are kept when the file is rewritten. Timestamps are written as ISO-8601 UTC, with a fraction of
 * a second only when the instant has one (so that every record reads back equal to what was put).
 *
 * <p><b>Writes</b> ({@link #put}, {@link #remove}, {@link #replace}, {@link #touch}, {@link #restore},
 * {@link #repair}) are read-modify-write cycles under two locks: a fair lock for the threads of this
 * instance, then an OS lock ({@code fcntl}, through Java's {@link java.nio.channels.FileLock}) on the side file
 * {@code .sessions.json.lock} for other processes. A writer waits at most the {@linkplain
 * Builder#lockTimeout lock timeout} (default 10 s) and then fails with a {@link RegistryException} that
 * names the lock file. A writer that waits for another process sleeps in the kernel and is woken as soon
 * as the lock is released. A process that dies releases its lock by itself. The new content goes to a
 * temporary file in the same directory, which is forced to disk ({@code fsync}) and renamed over the
 * registry ({@code rename(2)} is atomic); the directory is then forced too, so the rename survives a
 * power loss. The version replaced is kept as {@code .sessions.json.bak} (a hard link where the file
 * system allows it, so no data is copied).
 *
 * <p><b>Reads</b> ({@link #get}, {@link #list}, {@link #backup}) take no lock: since the file is only
 * ever replaced by a rename, a reader always opens a complete version, the one before or the one after
 * any concurrent write. The parsed file is cached, keyed by its exact bytes, so repeated reads of an
 * unchanged file cost one file read and a byte comparison.
 *
 * <p><b>Corruption.</b> A file that cannot be parsed is never overwritten: every operation fails with a
 * {@link RegistryCorruptException} that names the file, until {@link #repair()} moves it aside and
 * restores the backup (or {@link #restore(Path)} replaces it). Session entries that parse as JSON but lack
 * a required field are left out of {@link #list()} (with a warning in the log) and kept in the file.
 *
 * <p><b>Permissions.</b> The registry file, its backup and the lock file get mode 0600, and directories
 * created for them 0700. A registry path that is a symbolic link is refused; files are opened without
 * following links where Java allows it.
 *
 * <p><b>Thread-safety.</b> Instances are thread-safe, and each method is atomic with respect to every
 * other instance and process that uses the same file. Prefer one instance per file in a JVM: two
 * instances on the same file in one JVM are also safe (Java reports the other's lock as overlapping,
 * and the waiter retries with backoff until the timeout), but they wait for each other by polling
 * rather than in the kernel, which is less fair: in a 16-thread stress test the slowest call took about
 * 1 s with two instances against 70 ms with one.
 */
public final class FileRegistry implements Registry {
  /** The registry file's name in a socket directory: {@value}. */
  public static final String DEFAULT_FILE_NAME = ".sessions.json";
  /** How long a write waits for the lock unless configured otherwise: 10 seconds. */
  public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(10);

  /** Larger files are not registries (a registry of 100,000 sessions is about 30 MiB). */
  private static final int MAX_FILE_BYTES = 64 << 20;
  private static final System.Logger LOG = System.getLogger(FileRegistry.class.getName());

  private final Path file;
  private final Path backupFile;
  private final Path lockFile;
  private final String tempPrefix;
  private final String repairHint;
  private final Duration lockTimeout;
  private final Clock clock;
  private final RegistryJson json = new RegistryJson();
  private final FileLocker locker;
  private volatile RegistryDocument cache;
  private volatile boolean closed;
  /** Whether leftover temporary files were deleted; guarded by {@link #locker}. */
  private boolean swept;

  private FileRegistry(Builder builder) {
    this.file = builder.file.toAbsolutePath().normalize();
    if (file.getFileName() == null) {
      throw new IllegalArgumentException("The registry file must be a file path, not " + builder.file);
    }
    String name = file.getFileName().toString();
    this.backupFile = file.resolveSibling(name + ".bak");
    this.lockFile = file.resolveSibling(name + ".lock");
    this.tempPrefix = name + ".tmp-";
    this.repairHint = "It was left untouched. Call repair() on a FileRegistry for this file to move it aside "
        + "and restore the last good copy (" + backupFile + "), or start empty if there is none.";
    this.lockTimeout = builder.lockTimeout;
    this.clock = builder.clock;
    this.locker = new FileLocker(lockFile, lockTimeout);
    refuseSymbolicLink();
  }

  /**
   * Opens the registry stored in {@code file}, with the default lock timeout. Nothing is created until
   * the first write; a missing file is an empty registry.
   *
   * @param file the registry file, such as {@code socketDir.resolve(FileRegistry.DEFAULT_FILE_NAME)}
   * @return the registry; close it to release its lock file
   * @throws RegistryException if {@code file} is a symbolic link
   */
  public static FileRegistry open(Path file) {
    return builder().file(file).build();
  }

  /**
   * Starts configuring a registry.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The registry file.
   *
   * @return the absolute path
   */
  public Path file() {
    return file;
  }

  /**
   * The backup of the version before the last write, {@code <file>.bak}.
   *
   * @return the absolute path
   */
  public Path backupFile() {
    return backupFile;
  }

  /**
   * The side file whose OS lock serializes writers, {@code <file>.lock}. It holds no data, but do not
   * delete it while processes use the registry: a process that opened the old file and one that creates
   * a new one would not exclude each other.
   *
   * @return the absolute path
   */
  public Path lockFile() {
    return lockFile;
  }

  /**
   * How long a write waits for the lock.
   *
   * @return the timeout
   */
  public Duration lockTimeout() {
    return lockTimeout;
  }

  /**
   * Records a session, replacing any record with the same name. Fields of the replaced entry that
   * tmux4j does not know are kept. Thread-safe and atomic across processes.
   *
   * @param record the record to store
   * @throws RegistryCorruptException if the file cannot be parsed (it is left untouched)
   * @throws RegistryException if the lock cannot be had in time or the file cannot be written (the
   *     registry is then unchanged), or the registry is closed
   */
  @Override
  public void put(SessionRecord record) {
    Objects.requireNonNull(record, "record");
    update(edit -> edit.put(record));
  }

  /**
   * Looks a session up by name. Takes no lock; sees the last completed write.
   *
   * @param name the session name
   * @return the record, or empty if none is registered under that name
   * @throws RegistryCorruptException if the file cannot be parsed
   * @throws RegistryException if the file cannot be read, or the registry is closed
   */
  @Override
  public Optional<SessionRecord> get(String name) {
    Objects.requireNonNull(name, "name");
    return read().record(name);
  }

  /**
   * Lists all records, in name order. Takes no lock; sees the last completed write.
   *
   * @return an immutable snapshot
   * @throws RegistryCorruptException if the file cannot be parsed
   * @throws RegistryException if the file cannot be read, or the registry is closed
   */
  @Override
  public List<SessionRecord> list() {
    return read().records();
  }

  /**
   * Removes a record. Thread-safe and atomic across processes; does not write when there is nothing to
   * remove.
   *
   * @param name the session name
   * @return {@code true} if a record was removed
   * @throws RegistryCorruptException if the file cannot be parsed (it is left untouched)
   * @throws RegistryException if the lock cannot be had in time or the file cannot be written, or the
   *     registry is closed
   */
  @Override
  public boolean remove(String name) {
    Objects.requireNonNull(name, "name");
    return update(edit -> edit.remove(name));
  }

  /**
   * Replaces a record if the registry still holds the one the caller read, with the rules of
   * {@link Registry#replace}: {@code expected} is found by its name and must be {@linkplain
   * SessionRecord#sameSession the same session} ({@code null} expects no record under
   * {@code replacement}'s name); {@code replacement} is stored under its name, removing the old entry on
   * a rename (the new name must be free), and {@code null} removes {@code expected}. An entry that
   * cannot be read as a record (one {@link #get} does not return) counts as none, and is overwritten.
   *
   * <p>Thread-safe and atomic across processes: the check and the change are one read-modify-write
   * under the lock, so of several threads or processes that replace the same record, or create the same
   * name, exactly one succeeds. Writes the file at most once, and not at all when the answer is
   * {@code false} or the replacement equals the record stored. Fields of the replaced entry that tmux4j
   * does not know are kept, as by {@link #put}; a rename moves them to the new name.
   *
   * @param expected the record the caller read, or {@code null} for none
   * @param replacement the new record, or {@code null} to remove {@code expected}
   * @return {@code true} if the replacement was made
   * @throws IllegalArgumentException if both are {@code null}
   * @throws RegistryCorruptException if the file cannot be parsed (it is left untouched)
   * @throws RegistryException if the lock cannot be had in time or the file cannot be written (the
   *     registry is then unchanged), or the registry is closed
   */
  @Override
  public boolean replace(SessionRecord expected, SessionRecord replacement) {
    CompareAndSet.check(expected, replacement);
    return update(edit -> CompareAndSet.apply(edit, expected, replacement));
  }

  /**
   * Sets a record's {@code last_active} to {@code when}, changing nothing else; does nothing if there is
   * no such record. Thread-safe and atomic across processes (a concurrent {@link #put} of other fields is
   * not lost).
   *
   * @param name the session name
   * @param when the time of the activity
   * @throws RegistryCorruptException if the file cannot be parsed (it is left untouched)
   * @throws RegistryException if the lock cannot be had in time or the file cannot be written, or the
   *     registry is closed
   */
  @Override
  public void touch(String name, Instant when) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(when, "when");
    update(edit -> edit.touch(name, when));
  }

  /**
   * Makes an unreadable registry usable again. If the file cannot be parsed, it is moved aside to
   * {@code <file>.corrupt-<UTC timestamp>} (kept for inspection), and the registry is restored from
   * {@link #backupFile()} if that is readable, else started empty (live sessions can then be registered
   * again, for example by the client's reconcile). Readers never see the registry missing meanwhile:
   * the repaired file replaces the bad one with one rename. A readable (or missing) file is left
   * alone. Thread-safe and atomic across processes.
   *
   * @return what was done
   * @throws RegistryException if the lock cannot be had in time or the files cannot be written, if the
   *     file was written by a newer tmux4j (that is not corruption, and is left alone), or the registry
   *     is closed
   */
  public RepairReport repair() {
    ensureOpen();
    return locker.locked(() -> {
      refuseSymbolicLink();
      sweepLeftovers(true);
      byte[] bytes = readFile(file);
      if (bytes == null) {
        return new RepairReport(file, Optional.empty(), false, 0);
      }
      try {
        RegistryDocument doc = json.parse(file, bytes, "Repairing it.");
        cache = doc;
        return new RepairReport(file, Optional.empty(), false, doc.records().size());
      } catch (RegistryCorruptException corrupt) {
        LOG.log(System.Logger.Level.WARNING, corrupt.getMessage());
      }
      byte[] good = readableBackup();
      byte[] content = good != null ? good : json.write(RegistryDocument.absent(file).root());
      Path aside = asidePath();
      try {
        Path temp = SafeFiles.writeTemp(file.getParent(), tempPrefix, content);
        try {
          SafeFiles.preserve(file, bytes, aside, tempPrefix);
        } catch (IOException e) {
          SafeFiles.deleteQuietly(temp);
          throw e;
        }
        SafeFiles.commit(temp, file);
      } catch (IOException e) {
        throw new RegistryException("Cannot repair session registry " + file + ": " + e + ". It is unchanged; "
            + "check that " + file.getParent() + " is writable and the disk is not full.", e);
      }
      RegistryDocument doc = json.parse(file, content, repairHint);
      cache = doc;
      int records = doc.records().size();
      String outcome = good != null
          ? "restored it from " + backupFile + " (" + records + " records)"
          : "started empty, since " + backupFile + " is missing or unreadable too";
      LOG.log(System.Logger.Level.WARNING, "Moved the corrupt session registry " + file + " aside to " + aside
          + "; " + outcome);
      return new RepairReport(file, Optional.of(aside), good != null, records);
    });
  }

  /**
   * Copies the registry to {@code target}: the exact bytes of the current version, after checking that
   * they parse (an empty registry if the file does not exist yet). The copy is written atomically, with
   * mode 0600, replacing {@code target}; missing parent directories are created. Takes no lock.
   *
   * @param target where to write the copy (not the registry or its lock file)
   * @return how many records the copy holds
   * @throws IllegalArgumentException if {@code target} is the registry file or its lock file
   * @throws RegistryCorruptException if the registry cannot be parsed (nothing is written)
   * @throws RegistryException if the registry cannot be read or the copy cannot be written, or the
   *     registry is closed
   */
  public int backup(Path target) {
    Objects.requireNonNull(target, "target");
    Path to = target.toAbsolutePath().normalize();
    if (to.equals(file) || to.equals(lockFile)) {
      throw new IllegalArgumentException("Cannot back the registry up onto " + to
          + ", a file the registry itself uses; choose another path.");
    }
    RegistryDocument doc = read();
    byte[] content = doc.content() != null ? doc.content() : json.write(doc.root());
    try {
      SafeFiles.replace(to, to.getFileName() + ".tmp-", content);
    } catch (IOException e) {
      throw new RegistryException("Cannot write the registry backup " + to + ": " + e + ". Check that its "
          + "directory is writable and the disk is not full.", e);
    }
    return doc.records().size();
  }

  /**
   * Replaces the registry's content with that of {@code source}, a file written by {@link #backup} (or
   * any valid registry file), after checking that it parses. The version replaced becomes
   * {@link #backupFile()}; if it could not be parsed it is moved aside to
   * {@code <file>.corrupt-<timestamp>} instead. Thread-safe and atomic across processes.
   *
   * @param source the file to restore from
   * @return how many records the registry holds now
   * @throws RegistryCorruptException if {@code source} is not a valid registry (naming it; the registry
   *     is unchanged)
   * @throws RegistryException if {@code source} cannot be read, the lock cannot be had in time, the
   *     registry cannot be written, or the registry is closed
   */
  public int restore(Path source) {
    Objects.requireNonNull(source, "source");
    ensureOpen();
    byte[] bytes;
    try {
      long size = Files.size(source);
      if (size > MAX_FILE_BYTES) {
        throw new RegistryCorruptException(source, "Registry file " + source + " is " + size + " bytes, "
            + "more than any registry; choose another file. The registry was not changed.", null);
      }
      bytes = Files.readAllBytes(source);
    } catch (NoSuchFileException e) {
      throw new RegistryException("Cannot restore the registry from " + source + ": no such file.", e);
    } catch (IOException e) {
      throw new RegistryException("Cannot restore the registry from " + source + ": " + e + ".", e);
    }
    RegistryDocument restored = json.parse(source.toAbsolutePath(), bytes,
        "Choose another file to restore from; the registry was not changed.");
    return locker.locked(() -> {
      refuseSymbolicLink();
      sweepLeftovers(false);
      byte[] current = readFile(file);
      boolean currentCorrupt = false;
      if (current != null) {
        try {
          json.parse(file, current, repairHint);
        } catch (RegistryCorruptException e) {
          currentCorrupt = true;
        } catch (RegistryException newerFormat) {
          // a readable file of a newer format: kept as the backup like any other
        }
      }
      Path aside = currentCorrupt ? asidePath() : backupFile;
      try {
        Path temp = SafeFiles.writeTemp(file.getParent(), tempPrefix, bytes);
        if (current != null) {
          try {
            SafeFiles.preserve(file, current, aside, tempPrefix);
          } catch (IOException e) {
            SafeFiles.deleteQuietly(temp);
            throw e;
          }
        }
        SafeFiles.commit(temp, file);
      } catch (IOException e) {
        throw new RegistryException("Cannot restore session registry " + file + " from " + source + ": " + e
            + ". It is unchanged; check that " + file.getParent() + " is writable and the disk is not full.", e);
      }
      if (currentCorrupt) {
        LOG.log(System.Logger.Level.WARNING, "Moved the corrupt session registry " + file + " aside to " + aside
            + " before restoring it from " + source);
      }
      RegistryDocument doc = RegistryDocument.of(file, bytes, restored.root());
      cache = doc;
      return doc.records().size();
    });
  }

  /**
   * Releases the lock file. Records stay in the file. Later calls fail with a
   * {@link RegistryException}. Idempotent; waits for a write in progress in this instance (at most the
   * lock timeout).
   */
  @Override
  public void close() {
    closed = true;
    locker.close();
  }

  @Override
  public String toString() {
    return "FileRegistry[" + file + "]";
  }

  // ---- implementation ----

  private RegistryDocument read() {
    ensureOpen();
    byte[] bytes = readFile(file);
    RegistryDocument cached = cache;
    if (cached != null && cached.hasContent(bytes)) {
      return cached;
    }
    RegistryDocument doc = bytes == null
        ? RegistryDocument.absent(file)
        : json.parse(file, bytes, repairHint).after(cached);
    cache = doc;
    return doc;
  }

  private <T> T update(Function<RegistryDocument.Edit, T> change) {
    ensureOpen();
    return locker.locked(() -> {
      refuseSymbolicLink();
      RegistryDocument current = read();
      RegistryDocument.Edit edit = current.edit();
      T result = change.apply(edit);
      if (edit.changed()) {
        write(current, edit);
      }
      return result;
    });
  }

  /** Writes an edit: temporary file (forced), then the backup link, then the rename. Under the lock. */
  private void write(RegistryDocument current, RegistryDocument.Edit edit) {
    byte[] bytes = json.write(edit.root());
    Path dir = file.getParent();
    try {
      SafeFiles.createDirectories(dir);
      sweepLeftovers(false);
      Path temp = SafeFiles.writeTemp(dir, tempPrefix, bytes);
      if (current.content() != null) {
        try {
          SafeFiles.preserve(file, current.content(), backupFile, tempPrefix);
        } catch (IOException e) {
          SafeFiles.deleteQuietly(temp);
          throw e;
        }
      }
      SafeFiles.commit(temp, file);
    } catch (IOException e) {
      throw new RegistryException("Cannot write session registry " + file + ": " + e + ". The registry is "
          + "unchanged; check that " + dir + " is writable and the disk is not full.", e);
    }
    cache = edit.written(bytes);
  }

  /** The backup's bytes if it parses, else {@code null}. */
  private byte[] readableBackup() {
    try {
      byte[] bak = readFile(backupFile);
      if (bak != null) {
        json.parse(backupFile, bak, "");
      }
      return bak;
    } catch (RegistryException e) {
      LOG.log(System.Logger.Level.WARNING, "The backup " + backupFile + " cannot be used either: "
          + e.getMessage());
      return null;
    }
  }

  private byte[] readFile(Path path) {
    try {
      return SafeFiles.read(path, MAX_FILE_BYTES);
    } catch (SafeFiles.TooLargeException e) {
      throw new RegistryCorruptException(path, "Session registry file " + path + " is corrupt: it is "
          + e.size() + " bytes long, more than any registry. " + repairHint, e);
    } catch (IOException e) {
      if (Files.isSymbolicLink(path)) {
        throw symbolicLink(path, e);
      }
      throw new RegistryException("Cannot read session registry " + path + ": " + e + ". Check that it is a "
          + "regular file readable by this user.", e);
    }
  }

  /** Deletes temporary files of writers that died; only under the lock, so that no live writer's goes. */
  private void sweepLeftovers(boolean always) {
    if (always || !swept) {
      int deleted = SafeFiles.sweep(file.getParent(), tempPrefix);
      if (deleted > 0) {
        LOG.log(System.Logger.Level.INFO, "Deleted " + deleted + " temporary files left in " + file.getParent()
            + " by writers of " + file + " that died");
      }
      swept = true;
    }
  }

  private Path asidePath() {
    // Made here, not once per class: only a corrupt file needs it, and every open would pay for the
    // pattern's parsing.
    DateTimeFormatter stamp = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    String base = file.getFileName() + ".corrupt-" + stamp.format(clock.instant());
    Path aside = file.resolveSibling(base);
    for (int i = 1; Files.exists(aside, LinkOption.NOFOLLOW_LINKS); i++) {
      aside = file.resolveSibling(base + "-" + i);
    }
    return aside;
  }

  private void refuseSymbolicLink() {
    if (Files.isSymbolicLink(file)) {
      throw symbolicLink(file, null);
    }
  }

  private static RegistryException symbolicLink(Path path, Throwable cause) {
    return new RegistryException("Session registry " + path + " is a symbolic link; refusing to use it, since "
        + "whoever controls the link could make tmux4j read or replace another file. Replace the link with "
        + "the file itself, or open the registry at the real path.", cause);
  }

  private void ensureOpen() {
    if (closed) {
      throw new RegistryException("The session registry " + file + " was closed (FileRegistry.close()); "
          + "open a new one with FileRegistry.open(...).", null);
    }
  }

  /**
   * Configures a {@link FileRegistry}. Not thread-safe; the registry it builds is.
   */
  public static final class Builder {
    private Path file;
    private Duration lockTimeout = DEFAULT_LOCK_TIMEOUT;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /**
     * The registry file. Required.
     *
     * @param file the file, such as {@code socketDir.resolve(FileRegistry.DEFAULT_FILE_NAME)}
     * @return this builder
     */
    public Builder file(Path file) {
      this.file = Objects.requireNonNull(file, "file");
      return this;
    }

    /**
     * How long a write waits in all for the lock (threads of this instance, then other processes)
     * before failing with a {@link RegistryException}. Default {@link #DEFAULT_LOCK_TIMEOUT 10 s};
     * zero tries once.
     *
     * @param timeout the timeout, not negative
     * @return this builder
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    public Builder lockTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative()) {
        throw new IllegalArgumentException("The lock timeout must not be negative: " + timeout);
      }
      this.lockTimeout = timeout;
      return this;
    }

    /**
     * The clock that names files moved aside by {@link FileRegistry#repair()}. Default: the system
     * clock. Record timestamps are not taken from it: they are in the records.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Creates the registry. Nothing is created on disk until the first write.
     *
     * @return the registry
     * @throws IllegalStateException if no file was set
     * @throws RegistryException if the file is a symbolic link
     */
    public FileRegistry build() {
      if (file == null) {
        throw new IllegalStateException("No registry file set: call file(path) before build().");
      }
      return new FileRegistry(this);
    }
  }
}

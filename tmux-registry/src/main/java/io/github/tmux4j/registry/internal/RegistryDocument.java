package io.github.tmux4j.registry.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.tmux4j.spi.SessionRecord;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * One version of the registry file: its exact bytes and its JSON tree. Immutable: the tree is never
 * changed once the document exists (an {@link Edit} works on a copy that shares the unchanged session
 * objects), so a document can be cached and read by any number of threads. The records are converted
 * from the tree on first use.
 */
public final class RegistryDocument {
  /** Top-level field: the format version. */
  public static final String VERSION = "version";
  /** Top-level field: the sessions, by name. */
  public static final String SESSIONS = "sessions";
  /** The format version this code writes and reads. */
  public static final int FORMAT_VERSION = 1;

  private static final System.Logger LOG = System.getLogger(RegistryDocument.class.getName());

  private final Path location;
  private final byte[] content;
  private final ObjectNode root;
  private volatile Records records;
  /** What the records can be derived from cheaply; dropped once they are computed. */
  private volatile Basis basis;

  private record Records(NavigableMap<String, SessionRecord> byName, List<SessionRecord> list) {}

  /**
   * An earlier version's records. With {@code changed}, only those names differ (an edit of ours);
   * without, any entry may differ and each is compared with {@code sessions}.
   */
  private record Basis(ObjectNode sessions, Records records, Set<String> changed) {}

  private RegistryDocument(Path location, byte[] content, ObjectNode root, Basis basis) {
    this.location = location;
    this.content = content;
    this.root = root;
    this.basis = basis;
  }

  /**
   * A document read from a file.
   *
   * @param location the file, for messages
   * @param content the file's bytes, or {@code null} if the file does not exist
   * @param root the parsed tree (a JSON object)
   * @return the document
   */
  public static RegistryDocument of(Path location, byte[] content, ObjectNode root) {
    return new RegistryDocument(location, content, root, null);
  }

  /**
   * This document, told about an earlier version of the same file: the records of entries that did not
   * change are taken from it instead of being converted again (a file rewritten by another process
   * usually differs in one entry).
   *
   * @param earlier an earlier version, or {@code null}
   * @return this document
   */
  public RegistryDocument after(RegistryDocument earlier) {
    Records known = earlier == null ? null : earlier.records;
    if (known != null && records == null && basis == null) {
      basis = new Basis(earlier.sessions(), known, null);
    }
    return this;
  }

  /**
   * The document of a registry file that does not exist yet: no sessions.
   *
   * @param location the file
   * @return the empty document, with no content
   */
  public static RegistryDocument absent(Path location) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put(VERSION, FORMAT_VERSION);
    root.set(SESSIONS, JsonNodeFactory.instance.objectNode());
    return of(location, null, root);
  }

  /**
   * Whether this document was read from exactly these bytes.
   *
   * @param bytes file content, or {@code null} for a missing file
   * @return {@code true} if the content is the same
   */
  public boolean hasContent(byte[] bytes) {
    return content == null ? bytes == null : Arrays.equals(content, bytes);
  }

  /**
   * The exact bytes of the file.
   *
   * @return the bytes (not copied: do not modify), or {@code null} if the file does not exist
   */
  public byte[] content() {
    return content;
  }

  /**
   * The JSON tree.
   *
   * @return the root object (do not modify)
   */
  public ObjectNode root() {
    return root;
  }

  /**
   * The usable records, in name order. Entries that cannot be read as records are left out (and logged
   * once); they stay in the file.
   *
   * @return an immutable list
   */
  public List<SessionRecord> records() {
    return loaded().list();
  }

  /**
   * One usable record.
   *
   * @param name the session name
   * @return the record, or empty
   */
  public Optional<SessionRecord> record(String name) {
    return Optional.ofNullable(loaded().byName().get(name));
  }

  /**
   * Starts a change of this document.
   *
   * @return an edit on a copy of the tree
   */
  public Edit edit() {
    return new Edit(this);
  }

  private ObjectNode sessions() {
    JsonNode sessions = root.get(SESSIONS);
    return sessions instanceof ObjectNode o ? o : JsonNodeFactory.instance.objectNode();
  }

  private Records loaded() {
    Records r = records;
    if (r == null) {
      r = computeRecords(basis);
      records = r;
      basis = null;
    }
    return r;
  }

  private Records computeRecords(Basis from) {
    ObjectNode sessions = sessions();
    TreeMap<String, SessionRecord> byName;
    if (from != null && from.changed() != null) {
      // Our own edit of a version whose records were known: convert only what changed.
      byName = new TreeMap<>(from.records().byName());
      for (String name : from.changed()) {
        byName.remove(name);
        convert(name, sessions.get(name)).ifPresent(rec -> byName.put(name, rec));
      }
    } else {
      byName = new TreeMap<>();
      for (Map.Entry<String, JsonNode> e : sessions.properties()) {
        String name = e.getKey();
        SessionRecord same = from == null ? null : from.records().byName().get(name);
        if (same != null && e.getValue().equals(from.sessions().get(name))) {
          byName.put(name, same); // unchanged entry: comparing nodes is cheaper than converting
        } else {
          convert(name, e.getValue()).ifPresent(rec -> byName.put(name, rec));
        }
      }
    }
    return new Records(Collections.unmodifiableNavigableMap(byName), List.copyOf(byName.values()));
  }

  private Optional<SessionRecord> convert(String name, JsonNode node) {
    if (node == null) {
      return Optional.empty();
    }
    return SessionNodes.toRecord(name, node, problem -> LOG.log(System.Logger.Level.WARNING,
        "Session registry " + location + ": ignoring the entry for session '" + name + "' (" + problem
            + "). It is kept in the file; fix or remove it by hand, or overwrite it with put()."));
  }

  /**
   * A change to a document, made on a copy of its tree: the top-level object and the map of sessions are
   * copied, the session objects themselves are shared until one is changed (then that one is copied).
   * Not thread-safe; used under the registry's lock.
   */
  public static final class Edit {
    private final RegistryDocument base;
    private final ObjectNode root = JsonNodeFactory.instance.objectNode();
    private final ObjectNode sessions = JsonNodeFactory.instance.objectNode();
    private final Set<String> changed = new LinkedHashSet<>();

    private Edit(RegistryDocument base) {
      this.base = base;
      if (!base.root.has(VERSION)) {
        root.put(VERSION, FORMAT_VERSION);
      }
      for (Map.Entry<String, JsonNode> e : base.root.properties()) {
        switch (e.getKey()) {
          case VERSION -> root.put(VERSION, FORMAT_VERSION);
          case SESSIONS -> root.set(SESSIONS, sessions);
          default -> root.set(e.getKey(), e.getValue());
        }
      }
      if (!root.has(SESSIONS)) {
        root.set(SESSIONS, sessions);
      }
      sessions.setAll(base.sessions());
    }

    /**
     * Stores a record, keeping unknown fields of the entry it replaces.
     *
     * @param record the record
     * @return this edit
     */
    public Edit put(SessionRecord record) {
      JsonNode existing = sessions.get(record.name());
      ObjectNode node = SessionNodes.toNode(record, existing instanceof ObjectNode o ? o : null);
      if (!node.equals(existing)) {
        sessions.set(record.name(), node);
        changed.add(record.name());
      }
      return this;
    }

    /**
     * The record an entry of this edit holds now (changes made so far included). Only that entry is
     * converted.
     *
     * @param name the session name
     * @return the record, or empty if there is no entry or it cannot be read as a record (as for
     *     {@link RegistryDocument#record}; such an entry is not logged here)
     */
    public Optional<SessionRecord> record(String name) {
      JsonNode node = sessions.get(name);
      return node == null ? Optional.empty() : SessionNodes.toRecord(name, node, problem -> { });
    }

    /**
     * Stores a record under its name in place of the entry {@code from}, which is removed: a rename.
     * Unknown fields of {@code from}'s entry move with it; an entry already under the new name is
     * overwritten (its unknown fields are dropped). The same as {@link #put} when the names are equal.
     *
     * @param from the name of the entry the record comes from
     * @param record the record, under its new name
     * @return this edit
     */
    public Edit move(String from, SessionRecord record) {
      if (from.equals(record.name())) {
        return put(record);
      }
      JsonNode source = sessions.get(from);
      ObjectNode node = SessionNodes.toNode(record, source instanceof ObjectNode o ? o : null);
      remove(from);
      sessions.set(record.name(), node);
      changed.add(record.name());
      return this;
    }

    /**
     * Removes an entry.
     *
     * @param name the session name
     * @return {@code true} if there was an entry
     */
    public boolean remove(String name) {
      if (sessions.remove(name) == null) {
        return false;
      }
      changed.add(name);
      return true;
    }

    /**
     * Sets an entry's {@code last_active}, changing nothing else.
     *
     * @param name the session name
     * @param when the time
     * @return {@code true} if there is such an entry
     */
    public boolean touch(String name, Instant when) {
      if (!(sessions.get(name) instanceof ObjectNode existing)) {
        return false;
      }
      String text = SessionNodes.format(when);
      if (!text.equals(existing.path(SessionNodes.LAST_ACTIVE).asText(null))) {
        ObjectNode node = existing.deepCopy();
        node.put(SessionNodes.LAST_ACTIVE, text);
        sessions.set(name, node);
        changed.add(name);
      }
      return true;
    }

    /**
     * Whether anything changed, that is whether the file must be written.
     *
     * @return {@code true} if a session entry changed
     */
    public boolean changed() {
      return !changed.isEmpty();
    }

    /**
     * The new tree.
     *
     * @return the root object
     */
    public ObjectNode root() {
      return root;
    }

    /**
     * The document the new tree becomes once written as {@code content}.
     *
     * @param content the bytes written
     * @return the new document
     */
    public RegistryDocument written(byte[] content) {
      Records known = base.records;
      Basis basis = known == null ? null : new Basis(base.sessions(), known, Set.copyOf(changed));
      return new RegistryDocument(base.location, content, root, basis);
    }
  }
}

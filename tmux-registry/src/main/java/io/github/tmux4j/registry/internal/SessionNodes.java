package io.github.tmux4j.registry.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.tmux4j.spi.SessionRecord;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Converts between {@link SessionRecord}s and the per-session JSON objects of the registry file, in the
 * seed's format: {@code socket}, {@code target}, {@code type}, {@code pid}, {@code created_at},
 * {@code last_active} (ISO-8601 UTC) and {@code tags}. Stateless; all methods are thread-safe.
 */
public final class SessionNodes {
  /** Field: the tmux socket path. */
  public static final String SOCKET = "socket";
  /** Field: the pane id. */
  public static final String TARGET = "target";
  /** Field: the session type name. */
  public static final String TYPE = "type";
  /** Field: the process id. */
  public static final String PID = "pid";
  /** Field: creation time. */
  public static final String CREATED_AT = "created_at";
  /** Field: time of the last input. */
  public static final String LAST_ACTIVE = "last_active";
  /** Field: free-form labels. */
  public static final String TAGS = "tags";

  /** The type assumed for a seed record without one. */
  static final String DEFAULT_TYPE = "custom";

  private SessionNodes() {}

  /**
   * Writes a record as a session object. Fields of {@code existing} that tmux4j does not know are kept,
   * in their place; the known fields are replaced. {@code existing} itself is not modified.
   *
   * @param record the record
   * @param existing the object currently stored under the record's name, or {@code null}
   * @return a new object
   */
  public static ObjectNode toNode(SessionRecord record, ObjectNode existing) {
    ObjectNode node = existing == null ? JsonNodeFactory.instance.objectNode() : existing.deepCopy();
    node.put(SOCKET, record.socket().toString());
    node.put(TARGET, record.target());
    node.put(TYPE, record.type());
    node.put(PID, record.pid());
    node.put(CREATED_AT, format(record.createdAt()));
    node.put(LAST_ACTIVE, format(record.lastActive()));
    ObjectNode tags = JsonNodeFactory.instance.objectNode();
    // Sorted, so that the same tags always give the same bytes.
    new java.util.TreeMap<>(record.tags()).forEach(tags::put);
    node.set(TAGS, tags);
    return node;
  }

  /**
   * Reads a session object. Lenient with the seed's files: a missing {@code tags} is empty, a missing
   * {@code pid} is 0, a missing {@code type} is {@code "custom"}, a missing {@code last_active} is the
   * creation time, and timestamps may carry any offset.
   *
   * @param name the session name (the key of the object)
   * @param node the object
   * @param problem receives why the entry cannot be used, when it cannot
   * @return the record, or empty if a required field ({@code socket}, {@code target}, a timestamp) is
   *     missing or malformed
   */
  public static Optional<SessionRecord> toRecord(String name, JsonNode node, Consumer<String> problem) {
    if (node == null || !node.isObject()) {
      problem.accept("not a JSON object");
      return Optional.empty();
    }
    String socket = text(node.get(SOCKET));
    String target = text(node.get(TARGET));
    if (socket == null || socket.isEmpty() || target == null || target.isEmpty()) {
      problem.accept("missing \"" + SOCKET + "\" or \"" + TARGET + "\"");
      return Optional.empty();
    }
    try {
      Instant created = parseInstant(node.get(CREATED_AT));
      Instant lastActive = parseInstant(node.get(LAST_ACTIVE));
      if (created == null && lastActive == null) {
        problem.accept("missing \"" + CREATED_AT + "\"");
        return Optional.empty();
      }
      created = created != null ? created : lastActive;
      lastActive = lastActive != null ? lastActive : created;
      String type = text(node.get(TYPE));
      JsonNode pid = node.get(PID);
      return Optional.of(new SessionRecord(name, Path.of(socket), target,
          type == null || type.isEmpty() ? DEFAULT_TYPE : type,
          pid == null ? 0 : pid.asLong(0), created, lastActive, tags(node.get(TAGS))));
    } catch (DateTimeException | InvalidPathException e) {
      problem.accept(e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * Formats a timestamp as ISO-8601 UTC: {@code 2026-11-25T10:00:00Z}, with a fraction only when the
   * instant has one (so that a record reads back equal to what was written).
   *
   * @param instant the time
   * @return the text
   */
  public static String format(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant);
  }

  private static Instant parseInstant(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isNumber()) {
      return Instant.ofEpochSecond(node.asLong());
    }
    String text = node.asText().trim();
    if (text.isEmpty()) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeException notUtc) {
      return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    }
  }

  private static Map<String, String> tags(JsonNode node) {
    if (node == null || !node.isObject()) {
      return Map.of();
    }
    Map<String, String> tags = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      JsonNode value = e.getValue();
      if (value != null && !value.isNull()) {
        tags.put(e.getKey(), value.isValueNode() ? value.asText() : value.toString());
      }
    }
    return tags;
  }

  private static String text(JsonNode node) {
    return node == null || node.isNull() || node.isContainerNode() ? null : node.asText();
  }
}

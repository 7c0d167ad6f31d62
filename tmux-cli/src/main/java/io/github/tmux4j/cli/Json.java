package io.github.tmux4j.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** JSON output in the seed's layout: two-space indentation, {@code "key": value}, one value per line. */
final class Json {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final ObjectWriter WRITER = MAPPER.writer(new DefaultPrettyPrinter()
      .withSeparators(Separators.createDefaultInstance()
          .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
          .withArrayEmptySeparator("")
          .withObjectEmptySeparator(""))
      .withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE));

  private Json() {}

  /**
   * A new, empty object whose fields keep the order they are put in.
   *
   * @return the object
   */
  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /**
   * The pretty-printed text of a value, without a final line break.
   *
   * @param node the value
   * @return the JSON text
   */
  static String write(JsonNode node) {
    try {
      return WRITER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The text of a value on one line, for JSON Lines output.
   *
   * @param node the value
   * @return the JSON text, without line breaks
   */
  static String writeCompact(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A timestamp as the seed wrote it, ISO-8601 UTC to the second ({@code 2026-11-25T10:00:00Z}), which is
   * what jq's {@code fromdate} reads.
   *
   * @param instant the time
   * @return the text
   */
  static String time(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /** Puts a pid, or {@code null} when there is none (the seed's {@code "pid": null}). */
  static void putPid(ObjectNode node, String field, OptionalLong pid) {
    if (pid.isPresent() && pid.getAsLong() > 0) {
      node.put(field, pid.getAsLong());
    } else {
      node.putNull(field);
    }
  }

  /** Puts an optional int, or {@code null}. */
  static void putOptional(ObjectNode node, String field, OptionalInt value) {
    if (value.isPresent()) {
      node.put(field, value.getAsInt());
    } else {
      node.putNull(field);
    }
  }

  /** Puts a string map as an object. */
  static void putMap(ObjectNode node, String field, Map<String, String> map) {
    ObjectNode child = node.putObject(field);
    map.forEach(child::put);
  }

  /**
   * The error object printed on standard output in JSON mode, so that a pipe into {@code jq} still
   * reads valid JSON: {@code {"error": "...", "exit_code": 1}}.
   *
   * @param message the one-line reason
   * @param exitCode the exit code
   * @return the JSON text
   */
  static String error(String message, int exitCode) {
    ObjectNode node = object();
    node.put("error", message);
    node.put("exit_code", exitCode);
    return write(node);
  }
}

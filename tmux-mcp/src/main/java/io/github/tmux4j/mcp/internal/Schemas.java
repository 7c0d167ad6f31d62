package io.github.tmux4j.mcp.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON Schema fragments for tool inputs and outputs, as the maps the MCP SDK takes. */
final class Schemas {
  private Schemas() {
  }

  /** An object schema with its properties (name, schema, name, schema, ...) and the required names. */
  static Map<String, Object> object(List<String> required, Object... properties) {
    Map<String, Object> props = new LinkedHashMap<>();
    for (int i = 0; i < properties.length; i += 2) {
      props.put((String) properties[i], properties[i + 1]);
    }
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "object");
    schema.put("properties", props);
    if (!required.isEmpty()) {
      schema.put("required", required);
    }
    return schema;
  }

  static Map<String, Object> string(String description) {
    return Map.of("type", "string", "description", description);
  }

  static Map<String, Object> nullableString(String description) {
    return Map.of("type", List.of("string", "null"), "description", description);
  }

  static Map<String, Object> integer(String description) {
    return Map.of("type", "integer", "description", description);
  }

  static Map<String, Object> nullableInteger(String description) {
    return Map.of("type", List.of("integer", "null"), "description", description);
  }

  static Map<String, Object> number(String description) {
    return Map.of("type", "number", "description", description);
  }

  static Map<String, Object> bool(String description) {
    return Map.of("type", "boolean", "description", description);
  }

  static Map<String, Object> oneOf(String description, List<String> values) {
    return Map.of("type", "string", "enum", values, "description", description);
  }

  static Map<String, Object> stringMap(String description) {
    return Map.of("type", "object", "additionalProperties", Map.of("type", "string"), "description", description);
  }

  static Map<String, Object> strings(String description) {
    return Map.of("type", "array", "items", Map.of("type", "string"), "description", description);
  }

  static Map<String, Object> array(String description, Map<String, Object> items) {
    return Map.of("type", "array", "items", items, "description", description);
  }
}

package io.github.tmux4j.mcp.internal;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A tool call's arguments, read with their types checked; a wrong one is a {@link ToolException}. */
final class Args {
  private final Map<String, Object> values;

  Args(Map<String, Object> values) {
    this.values = values == null ? Map.of() : values;
  }

  String string(String name) {
    return optionalString(name).orElseThrow(() -> new ToolException("Argument '" + name + "' is required"));
  }

  Optional<String> optionalString(String name) {
    Object v = values.get(name);
    if (v == null) {
      return Optional.empty();
    }
    if (!(v instanceof String s)) {
      throw new ToolException("Argument '" + name + "' must be a string, got " + v);
    }
    return Optional.of(s);
  }

  boolean bool(String name, boolean fallback) {
    Object v = values.get(name);
    if (v == null) {
      return fallback;
    }
    if (!(v instanceof Boolean b)) {
      throw new ToolException("Argument '" + name + "' must be true or false, got " + v);
    }
    return b;
  }

  Optional<Long> optionalLong(String name, long min, long max) {
    Object v = values.get(name);
    if (v == null) {
      return Optional.empty();
    }
    if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
      throw new ToolException("Argument '" + name + "' must be a whole number, got " + v);
    }
    long l = n.longValue();
    if (l < min || l > max) {
      throw new ToolException("Argument '" + name + "' must be between " + min + " and " + max + ", got " + l);
    }
    return Optional.of(l);
  }

  /** Seconds as a duration: fractions allowed, between {@code min} and {@code max} seconds. */
  Optional<Duration> optionalSeconds(String name, double min, double max) {
    Object v = values.get(name);
    if (v == null) {
      return Optional.empty();
    }
    if (!(v instanceof Number n) || Double.isNaN(n.doubleValue())) {
      throw new ToolException("Argument '" + name + "' must be a number of seconds, got " + v);
    }
    double s = n.doubleValue();
    if (s < min || s > max) {
      throw new ToolException("Argument '" + name + "' must be between " + min + " and " + max + " seconds, got " + s);
    }
    return Optional.of(Duration.ofNanos((long) (s * 1e9)));
  }

  Map<String, String> stringMap(String name) {
    Object v = values.get(name);
    if (v == null) {
      return Map.of();
    }
    if (!(v instanceof Map<?, ?> m)) {
      throw new ToolException("Argument '" + name + "' must be an object of strings, got " + v);
    }
    Map<String, String> out = new LinkedHashMap<>();
    m.forEach((k, val) -> {
      if (!(val instanceof String s)) {
        throw new ToolException("Argument '" + name + "." + k + "' must be a string, got " + val);
      }
      out.put(String.valueOf(k), s);
    });
    return out;
  }

  List<String> strings(String name) {
    Object v = values.get(name);
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof List<?> l) || l.stream().anyMatch(e -> !(e instanceof String))) {
      throw new ToolException("Argument '" + name + "' must be an array of strings, got " + v);
    }
    return l.stream().map(String.class::cast).toList();
  }
}

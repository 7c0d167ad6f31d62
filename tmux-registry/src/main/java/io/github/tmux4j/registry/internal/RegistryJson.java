package io.github.tmux4j.registry.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.util.Iterator;
import java.util.Map;
import io.github.tmux4j.RegistryCorruptException;
import io.github.tmux4j.RegistryException;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Parses and writes the registry file. Writes one session per line ({@link RegistryPrettyPrinter}) and a
 * final newline; reads any JSON layout (the seed's {@code jq} output included). Thread-safe.
 *
 * <p>Trees are read and written with jackson-core's streaming parser and generator, not an
 * {@code ObjectMapper}: building a mapper (type factory, serializer factories, a date format with its
 * locale data) was about a sixth of a short CLI command's run time, and the registry needs none of it.
 */
public final class RegistryJson {
  private final JsonFactory factory = JsonFactory.builder().build();
  private final JsonNodeFactory nodes = JsonNodeFactory.instance;

  /** Creates the codec. */
  public RegistryJson() {}

  /**
   * Parses registry content.
   *
   * @param location where the content came from, for messages
   * @param content the bytes
   * @param remedy what the user should do if the content is unusable (one sentence)
   * @return the document
   * @throws RegistryCorruptException if the content is not a registry: not JSON, not an object,
   *     {@code sessions} not an object, or a malformed {@code version}
   * @throws RegistryException if the content was written in a newer format than this code reads
   */
  public RegistryDocument parse(Path location, byte[] content, String remedy) {
    JsonNode root;
    try (JsonParser parser = factory.createParser(content)) {
      JsonToken first = parser.nextToken();
      root = first == null ? null : read(parser, first);
      JsonToken trailing = first == null ? null : parser.nextToken();
      if (trailing != null) {
        throw corrupt(location, "it is not valid JSON at line " + parser.currentLocation().getLineNr() + ", column "
            + parser.currentLocation().getColumnNr() + " (Trailing token (of type " + trailing
            + ") found after value)", remedy, null);
      }
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      String detail = e.getOriginalMessage();
      int marker = detail.indexOf(" (start marker at");
      detail = marker > 0 ? detail.substring(0, marker) : detail;
      throw corrupt(location, "it is not valid JSON" + where + " (" + detail + ")", remedy, e);
    } catch (IOException e) {
      throw corrupt(location, "it cannot be parsed (" + e.getMessage() + ")", remedy, e);
    }
    if (root == null) {
      throw corrupt(location, content.length == 0 ? "it is empty" : "it holds no JSON value", remedy, null);
    }
    if (!(root instanceof ObjectNode object)) {
      throw corrupt(location, "its top level is a JSON " + root.getNodeType().toString().toLowerCase(
          java.util.Locale.ROOT) + ", not an object", remedy, null);
    }
    JsonNode version = object.get(RegistryDocument.VERSION);
    if (version != null && !version.isNull()) {
      if (!version.isIntegralNumber() || version.asLong() < 1) {
        throw corrupt(location, "its \"version\" is " + version + ", not a format version", remedy, null);
      }
      if (version.asLong() > RegistryDocument.FORMAT_VERSION) {
        throw new RegistryException("Session registry " + location + " has format version " + version
            + ", written by a newer tmux4j; this version reads format " + RegistryDocument.FORMAT_VERSION
            + ". Upgrade tmux4j in this program, or point it at another registry file. The file was left "
            + "untouched.", null);
      }
    }
    JsonNode sessions = object.get(RegistryDocument.SESSIONS);
    if (sessions != null && !sessions.isNull() && !sessions.isObject()) {
      throw corrupt(location, "its \"sessions\" is a JSON " + sessions.getNodeType().toString().toLowerCase(
          java.util.Locale.ROOT) + ", not an object", remedy, null);
    }
    return RegistryDocument.of(location, content, object);
  }

  /**
   * Writes a tree as registry content.
   *
   * @param root the tree
   * @return the bytes, ending with a newline
   * @throws RegistryException if the tree cannot be written (not expected for trees of this package)
   */
  public byte[] write(ObjectNode root) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = factory.createGenerator(out)) {
      g.setPrettyPrinter(new RegistryPrettyPrinter());
      write(g, root);
    } catch (IOException e) {
      throw new RegistryException("Cannot write the session registry as JSON: " + e.getMessage()
          + ". This is a bug in tmux4j; please report it.", e);
    }
    out.write('\n');
    return out.toByteArray();
  }

  /** The value starting at the parser's current token, as a tree (later duplicate keys win, as in Jackson). */
  private JsonNode read(JsonParser p, JsonToken token) throws IOException {
    switch (token) {
      case START_OBJECT: {
        ObjectNode o = nodes.objectNode();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
          String name = p.currentName();
          o.set(name, read(p, p.nextToken()));
        }
        return o;
      }
      case START_ARRAY: {
        ArrayNode a = nodes.arrayNode();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
          a.add(read(p, t));
        }
        return a;
      }
      case VALUE_STRING:
        return nodes.textNode(p.getText());
      case VALUE_NUMBER_INT:
        switch (p.getNumberType()) {
          case INT:
            return nodes.numberNode(p.getIntValue());
          case LONG:
            return nodes.numberNode(p.getLongValue());
          default:
            return nodes.numberNode(p.getBigIntegerValue());
        }
      case VALUE_NUMBER_FLOAT:
        return nodes.numberNode(p.getDoubleValue());
      case VALUE_TRUE:
        return nodes.booleanNode(true);
      case VALUE_FALSE:
        return nodes.booleanNode(false);
      case VALUE_NULL:
        return nodes.nullNode();
      default:
        throw new com.fasterxml.jackson.core.JsonParseException(p, "Unexpected token " + token);
    }
  }

  private static void write(JsonGenerator g, JsonNode node) throws IOException {
    if (node.isObject()) {
      g.writeStartObject();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        g.writeFieldName(e.getKey());
        write(g, e.getValue());
      }
      g.writeEndObject();
    } else if (node.isArray()) {
      g.writeStartArray();
      for (JsonNode element : node) {
        write(g, element);
      }
      g.writeEndArray();
    } else if (node.isTextual()) {
      g.writeString(node.textValue());
    } else if (node.isInt()) {
      g.writeNumber(node.intValue());
    } else if (node.isLong()) {
      g.writeNumber(node.longValue());
    } else if (node.isBigInteger()) {
      g.writeNumber(node.bigIntegerValue());
    } else if (node.isBigDecimal()) {
      g.writeNumber(node.decimalValue());
    } else if (node.isNumber()) {
      g.writeNumber(node.doubleValue());
    } else if (node.isBoolean()) {
      g.writeBoolean(node.booleanValue());
    } else {
      g.writeNull();
    }
  }

  private static RegistryCorruptException corrupt(Path location, String what, String remedy, Throwable cause) {
    return new RegistryCorruptException(location, "Session registry file " + location + " is corrupt: " + what
        + ". " + remedy, cause);
  }
}

package io.github.tmux4j.registry.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.tmux4j.RegistryCorruptException;
import io.github.tmux4j.RegistryException;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Parses and writes the registry file. Writes one session per line ({@link RegistryPrettyPrinter}) and a
 * final newline; reads any JSON layout (the seed's {@code jq} output included). Thread-safe.
 */
public final class RegistryJson {
  private final JsonMapper mapper;
  private final ObjectWriter writer;

  /** Creates the codec. */
  public RegistryJson() {
    this.mapper = JsonMapper.builder()
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .build();
    this.writer = mapper.writer(new RegistryPrettyPrinter());
  }

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
    try {
      root = mapper.readTree(content);
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
    if (root == null || root.isMissingNode()) {
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
    try {
      byte[] json = writer.writeValueAsBytes(root);
      byte[] withNewline = java.util.Arrays.copyOf(json, json.length + 1);
      withNewline[json.length] = '\n';
      return withNewline;
    } catch (JsonProcessingException e) {
      throw new RegistryException("Cannot write the session registry as JSON: " + e.getOriginalMessage()
          + ". This is a bug in tmux4j; please report it.", e);
    }
  }

  private static RegistryCorruptException corrupt(Path location, String what, String remedy, Throwable cause) {
    return new RegistryCorruptException(location, "Session registry file " + location + " is corrupt: " + what
        + ". " + remedy, cause);
  }
}

package io.github.tmux4j.internal;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What tmux4j writes into a session's own tmux options when it creates the session, on the same command
 * line as {@code new-session} (so a session never exists without them): enough to recognise it as a
 * tmux4j session and to rebuild its registry record exactly, whatever happened to the registry.
 *
 * <ul>
 *   <li>{@code @tmux4j-created}: the creation instant, equal to the record's {@code createdAt}. It is the
 *       session's identity: every command tmux4j sends for a session checks it in the same command line,
 *       so nothing reaches another session that took over the pane id (a restarted server) or the name;
 *   <li>{@code @tmux4j-type}, {@code @tmux4j-prompt} (URL-encoded): how to drive it;
 *   <li>{@code @tmux4j-registered}: {@code 0} for {@code register(false)} sessions, which stay unregistered;
 *   <li>{@code @tmux4j-tags}: the record's tags (the owner of an ephemeral session among them), URL-encoded.
 * </ul>
 *
 * @param created the creation instant
 * @param type the session type name
 * @param prompt the prompt pattern's source, or {@code null} if the type's own
 * @param registered whether the session has (or is meant to have) a registry record
 * @param tags the record's tags
 */
public record SessionLabels(Instant created, String type, String prompt, boolean registered,
    Map<String, String> tags) {
  /** The option holding the creation instant. */
  public static final String CREATED = "@tmux4j-created";
  static final String TYPE = "@tmux4j-type";
  static final String PROMPT = "@tmux4j-prompt";
  static final String REGISTERED = "@tmux4j-registered";
  static final String TAGS = "@tmux4j-tags";

  /** A format that prints a session's labels on one line, for {@link #parse}; fields are tab-separated. */
  static final String FORMAT = "#{" + CREATED + "}\t#{" + TYPE + "}\t#{" + REGISTERED + "}\t#{" + TAGS + "}\t#{"
      + PROMPT + "}";

  /** Copies the tags. */
  public SessionLabels {
    tags = Map.copyOf(tags);
  }

  /**
   * The commands that set the labels on the session a command line just created (commands after
   * {@code new-session} on its line apply to the new session).
   *
   * @return the arguments, each command preceded by a {@code ;} separator
   */
  List<String> setOptionArgs() {
    List<String> args = new ArrayList<>();
    add(args, CREATED, created.toString());
    add(args, TYPE, type);
    add(args, REGISTERED, registered ? "1" : "0");
    if (!tags.isEmpty()) {
      add(args, TAGS, encode(tags));
    }
    if (prompt != null) {
      add(args, PROMPT, URLEncoder.encode(prompt, StandardCharsets.UTF_8));
    }
    return args;
  }

  private static void add(List<String> args, String option, String value) {
    args.addAll(List.of(";", "set-option", option, Commands.literalArgument(value)));
  }

  /**
   * The instant as the {@link #CREATED} option holds it.
   *
   * @param created an instant
   * @return its ISO-8601 text
   */
  static String text(Instant created) {
    return created.toString();
  }

  /**
   * Reads labels printed with {@link #FORMAT}.
   *
   * @param line the printed line
   * @return the labels, or empty if the session has none (not created by tmux4j) or they are unreadable
   */
  static Optional<SessionLabels> parse(String line) {
    String[] f = line.split("\t", 5);
    if (f.length < 5 || f[0].isEmpty() || f[1].isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new SessionLabels(Instant.parse(f[0]), f[1],
          f[4].isEmpty() ? null : URLDecoder.decode(f[4], StandardCharsets.UTF_8),
          !"0".equals(f[2]), decode(f[3])));
    } catch (DateTimeParseException | IllegalArgumentException unreadable) {
      return Optional.empty();
    }
  }

  /** Tags as {@code k=v&k=v}, each part URL-encoded, so any text survives a tmux option. */
  static String encode(Map<String, String> tags) {
    StringBuilder sb = new StringBuilder();
    tags.forEach((k, v) -> {
      if (sb.length() > 0) {
        sb.append('&');
      }
      sb.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
          .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
    });
    return sb.toString();
  }

  static Map<String, String> decode(String text) {
    Map<String, String> tags = new LinkedHashMap<>();
    if (text.isEmpty()) {
      return tags;
    }
    for (String part : text.split("&")) {
      int eq = part.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("not a tag: " + part);
      }
      tags.put(URLDecoder.decode(part.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return tags;
  }
}

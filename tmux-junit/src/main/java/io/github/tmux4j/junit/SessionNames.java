package io.github.tmux4j.junit;

import java.util.Set;

/** Derives valid, unique tmux session names from Java names. Pure functions. */
final class SessionNames {
  /** Longest derived base name; leaves room for a uniqueness suffix below tmux4j's limit of 200. */
  static final int MAX_BASE_LENGTH = 150;

  private SessionNames() {}

  /**
   * Makes a name tmux4j accepts: letters, digits, {@code _} and {@code -} are kept, everything else
   * (dots, colons, whitespace, brackets, control characters ...) becomes {@code _}; a leading {@code -}
   * becomes {@code _}; an empty result becomes {@code session}; long names are cut.
   *
   * @param raw the name to clean, e.g. {@code "py-adds[1]"}
   * @return a valid session name
   */
  static String sanitize(String raw) {
    StringBuilder sb = new StringBuilder();
    raw.codePoints().forEach(cp -> {
      boolean keep = cp == '_' || cp == '-'
          || (cp < 0x80 && Character.isLetterOrDigit(cp));
      sb.append(keep ? Character.toString(cp) : "_");
    });
    String name = sb.length() > MAX_BASE_LENGTH ? sb.substring(0, MAX_BASE_LENGTH) : sb.toString();
    if (name.isEmpty()) {
      return "session";
    }
    return name.charAt(0) == '-' ? "_" + name.substring(1) : name;
  }

  /**
   * The first of {@code base}, {@code base-2}, {@code base-3} ... that is not in {@code taken}.
   *
   * @param base a valid base name
   * @param taken names in use
   * @return a name not in {@code taken}
   */
  static String unique(String base, Set<String> taken) {
    if (!taken.contains(base)) {
      return base;
    }
    for (int i = 2; ; i++) {
      String candidate = base + "-" + i;
      if (!taken.contains(candidate)) {
        return candidate;
      }
    }
  }
}

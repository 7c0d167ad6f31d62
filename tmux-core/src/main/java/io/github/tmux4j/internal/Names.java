package io.github.tmux4j.internal;

import io.github.tmux4j.InvalidSessionNameException;

/** Validates session names before tmux sees them. */
public final class Names {
  /** Longest accepted name, in characters. */
  public static final int MAX_LENGTH = 200;

  private Names() {}

  /**
   * Checks a session name.
   *
   * @param name the proposed name
   * @return the name, unchanged
   * @throws InvalidSessionNameException naming the problem and the offending character
   */
  public static String validate(String name) {
    if (name == null) {
      throw new InvalidSessionNameException(null, "the name is null");
    }
    if (name.isEmpty()) {
      throw new InvalidSessionNameException(name, "the name is empty");
    }
    if (name.length() > MAX_LENGTH) {
      throw new InvalidSessionNameException(name,
          "the name has " + name.length() + " characters, more than the limit of " + MAX_LENGTH);
    }
    for (int i = 0; i < name.length(); ) {
      int cp = name.codePointAt(i);
      String problem = problem(cp);
      if (problem != null) {
        throw new InvalidSessionNameException(name,
            problem + " " + describe(cp) + " at position " + i + " is not allowed");
      }
      if (Character.isSurrogate(name.charAt(i)) && Character.charCount(cp) == 1) {
        throw new InvalidSessionNameException(name,
            "an unpaired surrogate " + describe(cp) + " at position " + i + " is not allowed");
      }
      i += Character.charCount(cp);
    }
    int style = name.indexOf("#[");
    if (style >= 0) {
      throw new InvalidSessionNameException(name, "'#[' at position " + style + " is not allowed (tmux keeps it as "
          + "'##[' in a session name, so the session would get another name)");
    }
    if (name.charAt(0) == '-') {
      throw new InvalidSessionNameException(name, "a leading '-' at position 0 is not allowed (tmux would "
          + "read it as an option)");
    }
    return name;
  }

  private static String problem(int cp) {
    if (cp == '.') {
      return "tmux forbids '.':";
    }
    if (cp == ':') {
      return "tmux forbids ':':";
    }
    if (cp == '$' || cp == '\\') {
      return "tmux 3.2a to 3.6b store names with '$' and '\\' escaped (3.7 does not), so the name would differ"
          + " between versions:";
    }
    if (Character.isISOControl(cp)) {
      return "the control character";
    }
    if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
      return "the whitespace character";
    }
    int type = Character.getType(cp);
    if (type == Character.FORMAT || type == Character.UNASSIGNED || type == Character.PRIVATE_USE) {
      return "the invisible or unassigned character";
    }
    return null;
  }

  private static String describe(int cp) {
    String hex = String.format("U+%04X", cp);
    return cp >= 0x21 && cp < 0x7f ? "'" + (char) cp + "' (" + hex + ")" : hex;
  }
}

package io.github.tmux4j.internal;

import io.github.tmux4j.RegistryCorruptException;
import io.github.tmux4j.spi.SessionRecord;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Checks registry records before tmux4j acts on them. A registry is shared with other processes and is a
 * file anyone with access can edit, and a record's fields become paths (lock files next to its socket)
 * and tmux targets: a socket outside the client's socket directory or a target that is not a pane id is
 * never used. Pure.
 */
public final class RecordCheck {
  private static final Pattern PANE_ID = Pattern.compile("%[0-9]{1,9}");

  private RecordCheck() {}

  /**
   * What is wrong with a record, if anything.
   *
   * @param record the record
   * @param socketDir the client's socket directory
   * @return the problem, or empty if the record may be used
   */
  public static Optional<String> problem(SessionRecord record, Path socketDir) {
    Path socket = record.socket();
    if (!socket.isAbsolute() || !socket.normalize().equals(socket) || !socketDir.equals(socket.getParent())) {
      return Optional.of("its socket " + socket + " is not a socket in the client's socket directory " + socketDir);
    }
    if (!PANE_ID.matcher(record.target()).matches()) {
      return Optional.of("its target '" + record.target() + "' is not a tmux pane id such as %3");
    }
    try {
      Names.validate(record.name());
    } catch (RuntimeException e) {
      return Optional.of("its name is not a valid session name: " + e.getMessage());
    }
    String prompt = record.tags().get(Lifecycle.PROMPT_TAG);
    if (prompt != null) {
      try {
        Pattern.compile(prompt);
      } catch (PatternSyntaxException e) {
        return Optional.of("its prompt tag " + Lifecycle.PROMPT_TAG + " is not a valid regular expression: "
            + e.getDescription());
      }
    }
    return Optional.empty();
  }

  /**
   * Fails for a record that must not be used.
   *
   * @param record the record
   * @param socketDir the client's socket directory
   * @return the record
   * @throws RegistryCorruptException naming the record, the problem and the fix
   */
  public static SessionRecord require(SessionRecord record, Path socketDir) {
    problem(record, socketDir).ifPresent(p -> {
      throw new RegistryCorruptException(null, "the record of session '" + record.name() + "' cannot be used: " + p
          + ". Remove it from the registry (TmuxClient.registry().remove(name)) or fix it.", null);
    });
    return record;
  }
}

package io.github.tmux4j.cli;

import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The part of the completion script that completes {@code -s NAME} with the registered sessions, in
 * the shell itself: a TAB starts no JVM.
 *
 * <p>The shell function {@value #FUNCTION} reads the registry file
 * {@code $TMUX4J_SOCKET_DIR/.sessions.json} (or, without that variable, the default socket directory the
 * script was generated for) and takes the names of its sessions from the lines that open a session
 * entry: four spaces and the name as a JSON string, then {@code ": {"}, the layout the
 * {@code FileRegistry} writes (one session per line) and {@code jq} writes (the seed's tools). The
 * escapes {@code \"}, {@code \\} and {@code \/} are decoded; a name with any other escape (a control
 * character, which no valid name has) is left out. Names are never evaluated by the shell: they are
 * compared with the word being completed as text and offered quoted for the command line
 * ({@code printf %q}), so that quotes, {@code $}, backquotes, spaces and Unicode arrive as they are.
 * The function is plain bash that zsh runs too (through {@code bashcompinit}).
 */
final class SessionNameCompletion {
  /** The shell function that sets {@code COMPREPLY} to the matching session names. */
  static final String FUNCTION = "_tmux4j_complete_session_names";

  /** picocli's completion of an option whose candidates are {@link SessionNameCandidates}. */
  private static final String PICOCLI_REPLY = "COMPREPLY=( $( compReplyArray \"${NAME_option_args[@]}\" ) )";

  private SessionNameCompletion() {}

  /**
   * Makes a picocli completion script complete session names with {@value #FUNCTION}: the placeholder
   * candidates become an empty list, picocli's reply for them a call of the function, which is appended.
   *
   * @param script the script picocli generated
   * @param defaultSocketDir the socket directory when {@code $TMUX4J_SOCKET_DIR} is not set
   * @return the script
   * @throws IllegalStateException if the script does not have the shape this class rewrites (a new
   *     picocli version), rather than print a script that would not complete names
   */
  static String install(String script, Path defaultSocketDir) {
    String placeholder = "(\"" + SessionNameCandidates.PLACEHOLDER + "\")";
    if (!script.contains(placeholder) || !script.contains(PICOCLI_REPLY)) {
      throw new IllegalStateException("picocli's completion script changed its shape; " + FUNCTION
          + " cannot be installed");
    }
    return script.replace(placeholder, "()").replace(PICOCLI_REPLY, FUNCTION) + "\n" + function(defaultSocketDir);
  }

  /**
   * tmux4j's socket directory when {@code $TMUX4J_SOCKET_DIR} is not set: {@code <java.io.tmpdir>/tmux4j-<user>},
   * the user name with characters other than letters, digits, {@code .}, {@code _} and {@code -} as
   * {@code _}. The rule of tmux-core's {@code SocketDirs.defaultDir}, which tmux-core does not export
   * to this module ({@code SessionNameCompletionTest} checks that the two agree).
   *
   * @return the directory
   */
  static Path defaultSocketDir() {
    String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9._-]", "_");
    return Paths.get(System.getProperty("java.io.tmpdir"), "tmux4j-" + user).toAbsolutePath();
  }

  /**
   * The shell function.
   *
   * @param defaultSocketDir the socket directory when {@code $TMUX4J_SOCKET_DIR} is not set
   * @return its definition
   */
  static String function(Path defaultSocketDir) {
    return """
        # Completes -s/--session with the sessions registered in $TMUX4J_SOCKET_DIR/.sessions.json, read
        # by the shell (no JVM per TAB). Names are compared as text, never evaluated, and quoted for the
        # command line.
        %1$s() {
          local cur=${COMP_WORDS[COMP_CWORD]}
          local registry=${TMUX4J_SOCKET_DIR:-%2$s}/.sessions.json
          local line rest name chunk quoted
          COMPREPLY=()
          [[ -f $registry && -r $registry ]] || return 0
          while IFS= read -r line || [[ -n $line ]]; do
            case $line in
              '    "'*) rest=${line#'    "'} ;;
              *) continue ;;
            esac
            name=
            while :; do
              case $rest in
                '\\"'*) name+='"'; rest=${rest:2} ;;
                '\\\\'*) name+='\\'; rest=${rest:2} ;;
                '\\/'*) name+='/'; rest=${rest:2} ;;
                '"'*) rest=${rest:1}; break ;;
                '\\'*|'') name=; rest=; break ;;
                *) chunk=${rest%%%%[\\"\\\\]*}; name+=$chunk; rest=${rest:${#chunk}} ;;
              esac
            done
            case $rest in
              ': {'*) ;;
              *) continue ;;
            esac
            [[ -n $name ]] || continue
            printf -v quoted '%%q' "$name"
            [[ $quoted == "$cur"* ]] && COMPREPLY+=("$quoted")
          done < "$registry"
          return 0
        }
        """.formatted(FUNCTION, singleQuoted(defaultSocketDir.toString()));
  }

  /** A shell word that is exactly {@code text}: single quotes, each {@code '} written as {@code '\''}. */
  static String singleQuoted(String text) {
    return "'" + text.replace("'", "'\\''") + "'";
  }
}

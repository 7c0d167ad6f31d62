package io.github.tmux4j;

import io.github.tmux4j.internal.PromptMarkers;
import io.github.tmux4j.internal.SessionSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Describes a session to create; obtained from {@link TmuxClient#newSession(String)}. Not thread-safe;
 * the session it creates is.
 *
 * <pre>{@code
 * Session py = tmux.newSession("analysis-python")
 *     .python()
 *     .size(200, 50)
 *     .env("K", "V")
 *     .create();
 * }</pre>
 */
public final class SessionBuilder {
  private final TmuxClient client;
  private final String name;
  private SessionType type = SessionType.SHELL;
  private List<String> command;
  private int width = 200;
  private int height = 50;
  private final Map<String, String> env = new LinkedHashMap<>();
  private final Map<String, String> tags = new LinkedHashMap<>();
  private Path workingDir;
  private Pattern readyWhen;
  private Duration startupTimeout = Duration.ofSeconds(15);
  private boolean register = true;
  private boolean ephemeral;
  private final List<SessionTemplate> templates = new ArrayList<>();
  private Path transcript;

  SessionBuilder(TmuxClient client, String name) {
    this.client = client;
    this.name = name;
  }

  /**
   * A Python REPL: {@code python3 -q -i} with {@code PYTHON_BASIC_REPL=1}, ready at {@link Prompts#PYTHON}.
   * Its prompts carry an invisible marker (an ignored terminal escape) that tells {@link Session#run} when
   * a command has finished and whether Python waits for the rest of a block.
   *
   * @return this builder
   */
  public SessionBuilder python() {
    return type(SessionType.PYTHON, List.of("python3", "-q"));
  }

  /**
   * gdb: {@code gdb -q} with pagination off and unlimited width, ready at {@link Prompts#GDB}.
   *
   * @return this builder
   */
  public SessionBuilder gdb() {
    return type(SessionType.GDB,
        List.of("gdb", "-q", "-iex", "set pagination off", "-iex", "set width 0", "-iex", "set confirm off"));
  }

  /**
   * An interactive bash without rc files or history expansion, with prompt {@link Prompts#SHELL_PS1}, so
   * that {@link Session#run} reports exit codes. The default.
   *
   * @return this builder
   */
  public SessionBuilder shell() {
    return type(SessionType.SHELL, List.of("bash", "--norc", "--noprofile", "+H", "-i"));
  }

  /**
   * Any program, run directly (never through a shell). Set {@link #readyWhen} to its prompt so that
   * {@code create()} waits for it and {@link Session#run} works.
   *
   * @param program the program
   * @param args its arguments
   * @return this builder
   */
  public SessionBuilder command(String program, String... args) {
    Objects.requireNonNull(program, "program");
    List<String> cmd = new ArrayList<>();
    cmd.add(program);
    for (String arg : args) {
      cmd.add(Objects.requireNonNull(arg, "argument"));
    }
    if (program.isEmpty() || program.contains("=")) {
      throw new IllegalArgumentException("program must be a non-empty executable name or path without '=', got '"
          + program + "'");
    }
    for (String part : cmd) {
      if (part.indexOf('\0') >= 0) {
        throw new IllegalArgumentException("command arguments must not contain NUL: " + cmd);
      }
    }
    return type(SessionType.CUSTOM, cmd);
  }

  private SessionBuilder type(SessionType newType, List<String> cmd) {
    this.type = newType;
    this.command = List.copyOf(cmd);
    return this;
  }

  /**
   * The window size in columns and rows. Default 200 x 50; wide windows wrap less output.
   *
   * @param columns 10 to 10000
   * @param rows 2 to 10000
   * @return this builder
   */
  public SessionBuilder size(int columns, int rows) {
    if (columns < 10 || columns > 10_000 || rows < 2 || rows > 10_000) {
      throw new IllegalArgumentException("size must be 10..10000 columns and 2..10000 rows, got " + columns + "x"
          + rows);
    }
    this.width = columns;
    this.height = rows;
    return this;
  }

  /**
   * Sets an environment variable for the session's program (in addition to the environment of the
   * tmux server). Values are passed as they are, never interpreted by a shell.
   *
   * @param key the variable name: non-empty, no {@code =} or NUL
   * @param value the value: no NUL
   * @return this builder
   */
  public SessionBuilder env(String key, String value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    if (key.isEmpty() || key.contains("=") || key.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("environment variable name must be non-empty without '=' or NUL, got '"
          + key + "'");
    }
    if (value.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("environment variable " + key + " must not contain NUL");
    }
    env.put(key, value);
    return this;
  }

  /**
   * The program's working directory. Default: the tmux server's working directory.
   *
   * @param dir an existing directory
   * @return this builder
   */
  public SessionBuilder workingDir(Path dir) {
    Objects.requireNonNull(dir, "dir");
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("workingDir " + dir + " is not an existing directory");
    }
    this.workingDir = dir.toAbsolutePath();
    return this;
  }

  /**
   * What {@code create()} waits for before returning, and the prompt {@link Session#run} waits for after
   * each command: a pattern found in the screen's text (lines joined with {@code \n}, trailing whitespace
   * and trailing blank lines removed, so {@code $} anchors at the cursor line). Defaults to the type's
   * prompt; a custom command without it is returned as soon as it is started.
   *
   * @param prompt the pattern, e.g. {@link Prompts#PYTHON} or {@code Pattern.compile("> $")}
   * @return this builder
   */
  public SessionBuilder readyWhen(Pattern prompt) {
    this.readyWhen = Objects.requireNonNull(prompt, "prompt");
    return this;
  }

  /**
   * How long {@code create()} waits for {@link #readyWhen}. Default 15 seconds.
   *
   * @param timeout a positive duration
   * @return this builder
   */
  public SessionBuilder startupTimeout(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("startupTimeout must be positive, got " + timeout);
    }
    this.startupTimeout = timeout;
    return this;
  }

  /**
   * Whether to record the session in the client's registry. Default {@code true}; {@code false} keeps
   * it out (the seed's {@code --no-register}), so only this handle knows it.
   *
   * @param register whether to register
   * @return this builder
   */
  public SessionBuilder register(boolean register) {
    this.register = register;
    return this;
  }

  /**
   * Makes the session belong to this client and JVM: it is killed when the client is closed or the JVM
   * exits normally (a shutdown hook of the client), and if the JVM dies without running hooks (SIGKILL, a crash), the next
   * {@link TmuxClient#cleanup()} from any process removes it, since its record names the owner process
   * (pid and start time) and that process is gone. Ephemeral sessions are always registered.
   *
   * @return this builder
   */
  public SessionBuilder ephemeral() {
    this.ephemeral = true;
    return this;
  }

  /**
   * Adds a free-form tag to the registry record. Keys starting with {@code tmux4j.} are reserved.
   *
   * @param key the tag name
   * @param value the tag value
   * @return this builder
   */
  public SessionBuilder tag(String key, String value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    if (key.startsWith("tmux4j.")) {
      throw new IllegalArgumentException("tag keys starting with 'tmux4j.' are reserved, got '" + key + "'");
    }
    tags.put(key, value);
    return this;
  }

  /**
   * Records everything the pane prints to a file, from the start, with tmux's {@code pipe-pane -O}: the
   * raw bytes, escape sequences included, appended to {@code file} (created with mode 0600 if missing).
   * The recording is done by the tmux server, so it goes on after this JVM exits, until the session ends:
   * an audit trail and crash evidence ({@code Ansi.strip} cleans it for reading).
   *
   * @param file the transcript file; its directory must exist
   * @return this builder
   */
  public SessionBuilder transcript(Path file) {
    Objects.requireNonNull(file, "file");
    Path absolute = file.toAbsolutePath();
    if (absolute.getParent() == null || !Files.isDirectory(absolute.getParent())) {
      throw new IllegalArgumentException("transcript directory " + absolute.getParent() + " does not exist");
    }
    if (absolute.toString().indexOf('\n') >= 0 || absolute.toString().indexOf('\0') >= 0) {
      throw new IllegalArgumentException("transcript path must not contain a newline or NUL");
    }
    this.transcript = absolute;
    return this;
  }

  /**
   * Applies a template's steps once the program is ready, before {@code create()} returns. Several
   * templates are applied in order. A failing step fails {@code create()} like a failed start-up.
   *
   * @param template the setup steps
   * @return this builder
   */
  public SessionBuilder template(SessionTemplate template) {
    templates.add(Objects.requireNonNull(template, "template"));
    return this;
  }

  /**
   * Creates the session, registers it, and waits until it is ready. Either returns a ready session or
   * leaves nothing behind: a program that exits or never becomes ready is killed and deregistered, and
   * the exception shows its last screen.
   *
   * @return the ready session
   * @throws DuplicateSessionException if a live session of that name exists on this socket, or is
   *     registered on another live socket
   * @throws SessionDeadException if the program exits during startup
   * @throws WaitTimeoutException if it is not ready within the startup timeout
   */
  public Session create() {
    return client.lifecycle().create(spec());
  }

  /**
   * Returns the session of this name if it is running and healthy on this client's socket; otherwise
   * removes what is left of it (a dead pane, a stale record) and creates it as described. A healthy
   * session that tmux4j did not create is adopted: labelled and registered as described here.
   *
   * @return a healthy session
   * @throws SessionDeadException if a new program exits during startup
   * @throws WaitTimeoutException if a new program is not ready in time
   */
  public Session getOrCreate() {
    return client.lifecycle().adoption().getOrCreate(spec());
  }

  /** What this builder describes, as an immutable value; the type's own environment included. */
  private SessionSpec spec() {
    if (command == null) {
      shell();
    }
    if (ephemeral && !register) {
      throw new IllegalStateException("An ephemeral session must be registered (its record names its owner so "
          + "that cleanup() can remove it after a crash); drop register(false) or ephemeral()");
    }
    Map<String, String> fullEnv = new LinkedHashMap<>();
    Map<String, String> allTags = new LinkedHashMap<>(tags);
    List<String> program = command;
    String nonce = PromptMarkers.newNonce();
    switch (type) {
      case PYTHON -> {
        fullEnv.put("PYTHON_BASIC_REPL", "1");
        program = PromptMarkers.pythonCommand(nonce);
      }
      case GDB -> program = PromptMarkers.gdbCommand(nonce);
      case SHELL -> {
        fullEnv.putAll(PromptMarkers.shellEnv(nonce));
        fullEnv.put("HISTFILE", "");
      }
      default -> nonce = null;
    }
    if (type == SessionType.SHELL && (env.containsKey("PS1") || env.containsKey("PS2"))) {
      nonce = null; // the caller's own prompts: run() goes by the prompt pattern instead
    }
    if (nonce != null) {
      allTags.put(PromptMarkers.NONCE_TAG, nonce);
    }
    fullEnv.putAll(env);
    return new SessionSpec(name, type, program, fullEnv, width, height, workingDir, readyWhen, startupTimeout,
        register, ephemeral, allTags, templates, transcript);
  }

}

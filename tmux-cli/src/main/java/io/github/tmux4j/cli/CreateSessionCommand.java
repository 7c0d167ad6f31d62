package io.github.tmux4j.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.tmux4j.DuplicateSessionException;
import io.github.tmux4j.InvalidSessionNameException;
import io.github.tmux4j.RegistryException;
import io.github.tmux4j.Session;
import io.github.tmux4j.SessionBuilder;
import io.github.tmux4j.SessionTemplate;
import io.github.tmux4j.TmuxClient;
import io.github.tmux4j.TmuxException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code tmux4j create-session -n NAME [--python|--gdb|--shell|--cmd CMD...] [--no-register]}: starts a
 * program in a new tmux session, waits until it shows its prompt, registers it, and prints the seed's
 * JSON: {@code {name, socket, target, type, pid, registered}}.
 */
@Command(name = CreateSessionCommand.NAME, mixinStandardHelpOptions = true, sortOptions = false,
    description = "Create a tmux session running Python, gdb, a shell or any command; print it as JSON.",
    footer = {"", "Exit codes: 0 created, 2 bad input or a session of that name exists, 3 tmux failed or the "
        + "program exited or never showed its prompt, 4 the registry could not be written."})
final class CreateSessionCommand implements Callable<Integer>, JsonOutput {
  /** The command's name. */
  static final String NAME = "create-session";

  @ParentCommand
  private Tmux4jCli root;

  @Option(names = {"-n", "--name"}, required = true, paramLabel = "NAME", description = "Session name.")
  String name;

  @ArgGroup(exclusive = true)
  Kind kind;

  /** What to run; a shell when none is chosen. */
  static final class Kind {
    @Option(names = "--python", description = "A Python REPL (python3 -q, PYTHON_BASIC_REPL=1).")
    boolean python;

    @Option(names = "--gdb", description = "gdb (-q, pagination off).")
    boolean gdb;

    @Option(names = "--shell", description = "bash with a known prompt (the default).")
    boolean shell;

    @Option(names = "--cmd", arity = "1..*", paramLabel = "CMD",
        description = "Any program and its arguments, run without a shell; set --ready to its prompt.")
    List<String> command;
  }

  @Option(names = "--no-register", description = "Keep the session out of the registry.")
  boolean noRegister;

  @Mixin
  TmuxSocket socket;

  @Option(names = "--ready", paramLabel = "REGEX",
      description = "Wait (up to -T) until the screen matches this pattern (default: the program's prompt).")
  String ready;

  @Mixin
  Timeout timeout = Timeout.seconds(15);

  @Option(names = "--template", paramLabel = "FILE",
      description = "Setup steps to run once ready (run/send/wait/keys lines).")
  Path template;

  @Option(names = "--transcript", paramLabel = "FILE", description = "Record everything the pane prints to FILE.")
  Path transcript;

  @Option(names = {"-e", "--env"}, paramLabel = "KEY=VALUE", description = "Environment variable for the program.")
  Map<String, String> env = new LinkedHashMap<>();

  @Option(names = "--tag", paramLabel = "KEY=VALUE", description = "Free-form registry tag.")
  Map<String, String> tags = new LinkedHashMap<>();

  /** Accepted so that {@code --json} works with every command; the output is JSON either way. */
  @Mixin
  JsonOption output;

  @Override
  public boolean jsonOutput() {
    return true;
  }

  @Override
  public Integer call() {
    CliContext context = root.context();
    TmuxClient client = socket.given() ? context.client(TmuxSocket.at(socket.path)) : context.client();
    Session session;
    try {
      session = describe(client.newSession(name)).create();
    } catch (InvalidSessionNameException | DuplicateSessionException | IllegalArgumentException e) {
      throw e; // bad input: exit 2
    } catch (RegistryException e) {
      throw new CliException(ExitCodes.CREATE_REGISTRY, Failures.oneLine(e.getMessage()), e);
    } catch (TmuxException e) {
      throw new CliException(ExitCodes.CREATE_FAILED, "Could not start session '" + name + "': "
          + Failures.oneLine(e.getMessage()), e);
    }
    ObjectNode json = Json.object();
    json.put("name", session.name());
    json.put("socket", session.socket().toString());
    json.put("target", session.target());
    json.put("type", session.type().typeName());
    Json.putPid(json, "pid", session.health().pid());
    json.put("registered", !noRegister);
    context.out().println(Json.write(json));
    return ExitCodes.OK;
  }

  private SessionBuilder describe(SessionBuilder builder) {
    if (kind != null && kind.python) {
      builder.python();
    } else if (kind != null && kind.gdb) {
      builder.gdb();
    } else if (kind != null && kind.command != null) {
      List<String> cmd = kind.command;
      builder.command(cmd.get(0), cmd.subList(1, cmd.size()).toArray(String[]::new));
    } else {
      builder.shell();
    }
    builder.register(!noRegister);
    if (ready != null) {
      builder.readyWhen(Pattern.compile(ready, Pattern.MULTILINE));
    }
    builder.startupTimeout(timeout.duration());
    if (template != null) {
      builder.template(SessionTemplate.load(template));
    }
    if (transcript != null) {
      builder.transcript(transcript);
    }
    env.forEach(builder::env);
    tags.forEach(builder::tag);
    return builder;
  }
}

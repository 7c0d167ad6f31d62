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
import java.util.regex.Pattern;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code tmux4j create-session -n NAME [--python|--gdb|--shell|--cmd CMD...] [--no-register]}: starts a
 * program in a new tmux session, waits until it shows its prompt, registers it, and prints the seed's
 * JSON: {@code {name, socket, target, type, pid, registered}}.
 */
final class CreateSessionCommand implements CliCommand, JsonOutput {
  /** The command's name. */
  static final String NAME = "create-session";

  private final CliContext context;

  String name;

  final Kind kind = new Kind();

  /** What to run, at most one of them; a shell when none is chosen. */
  static final class Kind {
    boolean python;
    boolean gdb;
    boolean shell;
    List<String> command;
  }

  boolean noRegister;

  final TmuxSocket socket = new TmuxSocket();

  String ready;

  final Timeout timeout = Timeout.seconds(15);

  Path template;

  Path transcript;

  Map<String, String> env = new LinkedHashMap<>();

  Map<String, String> tags = new LinkedHashMap<>();

  /** Accepted so that {@code --json} works with every command; the output is JSON either way. */
  final JsonOption output = new JsonOption();

  CreateSessionCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public CommandSpec spec() {
    CommandSpec spec = Specs.command(this, NAME, "Create a tmux session running Python, gdb, a shell or any command; "
        + "print it as JSON.");
    spec.usageMessage().sortOptions(false).footer("", "Exit codes: 0 created, 2 bad input or a session of that name "
        + "exists, 3 tmux failed or the program exited or never showed its prompt, 4 the registry could not be "
        + "written.");
    ArgGroupSpec oneKind = ArgGroupSpec.builder().exclusive(true)
        .addArg(Specs.flag(Specs.Binding.of(() -> kind.python, v -> kind.python = v), "--python")
            .description("A Python REPL (python3 -q, PYTHON_BASIC_REPL=1).").build())
        .addArg(Specs.flag(Specs.Binding.of(() -> kind.gdb, v -> kind.gdb = v), "--gdb")
            .description("gdb (-q, pagination off).").build())
        .addArg(Specs.flag(Specs.Binding.of(() -> kind.shell, v -> kind.shell = v), "--shell")
            .description("bash with a known prompt (the default).").build())
        .addArg(Specs.list(Specs.Binding.of(() -> kind.command, v -> kind.command = v), "--cmd").arity("1..*")
            .paramLabel("CMD")
            .description("Any program and its arguments, run without a shell; set --ready to its prompt.").build())
        .build();
    return Specs.withStandardHelp(spec
        .addOption(Specs.option(String.class, Specs.Binding.of(() -> name, v -> name = v), "-n", "--name")
            .required(true).paramLabel("NAME").description("Session name.").build())
        .addArgGroup(oneKind)
        .addOption(Specs.flag(Specs.Binding.of(() -> noRegister, v -> noRegister = v), "--no-register")
            .description("Keep the session out of the registry.").build())
        .addMixin("socket", socket.mixin())
        .addOption(Specs.option(String.class, Specs.Binding.of(() -> ready, v -> ready = v), "--ready")
            .paramLabel("REGEX")
            .description("Wait (up to -T) until the screen matches this pattern (default: the program's prompt).")
            .build())
        .addMixin("timeout", timeout.mixin())
        .addOption(Specs.option(Path.class, Specs.Binding.of(() -> template, v -> template = v), "--template")
            .paramLabel("FILE").description("Setup steps to run once ready (run/send/wait/keys lines).").build())
        .addOption(Specs.option(Path.class, Specs.Binding.of(() -> transcript, v -> transcript = v), "--transcript")
            .paramLabel("FILE").description("Record everything the pane prints to FILE.").build())
        .addOption(Specs.map(Specs.Binding.of(() -> env, v -> env = v), "-e", "--env").paramLabel("KEY=VALUE")
            .description("Environment variable for the program.").build())
        .addOption(Specs.map(Specs.Binding.of(() -> tags, v -> tags = v), "--tag").paramLabel("KEY=VALUE")
            .description("Free-form registry tag.").build())
        .addMixin("output", output.mixin()));
  }

  @Override
  public boolean jsonOutput() {
    return true;
  }

  @Override
  public Integer call() {
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
    if (kind.python) {
      builder.python();
    } else if (kind.gdb) {
      builder.gdb();
    } else if (kind.command != null) {
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

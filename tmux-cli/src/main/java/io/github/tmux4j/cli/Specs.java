package io.github.tmux4j.cli;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Builds the commands' picocli models in code, with picocli's programmatic API, instead of from
 * annotations.
 *
 * <p>Why: reading annotations cost a short command about 25 ms of its 185 (the JDK makes a proxy class
 * per annotation type, and none of that can go into the launcher's class archive on Java 17;
 * docs/performance.md#cli-start-up). A command declares its options where its fields are, in its
 * {@code spec()} method, and picocli sets the fields through {@link Binding}s; the help, errors
 * and completion picocli prints from the model are the same as with annotations.
 *
 * <p>Shared options are mixins as before: an object with its own fields and a {@code mixin()} method
 * returning its model, added with {@link CommandSpec#addMixin}, so that {@link Failures} and the tests
 * find them in {@link CommandSpec#mixins()}.
 */
final class Specs {
  /** picocli's key for the standard help options, which {@link CommandSpec#mixinStandardHelpOptions()} reads. */
  private static final String STANDARD_HELP = "mixinStandardHelpOptions";

  /** The names of every command's usage help option. */
  static final List<String> HELP_NAMES = List.of("-h", "--help");

  /** The names of every command's version option. */
  static final List<String> VERSION_NAMES = List.of("-V", "--version");

  private Specs() {}

  /**
   * A command's model, without options yet.
   *
   * @param command the object picocli runs ({@link java.util.concurrent.Callable} or {@link Runnable})
   * @param name the command's name
   * @param description the lines of its description in {@code --help}
   * @return the model
   */
  static CommandSpec command(Object command, String name, String... description) {
    CommandSpec spec = CommandSpec.wrapWithoutInspection(command).name(name);
    spec.usageMessage().description(description);
    return spec;
  }

  /**
   * A mixin's model: options shared by several commands, declared once.
   *
   * @param mixin the object holding the options' fields
   * @return the model, to add options to
   */
  static CommandSpec mixin(Object mixin) {
    return CommandSpec.wrapWithoutInspection(mixin);
  }

  /**
   * Adds {@code -h/--help} and {@code -V/--version}, as picocli's {@code mixinStandardHelpOptions} does:
   * after the command's own options, so that they come last in its help.
   *
   * @param spec the command
   * @return {@code spec}
   */
  static CommandSpec withStandardHelp(CommandSpec spec) {
    CommandSpec help = mixin(null);
    help.addOption(OptionSpec.builder(HELP_NAMES.toArray(String[]::new)).usageHelp(true)
        .description("Show this help message and exit.").build());
    help.addOption(OptionSpec.builder(VERSION_NAMES.toArray(String[]::new)).versionHelp(true)
        .description("Print version information and exit.").build());
    return spec.addMixin(STANDARD_HELP, help);
  }

  /**
   * An option bound to a field: picocli sets it through {@code binding}, and its value before parsing
   * is the default (shown by {@code ${DEFAULT-VALUE}}).
   *
   * @param type the field's type
   * @param binding the field
   * @param names the option's names
   * @param <T> the field's type
   * @return the option's builder, for its label, description and other attributes
   */
  static <T> OptionSpec.Builder option(Class<T> type, Binding<T> binding, String... names) {
    return bound(OptionSpec.builder(names).type(type), binding);
  }

  /**
   * A flag ({@code boolean}, no parameter) bound to a field that is {@code false} by default.
   *
   * @param binding the field
   * @param names the option's names
   * @return the option's builder, for its description
   */
  static OptionSpec.Builder flag(Binding<Boolean> binding, String... names) {
    return option(boolean.class, binding, names);
  }

  /**
   * A repeatable {@code KEY=VALUE} option bound to a map field.
   *
   * @param binding the field
   * @param names the option's names
   * @return the option's builder, for its label and description
   */
  static OptionSpec.Builder map(Binding<Map<String, String>> binding, String... names) {
    return bound(OptionSpec.builder(names).type(Map.class).auxiliaryTypes(String.class, String.class), binding);
  }

  /**
   * An option of several values bound to a list field.
   *
   * @param binding the field
   * @param names the option's names
   * @return the option's builder, for its arity, label and description
   */
  static OptionSpec.Builder list(Binding<List<String>> binding, String... names) {
    return bound(OptionSpec.builder(names).type(List.class).auxiliaryTypes(String.class), binding);
  }

  /** Binds an option to a field: read and set through the binding, its value before parsing the initial one. */
  private static OptionSpec.Builder bound(OptionSpec.Builder option, Binding<?> binding) {
    return option.getter(binding).setter(binding).initialValue(binding.value());
  }

  /**
   * A required positional parameter bound to a field.
   *
   * @param type the field's type
   * @param binding the field
   * @param index the parameter's index, e.g. {@code "0"}
   * @param <T> the field's type
   * @return the parameter's builder, for its label and description
   */
  static <T> PositionalParamSpec.Builder parameter(Class<T> type, Binding<T> binding, String index) {
    return PositionalParamSpec.builder().index(index).required(true).type(type).getter(binding).setter(binding)
        .initialValue(binding.value());
  }

  /**
   * A field of a command or mixin, as picocli reads and sets it.
   *
   * @param <T> the field's type
   */
  static final class Binding<T> implements IGetter, ISetter {
    private final Supplier<T> getter;
    private final Consumer<T> setter;

    private Binding(Supplier<T> getter, Consumer<T> setter) {
      this.getter = getter;
      this.setter = setter;
    }

    /**
     * A binding.
     *
     * @param getter reads the field
     * @param setter writes it
     * @param <T> the field's type
     * @return the binding
     */
    static <T> Binding<T> of(Supplier<T> getter, Consumer<T> setter) {
      return new Binding<>(getter, setter);
    }

    /**
     * The field's value.
     *
     * @return what the getter reads
     */
    T value() {
      return getter.get();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> V get() {
      return (V) getter.get();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> V set(V value) {
      V old = get();
      setter.accept((T) value);
      return old;
    }
  }
}

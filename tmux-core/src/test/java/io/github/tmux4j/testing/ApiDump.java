package io.github.tmux4j.testing;

import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.annotation.Documented;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The public API of a module as text, one line per type and member, and the check of it against the
 * dump checked in as {@code <module>/api/<artifactId>.api} (as OkHttp's {@code okhttp.api}).
 *
 * <p>The API is what the module's {@code module-info} exports to everyone: in those packages, every
 * public type (and protected nested type of an extensible one) whose enclosing types are API too, with
 * its public members, and its protected members when it can be subclassed. Each line holds the
 * modifiers, the generic signature and the {@link Documented} annotations; synthetic members and bridges
 * are left out. Types are sorted by name, and the members of a type by kind (fields, constructors,
 * methods), then name, then text, so that the dump is the same on every build and JDK and a diff shows
 * exactly what changed. Constant values and parameter names are not part of it.
 *
 * <p>Reads the compiled classes of the module and loads them, without initializing them, through the
 * class loader of the test, which has them on its class path.
 */
public final class ApiDump {
  /** The system property that makes {@link #check} write the dump instead of comparing with it. */
  public static final String UPDATE_PROPERTY = "tmux4j.api.update";

  private ApiDump() {}

  /**
   * Compares the API of a module's classes with its checked-in dump; with {@code -Dtmux4j.api.update=true}
   * writes the dump instead. The build passes the paths ({@code tmux4j.api.classes},
   * {@code tmux4j.api.dump}); run from an IDE in the module's directory, the defaults are the same.
   *
   * @param artifactId the module's artifact id, which names the dump file
   * @throws IOException if the classes or the dump cannot be read, or the dump cannot be written
   * @throws AssertionError if the API differs from the dump; the message shows the difference and how to
   *     update the dump
   */
  public static void check(String artifactId) throws IOException {
    Path classes = Path.of(System.getProperty("tmux4j.api.classes", "target/classes"));
    Path dump = Path.of(System.getProperty("tmux4j.api.dump", "api/" + artifactId + ".api"));
    String actual = render(artifactId, classes);
    if (Boolean.getBoolean(UPDATE_PROPERTY)) {
      Files.createDirectories(dump.toAbsolutePath().getParent());
      Files.writeString(dump, actual, StandardCharsets.UTF_8);
      System.out.println("Wrote the API dump " + dump);
      return;
    }
    String update = "If the change is intended, update the dump and commit it with the change:\n"
        + "  mvn test -Dtmux4j.api.update=true\n"
        + "(or only this module: mvn -pl " + artifactId + " -am test -Dtmux4j.api.update=true"
        + " -Dtest=PublicApiTest -Dsurefire.failIfNoSpecifiedTests=false)";
    if (!Files.exists(dump)) {
      throw new AssertionError("There is no API dump " + dump + " for " + artifactId + ".\n" + update);
    }
    String expected = Files.readString(dump, StandardCharsets.UTF_8);
    if (!expected.equals(actual)) {
      throw new AssertionError("The public API of " + artifactId + " differs from the checked-in dump " + dump
          + " (-: only in the dump, +: only in the classes):\n\n" + diff(expected, actual) + "\n" + update);
    }
  }

  /**
   * The API dump of a module's compiled classes.
   *
   * @param artifactId the module's artifact id, for the header
   * @param classes the module's class output directory, with its {@code module-info.class}
   * @return the dump, lines ending in {@code \n}
   * @throws IOException if the classes cannot be read
   */
  public static String render(String artifactId, Path classes) throws IOException {
    ModuleDescriptor module;
    try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
      module = ModuleDescriptor.read(in);
    }
    SortedSet<String> exported = module.exports().stream()
        .filter(e -> !e.isQualified())
        .map(ModuleDescriptor.Exports::source)
        .collect(Collectors.toCollection(TreeSet::new));
    StringBuilder out = new StringBuilder();
    out.append("# The public API of ").append(artifactId).append(" (module ").append(module.name())
        .append("), generated from its classes by PublicApiTest.\n")
        .append("# Do not edit: mvn test -Dtmux4j.api.update=true rewrites it. Exported packages: ")
        .append(String.join(", ", exported)).append('\n');
    ClassLoader loader = ApiDump.class.getClassLoader();
    List<Class<?>> types = new ArrayList<>();
    for (String pkg : exported) {
      Path dir = classes.resolve(pkg.replace('.', '/'));
      try (Stream<Path> files = Files.list(dir)) {
        for (Path file : files.sorted().toList()) {
          String name = file.getFileName().toString();
          if (!name.endsWith(".class") || name.contains("-")) { // package-info, module-info
            continue;
          }
          String binaryName = pkg + "." + name.substring(0, name.length() - ".class".length());
          try {
            Class<?> type = Class.forName(binaryName, false, loader);
            if (isApi(type)) {
              types.add(type);
            }
          } catch (ClassNotFoundException e) {
            throw new IOException("Cannot load " + binaryName + " from the test class path", e);
          }
        }
      }
    }
    types.sort(Comparator.comparing(ApiDump::typeName));
    for (Class<?> type : types) {
      out.append('\n');
      renderType(type, out);
    }
    return out.toString();
  }

  private static boolean isApi(Class<?> type) {
    if (type.isSynthetic() || type.isAnonymousClass() || type.isLocalClass()) {
      return false;
    }
    for (Class<?> t = type; t != null; t = t.getDeclaringClass()) {
      int m = t.getModifiers();
      Class<?> outer = t.getDeclaringClass();
      boolean visible = Modifier.isPublic(m)
          || (Modifier.isProtected(m) && outer != null && subclassable(outer));
      if (!visible) {
        return false;
      }
    }
    return true;
  }

  /** Whether code outside the package can subclass the type, and so see its protected members. */
  private static boolean subclassable(Class<?> type) {
    if (Modifier.isFinal(type.getModifiers()) || type.isEnum() || type.isRecord() || type.isInterface()) {
      return false;
    }
    return Arrays.stream(type.getDeclaredConstructors())
        .anyMatch(c -> Modifier.isPublic(c.getModifiers()) || Modifier.isProtected(c.getModifiers()));
  }

  private static boolean isApi(Class<?> owner, Member member) {
    if (member.isSynthetic() || (member instanceof Method m && m.isBridge())) {
      return false;
    }
    int mod = member.getModifiers();
    return Modifier.isPublic(mod) || (Modifier.isProtected(mod) && subclassable(owner));
  }

  private static void renderType(Class<?> type, StringBuilder out) {
    StringBuilder line = new StringBuilder();
    annotations(type, line);
    int mod = type.getModifiers() & (Modifier.PUBLIC | Modifier.PROTECTED | Modifier.STATIC | Modifier.FINAL
        | Modifier.ABSTRACT);
    String kind;
    if (type.isAnnotation()) {
      kind = "@interface";
      mod &= ~Modifier.ABSTRACT;
    } else if (type.isInterface()) {
      kind = "interface";
      mod &= ~Modifier.ABSTRACT;
    } else if (type.isEnum()) {
      kind = "enum";
    } else if (type.isRecord()) {
      kind = "record";
    } else {
      kind = "class";
    }
    line.append(Modifier.toString(mod));
    if (type.isSealed()) {
      line.append(" sealed");
    } else if (!Modifier.isFinal(type.getModifiers()) && isNonSealed(type)) {
      line.append(" non-sealed");
    }
    line.append(' ').append(kind).append(' ').append(typeName(type)).append(typeParameters(type.getTypeParameters()));
    if (type.isRecord()) {
      line.append(Arrays.stream(type.getRecordComponents())
          .map(c -> typeName(c.getGenericType()) + " " + c.getName())
          .collect(Collectors.joining(", ", "(", ")")));
    }
    Type superclass = type.getGenericSuperclass();
    if (superclass != null && !type.isEnum() && !type.isRecord() && superclass != Object.class) {
      line.append(" extends ").append(typeName(superclass));
    }
    List<String> interfaces = Arrays.stream(type.getGenericInterfaces())
        .filter(i -> !(type.isAnnotation() && i == Annotation.class))
        .map(ApiDump::typeName)
        .toList();
    if (!interfaces.isEmpty()) {
      line.append(type.isInterface() ? " extends " : " implements ").append(String.join(", ", interfaces));
    }
    if (type.isSealed()) {
      line.append(Arrays.stream(type.getPermittedSubclasses()).map(ApiDump::typeName).sorted()
          .collect(Collectors.joining(", ", " permits ", "")));
    }
    out.append(line).append('\n');

    // Members by kind, then by name, then by signature (each entry is "name<TAB>line" until printed), so
    // that a member keeps its place in the dump when its type changes.
    SortedSet<String> fields = new TreeSet<>();
    for (Field f : type.getDeclaredFields()) {
      if (isApi(type, f)) {
        StringBuilder s = new StringBuilder();
        annotations(f, s);
        s.append(modifiers(f.getModifiers(), Modifier.fieldModifiers() & ~(Modifier.TRANSIENT | Modifier.VOLATILE)))
            .append(typeName(f.getGenericType())).append(' ').append(f.getName());
        fields.add(f.getName() + '\t' + s);
      }
    }
    SortedSet<String> constructors = new TreeSet<>();
    for (Constructor<?> c : type.getDeclaredConstructors()) {
      if (isApi(type, c)) {
        StringBuilder s = new StringBuilder();
        annotations(c, s);
        s.append(modifiers(c.getModifiers(), Modifier.constructorModifiers()));
        String params = typeParameters(c.getTypeParameters());
        if (!params.isEmpty()) {
          s.append(params).append(' ');
        }
        s.append(type.getSimpleName()).append(parameters(c)).append(exceptions(c));
        constructors.add(c.getName() + '\t' + s);
      }
    }
    SortedSet<String> methods = new TreeSet<>();
    for (Method m : type.getDeclaredMethods()) {
      if (isApi(type, m)) {
        StringBuilder s = new StringBuilder();
        annotations(m, s);
        s.append(modifiers(m.getModifiers(), Modifier.methodModifiers()
            & ~(Modifier.SYNCHRONIZED | Modifier.NATIVE | Modifier.STRICT)));
        if (m.isDefault()) {
          s.append("default ");
        }
        String params = typeParameters(m.getTypeParameters());
        if (!params.isEmpty()) {
          s.append(params).append(' ');
        }
        s.append(typeName(m.getGenericReturnType())).append(' ').append(m.getName()).append(parameters(m))
            .append(exceptions(m));
        if (m.getDefaultValue() != null) {
          s.append(" default ").append(value(m.getDefaultValue()));
        }
        methods.add(m.getName() + '\t' + s);
      }
    }
    for (SortedSet<String> members : List.of(fields, constructors, methods)) {
      for (String member : members) {
        out.append("  ").append(member, member.indexOf('\t') + 1, member.length()).append('\n');
      }
    }
  }

  private static boolean isNonSealed(Class<?> type) {
    Class<?> superclass = type.getSuperclass();
    return (superclass != null && superclass.isSealed())
        || Arrays.stream(type.getInterfaces()).anyMatch(Class::isSealed);
  }

  private static String modifiers(int modifiers, int mask) {
    String text = Modifier.toString(modifiers & mask);
    return text.isEmpty() ? "" : text + " ";
  }

  private static String parameters(Executable e) {
    Type[] types = e.getGenericParameterTypes();
    if (types.length != e.getParameterCount()) { // inner-class constructors: the generic form omits the outer
      types = e.getParameterTypes();
    }
    List<String> names = new ArrayList<>();
    for (int i = 0; i < types.length; i++) {
      String name = typeName(types[i]);
      if (e.isVarArgs() && i == types.length - 1 && name.endsWith("[]")) {
        name = name.substring(0, name.length() - 2) + "...";
      }
      names.add(name);
    }
    return names.stream().collect(Collectors.joining(", ", "(", ")"));
  }

  private static String exceptions(Executable e) {
    Type[] thrown = e.getGenericExceptionTypes();
    if (thrown.length == 0) {
      return "";
    }
    return Arrays.stream(thrown).map(ApiDump::typeName).sorted().collect(Collectors.joining(", ", " throws ", ""));
  }

  private static String typeParameters(TypeVariable<?>[] variables) {
    if (variables.length == 0) {
      return "";
    }
    return Arrays.stream(variables).map(v -> {
      List<Type> bounds = Arrays.stream(v.getBounds()).filter(b -> b != Object.class).toList();
      return bounds.isEmpty() ? v.getName()
          : v.getName() + " extends " + bounds.stream().map(ApiDump::typeName).collect(Collectors.joining(" & "));
    }).collect(Collectors.joining(", ", "<", ">"));
  }

  private static String typeName(Type type) {
    if (type instanceof Class<?> c) {
      if (c.isArray()) {
        return typeName(c.getComponentType()) + "[]";
      }
      return Objects.requireNonNullElse(c.getCanonicalName(), c.getName());
    }
    if (type instanceof ParameterizedType p) {
      Class<?> raw = (Class<?>) p.getRawType();
      String name = p.getOwnerType() instanceof ParameterizedType owner
          ? typeName(owner) + "." + raw.getSimpleName()
          : typeName(raw);
      return name + Arrays.stream(p.getActualTypeArguments()).map(ApiDump::typeName)
          .collect(Collectors.joining(", ", "<", ">"));
    }
    if (type instanceof TypeVariable<?> v) {
      return v.getName();
    }
    if (type instanceof WildcardType w) {
      if (w.getLowerBounds().length > 0) {
        return "? super " + typeName(w.getLowerBounds()[0]);
      }
      Type upper = w.getUpperBounds()[0];
      return upper == Object.class ? "?" : "? extends " + typeName(upper);
    }
    if (type instanceof GenericArrayType a) {
      return typeName(a.getGenericComponentType()) + "[]";
    }
    throw new IllegalArgumentException("Unknown kind of type: " + type);
  }

  /** The {@link Documented} annotations of an element, which are part of its API, each followed by a space. */
  private static void annotations(AnnotatedElement element, StringBuilder out) {
    Arrays.stream(element.getDeclaredAnnotations())
        .filter(a -> a.annotationType().isAnnotationPresent(Documented.class))
        .map(ApiDump::annotation)
        .sorted()
        .forEach(a -> out.append(a).append(' '));
  }

  private static String annotation(Annotation a) {
    Method[] elements = a.annotationType().getDeclaredMethods();
    Arrays.sort(elements, Comparator.comparing(Method::getName));
    List<String> values = new ArrayList<>();
    for (Method element : elements) {
      if (element.isSynthetic() || element.getParameterCount() != 0) {
        continue;
      }
      try {
        element.setAccessible(true);
        values.add(element.getName() + "=" + value(element.invoke(a)));
      } catch (IllegalAccessException | InvocationTargetException e) {
        throw new IllegalStateException("Cannot read " + element + " of " + a, e);
      }
    }
    String name = "@" + typeName(a.annotationType());
    return values.isEmpty() ? name : name + values.stream().collect(Collectors.joining(", ", "(", ")"));
  }

  private static String value(Object value) {
    if (value instanceof String s) {
      return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
    }
    if (value instanceof Character c) {
      return "'" + c + "'";
    }
    if (value instanceof Class<?> c) {
      return typeName(c) + ".class";
    }
    if (value instanceof Enum<?> e) {
      return typeName(e.getDeclaringClass()) + "." + e.name();
    }
    if (value instanceof Annotation a) {
      return annotation(a);
    }
    if (value.getClass().isArray()) {
      List<String> items = new ArrayList<>();
      for (int i = 0; i < Array.getLength(value); i++) {
        items.add(value(Array.get(value, i)));
      }
      return items.stream().collect(Collectors.joining(", ", "{", "}"));
    }
    return String.valueOf(value);
  }

  /** The lines that differ, as {@code -} (only in the dump) and {@code +} (only now), under their type. */
  static String diff(String expected, String actual) {
    List<String> a = expected.lines().toList();
    List<String> b = actual.lines().toList();
    int[][] lcs = new int[a.size() + 1][b.size() + 1];
    for (int i = a.size() - 1; i >= 0; i--) {
      for (int j = b.size() - 1; j >= 0; j--) {
        lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    StringBuilder out = new StringBuilder();
    String header = null;
    String printedHeader = null;
    int i = 0;
    int j = 0;
    while (i < a.size() || j < b.size()) {
      String line;
      char sign;
      if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
        line = a.get(i++);
        j++;
        sign = ' ';
      } else if (i < a.size() && (j == b.size() || lcs[i + 1][j] >= lcs[i][j + 1])) {
        line = a.get(i++);
        sign = '-';
      } else {
        line = b.get(j++);
        sign = '+';
      }
      boolean isHeader = !line.isEmpty() && !line.startsWith(" ") && !line.startsWith("#");
      if (isHeader) {
        header = line;
      }
      if (sign == ' ') {
        continue;
      }
      if (isHeader) {
        printedHeader = line;
      } else if (header != null && !header.equals(printedHeader) && !line.isEmpty()) {
        out.append("  ").append(header).append('\n');
        printedHeader = header;
      }
      out.append(sign).append(' ').append(line).append('\n');
    }
    return out.toString();
  }
}

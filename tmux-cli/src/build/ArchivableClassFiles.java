import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/**
 * A build step of tmux-cli (run by the antrun plugin as a single-file program, with ASM on the class
 * path): rewrites the class files of a package in the runnable jar from Java 5 bytecode to Java 8
 * bytecode, with the stack map frames ASM computes, and changes nothing else.
 *
 * <p>Why: picocli is compiled for Java 5 (class file version 49), and the JVM's class-data sharing
 * leaves such classes out of an archive ("Pre JDK 6 class not supported by CDS"; version 50 without
 * frames is left out too, "Failed over class verification"). Its ~170 classes were then read from the
 * jar and verified on every run: about a quarter of the start-up of {@code tmux4j list-sessions}.
 *
 * <p>Usage: {@code java -cp asm.jar ArchivableClassFiles JAR PACKAGE_PREFIX}, e.g. {@code picocli/}. The
 * jar is replaced (through a temporary file in its directory), and gets
 * {@code META-INF/tmux4j-rewritten-classes.txt} saying what was changed (picocli's licence, Apache-2.0,
 * asks modified files to say so).
 */
public final class ArchivableClassFiles {
  private static final int JAVA_6 = 50;
  private static final String NOTICE = "META-INF/tmux4j-rewritten-classes.txt";

  private ArchivableClassFiles() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      throw new IllegalArgumentException("usage: ArchivableClassFiles JAR PACKAGE_PREFIX");
    }
    Path jar = Path.of(args[0]).toAbsolutePath();
    String prefix = args[1];
    Path temporary = Files.createTempFile(jar.getParent(), jar.getFileName().toString(), ".tmp");
    Files.setPosixFilePermissions(temporary, Files.getPosixFilePermissions(jar));
    int rewritten = 0;
    long entryTime = 0; // the jar's own entry times (the build's reproducible timestamp)
    try (URLClassLoader classes = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null);
        ZipInputStream in = new ZipInputStream(Files.newInputStream(jar));
        ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(temporary))) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        byte[] bytes = in.readAllBytes();
        entryTime = Math.max(entryTime, entry.getTime());
        if (entry.getName().equals(NOTICE)) {
          continue;
        }
        if (entry.getName().startsWith(prefix) && entry.getName().endsWith(".class") && majorVersion(bytes) < JAVA_6) {
          bytes = withFrames(bytes, classes);
          rewritten++;
        }
        write(out, entry.getName(), entry.getTime(), bytes);
      }
      write(out, NOTICE, entryTime, ("The class files under " + prefix + " in this jar were "
          + "rewritten by tmux4j's build from Java 5 to Java 8 bytecode (stack map frames computed by ASM), so that "
          + "class-data sharing can archive them; their code is unchanged.\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temporary);
      throw e;
    }
    Files.move(temporary, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    System.out.println("Rewrote " + rewritten + " class files under " + prefix + " in " + jar.getFileName()
        + " as Java 8 bytecode");
  }

  private static int majorVersion(byte[] classFile) {
    return ((classFile[6] & 0xff) << 8) | (classFile[7] & 0xff);
  }

  /** The class as version 52 with computed frames; common superclasses are looked up in the jar. */
  private static byte[] withFrames(byte[] classFile, ClassLoader jar) {
    ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
      @Override
      protected ClassLoader getClassLoader() {
        return jar;
      }
    };
    new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9, writer) {
      @Override
      public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
        super.visit(Opcodes.V1_8, access, name, signature, superName, interfaces);
      }
    }, ClassReader.SKIP_FRAMES);
    return writer.toByteArray();
  }

  private static void write(ZipOutputStream out, String name, long time, byte[] bytes) throws IOException {
    ZipEntry entry = new ZipEntry(name);
    entry.setTime(time);
    out.putNextEntry(entry);
    out.write(bytes);
    out.closeEntry();
  }
}

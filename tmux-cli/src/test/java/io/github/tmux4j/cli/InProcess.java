package io.github.tmux4j.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

/** Runs the command inside the test's JVM, on string buffers and a given socket directory. */
final class InProcess {
  private InProcess() {}

  /** What a run printed and returned. */
  record Run(int exitCode, String out, String err) {}

  static Run run(Path socketDir, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Tmux4jCli.execute(new CliContext(new PrintWriter(out, true), new PrintWriter(err, true), socketDir), args);
    return new Run(code, out.toString(), err.toString());
  }
}

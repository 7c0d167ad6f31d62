package io.github.tmux4j.junit.samples;

import static org.junit.jupiter.api.Assertions.fail;

import io.github.tmux4j.CommandResult;
import io.github.tmux4j.Session;
import io.github.tmux4j.SessionType;
import io.github.tmux4j.TmuxClient;
import io.github.tmux4j.junit.InjectTmuxClient;
import io.github.tmux4j.junit.TmuxSession;
import io.github.tmux4j.junit.TmuxTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.TestReporter;

/**
 * Leaves things behind for the extension to clean up: a failing test, a session started directly on
 * the injected client and never closed. Publishes the pids and paths to check afterwards.
 */
@TmuxTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class CleanupSamples {
  @TmuxSession(type = SessionType.PYTHON)
  static Session sharedPy;

  @TmuxSession
  Session sh;

  @InjectTmuxClient
  TmuxClient tmux;

  @Test
  @Order(1)
  void first(TestReporter reporter) throws IOException {
    Session stray = tmux.newSession("stray").python().create();
    long panePid = sh.health().pid().orElseThrow();
    Map<String, String> seen = new LinkedHashMap<>();
    seen.put("socketDir", tmux.socketDir().toString());
    seen.put("socketDirMode", PosixFilePermissions.toString(Files.getPosixFilePermissions(tmux.socketDir())));
    seen.put("sh.name", sh.name());
    seen.put("sh.pid", Long.toString(panePid));
    seen.put("sharedPy.pid", InjectionSamples.pid(sharedPy));
    seen.put("stray.pid", InjectionSamples.pid(stray));
    seen.put("server.pid", Long.toString(ProcessHandle.of(panePid).flatMap(ProcessHandle::parent)
        .orElseThrow().pid()));
    reporter.publishEntry(seen);
    fail("deliberate failure: cleanup must happen anyway");
  }

  @Test
  @Order(2)
  void second(TestReporter reporter) {
    // The shell runs inside the class's tmux server (TMUX is set), so it can list that server's sessions.
    CommandResult live = sh.run("tmux list-sessions -F '#{session_name}' | paste -sd ' '");
    reporter.publishEntry(Map.of("sh.name", sh.name(), "sh.pid", InjectionSamples.pid(sh), "liveSessions",
        live.output()));
  }
}

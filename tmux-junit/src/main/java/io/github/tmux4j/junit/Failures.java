package io.github.tmux4j.junit;

import io.github.tmux4j.Session;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * What {@link TmuxExtension} does when a test or lifecycle method fails: attaches the last screens of the
 * sessions in use to the failure and, when asked to ({@link TmuxTest#keepFailedSessions()}), keeps those
 * sessions and their tmux server for inspection and says where they are.
 */
final class Failures {
  private Failures() {}

  /**
   * The failure to rethrow, with the screens added; aborted tests (failed assumptions) are left alone.
   *
   * @param context the failing test's or lifecycle method's context
   * @param failure what it threw
   * @return the failure to throw instead
   */
  static Throwable handle(ExtensionContext context, Throwable failure) {
    if (failure instanceof TestAbortedException) {
      return failure;
    }
    List<SessionScope> scopes = Contexts.scopesInUse(context);
    List<Session> sessions = sessions(scopes);
    if (sessions.isEmpty()) {
      return failure;
    }
    if (Contexts.keepFailedSessions(context)) {
      keep(context, scopes, sessions, failure);
    }
    return withScreens(context, failure, sessions);
  }

  /** The scopes' sessions, each once (two handles of one session, in two scopes, count once). */
  private static List<Session> sessions(List<SessionScope> scopes) {
    Set<String> seen = new HashSet<>();
    List<Session> sessions = new ArrayList<>();
    for (SessionScope scope : scopes) {
      scope.sessions().stream().filter(s -> seen.add(s.name())).forEach(sessions::add);
    }
    return sessions;
  }

  /**
   * Keeps the scopes' sessions and the class's tmux server after the class, publishes where they are as
   * the report entries {@code tmux4j.kept.socket} and {@code tmux4j.kept.sessions}, and prints it.
   */
  private static void keep(ExtensionContext context, List<SessionScope> scopes, List<Session> sessions,
      Throwable failure) {
    scopes.forEach(SessionScope::keep);
    Optional<Environment> environment = Contexts.existingEnvironment(context);
    environment.ifPresent(Environment::keep);
    Path socket = environment.map(Environment::socket).orElse(null);
    String names = sessions.stream().map(Session::name).collect(Collectors.joining(", "));
    Map<String, String> entry = new LinkedHashMap<>();
    entry.put("tmux4j.kept.socket", String.valueOf(socket));
    entry.put("tmux4j.kept.sessions", names);
    try {
      context.publishReportEntry(entry);
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
    }
    String first = sessions.get(0).name();
    System.err.println("tmux4j: " + context.getDisplayName() + " failed; its tmux sessions are kept for inspection"
        + " (keepFailedSessions):\n"
        + "  sessions: " + names + "\n"
        + "  socket:   " + socket + "\n"
        + "  look:     tmux -S " + socket + " attach -t '=" + first + "'\n"
        + "  clean up: tmux -S " + socket + " kill-server; rm -r " + (socket == null ? null : socket.getParent()));
  }

  /**
   * Adds to the failure the screens it does not show yet, so that each session's last screen is shown
   * once per failed test: not again when the failure already carries it (a {@link SessionAssert} or
   * {@link RunAssert} message, which has it), nor when an earlier failure of the same test showed it (an
   * {@code @AfterEach} method failing after the test). Each screen is published as a report entry once
   * per failed test too.
   */
  private static Throwable withScreens(ExtensionContext context, Throwable failure, List<Session> sessions) {
    Set<String> shown = Contexts.screensShown(context);
    List<Screens.Screen> screens = new ArrayList<>();
    boolean carriesScreens = false;
    for (Session session : sessions) {
      if (!shown.add(session.name())) {
        continue; // an earlier failure of this test shows it and published it
      }
      Screens.Screen screen = Screens.read(session);
      try {
        context.publishReportEntry(TmuxExtension.SCREEN_ENTRY_PREFIX + screen.name(), screen.textOrNote());
      } catch (RuntimeException e) {
        failure.addSuppressed(e);
      }
      if (Screens.shownIn(failure, session.name())) {
        carriesScreens = true;
      } else {
        screens.add(screen);
      }
    }
    if (screens.isEmpty()) {
      return failure;
    }
    String text = Screens.format(screens);
    if (carriesScreens) { // a new message would repeat the failure's, screens and all, above its cause
      failure.addSuppressed(new LastScreens("Last screens of the other tmux sessions in use:\n" + text));
      return failure;
    }
    String message = failure.getMessage() == null || failure.getMessage().isEmpty()
        ? text : failure.getMessage() + "\n\n" + text;
    Throwable result;
    if (failure instanceof AssertionFailedError afe) {
      result = afe.isExpectedDefined() && afe.isActualDefined()
          ? new AssertionFailedError(message, afe.getExpected().getEphemeralValue(),
              afe.getActual().getEphemeralValue(), afe)
          : new AssertionFailedError(message, afe);
    } else if (failure instanceof AssertionError) {
      result = new AssertionError(message, failure);
    } else {
      failure.addSuppressed(new LastScreens("Last screens of the tmux sessions in use:\n" + text));
      return failure;
    }
    result.setStackTrace(failure.getStackTrace());
    return result;
  }
}

package io.github.tmux4j.junit;

/**
 * Carries the last screens of a test's sessions as a suppressed exception of a failure that is not an
 * assertion (so that its type is kept), or of an assertion whose message already shows the screens of
 * some of them (so that its message, with those screens, is not repeated). Has no stack trace of its own.
 */
final class LastScreens extends RuntimeException {
  private static final long serialVersionUID = 1L;

  LastScreens(String message) {
    super(message, null, false, false);
  }
}

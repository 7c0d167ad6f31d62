package io.github.tmux4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which looks a {@link ScreenTail} answers itself, and which it leaves to tmux. */
class ScreenTailTest {
  private static final int WIDTH = 40;

  /** A snapshot of a prompt on line 10 (history 5, cursor row 5), answered at {@code version}. */
  private static PaneSnapshot prompt(long version) {
    return new PaneSnapshot(5, 2, 5, false, null, WIDTH, 10, List.of("$"), 24, 50_000, true, version);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void appliesOutputAfterTheSeedAndNotBefore() {
    PaneSignal signal = new PaneSignal();
    signal.output(ascii("ignored: the seed already shows this"));
    ScreenTail tail = new ScreenTail(signal);
    tail.seed(prompt(signal.version()), false);
    signal.output(ascii("echo hi\r\nhi\r\n$ "));

    PaneSnapshot local = tail.look(10, true);
    assertNotNull(local);
    assertEquals(List.of("$ echo hi", "hi", "$"), local.lines());
    assertEquals(2, local.cursorX());
    assertEquals(12, local.cursorLine());
    assertEquals(signal.version(), local.outputVersion());
  }

  @Test
  void aLookThatNoOutputWokeAsksTmuxUnlessTheSeedIsUnseen() {
    PaneSignal signal = new PaneSignal();
    ScreenTail tail = new ScreenTail(signal);
    tail.seed(prompt(signal.version()), false);
    assertNull(tail.look(10, false), "a silent pause must ask tmux: the pane may have died");
    assertNotNull(tail.look(10, true), "woken by output it already applied: its model is current");

    tail.seed(prompt(signal.version()), true);
    PaneSnapshot first = tail.look(10, false);
    assertNotNull(first, "a seed read with the input has not been checked yet");
    assertEquals(List.of("$"), first.lines());
    assertNull(tail.look(10, false));
  }

  @Test
  void givesUpWhenOutputWasDroppedOrTheWindowChanged() {
    PaneSignal signal = new PaneSignal();
    ScreenTail tail = new ScreenTail(signal);
    tail.seed(prompt(signal.version()), false);
    signal.skipped();
    assertNull(tail.look(10, true));
    assertNull(tail.look(10, true), "and stays given up until seeded again");

    tail.seed(prompt(signal.version()), false);
    signal.reshaped();
    assertNull(tail.look(10, true));

    tail.seed(prompt(signal.version()), false);
    signal.output(ascii("ok"));
    assertNotNull(tail.look(10, true), "a new seed starts afresh");
  }

  @Test
  void givesUpWhenTheOutputSinceTheSeedIsNoLongerKept() {
    PaneSignal signal = new PaneSignal();
    ScreenTail tail = new ScreenTail(signal);
    tail.seed(prompt(signal.version()), false);
    byte[] line = ascii("x".repeat(30) + "\r\n");
    for (int i = 0; i <= PaneSignal.RECENT_BYTES / line.length; i++) {
      signal.output(line);
    }
    assertNull(signal.since(prompt(0).outputVersion()), "the first events are gone");
    assertNull(tail.look(10, true));
  }

  @Test
  void givesUpOnOutputItCannotFollow() {
    PaneSignal signal = new PaneSignal();
    ScreenTail tail = new ScreenTail(signal);
    tail.seed(prompt(signal.version()), false);
    signal.output(ascii("\033[H\033[2J"));
    assertNull(tail.look(10, true));
  }

  @Test
  void aClosedSignalSendsLooksToTmux() {
    PaneSignal signal = new PaneSignal();
    ScreenTail tail = new ScreenTail(signal);
    tail.seed(prompt(signal.version()), true);
    signal.close();
    assertNull(tail.look(10, true));
  }

  @Test
  void tellsTheCursorRowAtTheNextInputWhenItAgreesWithTmux() {
    PaneSignal signal = new PaneSignal();
    ScreenTail tail = new ScreenTail(signal);
    tail.seed(prompt(signal.version()), true);
    signal.output(ascii("echo hi\r\nhi\r\n$ "));
    long sentAt = signal.version();
    signal.output(ascii("late")); // printed after the input was sent: not part of the row then
    PaneSnapshot state = new PaneSnapshot(5, 2, 7, false, null, WIDTH, 12, List.of(), 24, 50_000, true, sentAt);
    assertTrue(tail.claimIfFollowing());
    assertEquals("$", tail.cursorRowAt(state));
    tail.release();

    ScreenTail other = new ScreenTail(signal);
    other.seed(prompt(0), true);
    PaneSnapshot elsewhere = new PaneSnapshot(5, 3, 7, false, null, WIDTH, 12, List.of(), 24, 50_000, true, sentAt);
    assertNull(other.cursorRowAt(elsewhere), "tmux puts the cursor one column further: do not guess");
    assertNull(new ScreenTail(signal).cursorRowAt(state), "no model");
    assertFalse(new ScreenTail(signal).claimIfFollowing(), "no model to follow with");
  }

  @Test
  void oneWaitAtATime() {
    ScreenTail tail = new ScreenTail(new PaneSignal());
    assertTrue(tail.claim());
    assertFalse(tail.claim());
    tail.release();
    assertTrue(tail.claim());
  }

  @Test
  void theSignalKeepsRecentEventsByVersion() {
    PaneSignal signal = new PaneSignal();
    assertEquals(List.of(), signal.since(0));
    signal.output(ascii("a"));
    signal.skipped();
    signal.output(ascii("b"));
    List<PaneSignal.Event> events = signal.since(1);
    assertEquals(2, events.size());
    assertNull(events.get(0).data(), "a gap is an event without bytes");
    assertEquals(3, events.get(1).version());
    assertEquals("b", new String(events.get(1).data(), StandardCharsets.US_ASCII));
    assertEquals(List.of(), signal.since(3));
    assertNull(signal.since(-1), "an unknown version");
  }
}

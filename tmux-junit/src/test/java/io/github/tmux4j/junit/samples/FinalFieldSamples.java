package io.github.tmux4j.junit.samples;

import io.github.tmux4j.Session;
import io.github.tmux4j.junit.TmuxSession;
import io.github.tmux4j.junit.TmuxTest;
import org.junit.jupiter.api.Test;

/** A field declaration the extension must refuse: the test fails, naming the field. */
@TmuxTest
public class FinalFieldSamples {
  @TmuxSession
  final Session cannotBeSet = null;

  @Test
  void test() {}
}

package io.github.tmux4j.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Splits the bytes a pane prints into what a terminal acts on: UTF-8 text (a character split between two
 * chunks is kept for the next), control characters, escape sequences ({@code ESC c}...), control sequences
 * ({@code ESC [ params command}) and operating-system commands ({@code ESC ] body BEL} or {@code ST}).
 * Device-control and other strings and character-set designations are consumed and dropped. What they
 * mean is the {@link Sink}'s business. Not thread-safe: one feeder.
 */
final class EscapeStream {
  /** What a terminal does with each piece. */
  interface Sink {
    /** Printable text, decoded. */
    void text(CharSequence chars);

    /** A C0 control character or DEL. */
    void control(byte b);

    /** The final byte of a two-byte escape sequence that is not one of those below ({@code c}, {@code M}...). */
    void escape(byte b);

    /** A control sequence: its parameter bytes (at most 64 kept) and its final byte. */
    void csi(String params, char command);

    /** An operating-system command's body (at most 512 bytes kept). */
    void osc(String body);
  }

  private enum State { TEXT, ESC, CSI, OSC, OSC_ESC, STRING, STRING_ESC, CHARSET }

  private final Sink sink;
  private State state = State.TEXT;
  private final StringBuilder sequence = new StringBuilder();
  private final ByteArrayOutputStream text = new ByteArrayOutputStream();
  private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
  private final ByteBuffer pending = ByteBuffer.allocate(8);

  EscapeStream(Sink sink) {
    this.sink = sink;
  }

  void feed(byte[] data, int from, int to) {
    for (int i = from; i < to; i++) {
      byte b = data[i];
      switch (state) {
        case TEXT -> {
          if (b == 0x1b) {
            flushText();
            state = State.ESC;
          } else if ((b & 0xff) < 0x20 || b == 0x7f) {
            flushText();
            sink.control(b);
          } else {
            text.write(b);
          }
        }
        case ESC -> escape(b);
        case CSI -> {
          if (b >= 0x40 && b <= 0x7e) {
            String params = sequence.toString();
            sequence.setLength(0);
            state = State.TEXT;
            sink.csi(params, (char) b);
          } else if (sequence.length() < 64) {
            sequence.append((char) b);
          }
        }
        case OSC -> {
          if (b == 0x07) {
            osc();
          } else if (b == 0x1b) {
            state = State.OSC_ESC;
          } else if (sequence.length() < 512) {
            sequence.append((char) (b & 0xff));
          }
        }
        case OSC_ESC -> {
          if (b == '\\') {
            osc();
          } else {
            sequence.setLength(0);
            state = State.TEXT;
          }
        }
        case STRING -> state = b == 0x1b ? State.STRING_ESC : b == 0x07 ? State.TEXT : State.STRING;
        case STRING_ESC -> state = b == '\\' ? State.TEXT : State.STRING;
        case CHARSET -> state = State.TEXT;
        default -> throw new IllegalStateException(state.toString());
      }
    }
    flushText();
  }

  private void escape(byte b) {
    sequence.setLength(0);
    switch (b) {
      case '[' -> state = State.CSI;
      case ']' -> state = State.OSC;
      case 'P', 'X', '^', '_' -> state = State.STRING;
      case '(', ')', '*', '+' -> state = State.CHARSET;
      default -> {
        state = State.TEXT;
        sink.escape(b);
      }
    }
  }

  private void osc() {
    String body = sequence.toString();
    sequence.setLength(0);
    state = State.TEXT;
    sink.osc(body);
  }

  private void flushText() {
    if (text.size() == 0) {
      return;
    }
    byte[] bytes = text.toByteArray();
    text.reset();
    ByteBuffer in;
    if (pending.position() > 0) {
      pending.flip();
      in = ByteBuffer.allocate(pending.remaining() + bytes.length).put(pending).put(bytes);
      in.flip();
      pending.clear();
    } else {
      in = ByteBuffer.wrap(bytes);
    }
    CharBuffer out = CharBuffer.allocate(in.remaining());
    utf8.decode(in, out, false);
    if (in.hasRemaining() && in.remaining() <= pending.capacity()) {
      pending.put(in); // a character split between two chunks
    }
    out.flip();
    sink.text(out);
  }
}

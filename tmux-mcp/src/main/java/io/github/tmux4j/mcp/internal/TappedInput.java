package io.github.tmux4j.mcp.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The stdio transport's input, one newline-delimited JSON-RPC message at a time, each passed through
 * {@link MessageTap} before the MCP SDK reads it. At the end of input it waits until the requests read were
 * answered ({@link StdioDrain}), then runs {@code onEnd} and reports the end.
 */
final class TappedInput extends InputStream {
  private static final System.Logger LOG = System.getLogger(TappedInput.class.getName());
  private final InputStream in;
  private final MessageTap tap;
  private byte[] buffer = new byte[0];
  private int at;
  private final Runnable onEnd;
  private final StdioDrain drain;
  private boolean ended;

  TappedInput(InputStream in, MessageTap tap, StdioDrain drain, Runnable onEnd) {
    this.in = in;
    this.drain = drain;
    this.tap = tap;
    this.onEnd = onEnd;
  }

  @Override
  public int read() throws IOException {
    if (!fill()) {
      return -1;
    }
    return buffer[at++] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (!fill()) {
      return -1;
    }
    int n = Math.min(len, buffer.length - at);
    System.arraycopy(buffer, at, b, off, n);
    at += n;
    return n;
  }

  @Override
  public int available() {
    return buffer.length - at;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  /**
   * The input ended: the SDK learns it only once the requests read so far were answered (bounded), since
   * it drops whatever it has not handled when its input ends.
   */
  private boolean end() throws IOException {
    try {
      if (!drain.awaitAnswered(McpRuntime.STDIO_DRAIN_MILLIS)) {
        LOG.log(System.Logger.Level.WARNING, "Input ended with requests unanswered after "
            + McpRuntime.STDIO_DRAIN_MILLIS + " ms; stopping without them");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while answering the last requests");
    } finally {
      onEnd.run();
    }
    return false;
  }

  /** Reads the next line when the current one is used up; false at the end of input. */
  private boolean fill() throws IOException {
    while (at >= buffer.length) {
      if (ended) {
        return end();
      }
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      int c;
      while ((c = in.read()) >= 0 && c != '\n') {
        line.write(c);
      }
      ended = c < 0;
      if (line.size() == 0 && ended) {
        return end();
      }
      String text = tap.tap("", line.toString(StandardCharsets.UTF_8));
      drain.read(text);
      buffer = (ended ? text : text + "\n").getBytes(StandardCharsets.UTF_8);
      at = 0;
    }
    return true;
  }
}

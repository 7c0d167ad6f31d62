package io.github.tmux4j.mcp.internal;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Lets a stdio server answer what its client asked before closing its input: counts the requests read
 * (messages with a method and an id) and the responses written (lines starting
 * {@code {"jsonrpc":"2.0","id":}), and waits, bounded, until they match.
 */
final class StdioDrain {
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();
  private static final byte[] RESPONSE = "{\"jsonrpc\":\"2.0\",\"id\":".getBytes(StandardCharsets.UTF_8);
  private long requests;
  private long responses;

  /** Counts the requests of one input line (a message or a batch). */
  void read(String line) {
    int n = 0;
    String s = line.strip();
    if (s.startsWith("{") || s.startsWith("[")) {
      try {
        com.fasterxml.jackson.databind.JsonNode tree = JSON.readTree(s);
        for (com.fasterxml.jackson.databind.JsonNode m : tree.isArray() ? tree : java.util.List.of(tree)) {
          n += m.hasNonNull("method") && m.hasNonNull("id") ? 1 : 0;
        }
      } catch (IOException e) {
        // not JSON: the SDK answers it with an error or drops it; not waited for
      }
    }
    synchronized (this) {
      requests += n;
    }
  }

  /** The output stream, counting responses line by line. */
  OutputStream counting(OutputStream out) {
    return new FilterOutputStream(out) {
      private final byte[] head = new byte[RESPONSE.length];
      private int at;
      private boolean lineStart = true;

      @Override
      public void write(int b) throws IOException {
        out.write(b);
        see((byte) b);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        for (int i = off; i < off + len; i++) {
          see(b[i]);
        }
      }

      private void see(byte b) {
        if (b == '\n') {
          lineStart = true;
          at = 0;
          return;
        }
        if (lineStart && at < head.length) {
          head[at++] = b;
          if (at == head.length) {
            lineStart = false;
            if (java.util.Arrays.equals(head, RESPONSE)) {
              responded();
            }
          }
        }
      }
    };
  }

  private synchronized void responded() {
    responses++;
    notifyAll();
  }

  /** Waits until every request read was answered, at most {@code millis}; whether they were. */
  synchronized boolean awaitAnswered(long millis) throws InterruptedException {
    long until = System.nanoTime() + millis * 1_000_000L;
    while (responses < requests) {
      long left = (until - System.nanoTime()) / 1_000_000L;
      if (left <= 0) {
        return false;
      }
      wait(left);
    }
    return true;
  }
}

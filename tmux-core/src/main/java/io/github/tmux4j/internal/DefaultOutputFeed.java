package io.github.tmux4j.internal;

import io.github.tmux4j.Ansi;
import io.github.tmux4j.OutputFeed;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/** The {@link OutputFeed} implementation on a {@link PaneSignal}. */
final class DefaultOutputFeed implements OutputFeed {
  private final TmuxCommands server;
  private final String pane;
  private final Clock clock;
  private final boolean lines;
  private final boolean strip;
  private final boolean timestamps;

  DefaultOutputFeed(TmuxCommands server, String pane, Clock clock, boolean lines, boolean strip, boolean timestamps) {
    this.server = server;
    this.pane = pane;
    this.clock = clock;
    this.lines = lines;
    this.strip = strip;
    this.timestamps = timestamps;
  }

  @Override
  public OutputFeed lines() {
    return new DefaultOutputFeed(server, pane, clock, true, strip, timestamps);
  }

  @Override
  public OutputFeed stripAnsi() {
    return new DefaultOutputFeed(server, pane, clock, lines, true, timestamps);
  }

  @Override
  public OutputFeed timestamps() {
    return new DefaultOutputFeed(server, pane, clock, true, strip, true);
  }

  @Override
  public Subscription follow(Consumer<String> listener) {
    return subscribe(listener, () -> {});
  }

  @Override
  public OutputTail open(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
    }
    Tail tail = new Tail(capacity);
    tail.subscription = subscribe(tail::add, tail::end);
    return tail;
  }

  private Subscription subscribe(Consumer<String> listener, Runnable onEnd) {
    PaneSignal signal = server.signal(pane);
    if (signal == null) {
      throw new IllegalStateException("A live output feed needs a control-mode connection to pane " + pane
          + "; use TmuxClient.builder().transport(Transport.CONTROL_MODE) (the default), or capture() to read "
          + "the screen");
    }
    Decoder decoder = new Decoder(listener);
    java.util.concurrent.atomic.AtomicBoolean ended = new java.util.concurrent.atomic.AtomicBoolean();
    Runnable closer = () -> {
      if (ended.compareAndSet(false, true)) {
        decoder.flush();
        onEnd.run();
      }
    };
    PaneSignal.Listener sink = new PaneSignal.Listener() {
      @Override
      public void output(long version, byte[] data) {
        decoder.accept(data);
      }

      @Override
      public void gap(long version) {
        decoder.gap();
      }

      @Override
      public void closed() {
        closer.run();
      }
    };
    signal.subscribe(sink);
    return () -> {
      signal.unsubscribe(sink);
      closer.run();
    };
  }

  /** Turns bytes into text (UTF-8, a character split across chunks is joined) and lines. */
  private final class Decoder {
    private final Consumer<String> out;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    private ByteBuffer carry = ByteBuffer.allocate(0);
    private final StringBuilder partialLine = new StringBuilder();

    Decoder(Consumer<String> out) {
      this.out = out;
    }

    synchronized void accept(byte[] data) {
      ByteBuffer in = ByteBuffer.allocate(carry.remaining() + data.length);
      in.put(carry).put(data).flip();
      CharBuffer chars = CharBuffer.allocate(in.remaining() + 1);
      utf8.decode(in, chars, false);
      carry = in.slice(); // an incomplete multi-byte character waits for the next chunk
      chars.flip();
      emit(chars.toString());
    }

    private void emit(String text) {
      if (text.isEmpty()) {
        return;
      }
      if (!lines) {
        out.accept(strip ? Ansi.strip(text) : text);
        return;
      }
      int start = 0;
      for (int nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
        partialLine.append(text, start, nl);
        deliverLine();
        start = nl + 1;
      }
      partialLine.append(text, start, text.length());
      if (partialLine.length() > 1 << 20) { // a line without end: deliver it in 1 MB pieces
        deliverLine();
      }
    }

    private void deliverLine() {
      String line = partialLine.toString();
      partialLine.setLength(0);
      if (line.endsWith("\r")) {
        line = line.substring(0, line.length() - 1);
      }
      if (strip) {
        line = Ansi.strip(line);
      }
      out.accept(timestamps ? clock.instant() + " " + line : line);
    }

    synchronized void flush() {
      if (lines && partialLine.length() > 0) {
        deliverLine();
      }
    }

    /** Output was skipped: what came before does not continue into what comes next. */
    synchronized void gap() {
      carry = ByteBuffer.allocate(0);
      utf8.reset();
      flush();
    }
  }

  /** A bounded buffer that drops the oldest items when full. */
  private static final class Tail implements OutputTail {
    private final int capacity;
    private final ArrayDeque<String> items = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition available = lock.newCondition();
    private long dropped;
    private boolean ended;
    volatile Subscription subscription;

    Tail(int capacity) {
      this.capacity = capacity;
    }

    void add(String item) {
      lock.lock();
      try {
        if (ended) {
          return;
        }
        if (items.size() == capacity) {
          items.removeFirst();
          dropped++;
        }
        items.addLast(item);
        available.signalAll();
      } finally {
        lock.unlock();
      }
    }

    void end() {
      lock.lock();
      try {
        ended = true;
        available.signalAll();
      } finally {
        lock.unlock();
      }
    }

    @Override
    public Optional<String> next(Duration timeout) {
      long left = timeout.toNanos();
      lock.lock();
      try {
        while (items.isEmpty() && !ended) {
          if (left <= 0) {
            return Optional.empty();
          }
          left = available.awaitNanos(left);
        }
        return Optional.ofNullable(items.pollFirst());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      } finally {
        lock.unlock();
      }
    }

    @Override
    public boolean finished() {
      lock.lock();
      try {
        return ended && items.isEmpty();
      } finally {
        lock.unlock();
      }
    }

    @Override
    public long dropped() {
      lock.lock();
      try {
        return dropped;
      } finally {
        lock.unlock();
      }
    }

    @Override
    public Iterator<String> iterator() {
      return new Iterator<>() {
        private String next;

        @Override
        public boolean hasNext() {
          while (next == null) {
            Optional<String> item = Tail.this.next(Duration.ofDays(365));
            if (item.isPresent()) {
              next = item.get();
            } else if (finished()) {
              return false;
            }
          }
          return true;
        }

        @Override
        public String next() {
          if (!hasNext()) {
            throw new NoSuchElementException();
          }
          String item = next;
          next = null;
          return item;
        }
      };
    }

    @Override
    public void close() {
      Subscription s = subscription;
      if (s != null) {
        s.close();
      }
      end();
    }
  }

}

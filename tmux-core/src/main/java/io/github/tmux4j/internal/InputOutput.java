package io.github.tmux4j.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * What a pane prints after one input, rendered as it arrives ({@link OutputRenderer}): in control mode
 * from the control client's output notifications (those answered after the input's own command, exactly;
 * see {@link TmuxResult#outputVersion()}), with the process transport from a file that {@code pipe-pane}
 * fills, started on the input's own command line. Used by one waiting thread at a time.
 */
abstract class InputOutput implements AutoCloseable {
  /** How long a wait may go without looking at the pane otherwise (a program that exits prints nothing). */
  static final long MAX_SILENCE_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
  /**
   * How long one call renders at least, past its deadline if need be: a pane that prints faster than it
   * is rendered would otherwise keep a wait rendering past its deadline.
   */
  static final long MIN_RENDER_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

  /** When rendering in one call stops: the deadline, but not before {@link #MIN_RENDER_NANOS} from now. */
  static long renderUntil(long deadline) {
    return Math.max(deadline, System.nanoTime() + MIN_RENDER_NANOS);
  }

  final OutputRenderer renderer;
  /** When output was last rendered ({@link System#nanoTime()}), or when the input was made. */
  private long lastOutputNanos = System.nanoTime();

  InputOutput(OutputRenderer renderer) {
    this.renderer = renderer;
  }

  /**
   * When output was last rendered: the silence of a pane is measured from it.
   *
   * @return a {@link System#nanoTime()}; the time the input was made if nothing was rendered yet
   */
  long lastOutputNanos() {
    return lastOutputNanos;
  }

  /** Notes that output was just rendered. */
  void rendered() {
    lastOutputNanos = System.nanoTime();
  }

  /**
   * Renders what arrived; if nothing did, waits until something does, the deadline passes, or
   * {@link #MAX_SILENCE_NANOS} of silence.
   *
   * @param deadline {@link System#nanoTime()} to give up at
   * @return {@code true} if new output was rendered
   * @throws InterruptedException if interrupted
   */
  abstract boolean await(long deadline) throws InterruptedException;

  /**
   * Whether output was lost between the input and now (the control client fell behind and tmux dropped
   * output for it, or the stream ended): then what was rendered is incomplete.
   *
   * @return {@code true} if something is missing
   */
  abstract boolean incomplete();

  @Override
  public abstract void close();

  /** From the control client's {@code %output} of the pane. */
  static final class FromControl extends InputOutput implements PaneSignal.Listener {
    /**
     * Bytes queued at most while nobody renders them (a settled input of an idle handle whose pane keeps
     * printing); beyond it, output is dropped and counted as a gap, so an idle handle holds bounded memory.
     */
    static final long MAX_QUEUED_BYTES = 32L << 20;
    private final PaneSignal signal;
    private final AtomicLong queued = new AtomicLong();
    private final ConcurrentLinkedQueue<PaneSignal.Event> events = new ConcurrentLinkedQueue<>();
    private volatile long after = Long.MAX_VALUE;
    private long seen;
    private volatile boolean gap;
    private volatile long lastGap = -1;
    private volatile boolean ended;

    /** Starts listening; call {@link #from} with the version the input's command was answered at. */
    FromControl(PaneSignal signal, OutputRenderer renderer) {
      super(renderer);
      this.signal = signal;
      this.seen = signal.version();
      signal.subscribe(this);
    }

    /**
     * Renders only what was printed after the input: output answered at a later version.
     *
     * @param version the version the input's command was answered at
     */
    void from(long version) {
      if (version < 0) { // answered by a tmux process: the control client was lost meanwhile
        gap = true;
        after = signal.version();
      } else {
        after = version;
      }
    }

    @Override
    public void output(long version, byte[] data) {
      if (queued.addAndGet(data.length) > MAX_QUEUED_BYTES) {
        queued.addAndGet(-data.length);
        lastGap = version; // dropped: what is rendered later is incomplete
        return;
      }
      events.add(new PaneSignal.Event(version, data));
    }

    @Override
    public void gap(long version) {
      lastGap = version; // output dropped after the input makes the rendering incomplete
      events.add(new PaneSignal.Event(version, null));
    }

    @Override
    public void reshaped(long version) {
      events.add(new PaneSignal.Event(version, null));
    }

    @Override
    public void closed() {
      ended = true;
    }

    @Override
    boolean await(long deadline) throws InterruptedException {
      long stop = renderUntil(deadline);
      if (drain(stop)) {
        return true;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0 || ended) {
        return false;
      }
      signal.awaitAfter(seen, Math.min(left, MAX_SILENCE_NANOS));
      return drain(renderUntil(deadline));
    }

    /** Renders queued output until the queue is empty or, checked every 64 events, {@code stop} passed. */
    private boolean drain(long stop) {
      boolean any = false;
      PaneSignal.Event e;
      int count = 0;
      while ((++count % 64 != 0 || System.nanoTime() < stop) && (e = events.poll()) != null) {
        seen = Math.max(seen, e.version());
        if (e.data() != null) {
          queued.addAndGet(-e.data().length);
        }
        if (e.version() > after && e.data() != null) {
          renderer.feed(e.data());
          any = true;
          rendered();
        }
      }
      return any;
    }

    @Override
    boolean incomplete() {
      return gap || ended || lastGap > after;
    }

    @Override
    public void close() {
      signal.unsubscribe(this);
    }
  }

  /** From the file {@code pipe-pane} writes (the process transport, which receives no notifications). */
  static final class FromFile extends InputOutput {
    private static final long MAX_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private final Path file;
    private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
    private FileChannel channel;

    FromFile(Path file, OutputRenderer renderer) {
      super(renderer);
      this.file = file;
    }

    @Override
    boolean await(long deadline) throws InterruptedException {
      long silentUntil = Math.min(deadline, System.nanoTime() + MAX_SILENCE_NANOS);
      long pause = TimeUnit.MICROSECONDS.toNanos(500);
      long stop = renderUntil(deadline);
      while (!read(stop)) {
        long left = silentUntil - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        LockSupport.parkNanos(Math.min(pause, left));
        if (Thread.interrupted()) {
          throw new InterruptedException();
        }
        pause = Math.min(pause * 2, MAX_PAUSE_NANOS);
      }
      return true;
    }

    /** Renders what the file has gained, until its end or, checked after each 64 KB, {@code stop} passed. */
    private boolean read(long stop) {
      try {
        if (channel == null) {
          if (!java.nio.file.Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return false; // tmux's pipe has not opened it yet
          }
          channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        }
        boolean any = false;
        int n;
        while ((n = channel.read(buffer.clear())) > 0) {
          renderer.feed(buffer.array(), 0, n);
          any = true;
          rendered();
          if (System.nanoTime() >= stop) {
            break; // the rest is read by the next call
          }
        }
        return any;
      } catch (IOException e) {
        return false;
      }
    }

    @Override
    boolean incomplete() {
      return false;
    }

    @Override
    public void close() {
      if (channel != null) {
        try {
          channel.close();
        } catch (IOException ignored) {
          // closing anyway
        }
      }
      SpoolFiles.delete(file); // the pipe of the next input writes to a new file
    }
  }
}

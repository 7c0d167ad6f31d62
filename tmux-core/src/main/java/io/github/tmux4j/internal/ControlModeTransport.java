package io.github.tmux4j.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Routes commands that concern a pane through a persistent control-mode client attached to that pane's
 * session (about 0.1 ms a command instead of 2.5 ms for a new process), and gives waiters live output
 * signals so they need not poll. Everything else (creating sessions, listing, reading stdin) and any
 * pane whose client cannot attach goes through a {@link ProcessTransport}, and so does everything with a
 * tmux that is not {@linkplain TmuxVersion#controlModeSafe safe} with control clients. Thread-safe.
 *
 * <p>Control clients attach and leave under the socket's {@link AttachGate}: an attach holds it
 * exclusively until the client's first output line, and a client is never killed before that line (it
 * would crash tmux 3.2a-3.6b); closing clients holds it shared until the server no longer lists them.
 */
public final class ControlModeTransport implements CommandTransport {
  private static final System.Logger LOG = System.getLogger(ControlModeTransport.class.getName());
  /** Commands that only read: a command lost with its connection is sent again on a new one. */
  private static final Set<String> READ_ONLY = Set.of("display-message", "capture-pane", "list-panes",
      "list-sessions", "list-clients", "list-windows", "show-options", "has-session");

  private final String binary;
  private final Path socket;
  private final Duration timeout;
  private final ProcessTransport fallback;
  private final AttachGate gate;
  private final Map<String, ControlConnection> connections = new ConcurrentHashMap<>();
  private final Map<String, Object> attachLocks = new ConcurrentHashMap<>();
  private final Map<String, PaneSignal> signals = new ConcurrentHashMap<>();
  private volatile boolean closed;
  /** Whether this tmux may have control clients at all ({@link TmuxVersion#controlModeSafe}); asked once. */
  private volatile Boolean attachable;
  /** This JVM's presence on the socket while the transport may have control clients (see AttachGate). */
  private AttachGate.Permit presence;

  /**
   * Creates the transport.
   *
   * @param binary the tmux executable
   * @param socket the server socket
   * @param timeout how long a command may take
   * @param fallback the transport for everything that is not pane-scoped
   */
  public ControlModeTransport(String binary, Path socket, Duration timeout, ProcessTransport fallback) {
    this.binary = binary;
    this.socket = socket;
    this.timeout = timeout;
    this.fallback = fallback;
    this.gate = AttachGate.of(socket);
  }

  @Override
  public TmuxResult execute(List<String> args, byte[] stdin) {
    return fallback.execute(args, stdin);
  }

  @Override
  public TmuxResult execute(String pane, List<String> args) {
    for (int attempt = 0; ; attempt++) {
      ControlConnection c = connection(pane);
      if (c == null) {
        return fallback.execute(args, null);
      }
      try {
        return c.execute(pane, args, timeout);
      } catch (NotSentException notRun) {
        connections.remove(pane, c);
        c.closeInput(); // its end (a gap in the pane's output) is published before another client feeds it
        return fallback.execute(args, null);
      } catch (LostException lost) {
        connections.remove(pane, c);
        c.closeInput();
        // The client ended mid-command: it was killed, or the server or the session went away. Ask tmux
        // which, so the caller gets the right exception (the process transport's answer maps like any other).
        TmuxResult probe = fallback.execute(List.of("display-message", "-p", "-t", pane, "#{pane_id}"), null);
        if (probe.exitCode() != 0) {
          return probe;
        }
        if (probe.stdout().isBlank()) {
          return new TmuxResult(1, "", "can't find pane: " + pane);
        }
        if (attempt == 0 && readOnly(args)) {
          continue; // the pane is there and the command changes nothing: ask again on a new client
        }
        String token = Commands.inputMarkerToken(args);
        if (attempt == 0 && token != null) {
          String marker = markerOf(pane);
          if (marker != null && !marker.startsWith(token + " ")) {
            continue; // the line never ran: nothing was typed, so it can be sent again
          }
          if (marker != null) {
            // It ran: its first answer line was stored with the token; the rest of the answer is lost.
            return new TmuxResult(0, marker.substring(token.length() + 1) + "\n", "", -1);
          }
        }
        throw lost;
      }
    }
  }

  /** The input marker a pane holds (see {@link Commands#inputMarker}), or {@code null} if it cannot be read. */
  private String markerOf(String pane) {
    TmuxResult marker = fallback.execute(List.of("display-message", "-p", "-t", pane,
        "#{" + Commands.INPUT_MARKER_OPTION + "}"), null);
    return marker.exitCode() == 0 ? marker.stdout().strip() : null;
  }

  /** Whether every command of an argument list only reads. */
  static boolean readOnly(List<String> args) {
    boolean commandStart = true;
    for (String a : args) {
      if (commandStart && !READ_ONLY.contains(a)) {
        return false;
      }
      commandStart = a.equals(";");
    }
    return true;
  }

  @Override
  public PaneSignal signal(String pane) {
    // Waiters ask for the signal right after a command went through connection(), which checked the
    // socket; skip that check here. If the socket is replaced later, the next command closes this
    // connection, which closes its signals, and waiters fall back to polling.
    ControlConnection c = connections.get(pane);
    if (c == null || !c.alive()) {
      c = connection(pane);
    }
    return c == null ? null : signalOf(pane);
  }

  /**
   * The pane's signal: one per pane for as long as the pane is used, fed by whichever control client is
   * attached for it, so that a client replaced mid-use (killed, say) does not strand its listeners; the
   * versions of answers from any of them are comparable.
   */
  private PaneSignal signalOf(String pane) {
    return signals.computeIfAbsent(pane, p -> new PaneSignal());
  }

  /** Ends the signal of a pane that is no longer used, or whose server was replaced. */
  private void dropSignal(String pane) {
    PaneSignal s = signals.remove(pane);
    if (s != null) {
      s.close();
    }
  }

  @Override
  public void release(String pane) {
    attachLocks.remove(pane);
    ControlConnection c = connections.remove(pane);
    if (c != null) {
      retire(List.of(c));
    }
    dropSignal(pane);
  }

  private ControlConnection connection(String pane) {
    if (closed) {
      return null;
    }
    // A connection is only good while the server it attached to is the one listening on the socket: if
    // the socket file was deleted or replaced (a new server; pane ids start again at %0), drop it.
    Object server = socketIdentity();
    ControlConnection c = connections.get(pane);
    if (c != null && c.alive() && c.server().equals(server)) {
      return c;
    }
    if (c != null && connections.remove(pane, c)) {
      retire(List.of(c));
      if (!c.server().equals(server)) {
        dropSignal(pane); // another server: its pane of that id is another pane
      }
    }
    if (server == null || gate.heldSharedByCurrentThread() || !attachable()) {
      // No socket, no server: the process transport reports it. A thread that holds the gate shared
      // (killing a session, say) must not attach: the attach would wait for that very thread.
      return null;
    }
    // One attach per pane at a time, under a lock of its own: never inside a map operation, whose lock
    // another thread (one that holds the gate shared and drops a connection) could be waiting for.
    synchronized (attachLocks.computeIfAbsent(pane, p -> new Object())) {
      ControlConnection current = connections.get(pane);
      if (current != null && current.alive() && current.server().equals(server)) {
        return current;
      }
      ControlConnection fresh = attach(pane, server); // a pane whose client cannot attach falls back
      if (fresh != null) {
        connections.put(pane, fresh);
        if (closed && connections.remove(pane, fresh)) { // close() ran meanwhile and did not see it
          retire(List.of(fresh));
          return null;
        }
      }
      return fresh;
    }
  }

  private boolean attachable() {
    Boolean ok = attachable;
    if (ok == null) {
      ok = TmuxVersion.of(binary, timeout).controlModeSafe();
      attachable = ok;
    }
    return ok;
  }

  /**
   * Attaches a control client to the session of {@code pane}, holding the gate exclusively until the
   * client has spoken.
   *
   * @return the connection, or {@code null} if it could not attach (the caller uses processes instead)
   */
  private ControlConnection attach(String pane, Object server) {
    long deadline = System.nanoTime() + timeout.toNanos();
    AttachGate.Permit permit = gate.exclusive(timeout);
    if (permit == null) {
      LOG.log(System.Logger.Level.DEBUG, () -> "Attach gate of " + socket + " busy; " + pane + " uses processes");
      return null;
    }
    ControlConnection c;
    try {
      settleDeadHolders();
      c = ControlConnection.start(binary, socket, pane, server, signalOf(pane));
      if (c == null) {
        permit.close();
        return null;
      }
      if (!c.awaitSpoke(deadline - System.nanoTime())) {
        abandon(c, permit);
        return null;
      }
    } catch (RuntimeException e) {
      permit.close();
      throw e;
    }
    permit.close();
    if (c.awaitAttached(deadline - System.nanoTime())) {
      if (TmuxLog.commands()) {
        TmuxLog.COMMANDS.log(System.Logger.Level.DEBUG, c + ": attached, pid " + c.pid());
      }
      return c;
    }
    retire(List.of(c)); // it could not attach (no such pane, old tmux) or took too long
    return null;
  }

  /**
   * Before an attach, with the gate held exclusively: if a JVM died while it held the gate or had control
   * clients on this socket, its tmux processes live on and make tmux notify control clients; let them
   * finish (terminating its control clients that cannot leave), then one round trip, so that nothing of
   * it reaches the client about to attach.
   */
  private void settleDeadHolders() {
    synchronized (this) {
      if (presence == null && !closed) {
        presence = gate.presence().present();
      }
    }
    List<Path> dead = gate.presence().deadHolders();
    if (dead.isEmpty()) {
      return;
    }
    TmuxResult server = fallback.execute(List.of("display-message", "-p", "#{pid}"), null);
    long serverPid = server.exitCode() == 0 && server.stdout().strip().matches("\\d+")
        ? Long.parseLong(server.stdout().strip()) : 0;
    List<Long> orphans = Orphans.settle(socket, serverPid, timeout);
    LOG.log(System.Logger.Level.INFO, () -> "A process that used " + socket + " died; settled what it left: "
        + orphans.size() + " tmux process(es) " + orphans);
    ClientDepartures.await(fallback, orphans, System.nanoTime() + timeout.toNanos());
    gate.presence().forget(dead);
  }

  /**
   * A client that did not finish its handshake in time (the server is stopped or overloaded) must not be
   * killed: that crashes tmux 3.2a-3.6b too. Its input is closed, so it leaves once attached, and the
   * gate stays exclusive until the server has seen it go.
   */
  private void abandon(ControlConnection c, AttachGate.Permit permit) {
    LOG.log(System.Logger.Level.WARNING, c + " did not finish attaching within " + timeout.toMillis()
        + " ms; the tmux server on " + socket + " may be stopped or overloaded. Its commands use processes; "
        + "no other control client attaches to this socket until it has left.");
    c.closeInput();
    c.onExit().whenComplete((process, error) -> {
      Thread confirm = new Thread(() -> {
        try {
          ClientDepartures.await(fallback, List.of(c.pid()), System.nanoTime() + timeout.toNanos());
        } catch (RuntimeException e) {
          LOG.log(System.Logger.Level.DEBUG, "Could not confirm that " + c + " left", e);
        } finally {
          permit.close();
        }
      }, "tmux4j-attach-abandoned");
      confirm.setDaemon(true);
      confirm.start();
    });
  }

  /**
   * Closes control clients and waits until the server has seen them go, holding the gate shared
   * meanwhile (a leaving client makes tmux notify every control client). Bounded by the command timeout:
   * a client that does not leave after its input closed is terminated ({@link ControlConnection#terminate}
   * never signals one still in its handshake; only attached clients are ever retired).
   */
  private void retire(Collection<ControlConnection> leaving) {
    if (leaving.isEmpty()) {
      return;
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    List<Long> pids = new ArrayList<>();
    try (AttachGate.Permit permit = gate.shared(timeout)) {
      leaving.forEach(ControlConnection::closeInput);
      for (ControlConnection c : leaving) {
        pids.add(c.pid());
        if (!exited(c, deadline - System.nanoTime() - timeout.toNanos() / 2) && c.terminate()) {
          exited(c, deadline - System.nanoTime());
        }
      }
      if (!ClientDepartures.await(fallback, pids, deadline)) {
        LOG.log(System.Logger.Level.WARNING, "tmux on " + socket + " still lists control clients " + pids
            + " after " + timeout.toMillis() + " ms; the server may be stopped or overloaded");
      }
    } catch (io.github.tmux4j.TmuxException busy) {
      leaving.forEach(ControlConnection::closeInput);
      LOG.log(System.Logger.Level.WARNING, "Closed control clients of " + socket + " without the attach gate: "
          + busy.getMessage());
    }
  }

  private static boolean exited(ControlConnection c, long nanos) {
    try {
      c.onExit().get(Math.max(0, nanos), TimeUnit.NANOSECONDS);
      return true;
    } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The socket file's identity (device and inode), or {@code null} if there is none. */
  private Object socketIdentity() {
    try {
      Object key = Files.readAttributes(socket, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
      return key != null ? key : socket;
    } catch (IOException e) {
      return null;
    }
  }

  @Override
  public void close() {
    closed = true;
    List<ControlConnection> all = new ArrayList<>(connections.values());
    connections.clear();
    retire(all);
    new ArrayList<>(signals.keySet()).forEach(this::dropSignal);
    synchronized (this) {
      if (presence != null) {
        presence.close();
        presence = null;
      }
    }
  }
}

"""send("echo <marker>") + busy-poll capture_pane until the marker shows, with libtmux.

Usage: python3 libtmux_bench.py SOCKET ITERATIONS WARMUP
Prints one line per measured iteration: the latency in nanoseconds.
"""
import sys
import time

import libtmux

socket, iterations, warmup = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
server = libtmux.Server(socket_path=socket)
session = server.new_session(session_name="libtmux-bench", window_command="env PS1='$ ' bash --norc --noprofile -i")
pane = session.attached_window.attached_pane if hasattr(session, "attached_window") else session.active_window.active_pane
deadline = time.time() + 10
while "$" not in "\n".join(pane.capture_pane()):
    if time.time() > deadline:
        sys.exit("bash did not start")
for i in range(warmup + iterations):
    marker = "m%dx" % i
    start = time.perf_counter_ns()
    pane.send_keys("echo " + marker[:1] + "''" + marker[1:], enter=True)
    while not any(line.strip() == marker for line in pane.capture_pane()):
        pass
    elapsed = time.perf_counter_ns() - start
    if i >= warmup:
        print(elapsed)
server.kill_server()

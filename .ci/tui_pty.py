"""Run `docket --db DB tui` on a pseudo-terminal (as a clerk does), wait until the queue is drawn
(the TEXTs and at least ROWS of the database's item titles on screen), press q and expect exit 0.

Usage: python tui_pty.py DOCKET DB TEXT...   (standard library only)"""
from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
import time

ROWS = 5
docket, db, *expected = sys.argv[1:]
listing = subprocess.run([docket, "--db", db, "list", "--json"], capture_output=True, text=True, check=True)
titles = [row["title"][:8] for row in json.loads(listing.stdout)]


def drawn(plain: str) -> bool:
    return all(t in plain for t in expected) and sum(t in plain for t in titles) >= ROWS


pid, fd = pty.fork()
if pid == 0:  # the child: a 120x40 terminal
    os.environ.update(TERM="xterm-256color", COLUMNS="120", LINES="40")
    os.execv(docket, [docket, "--db", db, "tui"])
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))

screen = b""
deadline = time.monotonic() + 60
plain = ""
while time.monotonic() < deadline:
    ready, _, _ = select.select([fd], [], [], 0.5)
    if ready:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        screen += chunk
        plain = re.sub(r"\x1b\[[0-9;?<>=]*[A-Za-z]|\x1b[()][0-9A-Za-z]|\x1b\][^\x07]*\x07", "",
                       screen.decode("utf-8", "replace"))
        if drawn(plain):
            break
if not drawn(plain):
    os.kill(pid, 9)
    sys.exit(f"tui: the queue never appeared (expected {expected} and {ROWS} item titles); "
             f"last output: {plain[-2000:]!r}")
os.write(fd, b"q")
end = time.monotonic() + 30
while time.monotonic() < end:
    done, status = os.waitpid(pid, os.WNOHANG)
    if done:
        break
    select.select([fd], [], [], 0.2)
    try:
        os.read(fd, 65536)
    except OSError:
        pass
else:
    os.kill(pid, 9)
    sys.exit("tui: still running 30 s after q")
code = os.waitstatus_to_exitcode(status)
if code != 0:
    sys.exit(f"tui: exit {code} after q; output: {plain[-2000:]!r}")
print(f"tui: queue drawn ({sum(t in plain for t in titles)} item titles on screen), q exited 0")
if os.environ.get("SHOW"): print(plain[-3000:])

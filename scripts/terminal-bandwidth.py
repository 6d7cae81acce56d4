#!/usr/bin/env python3
"""Count the bytes Sluice's terminal UI writes to the terminal, per phase and per keystroke.

Runs the real TUI (`sluice --demo`, the in-process fake account: nothing leaves the machine) in a
pseudo-terminal of its own (TERM=xterm-256color, LANG=C.UTF-8, 80x24 set with TIOCSWINSZ before
it starts), scripts one session and counts every byte the program writes:

  startup       from exec until the list has loaded ("32 of 32") and the screen is quiet
  cursor-moves  50 x `j` (the last ones, past the end of the list, may write nothing)
  filter-keys   `/`, the filter text (default `orders`) one key at a time, Enter
  form-open     Enter on the selected mapping
  form-moves    20 x Down (the terminfo key kcud1, \\EOB in xterm's keypad mode)
  form-leave    Escape (and `y` if a dialog asks)
  quit          `q` (and `y` if a dialog asks), until the program has exited

Keys are sent one at a time: after each, the output is drained until the first byte (at most
--key-timeout) and then until nothing came for --quiet seconds, and the next key waits at least
--pace after this one, so each key's bytes are its own. A small terminal model follows the output so
the script can check each step did what it should (the list loaded, the filter took, the form
opened and closed). Every wait has a timeout; on any failure the program is killed and the last
screen printed. The binary is run from a copy, so a rebuild meanwhile cannot change it. Prints one
line per figure.

Usage: scripts/terminal-bandwidth.py [--sluice .build/release/sluice] [--columns 80] [--rows 24]
                                     [--monochrome] [--term xterm-256color] [--filter orders]
                                     [--per-key]
"""

from __future__ import annotations

import argparse
import codecs
import curses
import datetime
import errno
import fcntl
import hashlib
import os
import platform
import re
import select
import shlex
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOADED = re.compile(r"\b([1-9]\d*) of \1\b")  # "32 of 32": every mapping loaded, none filtered out
DIALOG = "n  Cancel (default)"  # the last line of every Sluice dialog; `y` confirms
FORM_TITLE = re.compile(r"sluice (→|->) ")


class Failure(Exception):
    """The session did not go as scripted."""


# ---------------------------------------------------------------------------------------------
# A small terminal model: enough of xterm to follow what ncurses draws, for the checks only.


class Screen:
    """Cells of a `columns` x `rows` terminal, fed with the program's output."""

    def __init__(self, columns: int, rows: int):
        self.columns, self.rows = columns, rows
        self.cells = [[" "] * columns for _ in range(rows)]
        self.x = self.y = 0
        self.top, self.bottom = 0, rows - 1
        self.wrap_next = False
        self.saved = (0, 0)
        self.last = " "
        self.bells = 0
        self.state = "text"
        self.sequence = ""
        self.decoder = codecs.getincrementaldecoder("utf-8")("replace")

    def text(self) -> str:
        return "\n".join("".join(row).rstrip() for row in self.cells)

    def feed(self, data: bytes) -> None:
        for ch in self.decoder.decode(data):
            self._char(ch)

    def _char(self, ch: str) -> None:
        state = self.state
        if state == "esc":
            self.state = "text"
            if ch == "[":
                self.state, self.sequence = "csi", ""
            elif ch == "]":
                self.state = "osc"
            elif ch in "()*+-./#%":
                self.state = "designate"
            elif ch == "M":
                self._reverse_index()
            elif ch == "D":
                self._index()
            elif ch == "E":
                self.x = 0
                self._index()
            elif ch == "7":
                self.saved = (self.x, self.y)
            elif ch == "8":
                self.x, self.y = self.saved
            elif ch == "c":
                self.__init__(self.columns, self.rows)
        elif state == "csi":
            if "@" <= ch <= "~":
                self.state = "text"
                self._csi(self.sequence, ch)
            else:
                self.sequence += ch
        elif state == "osc":
            if ch == "\x07":
                self.state = "text"
            elif ch == "\x1b":
                self.state = "osc-esc"
        elif state in ("osc-esc", "designate"):
            self.state = "text"
        elif ch == "\x1b":
            self.state = "esc"
        elif ch == "\r":
            self.x, self.wrap_next = 0, False
        elif ch in "\n\x0b\x0c":
            self.wrap_next = False
            self._index()
        elif ch == "\b":
            self.x, self.wrap_next = max(0, self.x - 1), False
        elif ch == "\t":
            self.x = min(self.columns - 1, (self.x // 8 + 1) * 8)
        elif ch == "\x07":
            self.bells += 1
        elif ch >= " " and ch != "\x7f":
            self._put(ch)

    def _put(self, ch: str) -> None:
        if unicodedata.combining(ch):
            return
        width = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        if self.wrap_next:
            self.x, self.wrap_next = 0, False
            self._index()
        self.cells[self.y][self.x] = ch
        if width == 2 and self.x + 1 < self.columns:
            self.cells[self.y][self.x + 1] = ""
        self.last = ch
        if self.x + width >= self.columns:
            self.wrap_next = True
        else:
            self.x += width

    def _index(self) -> None:
        if self.y == self.bottom:
            self._scroll_up(1)
        elif self.y < self.rows - 1:
            self.y += 1

    def _reverse_index(self) -> None:
        if self.y == self.top:
            self._scroll_down(1)
        elif self.y > 0:
            self.y -= 1

    def _blank(self) -> list[str]:
        return [" "] * self.columns

    def _scroll_up(self, count: int, at: int | None = None) -> None:
        start = self.top if at is None else at
        for _ in range(min(count, self.bottom - start + 1)):
            del self.cells[start]
            self.cells.insert(self.bottom, self._blank())

    def _scroll_down(self, count: int, at: int | None = None) -> None:
        start = self.top if at is None else at
        for _ in range(min(count, self.bottom - start + 1)):
            del self.cells[self.bottom]
            self.cells.insert(start, self._blank())

    def _csi(self, sequence: str, final: str) -> None:
        if sequence[:1] in ("?", ">", "=", "<"):
            return  # private modes (alternate screen, cursor visibility, keypad): nothing to draw
        values = [int(v) if v.isdigit() else 0 for v in sequence.split(";")] if sequence else []

        def arg(index: int, default: int) -> int:
            return values[index] if len(values) > index and values[index] else default

        row = self.cells[self.y]
        if final in "HfdG`ABCDEF":
            self.wrap_next = False
        if final in "Hf":
            self.y, self.x = arg(0, 1) - 1, arg(1, 1) - 1
        elif final == "d":
            self.y = arg(0, 1) - 1
        elif final in "G`":
            self.x = arg(0, 1) - 1
        elif final == "A":
            self.y -= arg(0, 1)
        elif final == "B":
            self.y += arg(0, 1)
        elif final == "C":
            self.x += arg(0, 1)
        elif final == "D":
            self.x -= arg(0, 1)
        elif final in "EF":
            self.y += arg(0, 1) if final == "E" else -arg(0, 1)
            self.x = 0
        elif final == "K":
            mode = arg(0, 0)
            span = range(self.x, self.columns) if mode == 0 else range(0, self.x + 1) if mode == 1 else range(self.columns)
            for i in span:
                row[i] = " "
        elif final == "J":
            mode = arg(0, 0)
            if mode == 0:
                self._csi("0", "K")
                lines = range(self.y + 1, self.rows)
            elif mode == 1:
                self._csi("1", "K")
                lines = range(0, self.y)
            else:
                lines = range(self.rows)
            for i in lines:
                self.cells[i] = self._blank()
        elif final == "X":
            for i in range(self.x, min(self.columns, self.x + arg(0, 1))):
                row[i] = " "
        elif final == "@":
            count = min(arg(0, 1), self.columns - self.x)
            row[self.x : self.x] = [" "] * count
            del row[self.columns :]
        elif final == "P":
            count = min(arg(0, 1), self.columns - self.x)
            del row[self.x : self.x + count]
            row.extend([" "] * count)
        elif final == "L" and self.top <= self.y <= self.bottom:
            self._scroll_down(arg(0, 1), at=self.y)
        elif final == "M" and self.top <= self.y <= self.bottom:
            self._scroll_up(arg(0, 1), at=self.y)
        elif final == "S":
            self._scroll_up(arg(0, 1))
        elif final == "T":
            self._scroll_down(arg(0, 1))
        elif final == "r":
            self.top, self.bottom = arg(0, 1) - 1, min(arg(1, self.rows), self.rows) - 1
            self.x = self.y = 0
        elif final == "b":
            for _ in range(arg(0, 1)):
                self._put(self.last)
        self.y = min(max(self.y, 0), self.rows - 1)
        self.x = min(max(self.x, 0), self.columns - 1)


# ---------------------------------------------------------------------------------------------
# The program in a pseudo-terminal


@dataclass
class Phase:
    """Bytes written in one part of the session: per key, plus what came after the last key."""

    name: str
    label: str
    per_key: list[int] = field(default_factory=list)
    late: int = 0  # bytes that came only in the longer wait at the end of the phase

    @property
    def total(self) -> int:
        return sum(self.per_key) + self.late


class Session:
    def __init__(self, command: list[str], env: dict[str, str], columns: int, rows: int, args):
        self.args = args
        self.screen = Screen(columns, rows)
        self.total = 0
        self.eof = False
        self.master, slave = os.openpty()
        try:
            fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
            self.process = subprocess.Popen(
                command, stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True,
                start_new_session=True,  # its own session, with the pty as its controlling terminal:
                preexec_fn=lambda: fcntl.ioctl(0, termios.TIOCSCTTY, 0))
        finally:
            os.close(slave)

    # ---- reading ---------------------------------------------------------------------------

    def _read(self, timeout: float) -> int:
        """Bytes read within `timeout` (0 when nothing came); sets `eof` once the program is gone."""
        if self.eof:
            return 0
        ready, _, _ = select.select([self.master], [], [], max(0.0, timeout))
        if not ready:
            return 0
        try:
            data = os.read(self.master, 65536)
        except OSError as exc:
            if exc.errno != errno.EIO:  # EIO: the slave side closed, the program has exited
                raise
            data = b""
        if not data:
            self.eof = True
            return 0
        self.screen.feed(data)
        self.total += len(data)
        return len(data)

    def drain(self, first_wait: float, quiet: float, limit: float | None = None) -> int:
        """Read until the first byte (at most `first_wait`), then until `quiet` passes without any."""
        deadline = time.monotonic() + (limit or self.args.timeout)
        count = 0
        waiting_for_first = True
        while not self.eof:
            now = time.monotonic()
            if now >= deadline:
                raise Failure(f"the output did not settle within {limit or self.args.timeout:.0f} s")
            got = self._read(min(first_wait if waiting_for_first else quiet, deadline - now))
            if got:
                count += got
                waiting_for_first = False
            elif not self.eof:
                break
        return count

    def wait_for(self, what: str, test, quiet: float) -> int:
        """Read until `test(screen text)` holds, then until the output is quiet."""
        deadline = time.monotonic() + self.args.timeout
        count = 0
        while not test(self.screen.text()):
            if self.eof:
                raise Failure(f"the program exited before {what}")
            if time.monotonic() >= deadline:
                raise Failure(f"no {what} within {self.args.timeout:.0f} s")
            count += self._read(0.05)
        return count + self.drain(0.0, quiet)

    # ---- keys ------------------------------------------------------------------------------

    def press(self, key: bytes) -> int:
        """Send one key; return the bytes it made the program write."""
        sent = time.monotonic()
        os.write(self.master, key)
        count = self.drain(self.args.key_timeout, self.args.quiet)
        rest = self.args.pace - (time.monotonic() - sent)
        if rest > 0:
            time.sleep(rest)
            count += self.drain(0.0, 0.0)  # anything that came while pacing is still this key's
        return count

    def keys(self, phase: Phase, keys: list[bytes]) -> Phase:
        for key in keys:
            phase.per_key.append(self.press(key))
        phase.late = self.drain(0.0, self.args.settle)
        return phase

    def answer_dialog(self, phase: Phase) -> None:
        """If a dialog is asking, confirm it with `y` (counted in `phase`)."""
        if DIALOG in self.screen.text():
            phase.per_key.append(self.press(b"y"))
            phase.label += " y"

    def wait_exit(self, phase: Phase, timeout: float) -> int | None:
        """The exit status once the program has exited and closed the terminal, else None after
        `timeout`; what it writes meanwhile counts in `phase`."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.eof:
                try:
                    return self.process.wait(timeout=max(0.0, deadline - time.monotonic()))
                except subprocess.TimeoutExpired:
                    return None
            phase.late += self._read(0.05)
        return None

    def kill(self) -> None:
        """End the program (its own process group) if it is still running; close the pty."""
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                pass
        try:
            os.close(self.master)
        except OSError:
            pass


def key_code(capability: str, fallback: bytes) -> bytes:
    """What the terminal sends for a key in keypad-transmit mode (ncurses turns it on)."""
    return curses.tigetstr(capability) or fallback


def run(args, session: Session) -> tuple[Phase, list[Phase], int]:
    down = key_code("kcud1", b"\x1bOB")
    startup = Phase("startup", "exec")
    startup.late = session.wait_for("loaded list (N of N)", LOADED.search, args.settle)
    loaded = LOADED.search(session.screen.text()).group(0)
    startup.label = f"exec until \"{loaded}\" and {args.settle * 1000:.0f} ms of quiet"
    phases = []
    phases.append(session.keys(Phase("cursor-moves", f"{args.moves} x j"), [b"j"] * args.moves))
    typed = [b"/", *(ch.encode() for ch in args.filter), b"\r"]
    phases.append(session.keys(Phase("filter-keys", f"/ {' '.join(args.filter)} Enter"), typed))
    if f"/ {args.filter}" not in session.screen.text():
        raise Failure(f"the filter line does not show / {args.filter}")
    phases.append(session.keys(Phase("form-open", "Enter"), [b"\r"]))
    if not FORM_TITLE.search(session.screen.text()):
        raise Failure("Enter did not open a form")
    phases.append(session.keys(Phase("form-moves", f"{args.form_moves} x Down ({down!r})"), [down] * args.form_moves))
    leave = session.keys(Phase("form-leave", "Escape"), [b"\x1b"])
    session.answer_dialog(leave)
    leave.late += session.drain(0.0, args.settle)
    phases.append(leave)
    if FORM_TITLE.search(session.screen.text()):
        raise Failure("Escape did not leave the form")
    quit_ = Phase("quit", "q")
    quit_.per_key.append(session.press(b"q"))
    status = session.wait_exit(quit_, 1.0)
    if status is None:
        session.answer_dialog(quit_)
        status = session.wait_exit(quit_, args.timeout)
    if status is None:
        raise Failure("the program did not exit after q")
    phases.append(quit_)
    return startup, phases, status


def describe(phase: Phase) -> str:
    keys = len(phase.per_key)
    if not keys:
        return f"{phase.total} bytes ({phase.label})"
    wrote = [n for n in phase.per_key if n]
    line = f"{keys} keys ({phase.label}), {phase.total} bytes, {phase.total / keys:.1f} bytes/key"
    if wrote:
        line += (f"; {len(wrote)} keys wrote {sum(wrote)} bytes, {sum(wrote) / len(wrote):.1f} each "
                 f"(median {statistics.median(wrote):.0f}, min {min(wrote)}, max {max(wrote)})")
    return line + f"; {keys - len(wrote)} wrote nothing; {phase.late} bytes after the last key"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sluice", default=str(ROOT / ".build" / "release" / "sluice"), help="the sluice binary")
    parser.add_argument("--columns", type=int, default=80)
    parser.add_argument("--rows", type=int, default=24)
    parser.add_argument("--term", default="xterm-256color")
    parser.add_argument("--monochrome", action="store_true", help="run with NO_COLOR=1")
    parser.add_argument("--filter", default="orders", help="the filter text typed after /")
    parser.add_argument("--moves", type=int, default=50, help="j presses in the list")
    parser.add_argument("--form-moves", type=int, default=20, help="Down presses in the form")
    parser.add_argument("--pace", type=float, default=0.03, help="seconds at least between keys")
    parser.add_argument("--quiet", type=float, default=0.03, help="seconds without output that end a key")
    parser.add_argument("--key-timeout", type=float, default=0.5, help="seconds to wait for a key's first byte")
    parser.add_argument("--settle", type=float, default=0.3, help="seconds without output that end a phase")
    parser.add_argument("--timeout", type=float, default=15.0, help="seconds any one wait may take")
    parser.add_argument("--per-key", action="store_true", help="also print each key's bytes, one line a key")
    args = parser.parse_args()

    binary = Path(args.sluice).absolute()
    if not os.access(binary, os.X_OK):
        sys.exit(f"no sluice binary at {binary} (build it, or pass --sluice)")
    curses.setupterm(args.term, sys.__stdout__.fileno() if sys.__stdout__ else -1)
    started = datetime.datetime.now(datetime.timezone.utc)
    with tempfile.TemporaryDirectory() as home:
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": home, "TERM": args.term,
            "LANG": "C.UTF-8", "XDG_STATE_HOME": f"{home}/state", "XDG_CONFIG_HOME": f"{home}/config",
            "AWS_EC2_METADATA_DISABLED": "true",
        }
        if args.monochrome:
            env["NO_COLOR"] = "1"
        copy = Path(home) / "sluice"
        built = datetime.datetime.fromtimestamp(binary.stat().st_mtime, datetime.timezone.utc)
        shutil.copy2(binary, copy)
        digest = hashlib.sha256(copy.read_bytes()).hexdigest()[:12]
        command = [str(binary), "--demo"]
        session = Session([str(copy), "--demo"], env, args.columns, args.rows, args)
        try:
            startup, phases, status = run(args, session)
        except (Failure, OSError) as exc:
            screen = session.screen.text()
            session.kill()
            sys.exit(f"terminal-bandwidth: {exc}\n-- last screen --\n{screen}")
        finally:
            session.kill()

    nproc = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    colour = "monochrome (NO_COLOR=1)" if args.monochrome else "colour"
    print(f"terminal: {args.columns}x{args.rows}, TERM={args.term}, LANG=C.UTF-8, {colour}")
    print(f"startup: {describe(startup)}")
    for phase in phases:
        print(f"{phase.name}: {describe(phase)}")
    if args.per_key:
        for phase in phases:
            print(f"per-key {phase.name}: {' '.join(str(n) for n in phase.per_key)}")
    keys = sum(len(p.per_key) for p in phases)
    counted = startup.total + sum(p.total for p in phases)
    if counted != session.total:
        sys.exit(f"terminal-bandwidth: phases hold {counted} bytes of the {session.total} read")
    print(f"total: {session.total} bytes, {keys} keys, exit status {status}")
    print(f"date: {started:%Y-%m-%dT%H:%M:%SZ}")
    print(f"machine: nproc {nproc}, {platform.machine()}, {platform.system()} {platform.release()}, "
          f"load {os.getloadavg()[0]:.2f}")
    print(f"binary: {binary} (built {built:%Y-%m-%dT%H:%M:%SZ}, sha256 {digest}; run from a copy)")
    print(f"command: {shlex.join(command)} in a pty; keys at least {args.pace * 1000:.0f} ms apart, "
          f"each drained until {args.quiet * 1000:.0f} ms of quiet (first byte within "
          f"{args.key_timeout * 1000:.0f} ms), each phase until {args.settle * 1000:.0f} ms of quiet")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Make the PNG screenshots in screenshots/ from the real program.

Runs `sluice --demo` (the in-process fake account, no AWS needed) in a private tmux server, drives
it with send-keys, checks each screen for the text it should show, captures the pane with its
colours (capture-pane -e) and renders the cells to PNG with Pillow and DejaVu Sans Mono.

Usage: python3 scripts/screenshots.py [--sluice .build/debug/sluice] [--out screenshots]
Needs tmux, Pillow (pip install pillow) and fonts-dejavu-core.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path

try:
    from PIL import Image, ImageDraw, ImageFont
except ImportError:
    sys.exit("needs Pillow: pip install pillow")

ROOT = Path(__file__).resolve().parent.parent
TMUX = ["tmux", "-L", "sluice-shots", "-f", "/dev/null"]
ENV = ["TERM=xterm-256color", "LANG=C.UTF-8", "LC_ALL=C.UTF-8"]
# Runs `$0 --demo` and then writes its exit status to the file $1, all at once.
WRAPPER = '"$0" --demo; echo $? > "$1.part"; mv "$1.part" "$1"'
START_WAIT = 1.5  # seconds for the list to load after start
KEY_WAIT = 0.4  # seconds after each key
TIMEOUT = 10.0  # the longest any wait for a screen may take

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONTS = (FONT_DIR / "DejaVuSansMono.ttf", FONT_DIR / "DejaVuSansMono-Bold.ttf")
FONT_SIZE = 15
PADDING = 12
DEFAULT_FG = (0xD4, 0xD4, 0xD4)
DEFAULT_BG = (0x1E, 0x1E, 0x1E)
RGB = tuple[int, int, int]
Colour = int | RGB | None  # None: the terminal default; int: palette index
PALETTE_16 = [
    (0x00, 0x00, 0x00), (0xCD, 0x31, 0x31), (0x0D, 0xBC, 0x79), (0xE5, 0xE5, 0x10),
    (0x24, 0x72, 0xC8), (0xBC, 0x3F, 0xBC), (0x11, 0xA8, 0xCD), (0xE5, 0xE5, 0xE5),
    (0x66, 0x66, 0x66), (0xF1, 0x4C, 0x4C), (0x23, 0xD1, 0x8B), (0xF5, 0xF5, 0x43),
    (0x3B, 0x8E, 0xEA), (0xD6, 0x70, 0xD6), (0x29, 0xB8, 0xDB), (0xFF, 0xFF, 0xFF),
]


# ---------------------------------------------------------------------------------------------
# Driving the program in tmux


@dataclass(frozen=True)
class Step:
    """Keys to press (tmux key names, one per entry), then text the screen must show afterwards,
    and optionally the file to save that screen as."""

    keys: tuple[str, ...]
    expect: tuple[str, ...]
    shot: str | None = None


def typed(text: str) -> tuple[str, ...]:
    """The keys that type `text`, one character each."""
    return tuple(text)


SCENARIO = [
    Step((), ("mappings", "orders-worker", "ST FUNCTION"), "list.png"),
    Step(("/", *typed("orders-worker"), "Enter"), ("/ orders-worker", "3 of 32")),
    Step(("Enter",), ("sluice → orders-worker → SQS orders", "BatchSize")),
    Step(("/", *typed("batch"), "Enter"), ("▸ BatchSize",)),
    Step(("Enter", "C-u", "5", "0"),
         ("needs MaximumBatchingWindowInSeconds of at least 1",), "form-error.png"),
    Step(("Enter", "Down", "Enter", "C-u", "2", "Enter"), ("▸ MaximumBatchingWindowInSeconds",)),
    Step(("w",), ("1 queued",)),
    Step(("Q",), ("PUT /2015-03-31/event-source-mappings/", "+ BatchSize: 50"), "queue-diff.png"),
    Step(("Escape",), ("ST FUNCTION",)),
    Step(("p",), ("Pause mapping",), "pause-dialog.png"),
    Step(("n",), ("q quit",)),
]


def tmux(*args: str) -> str:
    """Run one tmux command on the private server and return its output; fail loudly."""
    done = subprocess.run([*TMUX, *args], capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"tmux {' '.join(args)}: {done.stderr.strip()}")
    return done.stdout


def start(session: str, binary: Path, width: int, height: int) -> Path:
    """Start `binary --demo` in a new detached session of the given size, without a status line.
    A shell around it writes its exit status to the returned file (tmux's own #{pane_dead_status}
    can miss a fast exit). The pane stays after the end, so a failure shows its last screen."""
    status = binary.with_name(f"{session}.status")
    tmux("new-session", "-d", "-s", session, "-x", str(width), "-y", str(height),
         "env", *ENV, "sh", "-c", WRAPPER, str(binary), str(status), ";",
         "set-option", "-t", session, "status", "off", ";",
         "set-option", "-w", "-t", session, "remain-on-exit", "on")
    size = tmux("display-message", "-p", "-t", session, "#{pane_width}x#{pane_height}").strip()
    if size != f"{width}x{height}":
        raise RuntimeError(f"session {session} is {size}, wanted {width}x{height}")
    time.sleep(START_WAIT)
    return status


def screen(session: str, colours: bool = False) -> str:
    """The visible pane as text; with colours, including SGR sequences and trailing blanks."""
    flags = ["-e", "-N"] if colours else []
    return tmux("capture-pane", "-p", *flags, "-t", session)


def searchable(text: str) -> str:
    """The screen, plus the text right of each row's last '│' joined into one line, so that a
    sentence wrapped inside a side pane (the form's help) can be matched whole."""
    side = " ".join(row.rsplit("│", 1)[1].strip() for row in text.splitlines() if "│" in row)
    return text + "\n" + " ".join(side.split())


def wait_for(session: str, expect: tuple[str, ...]) -> None:
    """Wait until the screen shows every expected text; fail with the screen after TIMEOUT."""
    deadline = time.monotonic() + TIMEOUT
    while True:
        text = screen(session)
        missing = [e for e in expect if e not in searchable(text)]
        if not missing:
            return
        if time.monotonic() > deadline:
            raise RuntimeError(f"screen never showed {missing}:\n{text.rstrip()}")
        time.sleep(0.1)


def press(session: str, keys: tuple[str, ...]) -> None:
    """Send keys one by one, pausing after each so the program handles them in turn."""
    for key in keys:
        tmux("send-keys", "-t", session, "--", key)
        time.sleep(KEY_WAIT)


def quit_program(session: str, status: Path) -> None:
    """Press q, confirm 'Quit anyway?' if asked, and check that the program exits with status 0."""
    press(session, ("q",))
    deadline = time.monotonic() + TIMEOUT
    while not status.exists():
        if "Quit anyway?" in screen(session):
            press(session, ("y",))
        if time.monotonic() > deadline:
            raise RuntimeError(f"sluice did not quit:\n{screen(session)}")
        time.sleep(0.1)
    code = status.read_text().strip()
    if code != "0":
        raise RuntimeError(f"sluice exited with status {code}:\n{screen(session)}")


# ---------------------------------------------------------------------------------------------
# Parsing capture-pane -e output into cells


@dataclass(frozen=True)
class Style:
    """The SGR state of one cell."""

    fg: Colour = None
    bg: Colour = None
    bold: bool = False
    dim: bool = False
    underline: bool = False
    reverse: bool = False


SIMPLE_SGR = {
    1: {"bold": True}, 2: {"dim": True}, 4: {"underline": True}, 7: {"reverse": True},
    22: {"bold": False, "dim": False}, 24: {"underline": False}, 27: {"reverse": False},
    39: {"fg": None}, 49: {"bg": None},
}


def extended_colour(params: list[list[int]], i: int) -> tuple[Colour, int]:
    """Read a 38/48 colour starting at params[i], in either ';' or ':' form. Returns the colour
    and the index of the next parameter."""
    if len(params[i]) > 1:  # colon form: 38:5:n or 38:2:[cs]:r:g:b, all in one parameter
        sub = params[i][1:]
        if sub[0] == 5 and len(sub) >= 2:
            return sub[1], i + 1
        if sub[0] == 2 and len(sub) >= 4:
            return tuple(sub[-3:]), i + 1
        return None, i + 1
    rest = [p[0] for p in params[i + 1:i + 5]]
    if rest[:1] == [5] and len(rest) >= 2:
        return rest[1], i + 3
    if rest[:1] == [2] and len(rest) >= 4:
        return tuple(rest[1:4]), i + 5
    return None, len(params)


def apply_sgr(style: Style, text: str) -> Style:
    """The style after one SGR sequence with parameter string `text` (e.g. '0;1;38;5;208')."""
    params = [[int(n) if n else 0 for n in p.split(":")] for p in (text or "0").split(";")]
    i = 0
    while i < len(params):
        code = params[i][0]
        if code == 0:
            style = Style()
        elif code == 4 and len(params[i]) > 1:  # 4:0 is underline off, 4:n a styled underline
            style = replace(style, underline=params[i][1] != 0)
        elif code in SIMPLE_SGR:
            style = replace(style, **SIMPLE_SGR[code])
        elif 30 <= code <= 37 or 90 <= code <= 97:
            style = replace(style, fg=code - 30 if code < 90 else code - 90 + 8)
        elif 40 <= code <= 47 or 100 <= code <= 107:
            style = replace(style, bg=code - 40 if code < 100 else code - 100 + 8)
        elif code in (38, 48):
            colour, i = extended_colour(params, i)
            style = replace(style, **{"fg" if code == 38 else "bg": colour})
            continue
        i += 1
    return style


Cell = tuple[str, Style]
TOKEN = re.compile(r"\x1b\[([0-?]*)[ -/]*([@-~])|(.)")  # a CSI sequence, or one character


def parse_capture(text: str, width: int, height: int) -> list[list[Cell]]:
    """Cells of a `capture-pane -p -e` capture, `height` rows of `width` cells. The SGR state
    carries over from one row to the next, as tmux writes it. A wide character takes two cells
    (the second one empty); combining characters join the cell before them."""
    style = Style()
    blank = [(" ", Style())] * width  # cells past a row's end were never written: default style
    rows: list[list[Cell]] = []
    for line in text.split("\n")[:height]:
        row: list[Cell] = []
        for match in TOKEN.finditer(line):
            params, final, char = match.groups()
            if char is None:
                if final == "m":
                    style = apply_sgr(style, params)
            elif unicodedata.combining(char) and row:
                row[-1] = (row[-1][0] + char, row[-1][1])
            else:
                row.append((char, style))
                if unicodedata.east_asian_width(char) in ("W", "F"):
                    row.append(("", style))
        rows.append((row + blank)[:width])
    return (rows + [blank] * height)[:height]


# ---------------------------------------------------------------------------------------------
# Rendering cells to PNG


def palette(index: int) -> RGB:
    """The xterm 256-colour palette: 16 base colours, a 6x6x6 cube, then 24 greys."""
    if index < 16:
        return PALETTE_16[index]
    if index < 232:
        levels = (0, 95, 135, 175, 215, 255)
        index -= 16
        return levels[index // 36], levels[index // 6 % 6], levels[index % 6]
    grey = 8 + 10 * (index - 232)
    return grey, grey, grey


def rgb(colour: Colour, default: RGB) -> RGB:
    """A cell colour as RGB, with None meaning the terminal default given."""
    if colour is None:
        return default
    return palette(colour) if isinstance(colour, int) else colour


def cell_colours(style: Style) -> tuple[RGB, RGB]:
    """Foreground and background RGB of a cell after reverse video and dimming."""
    fg, bg = rgb(style.fg, DEFAULT_FG), rgb(style.bg, DEFAULT_BG)
    if style.reverse:
        fg, bg = bg, fg
    if style.dim:
        fg = tuple((f + b) // 2 for f, b in zip(fg, bg))
    return fg, bg


def render(cells: list[list[Cell]], path: Path) -> None:
    """Draw the cells as a terminal would, on a dark background with padding, and save a PNG."""
    regular, bold = (ImageFont.truetype(str(font), FONT_SIZE) for font in FONTS)
    ascent, descent = regular.getmetrics()
    cell_w, cell_h = round(regular.getlength("M")), ascent + descent
    size = (2 * PADDING + cell_w * len(cells[0]), 2 * PADDING + cell_h * len(cells))
    image = Image.new("RGB", size, DEFAULT_BG)
    draw = ImageDraw.Draw(image)
    for y, row in enumerate(cells):
        top = PADDING + y * cell_h
        for x, (char, style) in enumerate(row):
            left = PADDING + x * cell_w
            fg, bg = cell_colours(style)
            if bg != DEFAULT_BG:
                draw.rectangle((left, top, left + cell_w - 1, top + cell_h - 1), fill=bg)
            if char.strip():
                draw.text((left, top + ascent), char, font=bold if style.bold else regular, fill=fg,
                          anchor="ls")
            if style.underline:
                draw.line((left, top + ascent + 2, left + cell_w - 1, top + ascent + 2), fill=fg)
    image.save(path)


def shoot(session: str, path: Path) -> None:
    """Capture the session's pane with colours and write it to `path` as PNG."""
    width, height = map(int, tmux("display-message", "-p", "-t", session,
                                  "#{pane_width} #{pane_height}").split())
    render(parse_capture(screen(session, colours=True), width, height), path)
    print(f"wrote {path}")


# ---------------------------------------------------------------------------------------------


def run(binary: Path, out: Path) -> None:
    """Take every screenshot: the list at 80x24, then the scenario at 120x40."""
    start("small", binary, 80, 24)
    wait_for("small", SCENARIO[0].expect)
    shoot("small", out / "list-80x24.png")
    tmux("kill-session", "-t", "small")

    status = start("main", binary, 120, 40)
    for step in SCENARIO:
        press("main", step.keys)
        wait_for("main", step.expect)
        if step.shot:
            shoot("main", out / step.shot)
    quit_program("main", status)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sluice", type=Path, default=ROOT / ".build/debug/sluice",
                        help="the sluice binary (default: .build/debug/sluice)")
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots",
                        help="where to write the PNGs (default: screenshots/)")
    args = parser.parse_args()
    if not args.sluice.is_file():
        sys.exit(f"no sluice binary at {args.sluice}; build it with swift build")
    if not all(font.is_file() for font in FONTS):
        sys.exit("needs DejaVu Sans Mono: apt-get install fonts-dejavu-core")
    args.out.mkdir(parents=True, exist_ok=True)

    with tempfile.TemporaryDirectory() as temp:
        binary = Path(temp) / "sluice"
        shutil.copy2(args.sluice, binary)  # the real one may be rebuilt while we run
        try:
            run(binary, args.out)
        except RuntimeError as error:
            sys.exit(f"screenshots failed: {error}")
        finally:
            subprocess.run([*TMUX, "kill-server"], capture_output=True)


if __name__ == "__main__":
    main()

"""Text hygiene: no control character or terminal escape sequence is stored, printed or written.

A unit named `\\x1b]0;pwned\\x07县教育局`, or a title cell holding `\\x1b[31m`, would retitle or
repaint the clerk's terminal each time it is listed. Every entry point either refuses such text
(`refuse_controls`, for values typed by a person: a clear message names the field) or cleans it
(`strip_controls`, for spreadsheet cells and, as defence in depth, for every output). A whole
escape sequence goes, not only its ESC: otherwise the remnant `[31m` would survive in documents.

Stdlib only: every layer imports this.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

from docket.core import messages as msg
from docket.core.errors import BadInput

# ECMA-48 sequences, 7-bit (ESC ...) and 8-bit (C1) forms. A string sequence (OSC, DCS, SOS, PM,
# APC) runs to its terminator (BEL or ST) or, unterminated, up to the next control character:
# that is what a terminal swallows, so nothing of it is text.
_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"                     # CSI: ESC [ params inter final
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])"              # OSC, DCS, SOS, PM, APC ...
    r"[^\x00-\x1f\x7f-\x9f]*(?:\x07|\x1b\\|\x9c)?"           # ... body, then BEL or ST
    r"|\x1b[ -/]*[0-~]?"                                      # 2-char and nF escapes (ESC c, ESC ( B)
)
# C0 (tab, line feed and carriage return apart), DEL and C1: never text.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Invisible format characters (zero-width, bidi overrides, BOM) that sneak in from Word and web
# pages; harmless to a terminal but they hide or reorder what a reader sees.
_INVISIBLE_SET = "\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
_INVISIBLE = re.compile(f"[{_INVISIBLE_SET}]")
# One scan that tells whether anything at all is to be done (most text: no).
_ANY = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_INVISIBLE_SET}]")
_ANY_OR_BREAK = re.compile(f"[\x00-\x1f\x7f-\x9f{_INVISIBLE_SET}]")


def strip_controls(text: str, *, multiline: bool = True) -> str:
    """`text` without escape sequences, control characters and invisible format characters.

    Tab and line breaks stay when `multiline` (content, reasons, summaries); otherwise each
    becomes a space (one-line fields). Nothing else is changed: no trimming, no normalisation."""
    if (_ANY if multiline else _ANY_OR_BREAK).search(text) is None:
        return text
    s = _INVISIBLE.sub("", strip_terminal(text))
    if not multiline:
        s = s.replace("\r\n", " ").replace("\r", " ").replace("\n", " ").replace("\t", " ")
    return s


def strip_terminal(text: str) -> str:
    """`text` without escape sequences and control characters (tab and line breaks kept)."""
    if _CONTROL.search(text) is None:  # the common case: one scan, no copy
        return text
    return _CONTROL.sub("", _SEQUENCE.sub("", text))


def clean(value: object) -> object:
    """A cell or field of any type: strings cleaned (line breaks kept), anything else as it is."""
    return strip_controls(value) if isinstance(value, str) else value



def refuse_controls(fields: Mapping[str, str | None]) -> None:
    """BadInput naming the first field (its Chinese label) whose value holds a control character.

    For values a person typed (CLI options, TUI forms): refusing tells them, where silently
    cleaning would store something other than what they typed."""
    for label, value in fields.items():
        if value and isinstance(value, str):
            m = _CONTROL.search(value)
            if m:
                raise BadInput(msg.CONTROL_REFUSED.format(field=label, code=f"U+{ord(m.group(0)):04X}"))


_OOXML_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def display_width(text: str) -> int:
    """Columns `text` takes on a terminal: CJK and full-width characters two, combining marks none."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 0 if unicodedata.combining(ch) else 1
               for ch in text)


def unescape_ooxml(text: str) -> str:
    """An xlsx string as Excel means it: `_x001B_` is ESC, `_x005F_` an underscore (ECMA-376
    ST_Xstring). Undecoded, `_x001B_[31m` would pass every check and turn into ESC [31m as soon
    as Excel or WPS reads the text back from one of our own exports."""
    if "_x" not in text:
        return text
    return _OOXML_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)


def clean_rows(rows: list[tuple[int, list[object]]]) -> int:
    """Escape sequences and control characters out of every string cell of a grid's rows, in
    place; returns how many cells changed (the importer says so in a warning)."""
    changed = 0
    for _, cells in rows:
        for i, value in enumerate(cells):
            if isinstance(value, str) and _CONTROL.search(value):
                cleaned = strip_terminal(value)
                if cleaned != value:
                    cells[i] = cleaned
                    changed += 1
    return changed

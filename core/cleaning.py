"""Cleaning text that people typed or pasted (domain.md §3): titles and other text, names, unit
names, and the key two titles share when they are the same item. Shared by `import` and `add`."""
from __future__ import annotations

import re
import unicodedata

from docket.core.sheets.values import cell_text
from docket.core.text import strip_controls

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_ETC = re.compile(r"等\s*([0-9０-９]+|[一二两三四五六七八九十百]+)?\s*[人位名]?$")


def clean_text(text: object, *, multiline: bool = False) -> str:
    """NFC, trimmed (U+3000 too), control characters out; line breaks out unless `multiline`."""
    s = unicodedata.normalize("NFC", cell_text(text)).replace("\r\n", "\n").replace("\r", "\n")
    if not multiline:
        # a title wrapped inside its cell: join the parts, with a space only between Latin words
        parts = [p.strip() for p in s.split("\n") if p.strip()]
        s = ""
        for part in parts:
            gap = " " if s and s[-1].isascii() and s[-1].isalnum() and part[0].isascii() \
                and part[0].isalnum() else ""
            s += gap + part
    s = strip_controls(s.replace("\t", " "))
    if multiline:
        s = "\n".join(line.strip() for line in s.split("\n")).strip("\n")
    return s.strip()


def clean_name(text: object) -> tuple[str, str | None]:
    """A person's name: spaces inside CJK names out, a trailing 等/等5人 out (with a warning)."""
    s = clean_text(text)
    if _CJK.search(s):
        s = "".join(ch for ch in s if not ch.isspace())
    else:
        s = " ".join(s.split())
    m = _ETC.search(s)
    if m and len(s) - len(m.group(0)) >= 2:
        kept = s[: m.start()]
        return kept, f"已去掉姓名末尾的“{m.group(0)}”：{s} → {kept}"
    return s, None


def clean_unit(text: object) -> str:
    """Unit names: NFKC, no whitespace at all."""
    s = unicodedata.normalize("NFKC", cell_text(text))
    s = "".join(ch for ch in s if not ch.isspace() and unicodedata.category(ch)[0] != "C")
    # NFKC turns ¯ into a space and a combining mark: with the space gone, compose again
    return unicodedata.normalize("NFKC", s)


def title_key(title: str) -> str:
    """What two titles share when they are the same item: no whitespace, no punctuation."""
    s = unicodedata.normalize("NFKC", title).casefold()
    return "".join(ch for ch in s if unicodedata.category(ch)[0] not in "PZC")

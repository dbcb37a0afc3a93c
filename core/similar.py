"""Look-alike items (issue 16): character n-gram similarity over title and content.

The rule, in three steps:
- text: title + content with punctuation as clause breaks and the set phrases every item has
  (关于 … 的建议, 群众反映强烈) left out; grams: the character bigrams inside each clause, so
  reordered phrases keep their grams;
- candidates: every item carries a sketch (one-permutation MinHash: GRAM_BINS bins, bands of two
  bins, written with the item in table item_sketch); the candidates are the earlier items sharing
  most bands, at most CANDIDATES of them, so a search reads a few hundred rows at 100,000 items;
- score: Dice of the two gram sets (titles alone when either has no content), lowered by
  PLACE_PENALTY when the two name different places (a town, village or community each names and
  the other does not): the same request from another township is not a repeat.
"""
from __future__ import annotations

import re
import sqlite3
import zlib
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import compress

from docket.store import similar as store

THRESHOLD = 0.5         # a look-alike scores at least this (bench/bench_similar.py measures it)
CANDIDATES = 300
INTAKE_CANDIDATES = 20  # at intake (5,000 rows, budget 3 s): the candidates sharing most bands
PLACE_PENALTY = 0.45
GRAM_BINS = 16          # full text: 8 bands of 2 bins
TITLE_BINS = 8          # title alone: 4 bands of 2 bins
SHOWN = 10

_BREAK = re.compile(r"[^\w]+|_")
_SET_PHRASES = re.compile(r"^关于|的(?:建议|议案|提案)$|群众反映强烈")
_PLACE = re.compile(r"([\u4e00-\u9fff]{2})(镇|乡|村|社区|街道|路|街|河)")
_NOT_PLACES = frozenset("农村 乡村 城乡 县乡 下乡 返乡 全村 村村 本村 该村 进村 驻村 集镇 乡镇 城镇 村镇 小镇"
                        " 各乡 各村 每村 行政村 自然村 公路 道路 马路 思路 出路 线路 铁路 电路 水路 沿街 临街"
                        " 上街 沿河 护河 段河 运河 内河".split())


def clauses(title: str, content: str | None) -> list[str]:
    """The clauses of an item's text without punctuation and set phrases."""
    parts = [_SET_PHRASES.sub("", p) for p in _BREAK.split(title or "")]
    parts += [_SET_PHRASES.sub("", p) for p in _BREAK.split(content or "")]
    return [p for p in parts if p]


def grams(parts: list[str]) -> frozenset[str]:
    out: set[str] = set()
    for p in parts:
        if len(p) == 1:
            out.add(p)
        out.update(p[i:i + 2] for i in range(len(p) - 1))
    return frozenset(out)


def places(text: str) -> frozenset[str]:
    """Townships, villages and communities named in a text (two characters and the suffix)."""
    found = set()
    for m in _PLACE.finditer(text or ""):
        word = m.group(1)[-1] + m.group(2)
        if word not in _NOT_PLACES and m.group(0)[-3:] not in _NOT_PLACES:
            found.add(m.group(0))
    return frozenset(found)


def _bands(gs: frozenset[str], bins: int, tag: int) -> list[int]:
    mins = [None] * bins
    for g in gs:
        h = zlib.crc32(g.encode())
        b = h % bins
        if mins[b] is None or h < mins[b]:
            mins[b] = h
    out = []
    for i in range(0, bins, 2):
        if mins[i] is not None and mins[i + 1] is not None:
            out.append(zlib.crc32(f"{tag}:{i}:{mins[i]}:{mins[i + 1]}".encode()) - 2**31)
    return out


def sketch(title: str, content: str | None, *, titles: bool = True) -> list[int]:
    """The band keys stored for an item (both sketches; 0 when the text has none). `titles`
    False: the full text's bands alone (intake's narrower search for an item with content)."""
    head = grams(clauses(title, None)) if titles or not content else frozenset()
    return _sketch(grams(clauses(title, content)), head)


def _sketch(full: frozenset[str], head: frozenset[str]) -> list[int]:
    return list(dict.fromkeys(_bands(full, GRAM_BINS, 1) + _bands(head, TITLE_BINS, 2))) or [0]


def index_item(conn: sqlite3.Connection, item_id: int, title: str, content: str | None) -> None:
    """Write an item's sketch; inside the caller's transaction (intake.insert_item)."""
    store.insert_sketch(conn, item_id, sketch(title, content))


def index_items(conn: sqlite3.Connection, sketches: list[tuple[int, list[int]]]) -> None:
    """Write many items' sketches (item id, bands) at once; inside the caller's transaction (an import)."""
    store.insert_sketches(conn, ((item_id, b) for item_id, bands in sketches for b in bands))


def ensure_indexed(conn: sqlite3.Connection) -> int:
    """Sketch the items written before migration m010 (once); how many were sketched."""
    from docket.store.db import write

    if not store.any_item_without_sketch(conn):
        return 0
    with write(conn):
        rows = store.items_without_sketch(conn)
        for r in rows:
            index_item(conn, r["id"], r["title"], r["content"])
    return len(rows)


@dataclass(frozen=True, slots=True)
class Text:
    """An item's text as the score reads it."""
    title: str
    content: str | None
    parts: tuple[str, ...]
    grams: frozenset[str]
    title_grams: frozenset[str]
    places: frozenset[str]

    @classmethod
    def of(cls, title: str, content: str | None) -> Text:
        parts = clauses(title, content)
        return cls(title, content, tuple(parts), grams(parts), grams(clauses(title, None)),
                   places(f"{title}。{content or ''}"))


def _dice(a: frozenset[str], b: frozenset[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def topic_score(a: Text, b: Text) -> float:
    """Likeness of wording alone, places not considered (routing reads it: same topic, same unit)."""
    if a.content and b.content:
        return _dice(a.grams, b.grams)
    return _dice(a.title_grams, b.title_grams)


def other_places(a: Text, b: Text) -> bool:
    """Each names a place the other does not: the same request from somewhere else."""
    return bool(a.places - b.places) and bool(b.places - a.places)


def score(a: Text, b: Text) -> float:
    s = topic_score(a, b)
    return s * PLACE_PENALTY if other_places(a, b) else s


def shared_phrases(a: Text, b: Text, *, least: int = 4, most: int = 3) -> list[str]:
    """The longest runs of characters both texts have (at least `least` long), longest first."""
    from difflib import SequenceMatcher

    y = "|".join(b.parts)
    runs: list[str] = []
    for part in a.parts:  # each clause's longest run anywhere in the other: reordered phrases count
        m = SequenceMatcher(None, part, y, autojunk=False).find_longest_match(0, len(part), 0, len(y))
        piece = part[m.a:m.a + m.size]
        if m.size >= least and piece not in runs:
            runs.append(piece)
    return sorted(runs, key=len, reverse=True)[:most]


@dataclass(frozen=True, slots=True)
class LookAlike:
    item_id: int
    number: int
    session: str
    same_session: bool
    title: str
    state: str
    category: str | None
    score: float
    topic: float
    shared: tuple[str, ...] = field(default=())

    def as_json(self) -> dict:
        return {"number": self.number, "session": self.session, "title": self.title,
                "state": self.state, "score": round(self.score, 3), "shared": list(self.shared)}


def candidates_of(conn: sqlite3.Connection, item: sqlite3.Row, *, before_id: int | None = None,
                  threshold: float = 0.0, phrases: bool = False, most: int = CANDIDATES,
                  texts: dict[int, Text] | None = None, titles: bool = True) -> list[LookAlike]:
    """Every candidate of `item` scoring at least `threshold` (by topic when threshold is on
    the topic score, see look_alikes), best first. Earlier items only (id below the item's own,
    or below `before_id`)."""
    bands = (store.sketch_of(conn, item["id"]) or sketch(item["title"], item["content"])) if titles \
        else sketch(item["title"], item["content"], titles=False)
    limit = before_id if before_id is not None else item["id"]
    rows = store.sharing_bands(conn, bands, before_id=limit, exclude_id=item["id"], limit=most)
    return _scored(item, Text.of(item["title"], item["content"]), rows, threshold=threshold,
                   phrases=phrases, texts={} if texts is None else texts)


def _scored(item: sqlite3.Row, me: Text, rows: list[sqlite3.Row], *, threshold: float, phrases: bool,
            texts: dict[int, Text], least: float | None = None, keep: int | None = None) -> list[LookAlike]:
    """The candidate `rows` of `item` (text `me`) scoring at least `threshold` on topic, best first;
    with `least`, only those scoring at least that; with `keep`, only the first `keep` of them
    (made into LookAlikes only then: at intake most candidates pass and three are kept)."""
    scored = []
    for r in rows:
        other = texts.get(r["id"])
        if other is None:
            other = texts[r["id"]] = Text.of(r["title"], r["content"])
        topic = topic_score(me, other)
        if topic < threshold:
            continue
        s = topic * PLACE_PENALTY if other_places(me, other) else topic
        if least is None or s >= least:
            scored.append((-s, -r["id"], topic, r, other))
    scored.sort(key=lambda x: (x[0], x[1]))
    return [LookAlike(r["id"], r["number"], r["session_name"], r["session_id"] == item["session_id"],
                      r["title"], r["state"], r["category"], -s, topic,
                      tuple(shared_phrases(me, other)) if phrases and -s >= threshold else ())
            for s, _, topic, r, other in scored[:keep]]


def look_alikes(conn: sqlite3.Connection, item: sqlite3.Row, *, threshold: float = THRESHOLD,
                most: int = SHOWN, before_id: int | None = None) -> list[LookAlike]:
    """The earlier items of this and previous sessions that look like `item`, best first."""
    return [x for x in candidates_of(conn, item, before_id=before_id, threshold=threshold, phrases=True)
            if x.score >= threshold][:most]


def similar(conn: sqlite3.Connection, number: int, *, session: str | None = None,
            threshold: float = THRESHOLD) -> tuple[sqlite3.Row, list[LookAlike]]:
    """`docket similar N`: the item and its look-alikes."""
    from docket.store import items

    ensure_indexed(conn)
    sess = items.current_session(conn, session)
    item = items.item_by_number(conn, sess, number)
    return item, look_alikes(conn, item, threshold=threshold)


@dataclass(frozen=True, slots=True)
class IntakeNote:
    number: int
    alikes: list[LookAlike]


def intake_notes(conn: sqlite3.Connection, numbers: list[int], *, session: str | None = None,
                 threshold: float = THRESHOLD) -> list[IntakeNote]:
    """For items just registered: the earlier items each looks like (those with none left out).
    Never refuses anything: intake has already happened.

    The same candidates as `candidates_of(..., most=INTAKE_CANDIDATES, titles=False)` row by row
    (the items sharing most bands, ties to the latest), found for a whole file at once: one read
    of the postings of the file's bands and one of the candidates' texts, not two queries a row
    (5,000 rows into 100,000 items: budget 3 s for the whole import)."""
    from docket.store import items

    ensure_indexed(conn)
    sess = items.current_session(conn, session)
    rows = store.items_of_numbers(conn, sess["id"], numbers)
    if not rows:
        return []
    texts = {r["id"]: Text.of(r["title"], r["content"]) for r in rows}  # each text read once
    bands = {i: _sketch(t.grams, frozenset() if t.content else t.title_grams)  # sketch(titles=False)
             for i, t in texts.items()}
    postings = band_postings(conn, bands.values(), below_id=max(bands))
    tops = {me: most_sharing(postings, bs, me, INTAKE_CANDIDATES) for me, bs in bands.items()}
    others = {r["id"]: r for r in store.candidate_rows(conn, {i for ids in tops.values() for i in ids})}
    notes = []
    for r in rows:
        found = _scored(r, texts[r["id"]], [others[i] for i in tops[r["id"]]], threshold=threshold,
                        phrases=False, texts=texts, least=threshold, keep=3)
        if found:
            notes.append(IntakeNote(r["number"], found))
    return notes


def band_postings(conn: sqlite3.Connection, sketches: Iterable[list[int]], *,
                  below_id: int) -> dict[int, list[int]]:
    """band -> the ids (ascending) of the items below `below_id` that carry it, for every band
    of `sketches`."""
    postings: dict[int, list[int]] = {}
    for band, item_id in store.postings(conn, {b for bs in sketches for b in bs}, below_id=below_id):
        postings.setdefault(band, []).append(item_id)
    return postings


def most_sharing(postings: dict[int, list[int]], bands: list[int], me: int, most: int) -> list[int]:
    """The ids below `me` sharing most of `bands`, at most `most`, ties to the latest: the cut of
    store.sharing_bands (hits DESC, item_id DESC, LIMIT), counted in C-level calls; unordered."""
    hits: Counter[int] = Counter()
    for b in bands:
        ids = postings.get(b)
        if ids:
            hits.update(ids[:bisect_left(ids, me)])
    if len(hits) <= most:
        return list(hits)
    levels = Counter(hits.values())  # the cut falls among the ids with the most-th highest count
    left = most
    for kth in sorted(levels, reverse=True):
        left -= levels[kth]
        if left <= 0:
            break
    above = list(compress(hits.keys(), map(kth.__lt__, hits.values())))
    tied = sorted(compress(hits.keys(), map(kth.__eq__, hits.values())), reverse=True)
    return above + tied[:most - len(above)]


def look_alikes_of(conn: sqlite3.Connection, number: int, *, session: str | None = None) -> list[dict]:
    """The look-alikes of an item as the item screen lists them (with labels and the session)."""
    from docket.core.records import state_label

    _, found = similar(conn, number, session=session)
    return [{**x.as_json(), "same_session": x.same_session, "state_label": state_label(x.state)}
            for x in found]

"""What one run issues, and its record (documents.md §3, §5): the `Batch` of documents with the
letterhead they carry and the 文号 they take, and `record`, which writes the run's `documents`
rows inside the issuing write transaction.

The planners (core/documents.py: 交办通知, 简报, 征询意见表; core/stats.py: 通报;
core/reminders.py: 催办通知, 督办函; core/score_files.py) return a `Batch`; docgen/issue.py builds
its files and calls `record`. Plain Python: never imports docgen, and imports no planner.
"""
from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

from docket.core import docdata as d
from docket.core.dates import now_iso
from docket.core import messages as msg
from docket.core.errors import BadInput, Conflict, NotFound
from docket.store import documents as store_docs
from docket.store import items as store

NUMBER_TAKEN = "{doc_no}刚被另一次生成占用，本次未记录，已删除本次生成的文件；请重新运行"
NOTICE_TAKEN = "{name}（{unit}）刚由另一次生成发出交办通知，本次未记录，已删除本次生成的文件；请重新运行"


class Stale(Conflict):
    """What a batch was built from changed before it was recorded (a number or an assignment
    taken by another run): plan again and rebuild."""


@dataclass(frozen=True, slots=True)
class Issue:
    """One document to write, and what its `documents` row records."""

    record: object  # a core.docdata record
    kind: str  # notice | brief | form | circular | reminder | supervision | score_circular ...
    doc_no: str | None = None
    unit_id: int | None = None
    links: tuple[tuple[int, int | None], ...] = ()  # (item_id, assignment_id) it covers
    numbers: tuple[int, ...] = ()  # item numbers, for the event
    seq: int | None = None  # the number printed in the record (文号 n, 期号), if any
    serial: int | None = None  # what the row's serial column holds (all notice copies share one)
    series: str | None = None
    year: int | None = None
    detail: dict | None = None  # the row's detail column
    reissue_of: int | None = None  # a 补发: the id of the notice it copies (takes no number)


@dataclass(frozen=True, slots=True)
class Batch:
    """The documents of one run and the counter they were numbered from.

    counter: "year" (文号: series + year), "brief" (期号: series over all years) or None (no
    number); serial is the first number the run takes, read from that counter when planned."""

    kind: str
    issues: tuple[Issue, ...]
    series: str | None = None
    year: int | None = None
    serial: int | None = None  # the first number the run takes
    issued_on: date | None = None
    record: bool = True  # False: nothing goes into the database (the 征询意见表)
    warnings: tuple[str, ...] = ()
    detail: dict = field(default_factory=dict)
    counter: str | None = None
    fixed: bool = False  # a number the clerk chose (brief --issue): never moved
    on_record: Callable[[sqlite3.Connection, list[int]], None] | None = None  # more rows, same transaction
    event_detail: dict = field(default_factory=dict)  # added to each document.issue event
    payload: object = None  # what the planner needs back (remind: the reminders planned)

    @property
    def records(self) -> list[object]:
        return [i.record for i in self.issues]


# -- settings -> Letterhead ----------------------------------------------------------------------

def session_short(name: str) -> str:
    """县第十八届人民代表大会第五次会议 -> 县十八届人大五次会议; 县政协第十届委员会第五次会议 ->
    县政协十届五次会议; any other name is kept."""
    m = re.fullmatch(r"(.*?)第(.+?)届人民代表大会第(.+?)次会议", name)
    if m:
        return f"{m.group(1)}{m.group(2)}届人大{m.group(3)}次会议"
    m = re.fullmatch(r"(.*?)第(.+?)届委员会第(.+?)次会议", name)
    if m:
        return f"{m.group(1)}{m.group(2)}届{m.group(3)}次会议"
    return name


def body_of(conn: sqlite3.Connection, session: str | None = None) -> str:
    try:
        body = store.current_session(conn, session)["body"]
    except NotFound:  # no session yet: letterheads still work (config, tests)
        return "npc"
    return body if body in ("npc", "cppcc") else "npc"


def letterhead(conn: sqlite3.Connection, session: str | None = None):
    """The issuing office as docgen's Letterhead, from `org.*` and `doc.*` settings (shared by
    every command that writes a document)."""
    from docket.core import settings

    Fonts, Letterhead = d.Fonts, d.Letterhead
    v = settings.all_values(conn)
    org = v.get("org.name") or ""
    fonts = Fonts(title=v["doc.font.title"], body=v["doc.font.body"], hei=v["doc.font.hei"],
                  kai=v["doc.font.kai"], song=v["doc.font.song"], latin=v["doc.font.latin"],
                  body_ext=v["doc.font.body_ext"])
    return Letterhead(org_name=org, org_short=v.get("org.short") or org,
                      doc_prefix=v.get("doc.prefix") or v.get("org.short") or org,
                      signer=v.get("doc.signature") or "", mark=v.get("doc.mark") or "",
                      letter_prefix=v.get("doc.letter_prefix") or "",
                      contact=v.get("doc.contact") or "", phone=v.get("doc.phone") or "",
                      body=body_of(conn, session), red=v.get("doc.color.red") or "FF0000",
                      fonts=fonts)


def cc(conn: sqlite3.Connection, kind: str) -> tuple[str, ...]:
    """抄送 of a document kind: `doc.cc.notice|circular|escalate`; notice and circular fall back
    to `doc.cc`."""
    from docket.core import settings

    own = settings.get(conn, f"doc.cc.{kind}") or []
    if own or kind == "escalate":
        return tuple(own)
    return tuple(settings.get(conn, "doc.cc") or [])


def next_serial(conn: sqlite3.Connection, series: str, year: int) -> int:
    """The next 文号 n of a series and year: one more than any recorded (never reused; a run
    killed before recording took none)."""
    return store_docs.next_serial(conn, series, year)


def numbered_file(conn: sqlite3.Connection, kind: str, record: object, *, series: str, year: int,
                  seq: int, issued_on: date, detail: dict | None = None,
                  event_detail: dict | None = None) -> Batch:
    """A batch of one 文件 that takes the next 文号 of `series` (通报, 考评通报, 评议通报)."""
    issue = Issue(record=record, kind=kind, doc_no=d.doc_number(series, year, seq), seq=seq,
                  serial=seq, series=series, year=year, detail=detail)
    return Batch(kind=kind, issues=(issue,), series=series, year=year, serial=seq,
                 issued_on=issued_on, counter="year", event_detail=event_detail or {})


def prefixed_file(conn: sqlite3.Connection, kind: str, make_record: Callable, *, today: date,
                  detail: dict | None = None, event_detail: dict | None = None) -> Batch:
    """A 文件 taking the next 文号 of `doc.prefix` in today's year (考评、评议、民生实事通报):
    `make_record(letterhead, seq, cc)` is its record; refused while no prefix is set."""
    lh = letterhead(conn)
    if not lh.doc_prefix:
        raise BadInput(msg.NO_DOC_PREFIX)
    seq = next_serial(conn, lh.doc_prefix, today.year)
    record = make_record(lh, seq, cc(conn, "circular"))
    return numbered_file(conn, kind, record, series=lh.doc_prefix, year=today.year, seq=seq,
                         issued_on=today, detail=detail, event_detail=event_detail)


# -- recording ----------------------------------------------------------------------------------

def counter_now(conn: sqlite3.Connection, batch: Batch) -> int | None:
    """The number the batch would take if planned now."""
    if batch.counter == "year":
        return store_docs.next_serial(conn, batch.series, batch.year)
    if batch.counter == "brief":
        return store_docs.next_issue(conn, batch.series)
    return None


def record(conn: sqlite3.Connection, batch: Batch, paths: Sequence[str | None], *, actor: str,
           today: date) -> list[int]:
    """Insert the run's `documents` and `document_items` rows, point notices' assignments at their
    document, and append one event per document. Call inside the issuing write transaction;
    returns the document ids. `Stale` if the number or an assignment was taken meanwhile.

    All copies of a notice share the run's number; it is stored on the first row (the others
    keep doc_no with serial NULL, as UNIQUE(series, year, serial) allows). A path of None
    records a document with no file on this machine (notices sent before the office used
    docket, or the demo's 交办会 notices)."""
    from docket.core.records import item_name
    from docket.store import events

    if batch.counter is not None:
        if batch.fixed:
            taken = store_docs.issue_used_on(conn, batch.series, batch.serial) is not None
        else:
            taken = counter_now(conn, batch) != batch.serial
        if taken:
            raise Stale(NUMBER_TAKEN.format(doc_no=batch.issues[0].doc_no))
    stamp = now_iso(today)
    ids: list[int] = []
    for issue, path in zip(batch.issues, paths):
        did = store_docs.insert(
            conn, kind=issue.kind, series=issue.series, year=issue.year, serial=issue.serial,
            doc_no=issue.doc_no, unit_id=issue.unit_id, path=path,
            issued_on=batch.issued_on or today, detail=issue.detail, created_at=stamp, by=actor)
        ids.append(did)
        for item_id, assignment_id in issue.links:
            store_docs.link(conn, did, item_id, assignment_id)
            if issue.kind == "notice" and assignment_id is not None and issue.reissue_of is None:
                if not store_docs.set_notice(conn, assignment_id, did):
                    row = store.item_by_id(conn, item_id)
                    raise Stale(NOTICE_TAKEN.format(name=item_name(row["number"], row["kind"]),
                                                    unit=getattr(issue.record, "unit", "")))
        events.append(conn, by=actor, action="document.issue", entity="document", entity_id=did,
                      today=today,
                      detail={"kind": issue.kind, "doc_no": issue.doc_no,
                              "unit": getattr(issue.record, "unit", None),
                              "items": list(issue.numbers), "path": path, **batch.event_detail,
                              **({"reissue_of": issue.reissue_of} if issue.reissue_of else {})})
    if batch.on_record is not None:
        batch.on_record(conn, ids)
    return ids

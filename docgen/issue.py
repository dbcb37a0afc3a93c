"""Issuing: the one path from a core Batch to files on disk and rows on record.

Every document docket writes (交办通知, 催办通知/督办函, 办理情况通报, 工作简报, 征询意见表,
考评/评议结果通报) goes through `issue`; `batches.record` (core) inside its one `write()` is
the only place a document is recorded (store/documents.py `insert`, the only INSERT INTO
documents).

How a number is taken (documents.md §5): the counter is derived from recorded documents
(MAX(serial) + 1), never reserved ahead.

1. plan: core reads the store and the counter (n) and returns the batch's records, numbered
   from n; no lock is held.
2. build: every document is built and saved, fsynced, under a hidden temp name in the target
   folder (`.docket.tmp-<pid>-<run>-<k>.docx`); progress(done, total, name) after each,
   should_stop() before each (a cancelled run removes its temps: no number, no file).
3. record, in one short write transaction: the counter is read again; if another run recorded
   meanwhile (n moved, or an assignment or reminder was taken) the batch is Stale: the temps
   are removed, and the run plans and builds again (up to 5 times). Otherwise the rows are
   inserted and a journal `.docket.tmp-<pid>-<run>.journal` (temp -> final, document ids) is
   written before COMMIT.
4. after COMMIT the temps are renamed to their final names and the journal removed.

So: a failure or a kill before COMMIT leaves no row and no final file (the number was never
taken: no gap); two runs at once cannot record one number twice (UNIQUE + the check under the
lock); the write lock is held only for the inserts. A kill between COMMIT and the renames
leaves the journal: the next run into that folder finishes the renames if the ids are on
record (else removes the temps). Every run first removes temp files of dead processes.

A file recorded by another run while this one was building (the same --out path), or a file
the clerk named that is already a recorded document, is not overwritten: the run stops with a
Conflict and records nothing (two `report --format docx --out tb.docx` once recorded 通报 9 and
10 for one file).

A 补发 (a 交办通知 asked for again for items already noticed: `notice N`) is recorded like any
document but takes no number: its row keeps the original's 文号 with serial NULL and
`reissue_of` (the original's id) in its detail and event; the assignments keep pointing at the
original notice (core.documents.notice_data, core.batches.record).

Folder policy (one for all): the output folder is checked before any work (a path that is a
file is refused; a folder that cannot be created is refused, in Chinese) and created only when
there is something to write. File names: `file_name(record)` (the builders' §3 names), made
safe and unique by save.unique_names.
"""
from __future__ import annotations

import json
import os
import re
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from docket.core import batches
from docket.core.batches import Batch, Stale
from docket.core.errors import BadInput, Conflict, DocketError
from docket.core.files import process_alive
from docket.docgen import save

Progress = Callable[[int, int, str], None]
ShouldStop = Callable[[], bool]

TEMP_PREFIX = ".docket.tmp-"
ATTEMPTS = 5
NOT_A_FOLDER = "输出目录 {folder} 不是目录（是一个文件），请换一个目录"
CANCELLED = "已取消：未生成文件，未占用文号，未记录。"
KEEPS_CHANGING = "另一次生成一直在占用文号，本次未记录，未生成文件；请稍后重新运行"
PATH_TAKEN = "{path} 已由另一次生成写入并记录（{doc_no}），本次未覆盖、未记录，未占用文号；请换一个文件名"

_OLD_TEMP = re.compile(r"^\..+\.tmp-(\d+)$")  # core.files.temp_name, from before this module
_OUR_TEMP = re.compile(re.escape(TEMP_PREFIX) + r"(\d+)-")


class Cancelled(DocketError):
    """The clerk cancelled a running batch; nothing was written or recorded."""


@dataclass(frozen=True, slots=True)
class Issued:
    """What a run wrote: the final paths and the batch as recorded (its numbers)."""

    paths: list[Path] = field(default_factory=list)
    batch: Batch | None = None

    @property
    def doc_no(self) -> str | None:
        return self.batch.issues[0].doc_no if self.batch and self.batch.issues else None


# -- names and folders -----------------------------------------------------------------------------

def file_name(record: object) -> str:
    """The §3 file name of a record (not yet made safe or unique): the one naming function."""
    from docket.docgen import batch

    return batch.module_for(record).file_name(record)


def final_names(records: Sequence[object], names: Sequence[str] | None = None) -> list[str]:
    """The file names a run writes (safe and unique), for --dry-run and messages."""
    return save.unique_names(list(names) if names is not None else [file_name(r) for r in records])


def output_folder(out: Path | str | None) -> Path:
    """The output folder (default: the current one), checked before any work and not created."""
    folder = Path(out) if out else Path(".")
    if folder.exists() and not folder.is_dir():
        raise BadInput(NOT_A_FOLDER.format(folder=folder))
    return save.check_can_create(folder)


def output_file(path: Path | str) -> tuple[Path, list[str]]:
    """A named output file: its folder (checked as output_folder) and its name."""
    path = Path(path)
    return output_folder(path.parent if str(path.parent) else None), [path.name]


# -- stale temp files ------------------------------------------------------------------------------

def sweep(folder: Path, conn=None) -> None:
    """Finish or remove what dead processes left in folder: a journal whose documents are on
    record is completed (temps renamed), any other temp file of a dead process is removed."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    dead: list[Path] = []
    journals: list[Path] = []
    for e in entries:
        m = _OUR_TEMP.match(e.name) or _OLD_TEMP.match(e.name)
        if m and not process_alive(int(m.group(1))):
            (journals if e.name.endswith(".journal") else dead).append(Path(e.path))
    for j in journals:
        try:
            data = json.loads(j.read_text(encoding="utf-8"))
            pairs = [(Path(a), Path(b)) for a, b in data["pairs"]]
            ids = data["ids"]
        except (OSError, ValueError, KeyError, TypeError):
            j.unlink(missing_ok=True)
            continue
        recorded = not ids or (conn is not None and _on_record(conn, ids, [str(b) for _, b in pairs]))
        if recorded:
            for tmp, final in pairs:
                if tmp.exists():
                    os.replace(tmp, final)
        j.unlink(missing_ok=True)
    for p in dead:
        p.unlink(missing_ok=True)


def _on_record(conn, ids: list[int], paths: list[str]) -> bool:
    from docket.store import documents as store_docs

    return store_docs.ids_with_paths(conn, ids, paths) == len(ids)


# -- building --------------------------------------------------------------------------------------

def build_temps(records: Sequence[object], folder: Path, names: Sequence[str], *,
                progress: Progress | None = None, should_stop: ShouldStop | None = None,
                skeletons=None) -> list[Path]:
    """Build and save every record to a hidden temp file in folder; all or none (a failure or
    a cancel removes the temps made so far)."""
    from docket.docgen.batch import Skeletons

    sk = skeletons or Skeletons()
    run = f"{TEMP_PREFIX}{os.getpid()}-{secrets.token_hex(4)}"
    temps: list[Path] = []
    total = len(records)
    current = folder
    try:
        for k, (record, name) in enumerate(zip(records, names), 1):
            if should_stop is not None and should_stop():
                raise Cancelled(CANCELLED)
            current = folder / name
            tmp = folder / f"{run}-{k}.docx"
            temps.append(tmp)
            save.write_file(sk.build(record), tmp)
            if progress is not None:
                progress(k, total, name)
    except OSError as e:  # disk full, folder removed meanwhile: a Chinese reason, no file left
        _remove(temps)
        raise BadInput(save.WRITE_FAILED.format(path=current, reason=save.os_reason(e))) from None
    except BaseException:
        _remove(temps)
        raise
    return temps


def _remove(paths: Sequence[Path]) -> None:
    for p in paths:
        p.unlink(missing_ok=True)


def _journal(folder: Path, temps: Sequence[Path], finals: Sequence[Path], ids: Sequence[int]) -> Path:
    """Written just before COMMIT: how to finish the renames if this process dies after it."""
    path = temps[0].with_name(temps[0].name.rsplit("-", 1)[0] + ".journal")
    with open(path, "w", encoding="utf-8") as fh:
        json.dump({"ids": list(ids), "pairs": [[str(t), str(f)] for t, f in zip(temps, finals)]},
                  fh, ensure_ascii=False)
        fh.flush()
        os.fsync(fh.fileno())
    return path


def _finish(temps: Sequence[Path], finals: Sequence[Path], journal: Path | None) -> None:
    for tmp, final in zip(temps, finals):
        try:
            os.replace(tmp, final)
        except OSError as e:
            raise BadInput(save.WRITE_FAILED.format(path=final, reason=save.os_reason(e))) from None
    if journal is not None:
        journal.unlink(missing_ok=True)


def write_files(records: Sequence[object], folder: Path | str, *, names: Sequence[str] | None = None,
                progress: Progress | None = None, should_stop: ShouldStop | None = None,
                skeletons=None) -> list[Path]:
    """Build and save records that are not recorded (all files appear, or none)."""
    if not records:
        return []  # nothing to write: no empty folder either
    folder = save.check_writable(Path(folder))
    sweep(folder)
    final = [folder / n for n in final_names(records, names)]
    temps = build_temps(records, folder, [p.name for p in final], progress=progress,
                        should_stop=should_stop, skeletons=skeletons)
    journal = _journal(folder, temps, final, [])
    _finish(temps, final, journal)
    return final


# -- issuing ---------------------------------------------------------------------------------------

def issue(conn, plan: Callable[[], Batch] | Batch, folder: Path | str, *, actor: str, today,
          names: Sequence[str] | None = None, progress: Progress | None = None,
          should_stop: ShouldStop | None = None) -> Issued:
    """Build the planned batch outside any lock, record it in one short transaction, then
    rename its files into folder (see the module docstring). plan is called again if another
    run took the number meanwhile. An empty batch writes nothing and creates no folder."""
    from docket.store import documents as store_docs
    from docket.store.db import write

    planner = plan if callable(plan) else (lambda: plan)
    since = store_docs.last_id(conn)
    for _ in range(ATTEMPTS):
        batch = planner()
        if not batch.issues:
            return Issued([], batch)
        target = save.check_writable(Path(folder))
        sweep(target, conn)
        final = [target / n for n in final_names(batch.records, names)]
        temps = build_temps(batch.records, target, [p.name for p in final], progress=progress,
                            should_stop=should_stop)
        journal = None
        try:
            if should_stop is not None and should_stop():
                raise Cancelled(CANCELLED)
            if batch.record:
                paths = [str(p.resolve()) for p in final]
                with write(conn):
                    mark = store_docs.last_id(conn)
                    ids = batches.record(conn, batch, paths, actor=actor, today=today)
                    # another run recorded this path meanwhile; and a file the clerk named that
                    # is another recorded document is never silently replaced
                    taken = store_docs.recorded_between(conn, since, mark, paths)
                    if taken is None and names is not None:
                        taken = store_docs.recorded_between(conn, 0, mark,
                                                            [p for p in paths if Path(p).exists()])
                    if taken:
                        raise Conflict(PATH_TAKEN.format(path=taken["path"], doc_no=taken["doc_no"]))
                    journal = _journal(target, temps, final, ids)
            else:
                journal = _journal(target, temps, final, [])
        except Stale:
            _remove([*temps, *([journal] if journal else [])])
            continue
        except BaseException:
            _remove([*temps, *([journal] if journal else [])])
            raise
        _finish(temps, final, journal)
        return Issued(final, batch)
    raise Conflict(KEEPS_CHANGING)


def record_without_files(conn, batch: Batch, *, actor: str, today) -> list[int]:
    """Record documents issued without a file on this machine (the demo's 交办会 notices)."""
    from docket.store.db import write

    with write(conn):
        return batches.record(conn, batch, [None] * len(batch.issues), actor=actor, today=today)

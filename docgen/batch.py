"""The one loop behind the CLI's progress bar and the TUI's worker: build, save, report.

All documents of a run are written to temp files first and renamed only when every one has
been built and saved, so a failure in the middle leaves no new file and no temp file behind
(documents.md §5). Batches reuse one skeleton per document kind: the styles, section and
footers are built once and each document gets a fresh copy of the empty body.
"""
from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from copy import deepcopy
from pathlib import Path

from docket.docgen import data as d
from docket.docgen import page, save

Progress = Callable[[int, int, str], None]

_MODULES = {
    d.NoticeData: "notice",
    d.ReminderData: "reminder",
    d.CircularData: "circular",
    d.BriefData: "briefing",
    d.FormData: "form",
}
# documents with pictures get a fresh package each: image parts would pile up in a reused one
_NO_REUSE = {"briefing"}


def module_for(data: object):
    """The builder module of a data record."""
    try:
        name = _MODULES[type(data)]
    except KeyError:
        raise TypeError(f"no document builder for {type(data).__name__}") from None
    return importlib.import_module(f"docket.docgen.{name}")


def build(data: object):
    """One Document from its data record (a fresh skeleton)."""
    return module_for(data).build(data)


def file_name(data: object) -> str:
    """The §3 file name of a record (not yet made safe or unique)."""
    return module_for(data).file_name(data)


class Skeletons:
    """Prebuilt empty documents by (module, kind, letterhead), refilled per document."""

    def __init__(self) -> None:
        self._cache: dict[tuple, tuple[object, object]] = {}

    def document(self, data: object):
        """An empty document for data: the cached package with a fresh copy of the empty body."""
        mod = module_for(data)
        kind = mod.kind(data)
        key = (mod.__name__, kind, data.letterhead)
        hit = self._cache.get(key)
        if hit is None:
            doc = page.new_document(kind, data.letterhead)
            hit = (doc, deepcopy(doc.element.body))
            self._cache[key] = hit
        doc, pristine = hit
        root = doc.element
        old = root.body
        # clear() frees the filled body in place; detaching it node by node (replace, remove)
        # makes lxml reconcile every node's namespaces: quadratic in the items of a batch
        old.clear()
        root.replace(old, deepcopy(pristine))
        doc._Document__body = None  # python-docx caches a proxy of the old body
        return doc

    def build(self, data: object):
        """A filled document, reusing the skeleton of its kind."""
        mod = module_for(data)
        if mod.__name__.rsplit(".", 1)[-1] in _NO_REUSE:
            return mod.build(data)
        return mod.fill(self.document(data), data)


def generate(records: Sequence[object], out_dir: Path | str, *,
             names: Sequence[str] | None = None, progress: Progress | None = None,
             skeletons: Skeletons | None = None) -> list[Path]:
    """Build and save every record into out_dir; all files appear, or none.

    names defaults to each builder's §3 file name; names are made safe and unique.
    progress(done, total, file name) is called after each document is saved to its temp file.
    """
    if not records:
        return []  # nothing to write: no empty folder either
    folder = save.check_writable(Path(out_dir))
    raw = list(names) if names is not None else [file_name(r) for r in records]
    final = save.unique_names(raw)
    sk = skeletons or Skeletons()
    temps: list[tuple[Path, Path]] = []
    done: list[Path] = []
    total = len(records)
    current = folder
    try:
        for i, (record, name) in enumerate(zip(records, final), 1):
            target = current = folder / name
            doc = sk.build(record)
            temps.append((save.write_temp(doc, target), target))
            if progress is not None:
                progress(i, total, name)
        for tmp, target in temps:
            current = target
            save.commit(tmp, target)
            done.append(target)
    except OSError as e:  # disk full, folder removed meanwhile: a Chinese reason, no file left
        for tmp, _ in temps:
            tmp.unlink(missing_ok=True)
        for target in done:
            target.unlink(missing_ok=True)
        from docket.core.errors import BadInput
        raise BadInput(save.WRITE_FAILED.format(path=current, reason=save.os_reason(e))) from None
    except BaseException:
        for tmp, _ in temps:
            tmp.unlink(missing_ok=True)
        raise
    return done

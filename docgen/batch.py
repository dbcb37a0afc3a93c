"""Building documents in batches: the builder of each record type, and prebuilt skeletons.

Batches reuse one skeleton per document kind: the styles, section and footers are built once
and each document gets a fresh copy of the empty body (the filled one is freed with clear(), so
a batch's time grows linearly with its items). Saving, recording and renaming are
docgen/issue.py's (`generate` writes unrecorded files through it).
"""
from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from copy import deepcopy
from pathlib import Path

from docket.core import docdata as d
from docket.docgen import page

Progress = Callable[[int, int, str], None]

_MODULES = {
    d.NoticeData: "notice",
    d.ReminderData: "reminder",
    d.ProgressReminderData: "progress_reminder",
    d.CircularData: "circular",
    d.BriefData: "briefing",
    d.FormData: "form",
    d.ScoreReportData: "scores",
    d.AppraisalReportData: "scores",
    d.RectifyCircularData: "rectify_circular",
    d.ProjectReportData: "projects",
    d.PublicReportData: "public_report",
    d.PacketLetterData: "packet_letter",
}
# documents with pictures get a fresh package each: image parts would pile up in a reused one
_NO_REUSE = {"briefing", "scores", "projects", "public_report"}  # scores: built whole, one per run


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
    """Build and save every record into out_dir without recording it; all files appear, or
    none (docgen/issue.py's temp files and renames; issue.issue also records)."""
    from docket.docgen import issue

    return issue.write_files(records, out_dir, names=names, progress=progress, skeletons=skeletons)

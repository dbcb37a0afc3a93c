"""Atomic saving and safe file names (documents.md §5).

A document is written to `.{name}.tmp-{pid}` beside its target, fsynced, then renamed over the
target with os.replace, so a reader never sees half a file. User text is cleaned by the
builders (wording.clean) before python-docx sees it.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

from docket.core.errors import BadInput

_BAD_NAME = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]')
NAME_CAP = 60


def safe_name(name: str) -> str:
    """`\\/:*?"<>|`, control characters and trailing dots/spaces become _; stem ≤ 60 chars."""
    stem, dot, ext = name.rpartition(".")
    if not dot or len(ext) > 5:
        stem, ext = name, ""
    stem = _BAD_NAME.sub("_", stem)
    stem = stem[:NAME_CAP]
    stripped = stem.rstrip(". ")
    stem = stripped + "_" * (len(stem) - len(stripped)) if stripped else "_"
    return f"{stem}.{ext}" if ext else stem


def unique_names(names: list[str]) -> list[str]:
    """Safe names; a clash within one run gets -2, -3 before the extension."""
    seen: dict[str, int] = {}
    out = []
    for raw in names:
        name = safe_name(raw)
        key = name.lower()
        if key in seen:
            seen[key] += 1
            stem, dot, ext = name.rpartition(".")
            name = f"{stem}-{seen[key]}.{ext}" if dot else f"{name}-{seen[key]}"
        else:
            seen[key] = 1
        out.append(name)
    return out


def check_writable(folder: Path) -> Path:
    """Create folder if needed and prove it is writable, before any work (BadInput if not)."""
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / f".docket-probe-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as e:
        raise BadInput(f"输出目录 {folder} 无法写入：{e.strerror or e}，请换一个目录或检查权限") from None
    return folder


def temp_path(target: Path) -> Path:
    """.{name}.tmp-{pid} in the target's folder."""
    return target.with_name(f".{target.name}.tmp-{os.getpid()}")


class _ZipWriter:
    """python-docx's package writer interface over a zip with fast compression and fixed
    entry times, so the same document gives the same bytes (python-docx stamps now())."""

    def __init__(self, fh) -> None:
        import zipfile

        self._zip = zipfile.ZipFile(fh, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1)

    def write(self, pack_uri, blob: bytes) -> None:
        import zipfile

        info = zipfile.ZipInfo(pack_uri.membername, date_time=(1980, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        self._zip.writestr(info, blob, compresslevel=1)

    def close(self) -> None:
        self._zip.close()


def write_package(doc, fh) -> None:
    """Serialise a Document into an open binary file (what Document.save does, faster)."""
    from docx.opc.pkgwriter import PackageWriter

    package = doc.part.package
    parts = list(package.iter_parts())
    writer = _ZipWriter(fh)
    try:
        PackageWriter._write_content_types_stream(writer, parts)
        PackageWriter._write_pkg_rels(writer, package.rels)
        PackageWriter._write_parts(writer, parts)
    finally:
        writer.close()


def write_temp(doc, target: Path) -> Path:
    """Save doc to its temp file, fsynced; the caller renames or deletes it."""
    tmp = temp_path(Path(target))
    try:
        with open(tmp, "wb") as fh:
            write_package(doc, fh)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


def commit(tmp: Path, target: Path) -> None:
    """Move a finished temp file over its target."""
    os.replace(tmp, target)


def save(doc, target: Path | str) -> Path:
    """Write one document atomically; a file of the same name is replaced."""
    target = Path(target)
    tmp = write_temp(doc, target)
    try:
        commit(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target

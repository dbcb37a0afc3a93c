"""Atomic saving and safe file names (documents.md §5).

A batch's documents are written to hidden temp files in the target folder, fsynced, and renamed
only after they are recorded (docgen/issue.py); `save` writes one document the same way
(core.files.replacing), so a reader never sees half a file. User text is cleaned by the
builders (wording.clean) before python-docx sees it.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

from docket.core.files import WRITE_FAILED, os_reason  # noqa: F401 - one errno→Chinese map
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


CANNOT_WRITE = "输出目录 {folder} 无法写入：{reason}，请换一个目录或检查权限"


def _blocked(folder: Path) -> tuple[Path, str | None]:
    """The nearest existing ancestor of folder (or folder itself) and why it cannot hold the
    folder (None if it can, as far as the file system says before trying)."""
    probe = folder
    while not probe.exists() and probe.parent != probe:
        if probe.is_symlink():  # a dangling link: mkdir would fail with ENOENT
            return probe, f"{probe} 指向的位置不存在"
        probe = probe.parent
    if not probe.is_dir():
        return probe, f"{probe} 是文件，不是目录"
    return probe, None


def check_can_create(folder: Path) -> Path:
    """Prove that folder exists and is writable, or could be created, without creating it
    (a run that has nothing to write leaves no empty folder behind). BadInput if not."""
    import tempfile

    folder = Path(folder)
    base, why = _blocked(folder)
    if why is None:
        try:
            if base == folder:
                probe = folder / f".docket-probe-{os.getpid()}"
                probe.write_bytes(b"")
                probe.unlink()
            else:
                os.rmdir(tempfile.mkdtemp(prefix=".docket-probe-", dir=base))
        except OSError as e:
            why = os_reason(e)
    if why is not None:
        raise BadInput(CANNOT_WRITE.format(folder=folder, reason=why))
    return folder


def check_writable(folder: Path) -> Path:
    """Create folder if needed and prove it is writable, before any work (BadInput if not)."""
    folder = Path(folder)
    _, why = _blocked(folder)
    if why is None:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            probe = folder / f".docket-probe-{os.getpid()}"
            probe.write_bytes(b"")
            probe.unlink()
        except OSError as e:
            why = os_reason(e)
    if why is not None:
        raise BadInput(CANNOT_WRITE.format(folder=folder, reason=why))
    return folder




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


def write_file(doc, path: Path) -> Path:
    """Save doc to path (a temp name chosen by the caller), fsynced; removed on failure."""
    try:
        with open(path, "wb") as fh:
            write_package(doc, fh)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        Path(path).unlink(missing_ok=True)
        raise
    return Path(path)


def save(doc, target: Path | str) -> Path:
    """Write one document atomically; a file of the same name is replaced."""
    from docket.core.files import replacing

    target = Path(target)
    with replacing(target) as tmp, open(tmp, "wb") as fh:
        write_package(doc, fh)
        fh.flush()
        os.fsync(fh.fileno())
    return target

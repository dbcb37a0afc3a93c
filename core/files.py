"""Writing a file so no reader ever sees half of it: a temp name beside the target, then rename.

Stdlib only; every writer (exports, reports, documents, backups) goes through here.
"""
from __future__ import annotations

import errno
import os
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Iterator

from docket.core.errors import BadInput

# what the system says, in Chinese (strerror is English: "No such file or directory")
_REASONS = {
    errno.ENOENT: "路径不存在",
    errno.EACCES: "没有写入权限",
    errno.EPERM: "没有写入权限",
    errno.EROFS: "所在磁盘只读，没有写入权限",
    errno.ENOSPC: "磁盘已满",
    errno.EDQUOT: "磁盘已满（超出配额）",
    errno.EFBIG: "文件超过系统允许的大小",
    errno.ENOTDIR: "路径中有一项不是目录",
    errno.EEXIST: "已有同名文件，不是目录",
    errno.EISDIR: "同名的是一个目录",
    errno.ENAMETOOLONG: "路径或文件名太长",
}
WRITE_FAILED = "写入 {path} 失败：{reason}，本次未生成任何文件"


def os_reason(e: OSError) -> str:
    """An OSError as a short Chinese reason (never the English strerror)."""
    return _REASONS.get(e.errno, f"系统错误（错误码 {e.errno}）" if e.errno else "系统错误")


def process_alive(pid: int) -> bool:
    """Whether the process that owns a temp file (named with its pid) may still be writing it;
    this process counts as alive (another thread of it, the TUI's, may be running a batch)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    return True


def temp_name(target: Path) -> Path:
    """.{name}.tmp-{pid} in the target's folder (same file system, so the rename is atomic)."""
    return target.with_name(f".{target.name}.tmp-{os.getpid()}")


@contextmanager
def replacing(target: Path | str, *, mode: int | None = None) -> Iterator[Path]:
    """Yield a temp path to write; on success it replaces `target`, on any failure it is removed.
    A failure of the file system (disk full, read-only) becomes BadInput with a Chinese reason.

    `mode` (e.g. 0o600 for files holding personal data) is set on the temp file before the
    rename, whatever the umask, so the final name never exists with wider permissions."""
    target = Path(target)
    tmp = temp_name(target)
    try:
        yield tmp
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, target)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise BadInput(WRITE_FAILED.format(path=target, reason=os_reason(e))) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def stamped_ooxml(blob: bytes, on: datetime) -> bytes:
    """The same xlsx/docx zip with fixed entry times, and docProps/core.xml's created and modified
    set to `on` (openpyxl writes the wall clock as modified when it saves)."""
    import io
    import zipfile

    stamp = on.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(blob)) as src, \
            zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = _restamp(data, stamp)
            entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(entry, data)
    return out.getvalue()


def _restamp(core: bytes, stamp: bytes) -> bytes:
    import re

    return re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(<)", rb"\g<1>" + stamp + rb"\2",
                  core)

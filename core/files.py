"""Writing a file so no reader ever sees half of it: a temp name beside the target, then rename.

Stdlib only; every writer (exports, reports, documents, backups) goes through here.
"""
from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator


def temp_name(target: Path) -> Path:
    """.{name}.tmp-{pid} in the target's folder (same file system, so the rename is atomic)."""
    return target.with_name(f".{target.name}.tmp-{os.getpid()}")


@contextmanager
def replacing(target: Path | str, *, mode: int | None = None) -> Iterator[Path]:
    """Yield a temp path to write; on success it replaces `target`, on any failure it is removed.

    `mode` (e.g. 0o600 for files holding personal data) is set on the temp file before the
    rename, whatever the umask, so the final name never exists with wider permissions."""
    target = Path(target)
    tmp = temp_name(target)
    try:
        yield tmp
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise

"""A full disk and read-only places (issue 12): a Chinese message, exit 1, the database as it was,
and no partial (or temp) file left behind.

The full disk is a 2 MB tmpfs mounted for the test (CI's container runs as root); where mounting
is not permitted those tests are skipped: RLIMIT_FSIZE is no faithful stand-in, since it also
limits the database's own -wal and -shm (tried: `add` then succeeds, `notice` fails in SQLite).
Read-only places are read-only bind mounts as root (root ignores file modes), file modes otherwise.
"""
from __future__ import annotations

import errno
import os
import re
import subprocess
from pathlib import Path

import pytest

from tests.reliability.helpers import (
    copy_db,
    count,
    docket,
    integrity,
    must,
    table_dump,
    write_items_csv,
)

ROOT = os.geteuid() == 0
CJK = re.compile(r"[\u4e00-\u9fff]")


def _mount(*args: str) -> bool:
    return subprocess.run(["mount", *args], capture_output=True).returncode == 0


def _umount(path: Path) -> None:
    subprocess.run(["umount", "-l", str(path)], capture_output=True)


class Place:
    """A small tmpfs that can be filled."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def fill(self, leave: int = 0) -> None:
        """Fill the file system, then give back `leave` bytes."""
        filler = self.folder / ".filler"
        with open(filler, "wb") as fh:
            try:
                while True:
                    fh.write(b"\0" * 65536)
                    fh.flush()
            except OSError as e:
                assert e.errno == errno.ENOSPC
        if leave:
            os.truncate(filler, max(0, filler.stat().st_size - leave))

    def free(self) -> None:
        (self.folder / ".filler").unlink(missing_ok=True)


@pytest.fixture
def small(tmp_path: Path):
    folder = tmp_path / "small"
    folder.mkdir()
    if not _mount("-t", "tmpfs", "-o", "size=2m", "tmpfs", str(folder)):
        pytest.skip("cannot mount a small tmpfs here (needs root)")
    yield Place(folder)
    _umount(folder)


def read_only(path: Path, stack: list[Path]) -> None:
    """Make a file or folder read-only for docket (root included)."""
    if ROOT:
        assert _mount("--bind", str(path), str(path)) and _mount("-o", "remount,ro,bind", str(path))
        stack.append(path)
    else:
        path.chmod(0o555 if path.is_dir() else 0o444)


@pytest.fixture
def ro_stack():
    stack: list[Path] = []
    yield stack
    for p in reversed(stack):
        _umount(p)


def docket_run(db: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DOCKET_DB": str(db)}
    return subprocess.run(docket() + list(args), env=env, capture_output=True, text=True,
                          check=False)


def assert_refused(done: subprocess.CompletedProcess, *, chinese: bool = True) -> None:
    """Exit 1 with a Chinese message: no traceback, no English system text, no 内部错误."""
    assert done.returncode == 1, (done.returncode, done.stderr)
    assert "Traceback" not in done.stderr
    if not chinese:
        return
    assert done.stderr.startswith("错误：") and CJK.search(done.stderr), done.stderr
    assert "Traceback" not in done.stderr and "内部错误" not in done.stderr, done.stderr
    assert not re.search(r"(No space|disk is full|[Rr]ead-only|readonly|Permission denied|"
                         r"unable to open|too large)", done.stderr), done.stderr


def make_office(db: Path, items: int = 40) -> Path:
    must(db, "init", "--org", "青禾县人大常委会办公室", "--short", "青禾人大办")
    csv = write_items_csv(db.with_name("seed.csv"), items, units=4)
    must(db, "import", str(csv), "--create-units", "--assigned-on", "2025-11-20")
    return db


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_office(tmp_path_factory.mktemp("office") / "docket.db")


# -- the database on a full disk -----------------------------------------------------------------

def _add_on_full_disk(office: Path, small: Place):
    db = copy_db(office, small.folder)
    before = table_dump(db)
    small.fill()
    done = docket_run(db, "add", "--title", "关于整治城南菜市场周边交通秩序的建议",
                      "--proposer", "张三")
    small.free()
    return db, before, done


def test_add_on_a_full_disk_says_so_in_chinese(office: Path, small: Place) -> None:
    assert_refused(_add_on_full_disk(office, small)[2])


def test_add_on_a_full_disk_is_refused_and_changes_nothing(office: Path, small: Place) -> None:
    db, before, done = _add_on_full_disk(office, small)
    assert_refused(done, chinese=False)
    assert integrity(db) == "ok"
    assert table_dump(db) == before
    assert docket_run(db, "add", "--title", "关于整治城南菜市场周边交通秩序的建议",
                      "--proposer", "张三").returncode == 0


def _import_on_full_disk(office: Path, small: Place, tmp_path: Path):
    db = copy_db(office, small.folder)
    csv = write_items_csv(tmp_path / "more.csv", 3000, prefix="新件")
    before = table_dump(db)
    small.fill(leave=256 * 1024)
    done = docket_run(db, "import", str(csv))
    small.free()
    return db, before, done


def test_import_on_a_full_disk_says_so_in_chinese(office: Path, small: Place,
                                                  tmp_path: Path) -> None:
    assert_refused(_import_on_full_disk(office, small, tmp_path)[2])


def test_import_on_a_full_disk_is_refused_and_imports_nothing(office: Path, small: Place,
                                                              tmp_path: Path) -> None:
    db, before, done = _import_on_full_disk(office, small, tmp_path)
    assert_refused(done, chinese=False)
    assert integrity(db) == "ok"
    assert table_dump(db) == before


# -- output to a full folder ---------------------------------------------------------------------

OUTPUTS = {
    "notice": lambda d: ["notice", "--out", str(d / "交办通知")],
    "remind --out": lambda d: ["remind", "--out", str(d)],
    "export xlsx": lambda d: ["export", str(d / "台账.xlsx")],
    "export csv": lambda d: ["export", str(d / "台账.csv")],
    "report docx": lambda d: ["report", "--format", "docx", "--out", str(d / "通报.docx")],
    "report xlsx": lambda d: ["report", "--format", "xlsx", "--out", str(d / "通报.xlsx")],
}


@pytest.mark.parametrize("what", list(OUTPUTS))
def test_output_to_a_full_folder_is_refused_leaving_no_file(office: Path, small: Place,
                                                            tmp_path: Path, what: str) -> None:
    db = copy_db(office, tmp_path)
    before = table_dump(db)
    small.fill()  # an empty probe file still fits, no document does
    done = docket_run(db, *OUTPUTS[what](small.folder))
    assert_refused(done)
    left = [p for p in small.folder.rglob("*") if p.is_file() and p.name != ".filler"]
    assert left == []
    assert table_dump(db) == before
    small.free()
    assert docket_run(db, *OUTPUTS[what](small.folder)).returncode == 0


@pytest.fixture(scope="module")
def bigger(tmp_path_factory: pytest.TempPathFactory, office: Path) -> Path:
    db = copy_db(office, tmp_path_factory.mktemp("bigger"))
    for i in range(300):  # a database larger than the room left
        must(db, "unit", "add", f"县第{i}测试中心" + "很长的名字" * 20)
    assert db.stat().st_size > 300 * 1024
    return db


def _backup_to_full_disk(bigger: Path, small: Place, tmp_path: Path):
    db = copy_db(bigger, tmp_path)
    small.fill(leave=128 * 1024)
    target = small.folder / "docket-backup.db"
    return db, target, docket_run(db, "backup", str(target))


def test_backup_to_a_full_disk_says_so_in_chinese(bigger: Path, small: Place,
                                                  tmp_path: Path) -> None:
    assert_refused(_backup_to_full_disk(bigger, small, tmp_path)[2])


def test_backup_to_a_full_disk_leaves_no_truncated_backup(bigger: Path, small: Place,
                                                          tmp_path: Path) -> None:
    db, target, done = _backup_to_full_disk(bigger, small, tmp_path)
    assert_refused(done, chinese=False)
    assert [p.name for p in small.folder.iterdir() if p.name != ".filler"] == []
    small.free()
    must(db, "backup", str(target))
    assert integrity(target) == "ok"


# -- read-only places ----------------------------------------------------------------------------

WRITES = {
    "add": ["add", "--title", "关于增设城区公交线路的建议", "--proposer", "李四"],
    "assign": ["assign", "1", "--lead", "县测试局1", "--support", "县测试局2"],
    "config set": ["config", "set", "remind.repeat", "5个工作日"],
}


@pytest.mark.parametrize("chinese", [False, True])
@pytest.mark.parametrize("what", list(WRITES))
def test_write_to_a_read_only_database_file_is_refused(office: Path, tmp_path: Path,
                                                       ro_stack: list[Path], what: str,
                                                       chinese: bool) -> None:
    db = copy_db(office, tmp_path)
    before = db.read_bytes()
    read_only(db, ro_stack)
    done = docket_run(db, *WRITES[what])
    assert db.read_bytes() == before
    assert_refused(done, chinese=chinese)


@pytest.mark.parametrize("chinese", [False, True])
@pytest.mark.parametrize("what", list(WRITES))
def test_write_in_a_read_only_database_folder_is_refused(office: Path, tmp_path: Path,
                                                         ro_stack: list[Path], what: str,
                                                         chinese: bool) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    db = copy_db(office, folder)
    before = db.read_bytes()
    read_only(folder, ro_stack)
    done = docket_run(db, *WRITES[what])
    assert db.read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == ["docket.db", "docket.db.head"]
    assert_refused(done, chinese=chinese)


@pytest.mark.parametrize("what", list(OUTPUTS))
def test_output_to_a_read_only_folder_is_refused(office: Path, tmp_path: Path,
                                                 ro_stack: list[Path], what: str) -> None:
    db = copy_db(office, tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    before = table_dump(db)
    read_only(out, ro_stack)
    done = docket_run(db, *OUTPUTS[what](out))
    assert_refused(done)
    assert list(out.iterdir()) == []
    assert table_dump(db) == before
    assert count(db, "SELECT COUNT(*) FROM documents") == 0

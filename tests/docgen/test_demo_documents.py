"""Documents made from the demo as a new user makes them (review of issue 6): the files are
reopened with python-docx and checked, not the data behind them."""
from __future__ import annotations

import errno
import shutil
import sqlite3
from datetime import date
from pathlib import Path

import docx
import pytest

from docket.core.errors import BadInput
from docket.docgen import save
from tests.conftest import invoke, ok

TODAY = date(2026, 3, 20)  # tests/conftest.py's DOCKET_TODAY
SHORT = "县十八届人大五次会议"
NOTHING = "没有需要发交办通知的承办件（新的交办都已发过通知），未生成文件。\n"


@pytest.fixture(scope="module")
def built(demo_county) -> Path:
    return demo_county(today=TODAY).path


@pytest.fixture
def demo(built: Path, tmp_path: Path) -> Path:
    """A fresh copy of the demo for each test (documents change it)."""
    db = tmp_path / "demo.db"
    shutil.copy(built, db)
    return db


def texts(path: Path) -> list[str]:
    return [p.text.replace("\n", "") for p in docx.Document(str(path)).paragraphs if p.text.strip()]


def query(db: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_circular_and_briefing_name_the_meeting_alike(demo: Path, tmp_path: Path) -> None:
    import json

    total = json.loads(ok("--db", str(demo), "report", "--json"))["totals"]["total"]
    circular, brief = tmp_path / "通报.docx", tmp_path / "简报.docx"
    ok("--db", str(demo), "report", "--format", "docx", "--out", str(circular))
    ok("--db", str(demo), "brief", "--out", str(brief))
    c, b = texts(circular), texts(brief)
    assert f"关于{SHORT}代表建议办理情况的通报" in c
    first = f"截至2026年3月20日，{SHORT}代表建议共{total}件，已交办"
    assert next(t for t in c if t.startswith("截至")).startswith(first)
    assert next(t for t in b if t.startswith("截至")).startswith(first)
    assert not [t for t in c + b if "第十八届人民代表大会" in t]


def test_demo_has_issued_its_notices_on_the_day_of_each_assignment(demo: Path, tmp_path: Path) -> None:
    # every live assignment points at a notice dated the day it was assigned; no file exists
    assert query(demo, "SELECT COUNT(*) FROM assignments a JOIN documents d ON d.id = a.notice_id"
                       " WHERE d.issued_on != a.assigned_on OR d.path IS NOT NULL") == [(0,)]
    meeting = query(demo, "SELECT MIN(assigned_on) FROM assignments")[0][0]
    first = query(demo, "SELECT doc_no, issued_on FROM documents WHERE serial = 1 AND kind = 'notice'")
    assert first[0] == (f"青人大办〔{meeting[:4]}〕1号", meeting)
    assert query(demo, "SELECT COUNT(*) FROM assignments a JOIN items i ON i.id = a.item_id"
                       " WHERE i.state = 'assigned' AND a.returned_on IS NULL AND a.ended_on IS NULL"
                       " AND a.notice_id IS NULL") == [(0,)]
    # so a new user's first run issues nothing, and writes no folder
    out = tmp_path / "emptyrun"
    result = invoke("--db", str(demo), "notice", "--out", str(out))
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", NOTHING)
    assert not out.exists()
    # an assignment made now is the only one the next notice covers, dated today
    number = query(demo, "SELECT MIN(number) FROM items WHERE state = 'accepted'")[0][0]
    ok("--db", str(demo), "assign", str(number), "--lead", "水利局")
    ok("--db", str(demo), "notice", "--out", str(out))
    (path,) = out.iterdir()
    assert path.name == "交办通知-县水利局-2026-03-20.docx"
    rows = [[c.text.replace("\n", "") for c in r.cells] for r in docx.Document(str(path)).tables[0].rows]
    assert [r[1] for r in rows[1:]] == [str(number)]
    body = texts(path)
    assert "其中，你单位主办1件（详见附件）" in body[4]
    serials = query(demo, "SELECT MAX(serial) FROM documents WHERE year = 2026")[0][0]
    assert f"青人大办〔2026〕{serials}号" in body


def test_an_unwritable_out_is_refused_in_chinese(demo: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "一个文件"
    blocker.write_text("x")
    dangling = tmp_path / "断开的链接"
    dangling.symlink_to(tmp_path / "已删除")
    cases = {
        blocker / "通知": f"{blocker} 是文件，不是目录",
        dangling / "通知": f"{dangling} 指向的位置不存在",
    }
    for target, reason in cases.items():
        for args in (["notice", "1", "--out", str(target)], ["form", "1", "--out", str(target)],
                     ["brief", "--out", str(target / "简报.docx")]):
            result = invoke("--db", str(demo), *args)
            assert (result.exit_code, result.stdout) == (1, ""), args
            assert result.stderr == f"错误：输出目录 {target} 无法写入：{reason}，请换一个目录或检查权限\n"
    assert not (tmp_path / "已删除").exists()


@pytest.mark.parametrize("code,reason", [
    (errno.ENOENT, "路径不存在"), (errno.EACCES, "没有写入权限"), (errno.ENOSPC, "磁盘已满"),
    (errno.ENOTDIR, "路径中有一项不是目录"), (errno.EROFS, "所在磁盘只读，没有写入权限"),
    (errno.EIO, f"系统错误（错误码 {errno.EIO}）"),
])
def test_system_errors_read_in_chinese(code: int, reason: str) -> None:
    assert save.os_reason(OSError(code, "English text")) == reason


def test_a_full_disk_while_writing_leaves_no_file(make, tmp_path: Path, monkeypatch) -> None:
    from docket.docgen import batch

    real = save.write_file
    calls = []

    def full(doc, target):
        calls.append(target)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "No space left on device", str(target))
        return real(doc, target)

    monkeypatch.setattr(save, "write_file", full)
    out = tmp_path / "out"
    with pytest.raises(BadInput) as e:
        batch.generate([make.notice(unit="县甲局"), make.notice(unit="县乙局")], out)
    assert e.value.message == f"写入 {out / '交办通知-县乙局-2026-03-05.docx'} 失败：磁盘已满，本次未生成任何文件"
    assert list(out.iterdir()) == []

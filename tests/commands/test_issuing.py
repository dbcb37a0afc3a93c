"""The one issuing path (docgen/issue.py) under the attacks of issue 12: concurrent runs into one
folder, a named file issued twice, a killed batch, a cancelled batch, a rehearsal in the future."""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import invoke, ok, rows
from tests.helpers import build_worked_dataset

DAY = date(2026, 3, 20)


def db_rows(db: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


@pytest.fixture
def assigned(office_db: Path) -> Path:
    """Three items assigned on 2026-03-20 to three units."""
    for title in ("关于加快推进城乡供水一体化建设的建议", "关于加强农村饮用水水源地保护的建议",
                  "关于治理青禾河沿岸内涝点的建议"):
        ok("add", "--title", title, "--proposer", "张明远")
    ok("assign", "1", "--lead", "水利局", "--support", "农业农村局")
    ok("assign", "2", "--lead", "水利局")
    ok("assign", "3", "--lead", "卫健局", "--support", "水利局")
    return office_db


def test_two_notice_runs_into_one_folder_keep_the_winners_files(assigned: Path, tmp_path: Path) -> None:
    """Issue 12 attack 3: the loser used to delete the winner's paths (0 files on disk, every
    notice recorded). Now the loser sees the number taken, plans again and finds nothing left."""
    from docket.core import documents
    from docket.docgen import issue
    from docket.store.db import opened

    out = tmp_path / "通知"
    inner = []

    def other_run(done, total, name):
        if not inner:  # another clerk's run (another process) starts and finishes meanwhile
            inner.append(subprocess.run([sys.executable, "-m", "docket", "notice", "--out", str(out)],
                                        capture_output=True, text=True, env=dict(os.environ)))

    with opened(assigned) as conn:
        done = issue.issue(conn, lambda: documents.notice_data(conn, today=DAY), out, actor="测试员",
                           today=DAY, progress=other_run)
    assert inner[0].returncode == 0, inner[0].stderr
    assert done.paths == [] and done.batch.issues == ()
    on_disk = sorted(p.name for p in out.iterdir())
    assert on_disk == sorted(Path(line).name for line in inner[0].stdout.split())
    assert len(on_disk) == 3
    recorded = db_rows(assigned, "SELECT path, doc_no FROM documents ORDER BY id")
    assert sorted(Path(p).name for p, _ in recorded) == on_disk  # every recorded notice is a file
    assert {n for _, n in recorded} == {"青禾人大办〔2026〕1号"}


def test_a_named_file_that_is_a_recorded_document_is_not_replaced(office_db: Path, tmp_path: Path) -> None:
    """Issue 12 attack 3: two `report --format docx --out tb.docx` recorded 通报 9 and 10 for one
    file. The second run is refused and takes no number."""
    build_worked_dataset()
    target = tmp_path / "tb.docx"
    first = invoke("report", "--as-of", "2026-07-31", "--format", "docx", "--out", str(target))
    assert first.exit_code == 0, first.stderr
    before = target.read_bytes()
    second = invoke("report", "--as-of", "2026-07-31", "--format", "docx", "--out", str(target))
    assert (second.exit_code, second.stdout) == (1, "")
    assert second.stderr == (f"错误：{target} 已由另一次生成写入并记录（青禾人大办〔2026〕1号），"
                             "本次未覆盖、未记录，未占用文号；请换一个文件名\n")
    assert target.read_bytes() == before
    assert db_rows(office_db, "SELECT doc_no, path FROM documents") == [("青禾人大办〔2026〕1号", str(target))]
    assert sorted(p.name for p in tmp_path.iterdir() if ".tmp" in p.name) == []


def test_a_future_as_of_is_a_rehearsal_that_records_nothing(office_db: Path, tmp_path: Path) -> None:
    """Issue 12 attack 4: `remind --as-of` a future date recorded future sent_on dates, which
    silenced the 督办 repeats of the following weeks."""
    build_worked_dataset()
    before = rows(office_db, "reminders")
    result = invoke("remind", "--as-of", "2026-09-01", "--out", str(tmp_path / "预演"), today="2026-07-31")
    assert result.exit_code == 0
    assert "2026-09-01晚于今天（2026-07-31），仅试运行：未发送、未记录催办，也未生成文书。\n" in result.stderr
    assert "督办" in result.stdout  # the rehearsal lists what that day would send
    assert rows(office_db, "reminders") == before and rows(office_db, "documents") == []
    assert not (tmp_path / "预演").exists()
    # the real run on that day still sends the red reminders
    real = invoke("remind", "--json", today="2026-09-01")
    assert real.exit_code == 0 and '"color": "red"' in real.stdout
    assert len(rows(office_db, "reminders")) > len(before)


def test_a_cancelled_batch_uses_no_number_and_leaves_no_file(assigned: Path, tmp_path: Path) -> None:
    from docket.core import documents
    from docket.docgen import issue
    from docket.store.db import opened

    out = tmp_path / "通知"
    seen = []
    with opened(assigned) as conn, pytest.raises(issue.Cancelled) as e:
        issue.issue(conn, lambda: documents.notice_data(conn, today=DAY), out, actor="测试员", today=DAY,
                    progress=lambda done, total, name: seen.append((done, total)),
                    should_stop=lambda: len(seen) >= 2)
    assert str(e.value) == "已取消：未生成文件，未占用文号，未记录。"
    assert seen == [(1, 3), (2, 3)]
    assert list(out.iterdir()) == []
    assert rows(assigned, "documents") == []
    assert invoke("notice", "--out", str(out)).stdout.count(".docx") == 3  # 1号 is still free
    assert db_rows(assigned, "SELECT DISTINCT doc_no FROM documents") == [("青禾人大办〔2026〕1号",)]


KILLER = """
import os, signal, sys
from datetime import date
from docket.core import documents
from docket.docgen import issue
from docket.store.db import opened

def progress(done, total, name):
    if done == 2:
        os.kill(os.getpid(), signal.SIGKILL)

with opened(sys.argv[1]) as conn:
    issue.issue(conn, lambda: documents.notice_data(conn, today=date(2026, 3, 20)), sys.argv[2],
                actor="测试员", today=date(2026, 3, 20), progress=progress)
"""


def test_a_killed_batch_leaves_no_final_file_and_the_next_run_cleans_up(assigned: Path, tmp_path: Path) -> None:
    """Issue 12 attack 9: a killed batch left part of its final files and orphan .tmp files
    that later runs never cleaned."""
    out = tmp_path / "通知"
    done = subprocess.run([sys.executable, "-c", KILLER, str(assigned), str(out)], capture_output=True)
    assert done.returncode == -signal.SIGKILL
    left = sorted(p.name for p in out.iterdir())
    assert len(left) == 2 and all(n.startswith(".docket.tmp-") for n in left)  # hidden, not final
    assert rows(assigned, "documents") == []
    (out / ".交办通知-县水利局-2026-03-20.docx.tmp-999999999").write_bytes(b"half")  # the old naming
    result = invoke("notice", "--out", str(out))
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted(Path(p).name for p in result.stdout.split())
    assert db_rows(assigned, "SELECT DISTINCT doc_no FROM documents") == [("青禾人大办〔2026〕1号",)]


def test_a_kill_after_recording_is_finished_by_the_next_run(assigned: Path, tmp_path: Path) -> None:
    """A journal left by a process killed between COMMIT and the renames: the documents are on
    record, so the next run into the folder puts the files under their final names."""
    import json

    from docket.core import documents
    from docket.docgen import issue
    from docket.store.db import opened

    out = tmp_path / "通知"
    real_finish = issue._finish
    journals = []

    def killed(temps, finals, journal):  # the process "dies" here: nothing renamed
        journals.append(json.loads(journal.read_text(encoding="utf-8")))
        dead = f"{issue.TEMP_PREFIX}999999999-"
        for p in [*temps, journal]:
            p.rename(p.with_name(p.name.replace(f"{issue.TEMP_PREFIX}{os.getpid()}-", dead)))
        fixed = json.dumps({"ids": journals[0]["ids"], "pairs": [
            [a.replace(f"{issue.TEMP_PREFIX}{os.getpid()}-", dead), b] for a, b in journals[0]["pairs"]]})
        journal.with_name(journal.name.replace(f"{issue.TEMP_PREFIX}{os.getpid()}-", dead)).write_text(fixed)

    issue._finish = killed
    try:
        with opened(assigned) as conn:
            issue.issue(conn, lambda: documents.notice_data(conn, today=DAY), out, actor="测试员", today=DAY)
    finally:
        issue._finish = real_finish
    assert all(p.name.startswith(".docket.tmp-999999999-") for p in out.iterdir())
    assert len(rows(assigned, "documents")) == 3
    with opened(assigned) as conn:
        issue.sweep(out, conn)
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(Path(b).name for _, b in journals[0]["pairs"])
    assert all(not n.startswith(".") for n in names)

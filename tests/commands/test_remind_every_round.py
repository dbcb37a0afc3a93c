"""One cron line for every round (issue 15, contract §3 `remind`: every open assignment that is
yellow or red): plain `remind`, without --session, reminds the rectification problem red by its lag
behind plan and the 民生实事 project yellow by its due date as well as the current session's items,
names the round of each (numbers repeat across sessions), and sends nothing twice.

The office of tests/conftest.py on 2026-03-20 (the current session: its item 1, 水利局, is white
on 04-13); a rectification round whose problem 1 (水利局, planned 03-20 → 05-19) reported 10 % on
03-26; a 民生实事 round whose project 1 (卫健局, assigned 03-20, due 04-24) reported 70 % on 04-10,
on plan. On Monday 2026-04-13 the problem lags 30 points (red: 督办 though 25 workdays are
left) and the project has 9 workdays left (yellow: 催办) with no lag.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import as_json, invoke, ok, rows

ROUND = "2026年部门工作评议整改"
PROJECTS = "2026年民生实事项目"
DAY = "2026-04-13"


@pytest.fixture
def rounds(office_db: Path) -> Path:
    ok("add", "--title", "关于加强河道管护的建议", "--proposer", "张三")
    ok("assign", "1", "--lead", "水利局")
    ok("rectify", "new", ROUND)
    ok("rectify", "add", "--problem", "河道清淤进展缓慢", "--unit", "水利局")
    ok("rectify", "plan", "1", "--target", "汛前完成主河道清淤", "--measures", "分三段清淤",
       "--person", "李明", "--due", "2026-05-19")
    ok("rectify", "progress", "1", "10", "--note", "完成摸底", today="2026-03-26")
    ok("project", "new", PROJECTS, "--places", "1")
    ok("project", "add", "乡镇卫生院能力提升", "--unit", "卫健局")
    ok("project", "vote", "--members", "100", "--present", "90", "--valid", "88", "1=80/5/3")
    ok("--session", PROJECTS, "assign", "1", "--lead", "卫健局", "--due", "2026-04-24")
    ok("project", "progress", "1", "70", "--note", "主体完工", today="2026-04-10")
    assert as_json("list", today=DAY)[0]["color"] == "white"          # the current session's 1
    return office_db


def _colours(data: list[dict]) -> list[tuple]:
    return [(g["unit"], i["number"], i.get("session"), i["color"], i.get("lag"))
            for g in data for i in g["items"] if i["color"] != "late_report"]


def test_plain_remind_reminds_every_round_once_and_names_it(rounds: Path) -> None:
    dry = as_json("remind", "--dry-run", today=DAY)
    first = as_json("remind", today=DAY)
    assert first == dry
    assert _colours(first) == [("县水利局", 1, ROUND, "red", 30.0), ("县卫生健康局", 1, PROJECTS, "yellow", None)]
    reminded = [(r[5], r[6]) for r in rows(rounds, "reminders")]      # level, n
    assert reminded == [("red", 1), ("yellow", 1)]
    # cron-safe: a second run the same day, and the next day, send nothing new
    assert _colours(as_json("remind", today=DAY)) == []
    assert _colours(as_json("remind", today="2026-04-14")) == []
    assert len(rows(rounds, "reminders")) == 2
    # --session still means that session only; its own items need no round named
    assert _colours(as_json("--session", ROUND, "remind", "--dry-run", today="2026-04-20")) == [
        ("县水利局", 1, None, "red", 41.7)]


def test_the_plain_listing_names_the_round(rounds: Path) -> None:
    result = invoke("remind", today=DAY)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "届次/轮次" in lines[0]
    assert any(ROUND in line and "督办" in line and "滞后30个百分点" in line for line in lines), lines
    assert any(PROJECTS in line and "催办" in line and "剩余9个工作日" in line for line in lines), lines


def _texts(path: Path) -> str:
    from docx import Document

    doc = Document(path)
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def test_the_letters_name_the_round_and_take_one_函_series(rounds: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    data = as_json("remind", "--out", str(out), today=DAY)
    assert _colours(data) == [("县水利局", 1, ROUND, "red", 30.0), ("县卫生健康局", 1, PROJECTS, "yellow", None)]
    red = out / f"督办函-县水利局-{ROUND}-{DAY}.docx"
    yellow = out / f"催办通知-县卫生健康局-{PROJECTS}-{DAY}.docx"
    assert red.exists() and yellow.exists(), sorted(p.name for p in out.iterdir())
    text = _texts(red)
    assert "关于督促加快整改问题进度的函" in text
    assert f"你单位承办的下列整改问题（{ROUND}）中，有1件进度明显滞后于计划" in text
    assert "河道清淤进展缓慢" in text and "滞后30个百分点" in text
    text = _texts(yellow)
    assert f"你单位承办的下列民生实事项目（{PROJECTS}）办理期限即将届满" in text
    assert "乡镇卫生院能力提升" in text and "剩余9个工作日" in text
    docs = [(r[1], r[5]) for r in rows(rounds, "documents")]                       # kind, doc_no
    assert ("supervision", "青禾人大办函〔2026〕1号") in docs and ("reminder", None) in docs
    # a second run writes nothing
    assert _colours(as_json("remind", "--out", str(tmp_path / "again"), today=DAY)) == []
    assert not list((tmp_path / "again").glob("督办函*")) and not list((tmp_path / "again").glob("催办通知*"))


def test_a_unit_with_items_of_two_sessions_gets_a_letter_for_each(rounds: Path, tmp_path: Path) -> None:
    """水利局's suggestion 1 of the current session, overdue, and its problem 1 of the round: two
    督办函 with consecutive numbers of the one 函 series, the round's naming it."""
    ok("add", "--title", "关于修缮山塘的建议", "--proposer", "李四", "--received", "2025-11-01")
    ok("assign", "2", "--lead", "水利局", "--on", "2025-11-20")                      # long overdue
    out = tmp_path / "out"
    data = as_json("remind", "--out", str(out), today=DAY)
    assert [(i["number"], i.get("session"), i["color"]) for i in data[0]["items"]
            if i["color"] != "late_report"] == [(2, None, "red"), (1, ROUND, "red")]
    names = sorted(p.name for p in out.glob("督办函*"))
    assert names == [f"督办函-县水利局-{DAY}.docx", f"督办函-县水利局-{ROUND}-{DAY}.docx"]
    nos = sorted(r[5] for r in rows(rounds, "documents") if r[1] == "supervision")
    assert nos == ["青禾人大办函〔2026〕1号", "青禾人大办函〔2026〕2号"]
    assert ROUND not in _texts(out / names[0]) and "代表建议" in _texts(out / names[0])


def test_the_tui_says_what_it_wrote_when_only_progress_was_asked_for(office_db: Path, tmp_path: Path) -> None:
    """生成催办 with only 进度催报通知 to write said 没有需要催办的件 (and wrote the notice)."""
    from datetime import date

    from docket.core.runtime import build
    from docket.tui.screens.documents import remind_job

    ok("rectify", "new", ROUND)
    ok("rectify", "add", "--problem", "河道清淤进展缓慢", "--unit", "水利局")
    ok("rectify", "plan", "1", "--target", "汛前完成主河道清淤", "--measures", "分三段清淤",
       "--person", "李明", "--due", "2026-09-15")
    ok("rectify", "progress", "1", "5", today="2026-03-26")      # on plan; no report since
    rt = build(str(office_db), "测试员", None).with_today(date(2026, 4, 7))
    done = remind_job(rt, tmp_path / "out", lambda *a: None)
    assert [p.name for p in done.paths] == ["进度催报通知-县水利局-2026-04-07.docx"]
    assert done.message == "已记录进度催报并生成1份文书：1个单位，1件次。"
    assert as_json("remind", today="2026-04-07") == []            # recorded: sent once

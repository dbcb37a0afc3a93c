"""The 民生实事 screen's forms (z, then v 票决, u 报送进度, m 设置节点, t 满意度测评): typed into
with Pilot, checked with the core's own words, stored through core.projects as `docket project
vote | progress | milestone | test` store them, nothing stored when refused."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from docket.core.projects import standing
from docket.store.db import opened
from docket.tui import actions
from tests.conftest import ok, rows
from tests.tui.helpers import drive, message, messages, paste, press, shown, type_in

ROUND = "2027年民生实事项目"
TITLES = ["城区老旧小区改造", "农村饮水安全巩固提升", "中小学校舍改造", "乡镇卫生院能力提升", "城乡公交一体化"]
JAN = date(2027, 1, 20)


def _candidates() -> None:
    ok("unit", "add", "县住建局", "--short", "住建局")
    ok("project", "new", ROUND, "--places", "3", today="2027-01-20")
    for title in TITLES:
        ok("project", "add", title, "--unit", "住建局", today="2027-01-20")
    ok("config", "set", "project.base", "valid")


def _voted_and_assigned() -> None:
    _candidates()
    ok("project", "vote", "--members", "100", "--present", "90", "--valid", "88", "1=80/5/3", "2=60/20/8",
       "3=50/30/8", "4=40/40/8", "5=40/40/8", today="2027-01-20")
    ok("config", "set", "deadline.max", "12 months")
    ok("--session", ROUND, "assign", "1", "--lead", "住建局", "--due", "2027-12-31", today="2027-01-20")
    ok("project", "progress", "1", "20", today="2027-03-01")


def _standing(db: Path, day: date) -> dict:
    with opened(db) as conn:
        return standing(conn, ROUND, as_of=day)


async def retype(app, pilot, field: str, text: str) -> None:
    """Clear a box, then type into it."""
    app.screen.query_one(f"#{field}").value = ""
    await type_in(app, pilot, field, text)


async def _ballot(app, pilot, figures: tuple[str, str, str], counts: dict[int, tuple[int, int, int]]) -> None:
    for key, value in zip(("members", "present", "valid"), figures):
        await type_in(app, pilot, key, value)
    for number, values in counts.items():
        for prefix, value in zip("yna", values):
            await type_in(app, pilot, f"{prefix}{number}", str(value))


EXAMPLE = {1: (80, 5, 3), 2: (60, 20, 8), 3: (46, 30, 12), 4: (46, 30, 12), 5: (40, 40, 8)}


def test_the_ballot_form_marks_bad_counts_stores_nothing_then_records_the_vote(office_db: Path) -> None:
    _candidates()
    stored = ("project_ballots", "project_votes", "events")

    async def script(app, pilot):
        await press(app, pilot, "z", "v")
        form = app.screen
        head = shown(app, "form-item")
        # valid > present, and a candidate whose counts add up to more than the valid ballots
        await _ballot(app, pilot, ("100", "90", "95"), {**EXAMPLE, 5: (40, 99, 8)})
        marked = (message(app, "valid"), message(app, "c5"))
        before = [rows(office_db, t) for t in stored]
        await press(app, pilot, "ctrl+s")
        refused = (app.screen is form, shown(app, "form-error"), [rows(office_db, t) for t in stored] == before)
        # put right: the preview says what the core will decide
        await retype(app, pilot, "valid", "88")
        await retype(app, pilot, "n5", "40")
        preview = shown(app, "form-preview")
        await press(app, pilot, "ctrl+s")
        closed = app.screen is not form
        await press(app, pilot, "v")  # the tie: a second ballot between 3 and 4 only
        again = (shown(app, "form-item"), [w.id for w in app.screen.query("FormInput") if w.id[:1] == "y"])
        return head, marked, refused, preview, closed, again

    head, marked, refused, preview, closed, again = drive(office_db, script, (120, 50), JAN)
    assert head == f"{ROUND}　名额3个，已入选0个，本次表决5个项目争3个名额"
    assert marked == ("有效票95超过出席人数90", "第5号“城乡公交一体化”：赞成40、反对99、弃权8合计147票，超过有效票95")
    assert refused == (True, "请先改正上面标出的内容。", True)
    assert preview == ("赞成票须超过 44 票（有效票 × 1/2）。按此票数：入选 第1、2号；待再次表决 第3、4号；未入选 第5号")
    assert closed
    res = _standing(office_db, JAN)
    assert [(p["number"], p["yes"], p["rank"], p["state_label"]) for p in res["projects"]] == [
        (1, 80, 1, "已入选"), (2, 60, 2, "已入选"), (3, 46, 3, "待再次表决"), (4, 46, 3, "待再次表决"),
        (5, 40, None, "未入选")]
    assert again == (f"{ROUND}　名额3个，已入选2个，本次表决2个项目争1个名额", ["y3", "y4"])


def test_what_only_the_core_knows_is_refused_in_the_form_with_its_words(office_db: Path) -> None:
    """A ballot dated after today passes the form's checks; the core refuses it and nothing is stored."""
    _candidates()

    async def script(app, pilot):
        await press(app, pilot, "z", "v")
        await _ballot(app, pilot, ("100", "90", "88"), EXAMPLE)
        await retype(app, pilot, "on", "2027-02-01")
        await press(app, pilot, "ctrl+s")
        return app.screen.ACTION, shown(app, "form-error")

    action, error = drive(office_db, script, (120, 50), JAN)
    assert action == "project_vote" and "表决日期" in error and "2027-02-01" in error
    assert rows(office_db, "project_ballots") == []


def test_progress_going_back_needs_a_note_and_is_stored_with_it(office_db: Path) -> None:
    _voted_and_assigned()
    april = date(2027, 4, 1)

    async def script(app, pilot):
        await press(app, pilot, "z", "u")
        form = app.screen
        await type_in(app, pilot, "percent", "101")
        over = message(app, "percent")
        await retype(app, pilot, "percent", "10")
        await press(app, pilot, "ctrl+s")
        back = (app.screen is form, message(app, "note"))
        app.screen.query_one("#note").focus()
        await pilot.pause()
        await paste(app, pilot, "返工")
        await press(app, pilot, "ctrl+s")
        return over, back, app.screen is form, messages(app)[-1]

    over, back, still, said = drive(office_db, script, (120, 40), april)
    assert over == "进度：101 超出范围，应为 0 到 100 之间的整数"
    assert back == (True, "进度：10% 低于上次报送的 20%，进度回退须在“说明”中写明原因")
    assert not still and said == "第1号：已报送 2027-04-01 进度 10%"
    p = _standing(office_db, april)["projects"][0]
    assert (p["progress"], p["last_report"], p["color"]) == (10, "2027-04-01", "yellow")
    assert rows(office_db, "progress")[-1][2:5] == ("2027-04-01", 10, "返工")


def test_a_milestone_outside_the_span_is_refused_then_one_is_set(office_db: Path) -> None:
    _voted_and_assigned()
    april = date(2027, 4, 1)

    async def script(app, pilot):
        await press(app, pilot, "z", "m")
        form = app.screen
        await type_in(app, pilot, "on", "2028-01-10")
        await type_in(app, pilot, "text", "x")
        await press(app, pilot, "ctrl+s")
        refused = (app.screen is form, shown(app, "form-error"))
        await retype(app, pilot, "on", "2027-06-30")
        await type_in(app, pilot, "percent", "60")
        await press(app, pilot, "ctrl+s")
        return refused, app.screen is form

    refused, still = drive(office_db, script, (120, 40), april)
    assert refused == (True, "节点日期 2028-01-10 不在交办日 2027-01-20 与办理期限 2027-12-31 之间")
    assert not still
    p = _standing(office_db, april)["projects"][0]
    assert p["milestones"] == [{"on": "2027-06-30", "text": "x", "percent": 60}]


def test_a_satisfaction_test_is_checked_as_a_tally_and_stored(office_db: Path) -> None:
    _voted_and_assigned()
    june = date(2027, 6, 1)

    async def script(app, pilot):
        await press(app, pilot, "z", "t")
        form = app.screen
        for key, value in (("members", "31"), ("present", "32"), ("satisfied", "15"), ("basic", "10"),
                           ("dissatisfied", "4")):
            await type_in(app, pilot, key, value)
        over = message(app, "present")
        await press(app, pilot, "ctrl+s")
        kept = app.screen is form and rows(office_db, "project_tests") == []
        await retype(app, pilot, "present", "29")
        preview = shown(app, "form-preview")
        await press(app, pilot, "ctrl+s")
        return over, kept, preview, app.screen is form

    over, kept, preview, still = drive(office_db, script, (120, 40), june)
    assert over == "实到人数32超过应到人数31" and kept
    assert preview == "有效票 29，满意率（满意和基本满意 ÷ 有效票）86.2%"
    assert not still
    t = _standing(office_db, june)["projects"][0]["tests"]["mid"]
    assert (t["satisfied"], t["basic"], t["dissatisfied"], t["valid"], t["rate"]) == (15, 10, 4, 29, 0.8621)


def test_a_key_that_cannot_apply_says_why_in_the_cores_words(office_db: Path) -> None:
    _voted_and_assigned()

    async def script(app, pilot):
        await press(app, pilot, "z", "v")          # nothing awaits a vote
        await press(app, pilot, "down", "u")       # 2 is adopted but not assigned
        await press(app, pilot, "down", "down", "down", "t")  # 5 was not adopted
        return app.screen.SCOPE, messages(app)

    scope, said = drive(office_db, script, (120, 40), date(2027, 4, 1))
    assert scope == "projects"
    assert said[-3:] == [f"“{ROUND}”没有待表决的项目",
                         f"第2号尚未交办，先运行 docket --session {ROUND} assign 2 --lead 单位",
                         "第5号未入选，不是入选项目，不能测评"]


def test_no_key_means_two_things_on_one_screen() -> None:
    scopes = {s for a in actions.ACTIONS for s in a.scope.split()} - {"app"}
    for scope in scopes:
        keys = [k for a in actions.for_scope("app", scope) for k in a.key.split(",")]
        assert len(keys) == len(set(keys)), (scope, sorted(k for k in keys if keys.count(k) > 1))
    assert [a.key for a in actions.for_scope("projects") if a.id.startswith("project_")] == ["v", "u", "m", "t"]

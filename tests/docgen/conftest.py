"""Hand-made data for the document tests: both bodies, 1 and 40 items, hostile text."""
from __future__ import annotations

from datetime import date
from fractions import Fraction as F

import pytest

from docket.docgen.data import (
    Article, BriefData, ChartRow, CircularData, ClassCount, Figures, FormData, Letterhead,
    NoticeData, NoticeItem, OverdueItem, ReminderData, ReminderItem, UnitRow,
)

LH = Letterhead(org_name="青禾县人大常委会办公室", org_short="县人大常委会", doc_prefix="青人大办",
                contact="李红", phone="0839-6212345")
LH_CPPCC = Letterhead(org_name="政协青禾县委员会办公室", org_short="县政协", doc_prefix="青政协办",
                      body="cppcc", contact="王敏", phone="0839-6210000")
SESSION = "县十八届人大五次会议"
LONG_TITLE = ("关于\x00加快\x07推进\x1b城乡\ufffe供水一体化\u200b建设的建议" * 100)[:2000]


def notice_data(lh: Letterhead = LH, n_items: int = 3, title: str | None = None,
                unit: str = "县水利局", seq: int = 3) -> NoticeData:
    lead = [NoticeItem(12, title or "关于加快推进城乡供水一体化建设的建议", "张明远", unit,
                       ("县财政局", "县住建局"), date(2026, 6, 5))]
    lead += [NoticeItem(100 + k, f"关于第{k + 1}项民生实事的建议", "李堃", unit, ("县财政局",),
                        date(2026, 6, 5)) for k in range(max(0, n_items - 2))]
    support = (NoticeItem(58, "关于治理青禾河沿岸内涝点的建议", "陈立新", "县住建局", (unit,),
                          date(2026, 4, 7)),) if n_items > 1 else ()
    return NoticeData(lh, SESSION, unit, seq, date(2026, 3, 5), tuple(lead), support,
                      date(2026, 3, 12), cc=("县人民政府办公室", "县政府督查室"))


def reminder_data(red: bool = True, times: int = 2) -> ReminderData:
    items = (
        ReminderItem(12, "关于加快推进城乡供水一体化建设的建议", "lead", date(2026, 6, 5),
                     "red" if red else "yellow", days_overdue=12 if red else 0,
                     workdays_left=None if red else 3, times=times),
        ReminderItem(58, "关于治理青禾河沿岸内涝点的建议", "support", date(2026, 6, 17), "yellow",
                     workdays_left=0),
    )
    return ReminderData(LH, "县水利局", date(2026, 6, 17), items, reply_by=date(2026, 6, 24),
                        letter_seq=7, cc=("县人民政府办公室",), cc_escalate=("县人民政府分管副县长",))


FIG = Figures(
    as_of=date(2026, 6, 30), session_short=SESSION, total=156, assigned=156, units_count=38,
    replied=142, reply_rate=F(142, 156), on_time=138, on_time_rate=F(138, 146), overdue=4,
    evaluated=120, satisfied=105, basic=11, dissatisfied=4, satisfaction_rate=F(116, 120),
    classes=(ClassCount("A", "所提问题已经解决或者基本解决", 48),
             ClassCount("B", "正在解决或者列入规划逐步解决", 60),
             ClassCount("C", "因目前条件限制或者其他原因需待以后解决", 24),
             ClassCount("D", "留作参考", 10)))
UNIT_NAMES = ("县教育局", "县财政局", "县水利局", "县住建局", "县交通运输局", "县卫生健康局",
              "县农业农村局", "县自然资源局", "县生态环境局", "县文化广电旅游局", "县民政局",
              "县人力资源和社会保障局", "县市场监督管理局", "县公安局", "县应急管理局", "县商务局")
UNITS = tuple(UnitRow(u, 3 + i % 5, i % 3, 2 + i % 5, F(1) if i % 4 else None, F(5, 7), i % 2)
              for i, u in enumerate(UNIT_NAMES))


def circular_data() -> CircularData:
    return CircularData(
        LH, FIG, 9, date(2026, 6, 30), UNITS, praised=("县教育局", "县财政局"),
        behind=("县交通运输局", "县住建局"),
        overdue_items=(OverdueItem(77, "关于改造县城老旧小区的建议", "县住建局", date(2026, 6, 5), 25),
                       OverdueItem(81, "关于修复青禾大道路面的建议", "县交通运输局",
                                   date(2026, 6, 12), 18)),
        fix_by=date(2026, 7, 7), cc=("县人民政府办公室",))


def brief_data() -> BriefData:
    return BriefData(
        LH, "代表建议办理工作简报", 3, date(2026, 6, 30), "县人大常委会代表工作委员会", FIG,
        tuple(ChartRow(u.unit, u.lead + u.support, u.replied) for u in UNITS),
        (Article("县教育局召开建议办理推进会",
                 ("6月25日，县教育局召开代表建议办理推进会，逐件研究12件建议的办理措施。",),
                 editor_note="县教育局的做法值得各承办单位学习借鉴。"),),
        total_no=27, internal=True, report_to=("县委办公室",), send_to=("县人民政府办公室",),
        issue_to=("各承办单位",), copies=30)


def form_data(dimensions: int = 2, return_by: date | None = date(2026, 6, 10)) -> FormData:
    return FormData(LH, 12, "关于加快推进城乡供水一体化建设的建议", "张明远", date(2026, 5, 20),
                    category="城乡建设", co_signers=("李华", "王芳"), lead_unit="县水利局",
                    support_units=("县财政局", "县住建局"), replied_on=date(2026, 5, 20),
                    reply_no="青水函〔2026〕15号", dimensions=dimensions, return_by=return_by)


def rectify_circular_data():
    from docket.core.docdata import RectifyCircularData, RectifyItemRow, RectifyUnitRow

    units = tuple(RectifyUnitRow(u, 3, i % 3, F(i % 3, 3), i % 2, (i + 1) % 2, int(i % 4 == 0))
                  for i, u in enumerate(UNIT_NAMES[:6]))
    return RectifyCircularData(
        LH, "2026年部门工作评议", date(2026, 6, 30), 12, date(2026, 6, 30), total=18, done=6, closed=2,
        completion_rate=F(6, 18), on_time=5, on_time_decided=9, on_time_rate=F(5, 9), rechecked=4,
        recheck_passed=3, recheck_rate=F(3, 4), accountability=1, units=units,
        behind=("县财政局", "县住建局"), late_units=("县教育局",),
        items=(RectifyItemRow(3, "学校食堂食品安全监管不到位", "县财政局", date(2026, 6, 5), 40, 96.5, "逾期"),
               RectifyItemRow(7, LONG_TITLE[:300], "县住建局", date(2026, 9, 5), None, 35.0, "进度滞后")),
        fix_by=date(2026, 7, 7), update_every="7日", cc=("县人民政府办公室",))


PROJECTS = (("城区老旧小区改造", "县住建局"), ("农村饮水安全巩固提升", "县水利局"), ("城乡公交一体化", "县交通运输局"),
            ("中小学校舍改扩建", "县教育局"), ("乡镇卫生院能力提升", "县卫生健康局"), ("农村公路提档升级", "县交通运输局"),
            ("城区停车场建设", "县住建局"), ("高标准农田建设", "县农业农村局"), ("社区养老服务中心建设", "县民政局"),
            ("青禾河生态修复", "县生态环境局"), ("全民健身设施建设", "县文化广电旅游局"),
            ("农贸市场改造提升", "县市场监督管理局"))


def project_report_data(n: int = 12, places: int = 8):
    """A vote of n candidates for `places` (issue 15's 12 for 8), two projects tracked and tested."""
    from docket.core.docdata import ProjectReportData, ProjectRow

    rows = []
    for i in range(n):
        title, unit = PROJECTS[i % len(PROJECTS)]
        adopted = i < places
        tracked = i < 2
        rows.append(ProjectRow(
            i + 1, title, unit, 780.0 + 40 * i, 120 - 8 * i, 10 + 6 * i, 6, i + 1 if adopted else None,
            "adopted" if adopted else "not_adopted", unit if tracked else None,
            date(2026, 9, 1) if tracked else None, (100, 35)[i] if tracked else None,
            100.0 if tracked else None, ("white", "red")[i] if tracked else None,
            F(120 - 5 * i, 128) if tracked else None, None, None, None))
    return ProjectReportData(LH, "2026年民生实事项目", 8, date(2026, 12, 3), places,
                             ((150, 138, 136, "all", "75"),), tuple(rows), (("mid", F(235, 255), 2),),
                             cc=("县委办公室", "县人民政府办公室"))


def public_report_data(replies: int = 40):
    """The year's public report: figures, 8 projects, a rectification round, disclosed replies."""
    from docket.core.docdata import PublicProjectRow, PublicReplyRow, PublicReportData

    projects = tuple(PublicProjectRow(i + 1, t, u, 780.0, date(2026, 9, 1) if i < 2 else None,
                                      (100, 35)[i] if i < 2 else None, F(120, 128) if i < 2 else None, None)
                     for i, (t, u) in enumerate(PROJECTS[:8]))
    listed = tuple(PublicReplyRow(k + 1, f"关于加强{UNIT_NAMES[k % len(UNIT_NAMES)][1:]}第{k + 1}项工作的建议",
                                  UNIT_NAMES[k % len(UNIT_NAMES)], "ABCD"[k % 4],
                                  FIG.classes[k % 4].label, f"2026-0{2 + k % 3}-{10 + k % 19:02d}")
                   for k in range(replies))
    return PublicReportData(
        LH, 2026, date(2026, 12, 3), 9, date(2026, 12, 3), "县十八届人大五次会议", assigned=336, replied=266,
        reply_rate=F(266, 336), evaluated=227, satisfied=134, basic=81, dissatisfied=12,
        satisfaction_rate=F(215, 227), solved_rate=F(84, 266), project_round="2026年民生实事项目", places=8,
        projects=projects, project_tests=(("mid", F(235, 255), 2),), rectify_round="2026年部门工作评议整改",
        rectify_total=4, rectify_done=1, rectify_completion=F(1, 4), rectify_on_time=F(1, 2),
        rectify_recheck=F(1), replies=listed, cc=("县委办公室", "县人民政府办公室"), solved=84,
        rectify_on_time_count=1, rectify_rechecked=1, rectify_recheck_passed=1)


@pytest.fixture
def samples():
    """name -> (module name, data) for every document type and variant."""
    return {
        "notice": ("notice", notice_data()),
        "notice_one": ("notice", notice_data(n_items=1)),
        "notice_40": ("notice", notice_data(LH_CPPCC, n_items=40)),
        "remind_red": ("reminder", reminder_data(True)),
        "remind_yellow": ("reminder", reminder_data(False)),
        "circular": ("circular", circular_data()),
        "brief": ("briefing", brief_data()),
        "form": ("form", form_data()),
        "rectify_circular": ("rectify_circular", rectify_circular_data()),
        "project_report": ("projects", project_report_data()),
        "public_report": ("public_report", public_report_data()),
    }


@pytest.fixture
def make():
    """The data factories, for tests that vary them."""
    from types import SimpleNamespace

    return SimpleNamespace(notice=notice_data, reminder=reminder_data, circular=circular_data,
                           brief=brief_data, form=form_data, LH=LH,
                           rectify=rectify_circular_data, projects=project_report_data,
                           public=public_report_data, LH_CPPCC=LH_CPPCC,
                           LONG_TITLE=LONG_TITLE, FIG=FIG)

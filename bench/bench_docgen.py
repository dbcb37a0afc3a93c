"""Prints the time for 500 交办通知 for 500 units (budget ≤ 5 s) beside a from-scratch
python-docx baseline, and how a batch grows with its items: 2,000 and 8,000 items over 10 units
(budget: ≤ 4.5x for 4x the items; issue 17) and 1,000 notices (budget ≤ 10 s). `--smoke` runs
a small quick version.

    python bench/bench_docgen.py [--smoke] [--n 500]
    python bench/bench_docgen.py --lock     # write-lock time of `remind --out`, 25 and 400 units
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import date
from pathlib import Path


def records(n: int):
    from docket.docgen.data import Letterhead, NoticeData, NoticeItem

    lh = Letterhead("青禾县人大常委会办公室", "县人大常委会", "青人大办", contact="李红",
                    phone="0839-6212345")
    out = []
    for u in range(n):
        unit = f"县第{u + 1}局"
        items = tuple(NoticeItem(u * 10 + k, f"关于加快推进第{k + 1}项民生工程建设的建议", "张明远", unit,
                                 ("县财政局", "县住建局"), date(2026, 6, 5)) for k in range(8))
        support = (NoticeItem(9000 + u, "关于治理青禾河沿岸内涝点的建议", "陈立新", "县住建局", (unit,),
                              date(2026, 4, 7)),)
        out.append(NoticeData(lh, "县十八届人大五次会议", unit, 3, date(2026, 3, 5), items, support,
                              date(2026, 3, 12), cc=("县人民政府办公室",)))
    return out


def items_over_units(items: int, units: int = 10):
    """items 交办清单 rows spread over units notices (a big session's first 交办)."""
    from docket.docgen.data import Letterhead, NoticeData, NoticeItem

    lh = Letterhead("青禾县人大常委会办公室", "县人大常委会", "青人大办")
    per = items // units
    return [NoticeData(lh, "县十八届人大五次会议", f"县第{u + 1}局", 3, date(2026, 3, 5),
                       tuple(NoticeItem(u * per + k, f"关于加快推进第{k + 1}项民生工程建设的建议", "张明远",
                                        f"县第{u + 1}局", ("县财政局",), date(2026, 6, 5)) for k in range(per)))
            for u in range(units)]


def remind_lock(units: int) -> tuple[int, float, float]:
    """(files, run s, write lock held s) of `remind --out` with one overdue unit per document."""
    import contextlib
    from datetime import timedelta

    from click.testing import CliRunner

    import docket.store.db as sdb
    from docket.cli import cli
    from docket.core.assigning import assign
    from docket.core.intake import NewItem, add, init_db
    from docket.core.units import add_unit

    real = sdb.write
    held: list[float] = []

    @contextlib.contextmanager
    def timed_write(conn, **kw):
        with real(conn, **kw) as c:
            t0 = time.perf_counter()
            try:
                yield c
            finally:
                held.append(time.perf_counter() - t0)

    today, start = date(2026, 6, 15), date(2026, 1, 5)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "d.db"
        init_db(db, org="青禾县人大常委会办公室", org_short="青禾人大", actor="b", today=today)
        with sdb.opened(db) as conn, real(conn):
            for u in range(units):
                add_unit(conn, f"县第{u + 1}局", actor="b", today=today)
                nums = [add(conn, NewItem(title=f"关于第{u}-{j}项工作的建议", proposer="代表", received_on=start),
                            actor="b", today=today).number for j in range(3)]
                assign(conn, nums, lead=f"县第{u + 1}局", on=start + timedelta(days=u % 60), actor="b",
                       today=today)
        sdb.write = timed_write
        try:
            t0 = time.perf_counter()
            CliRunner().invoke(cli, ["remind", "--out", str(Path(tmp) / "out")],
                               env={"DOCKET_DB": str(db), "DOCKET_TODAY": today.isoformat(),
                                    "DOCKET_USER": "b"})
            run = time.perf_counter() - t0
        finally:
            sdb.write = real
        return len(list((Path(tmp) / "out").glob("*.docx"))), run, sum(held)


def timed_batch(recs) -> float:
    from docket.docgen import batch

    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        batch.generate(recs, Path(tmp))
        return time.perf_counter() - t0


def baseline(recs, folder: Path) -> None:
    """From scratch with python-docx's own API: a new Document, add_paragraph, add_table."""
    import docx
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    for i, d in enumerate(recs):
        doc = docx.Document()
        sec = doc.sections[0]
        sec.page_width, sec.page_height = Mm(210), Mm(297)
        sec.top_margin, sec.bottom_margin, sec.left_margin, sec.right_margin = (
            Mm(37), Mm(35), Mm(28), Mm(26))

        def para(text, size=16, font="仿宋_GB2312"):
            r = doc.add_paragraph().add_run(text)
            r.font.size = Pt(size)
            r.font.name = font
            r._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)

        para("青禾县人大常委会办公室文件", 42, "方正小标宋简体")
        para("青人大办〔2026〕3号")
        para("关于交办县十八届人大五次会议代表建议的通知", 22, "方正小标宋简体")
        para(d.unit + "：")
        for _ in range(7):
            para("主办单位对所办建议负总责，与协办单位协商后统一答复代表。")
        table = doc.add_table(rows=1, cols=7)
        for c, h in zip(table.rows[0].cells, ("序号", "编号", "标题", "领衔代表", "主办单位", "协办单位",
                                               "办理期限")):
            c.text = h
        for k, it in enumerate(d.items_lead + d.items_support, 1):
            cells = table.add_row().cells
            for c, v in zip(cells, (str(k), str(it.number), it.title, it.proposer, it.lead_unit,
                                    "、".join(it.support_units), "2026年6月5日")):
                c.text = v
        doc.save(folder / f"{i}.docx")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--smoke", action="store_true", help="20 notices, a quick check")
    ap.add_argument("--n", type=int, default=500)
    ap.add_argument("--lock", action="store_true", help="only the write-lock time of remind --out")
    args = ap.parse_args(argv)
    if args.lock:
        for units in (25, 400):
            files, run, held = remind_lock(units)
            print(f"remind --out：{files}份文书，用时 {run:.2f} s，写锁占用 {held:.3f} s")
        return 0
    n = 20 if args.smoke else args.n
    from docket.docgen import batch, notice

    recs = records(n)
    t0 = time.perf_counter()
    notice.build(recs[0])
    cold = time.perf_counter() - t0
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        batch.generate(recs, Path(tmp) / "docket")
        ours = time.perf_counter() - t0
        base_n = min(n, 100)
        (Path(tmp) / "base").mkdir()
        t0 = time.perf_counter()
        baseline(recs[:base_n], Path(tmp) / "base")
        base = time.perf_counter() - t0
    print(f"交办通知 ×{n}（每份9件，含清单表）：{ours:.2f} s，{n / ours:.0f} 份/秒"
          f"{'（预算 5 s）' if n == 500 else ''}")
    print(f"python-docx 从零生成基线 ×{base_n}：{base:.2f} s，{base_n / base:.0f} 份/秒"
          f"（折合 {n} 份 {base / base_n * n:.2f} s）")
    print(f"单份冷启动：{cold * 1000:.0f} ms")
    small, big = (200, 800) if args.smoke else (2000, 8000)
    t_small = timed_batch(items_over_units(small))
    t_big = timed_batch(items_over_units(big))
    ratio = t_big / t_small
    print(f"交办通知 10份共{small}件：{t_small:.2f} s；共{big}件：{t_big:.2f} s；"
          f"{big // small}倍件数用时 {ratio:.1f} 倍（预算 ≤ 4.5 倍）")
    many = 100 if args.smoke else 1000
    t_many = timed_batch(records(many))
    print(f"交办通知 ×{many}（每份9件）：{t_many:.2f} s{'（预算 10 s）' if many == 1000 else ''}")
    slow = not args.smoke and (ratio > 4.5 or t_many > 10 or (n == 500 and ours > 5))
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())

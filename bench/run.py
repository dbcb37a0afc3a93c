"""One bench harness (issue 16): every figure beside the same work done by the plainest peer.

    python bench/run.py            # 100,000 items (built once into a temp folder, ~minutes)
    python bench/run.py --smoke    # 2,000 items, small batches: checks it runs (CI)

On a deterministic database (fixtures/bulk.py, seed 1) it prints, for each figure, docket's
time, the peer's time, their ratio, the budget and PASS/OVER:
- listings (subprocess) vs python's sqlite3 running the same selection: a page
  (`list --limit 50 --json`), filtered listings (`--unit`, `--color red`, `--overdue --limit 50`),
  each within 0.3 s (the issue's "any listing on 100,000 items", start-up included: the filter,
  sort and limit run in SQL, colours only for the rows shown); and the whole dump
  `list --json` of every item, which writes 100,000 rows and is held to ≤ 2× its peer instead
  (paired: each run right after its peer's); and `docket list | head -2`, until its first
  lines are read (a pipe is written a page at a time) vs python printing two rows;
- search (core/search.py through `list --search --json`, start-up included) vs sqlite3 with
  LIKE on the title, for two short terms, one character, and three terms (a long one and two
  short); the same SQL alone, in process (core.search.find) vs the same LIKE in process;
- a TUI search keystroke for each (tui/source.py's DbSource.search on its kept read-only
  connection + RowIndex.search into the queue's due-date order) vs a plain list comprehension
  over the titles;
- import of 5,000 rows vs openpyxl only reading them, into an empty office and into the n-item
  one (look-alike checks against every earlier item; a fresh copy each run); 1,000 notices vs
  python-docx from scratch;
- `similar N` in-process and `docket similar N --json` vs sqlite3 reading every item's text;
- command start-up (`docket --help`, `docket list --help`) vs bare `python -c pass`, 15 paired runs;
- the TUI's first rows on the same database (bench_tui.bench_real in a fresh interpreter) and a
  search keystroke, each vs a plain Textual DataTable given every row;
then the look-alikes' precision and recall on a labelled set (fixtures/lookalikes.py) and the
routing suggestions' top-1/top-3 accuracy on held-out history (bench_similar.py's measures).
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_core import docket_exe, env, make_xlsx, office_db  # noqa: E402

TODAY = date(2026, 3, 20)
SEARCH = "梅山 路"  # two terms: a short one and a place
SEARCHES = (SEARCH, "路", "卫生院 诊疗 乡")  # and one character; three terms, one long, two short
UNIT = "县教育局"  # `list --unit`: a unit holding about a tenth of the items


def timed(fn, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def cli(*args: str) -> None:
    done = subprocess.run([*docket_exe(), *args], env=env(), capture_output=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"failed: docket {' '.join(args)}\n{done.stderr.decode()}")


def first_lines(cmd: list[str], n: int = 2) -> float:
    """Seconds until the first `n` lines of `cmd`'s stdout are read (then the reader goes away,
    as head does)."""
    t = time.perf_counter()
    p = subprocess.Popen(cmd, env=env(), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    assert p.stdout is not None
    for _ in range(n):
        p.stdout.readline()
    took = time.perf_counter() - t
    p.stdout.close()
    p.wait()
    return took


def peer_python(code: str) -> None:
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)


def numbered_after(sheet: Path, out: Path, n: int) -> None:
    """`sheet` (bench_core.make_xlsx) with its 建议编号 moved past the n items already there."""
    from openpyxl import load_workbook

    wb = load_workbook(sheet)
    for row in wb.active.iter_rows(min_row=3):
        row[0].value += n
    wb.save(out)


def database(n: int, folder: Path) -> Path:
    from docket.fixtures.bulk import build_bulk

    db = folder / f"bulk-{n}.db"
    if not db.exists():
        t = time.perf_counter()
        build_bulk(db, n, seed=1, today=TODAY)
        print(f"built {n} items in {time.perf_counter() - t:.1f} s ({db})", flush=True)
    return db


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--smoke", action="store_true", help="2,000 items, small batches (CI)")
    ap.add_argument("--n", type=int, default=None, help="items (default 100,000)")
    ap.add_argument("--keep", default=None, help="build the database in this folder and keep it")
    a = ap.parse_args(argv)
    n = a.n or (2_000 if a.smoke else 100_000)
    rows_in, notices, runs = (200, 20, 1) if a.smoke else (5_000, 1_000, 3)
    tmp = Path(a.keep or tempfile.mkdtemp(prefix="docket-bench-"))
    tmp.mkdir(parents=True, exist_ok=True)
    db = database(n, tmp)
    table: list[tuple[str, float, str, float, float | None]] = []  # figure, s, peer, s, budget

    # list --json vs sqlite3 reading the same rows
    sql = ("SELECT i.number, i.title, i.proposer, i.state, a.due_on, u.name FROM items i"
           " LEFT JOIN assignments a ON a.item_id = i.id AND a.role = 'lead' AND a.returned_on IS NULL"
           " LEFT JOIN units u ON u.id = a.unit_id ORDER BY i.number")
    peer = f"import sqlite3,json; c=sqlite3.connect({str(db)!r}); print(json.dumps(c.execute({sql!r}).fetchall()))"
    # listings: pages and filtered listings within 0.3 s, the whole dump within 2x its peer;
    # each peer is python's sqlite3 running the same selection (json.dumps, printed)
    base = sql.removesuffix(" ORDER BY i.number")
    running = ("i.state IN ('assigned', 'rehandling') AND a.replied_on IS NULL AND a.ended_on IS NULL"
               f" AND a.due_on < '{TODAY.isoformat()}'")
    listings = [
        (("list", "--limit", "50", "--json"), f"{base} ORDER BY i.number LIMIT 50"),
        (("list", "--unit", UNIT, "--json"),
         (f"{base} WHERE i.id IN (SELECT item_id FROM assignments WHERE returned_on IS NULL AND unit_id ="
          f" (SELECT id FROM units WHERE name = '{UNIT}')) ORDER BY i.number")),
        (("list", "--color", "red", "--json"), f"{base} WHERE {running} ORDER BY i.number"),
        (("list", "--overdue", "--limit", "50"), f"{base} WHERE {running} ORDER BY i.number LIMIT 50"),
        (("list", "--color", "yellow", "--json"),
         (f"{base} WHERE i.state IN ('assigned', 'rehandling') AND a.replied_on IS NULL AND a.ended_on IS NULL"
          f" AND a.due_on >= '{TODAY.isoformat()}' AND a.due_on <= date('{TODAY.isoformat()}', '+14 days')"
          " ORDER BY i.number")),
    ]
    for args, selection in listings:
        code = f"import sqlite3,json; c=sqlite3.connect({str(db)!r}); print(json.dumps(c.execute({selection!r}).fetchall()))"
        table.append((" ".join(args), timed(lambda args=args: cli("--db", str(db), *args), runs),
                      "python sqlite3", timed(lambda code=code: peer_python(code), runs), 0.3))
    # the whole dump, paired: each docket run right after its peer's, median of the pairs
    pairs = [(timed(lambda: cli("--db", str(db), "list", "--json"), 1), timed(lambda: peer_python(peer), 1))
             for _ in range(max(runs, 5) if not a.smoke else 1)]
    table.append((f"list --json (all {n})", statistics.median(p[0] for p in pairs),
                  "python sqlite3", statistics.median(p[1] for p in pairs), None))
    # `docket list | head -2` (plain, piped): its first lines vs the peer's (python printing the
    # first two rows of the same selection), the time until each reader has them
    first_peer = (f"import sqlite3; c=sqlite3.connect({str(db)!r}); cur=c.execute({sql!r});"
                  " [print(r) for r in (cur.fetchone(), cur.fetchone())]")
    firsts = [(first_lines([*docket_exe(), "--db", str(db), "list"]), first_lines([sys.executable, "-c", first_peer]))
              for _ in range(runs)]
    table.append(("list | head -2 (first)", statistics.median(p[0] for p in firsts),
                  "python 2 rows", statistics.median(p[1] for p in firsts), 0.3))
    # search: the command (start-up included), then the SQL alone, each beside sqlite3's LIKE
    from docket.core.queue import list_items
    from docket.core.queue_filter import QueueFilter
    from docket.core.runtime import Runtime
    from docket.core.search import find
    from docket.store.db import connect, opened
    from docket.tui.source import DbSource
    from docket.tui.widgets.item_list import RowIndex

    reader = connect(db, readonly=True)
    for text in SEARCHES:
        like = " AND ".join(f"i.title LIKE '%{t}%'" for t in text.split())
        liked = sql.replace(" ORDER BY", " WHERE " + like + " ORDER BY")
        peer = (f"import sqlite3,json; c=sqlite3.connect({str(db)!r}); print(json.dumps(c.execute("
                f"{liked!r}).fetchall()))")
        table.append((f"list --search '{text}'", timed(lambda: cli("--db", str(db), "list", "--search",
                                                                   text, "--json"), runs),
                      "sqlite3 LIKE title", timed(lambda: peer_python(peer), runs), 0.3))
        table.append((f"  search SQL '{text}'", timed(lambda: find(reader, text), runs * 3),
                      "LIKE in process", timed(lambda: reader.execute(liked).fetchall(), runs * 3),
                      None))
    reader.close()

    # a keystroke in the TUI's search box: the database's search on the source's kept
    # connection, then the list's refilter into its order (the index built as the queue loads it)
    with opened(db) as conn:
        rows = list_items(conn, as_of=TODAY, with_units=True)
    index = RowIndex(rows)
    index.order("due")
    source = DbSource(Runtime(db_path=db, actor="bench", today=TODAY))
    titles = [r["title"] for r in rows]
    for text in SEARCHES:
        query = QueueFilter(text=text, sort="due")
        terms = text.split()
        table.append((f"TUI keystroke '{text}'",
                      timed(lambda: index.search(query, ranked=source.search(text)), runs * 3),
                      "list comprehension",
                      timed(lambda: [t for t in titles if all(x in t for x in terms)], runs * 3), 0.05))
    source.close()

    # import of rows_in rows vs openpyxl only reading them
    sheet = tmp / "import.xlsx"
    make_xlsx(sheet, rows_in)
    target = tmp / "import.db"

    def fresh() -> None:
        for p in tmp.glob("import.db*"):
            p.unlink()
        office_db(target)  # bench_core's: the county's units, as a real office

    def do_import() -> float:
        fresh()
        t = time.perf_counter()
        cli("--db", str(target), "import", str(sheet))
        return time.perf_counter() - t
    took = statistics.median(do_import() for _ in range(runs))
    peer = f"import openpyxl; wb=openpyxl.load_workbook({str(sheet)!r}, read_only=True); [r for r in wb.active.iter_rows(values_only=True)]"
    table.append((f"import {rows_in} rows", took, "openpyxl read", timed(lambda: peer_python(peer), runs), None))

    # the real case: import into the n-item office, with the look-alike checks against every
    # earlier item and the sketches stored (a fresh copy of the database for each run)
    more = tmp / "import-more.xlsx"
    numbered_after(sheet, more, n)
    copy = tmp / "import-into.db"

    def import_into() -> float:
        for p in tmp.glob("import-into.db*"):
            p.unlink()
        shutil.copyfile(db, copy)
        t = time.perf_counter()
        cli("--db", str(copy), "import", str(more))
        return time.perf_counter() - t
    took = statistics.median(import_into() for _ in range(runs))
    for p in tmp.glob("import-into.db*"):
        p.unlink()
    peer = f"import openpyxl; wb=openpyxl.load_workbook({str(more)!r}, read_only=True); [r for r in wb.active.iter_rows(values_only=True)]"
    table.append((f"import {rows_in} into {n // 1000}k", took, "openpyxl read",
                  timed(lambda: peer_python(peer), runs), 3.0))

    # similar N: in-process (the budget) and the command as a subprocess, vs reading every text
    from docket.core import similar

    probes = [n, n // 2, 1 + n // 3, n - 7, 17]
    with opened(db) as conn:
        similar.ensure_indexed(conn)
        took = statistics.median(timed(lambda k=k: similar.similar(conn, k), 1) for k in probes)
    peer = f"import sqlite3; c=sqlite3.connect({str(db)!r}); c.execute('SELECT id, title, content FROM items').fetchall()"
    peer_t = timed(lambda: peer_python(peer), runs)
    table.append((f"similar N ({n // 1000}k)", took, "sqlite3 read texts", peer_t, 0.2))
    took = statistics.median(timed(lambda k=k: cli("--db", str(db), "similar", str(k), "--json"), 1)
                             for k in probes[:runs])
    table.append(("similar N --json (cmd)", took, "sqlite3 read texts", peer_t, None))

    # notices: docgen's batch vs python-docx from scratch
    from bench_docgen import baseline, records, timed_batch

    recs = records(notices)
    with tempfile.TemporaryDirectory() as out:
        peer_t = timed(lambda: baseline(recs, Path(out)), 1)
    table.append((f"{notices} notices", timed_batch(recs), "python-docx", peer_t, None))

    # start-up, paired: each docket run right after a bare python run (median of 15 pairs)
    for args in (["--help"], ["list", "--help"]):
        pairs = []
        for _ in range(5 if a.smoke else 15):
            t = time.perf_counter()
            peer_python("pass")
            bare = time.perf_counter() - t
            t = time.perf_counter()
            cli(*args)
            pairs.append(((time.perf_counter() - t), bare))
        ours = statistics.median(p[0] for p in pairs)
        bare = statistics.median(p[1] for p in pairs)
        table.append((f"start-up ({' '.join(args)})", ours, "python -c pass", bare, None))

    # the TUI on the n-item database: first rows painted (a fresh interpreter, as `docket tui`
    # starts) and a search keystroke, each beside a plain DataTable given the same rows
    import asyncio

    from bench_tui import SEARCH_KEY, bench_datatable, real_in_fresh_python

    first, _full, _patch, shown = real_in_fresh_python(db)
    dt_first, dt_refilter = asyncio.run(bench_datatable(rows))
    table.append((f"TUI first rows ({shown})", first, "plain DataTable", dt_first, None))
    keystroke = next(r[1] for r in table if r[0] == f"TUI keystroke '{SEARCH_KEY}'")
    table.append((f"TUI keystroke '{SEARCH_KEY}'", keystroke, "DataTable refilter", dt_refilter, 0.05))

    # look-alikes and routing: precision and recall on a labelled set, top-k on held-out history
    from bench_similar import HOLD_OUT, measure_routing, measure_similar

    with tempfile.TemporaryDirectory() as scratch:
        quality = measure_similar(Path(scratch), *((60, 60) if a.smoke else (600, 600)))
        routing = measure_routing(Path(scratch), 300 if a.smoke else 3000)

    print(f"{'figure':<28}{'docket s':>10}  {'peer':<20}{'peer s':>8}{'ratio':>8}  budget")
    for figure, ours, peer_name, theirs, budget in table:
        ratio = ours / theirs if theirs else float("inf")
        if figure.startswith("start-up"):
            verdict = f"≤ 6× bare  {'PASS' if ratio <= 6 else 'OVER'}"
        elif figure.startswith("list --json (all"):
            verdict = f"≤ 2× peer  {'PASS' if ratio <= 2 else 'OVER'}"
        elif budget is not None:
            verdict = f"≤ {budget:g} s  {'PASS' if ours <= budget else 'OVER'}"
        else:
            verdict = "—"
        shown = f"{ratio:.1f}" if ratio >= 0.095 else f"{ratio:.3f}"  # a small ratio keeps its digits
        print(f"{figure:<28}{ours:>10.3f}  {peer_name:<20}{theirs:>8.3f}{shown:>7}×  {verdict}")
    if a.smoke:
        print("(smoke sizes: the budgets are for 100,000 items; at 2,000 start-up dominates the ratios)")
    print(f"look-alikes (similar, add, import): precision {quality['precision']:.3f}  recall "
          f"{quality['recall']:.3f}  ({quality['probes']} labelled probes, {quality['pairs']} pairs returned)")
    print(f"routing (assign --suggest): top-1 {routing['top1']:.3f}  top-3 {routing['top3']:.3f}  "
          f"({routing['held_out']} held-out items, the last {HOLD_OUT:.0%} of the history)")
    if not a.keep:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

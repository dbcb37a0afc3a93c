"""Look-alike items and routing hints (issue 16), as printed figures.

    python bench/bench_similar.py            # full sizes (100,000 items for the timing)
    python bench/bench_similar.py --smoke    # tiny sizes (CI): checks the script runs, not the budgets

1. Precision and recall of `similar` at its threshold on a labelled set (fixtures/lookalikes.py):
   probes that are near-copies with edits or reordered phrases (positives) and the same topic for
   another place (negatives); a returned item is right when it is the same request (topic, place).
2. Top-1 / top-3 accuracy of `assign --suggest` on a held-out part of generated history
   (fixtures/bulk.py: the last HOLD_OUT of the items, suggested from the earlier ones only).
3. `similar` at 100,000 items (fixtures/bulk.py), median wall time in-process and the command
   as a subprocess. Budget: ≤ 0.2 s.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

TODAY = date(2026, 3, 20)
BUDGET_SIMILAR = 0.2
HOLD_OUT = 0.2


def measure_similar(folder: Path, bases: int, probes: int) -> dict:
    from docket.core import similar
    from docket.fixtures.lookalikes import build_labelled
    from docket.store.db import opened

    path = folder / "labelled.db"
    labels = build_labelled(path, bases=bases, probes=probes, today=TODAY)
    by_number = {lab.number: lab for lab in labels}
    tp = fp = found_pos = positives = 0
    per_kind: dict[str, list[int]] = {}
    with opened(path) as conn:
        sess = conn.execute("SELECT * FROM sessions").fetchone()
        from docket.store.items import item_by_number
        for lab in labels:
            if lab.kind == "base":
                continue
            got = similar.look_alikes(conn, item_by_number(conn, sess, lab.number), most=50)
            right = [x for x in got if by_number[x.number].key == lab.key]
            tp += len(right)
            fp += len(got) - len(right)
            hit = lab.kind != "elsewhere" and any(x.number == lab.of for x in got)
            if lab.kind != "elsewhere":
                positives += 1
                found_pos += hit
            clean = not any(x.number == lab.of for x in got) if lab.kind == "elsewhere" else hit
            per_kind.setdefault(lab.kind, []).append(int(clean))
    return {"precision": tp / (tp + fp) if tp + fp else 1.0, "recall": found_pos / positives if positives else 1.0,
            "pairs": tp + fp, "probes": sum(len(v) for v in per_kind.values()),
            "kinds": {k: sum(v) / len(v) for k, v in per_kind.items()}}


def measure_routing(folder: Path, n: int) -> dict:
    from docket.core import routing, similar
    from docket.fixtures.bulk import build_bulk
    from docket.store import similar as sim_store
    from docket.store.db import opened

    path = folder / "history.db"
    build_bulk(path, n, seed=16, today=TODAY)
    top1 = top3 = total = 0
    with opened(path) as conn:
        similar.ensure_indexed(conn)
        ids = [r[0] for r in conn.execute("SELECT id FROM items ORDER BY id")]
        first = ids[int(len(ids) * (1 - HOLD_OUT))]
        truth = sim_store.leads_of_items(conn, [i for i in ids if i >= first])
        for item_id, lead in truth.items():
            item = conn.execute("SELECT * FROM items WHERE id = ?", (item_id,)).fetchone()
            got = [s.unit for s in routing.suggest_for(conn, item, before_id=first)]
            total += 1
            top1 += bool(got) and got[0] == lead
            top3 += lead in got[:3]
    return {"held_out": total, "top1": top1 / total if total else 0.0, "top3": top3 / total if total else 0.0}


def time_similar(folder: Path, n: int, runs: int) -> dict:
    from docket.core import similar
    from docket.fixtures.bulk import build_bulk
    from docket.store.db import opened

    path = folder / "bulk.db"
    t = time.perf_counter()
    build_bulk(path, n, seed=1, today=TODAY, assign=False)
    built = time.perf_counter() - t
    numbers = [n, n // 2, 1 + n // 3, n - 7, 17][:runs]
    times = []
    with opened(path) as conn:
        similar.ensure_indexed(conn)
        for k in numbers:
            t = time.perf_counter()
            similar.similar(conn, max(1, k))
            times.append(time.perf_counter() - t)
    script = Path(sys.executable).parent / "docket"
    exe = [str(script)] if script.exists() else [sys.executable, "-m", "docket"]
    env = {**os.environ, "DOCKET_TODAY": TODAY.isoformat(), "DOCKET_USER": "bench"}
    walls = []
    for k in numbers[:3]:
        t = time.perf_counter()
        subprocess.run([*exe, "--db", str(path), "similar", str(max(1, k)), "--json"], env=env,
                       capture_output=True, check=True)
        walls.append(time.perf_counter() - t)
    t = time.perf_counter()
    subprocess.run([*exe, "--help"], env=env, capture_output=True, check=True)
    startup = time.perf_counter() - t
    return {"items": n, "build_s": built, "similar_s": statistics.median(times), "max_s": max(times),
            "command_s": statistics.median(walls), "help_s": startup}


def time_intake(folder: Path, rows: int) -> dict:
    """`docket import` of `rows` requests (a CSV of the demo's topics): the import itself and the
    look-alike checks after it (the summary line), each timed in-process."""
    import csv
    import random

    from docket.core import intake, similar
    from docket.fixtures import county
    from docket.fixtures.lookalikes import _request
    from docket.store.db import opened

    rng = random.Random(5)
    towns = [t for t, _ in county.TOWNS]
    sheet = folder / "rows.csv"
    with sheet.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["标题", "领衔代表", "类别", "内容"])
        for i in range(rows):
            t = rng.randrange(len(county.TOPICS))
            title, content, _ = _request(t, rng.choice(towns), rng)
            w.writerow([title, f"代表{i}", county.TOPICS[t].category, content])
    path = folder / "intake.db"
    intake.init_db(path, actor="bench", today=TODAY)
    with opened(path) as conn:
        t0 = time.perf_counter()
        done = intake.import_file(conn, sheet, allow_duplicates=True, actor="bench", today=TODAY)
        t1 = time.perf_counter()
        notes = similar.intake_notes(conn, done.numbers)
        t2 = time.perf_counter()
    return {"rows": rows, "import_s": t1 - t0, "checks_s": t2 - t1, "alike": len(notes)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--smoke", action="store_true")
    ap.add_argument("--items", type=int, default=None, help="items for the timing (default 100,000)")
    a = ap.parse_args()
    n = a.items or (300 if a.smoke else 100_000)
    with tempfile.TemporaryDirectory(prefix="docket-bench-similar-") as tmp:
        folder = Path(tmp)
        s = measure_similar(folder, 60 if a.smoke else 600, 60 if a.smoke else 600)
        kinds = "  ".join(f"{k} {v:.0%}" for k, v in sorted(s["kinds"].items()))
        print(f"similar (threshold {__import__('docket.core.similar', fromlist=['x']).THRESHOLD}): "
              f"precision {s['precision']:.3f}  recall {s['recall']:.3f}  "
              f"({s['probes']} probes, {s['pairs']} pairs returned; right per kind: {kinds})")
        r = measure_routing(folder, 300 if a.smoke else 3000)
        print(f"routing (assign --suggest): top-1 {r['top1']:.3f}  top-3 {r['top3']:.3f}  "
              f"({r['held_out']} held-out items, the last {HOLD_OUT:.0%} of the history)")
        i = time_intake(folder, 200 if a.smoke else 5000)
        total = i["import_s"] + i["checks_s"]
        print(f"import of {i['rows']:,} rows with look-alike checks: {total:.2f} s (import {i['import_s']:.2f} s, "
              f"checks {i['checks_s']:.2f} s; {i['alike']} rows look like an earlier one), budget 3 s: "
              f"{'ok' if total <= 3 else 'OVER BUDGET'}")
        t = time_similar(folder, n, 5)
        verdict = "ok" if t["similar_s"] <= BUDGET_SIMILAR else "OVER BUDGET"
        print(f"similar at {t['items']:,} items: {t['similar_s'] * 1000:.0f} ms median (max "
              f"{t['max_s'] * 1000:.0f} ms) in-process, budget {BUDGET_SIMILAR * 1000:.0f} ms: {verdict}; "
              f"`docket similar --json` {t['command_s'] * 1000:.0f} ms wall (`docket --help` "
              f"{t['help_s'] * 1000:.0f} ms); database built in {t['build_s']:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

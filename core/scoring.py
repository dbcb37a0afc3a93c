"""The score engine (domain.md §11): a model's weighted sum over the leaves that have data.

The model as data is in score_model.py, its stored versions in score_model_versions.py, the
figures (exact values, half-up output, ranks, bands) in score_figures.py; handling-unit scores
are in unit_scores.py (their facts in unit_facts.py), appraisal in appraisal.py (the vote
arithmetic in appraisal_tally.py, results in appraisal_results.py); table rows for both in
score_tables.py; their SQL in store/scoring.py and store/appraisal.py.

A model is a versioned tree of indicators whose sibling weights sum to 100; each leaf names its
source (computed from the store, entered by the secretariat, or a vote). Values are exact
`Fraction`s: rounding (half up, 2 places) happens only on output, and ranks use exact scores.
Outputs name units only: never proposers, raters or their notes (背靠背, §10).
No click, textual, rich or docx here.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from docket.core.score_figures import round2
from docket.core.score_model import Indicator, Model, json_number


@dataclass(frozen=True, slots=True)
class LeafValue:
    """What a leaf's source gave for one unit: the value (None: no data), its n and inputs."""
    value: Fraction | None
    n: int = 0
    inputs: dict = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Breakdown:
    score: Fraction | None
    indicators: tuple[dict, ...]      # flat, tree order; exact values under "_value"/"_points"


def evaluate(model: Model, values: dict[str, LeafValue]) -> Breakdown:
    """Σ wᵢvᵢ / Σ wᵢ over the siblings that have data; points = each leaf's share of the score."""
    rows: list[dict] = []

    def walk(nodes: tuple[Indicator, ...], depth: int, parent: str | None) -> Fraction | None:
        vals: list[tuple[Indicator, Fraction | None, int]] = []
        for n in nodes:
            i = len(rows)
            rows.append({})
            if n.leaf:
                lv = values.get(n.id, LeafValue(None))
                v, row = lv.value, {"n": lv.n, "inputs": lv.inputs, "source": n.source}
            else:
                v = walk(n.children, depth + 1, n.id)
                row = {"n": None, "inputs": {}, "source": None}
            rows[i] = {"id": n.id, "name": n.name, "weight": json_number(n.weight), "parent": parent,
                       "level": depth, "_value": v, **row}
            vals.append((n, v, i))
        present = sum((n.weight for n, v, _ in vals if v is not None), Fraction(0))
        for n, v, i in vals:
            rows[i]["_share"] = n.weight / present if v is not None else None
            rows[i]["rescaled"] = v is not None and present != 100
        if not present:
            return None
        return sum((n.weight * v for n, v, _ in vals if v is not None), Fraction(0)) / present

    score = walk(model.indicators, 1, None)
    by_id = {r["id"]: r for r in rows}
    for r in rows:
        share, p = r["_share"], r["parent"]
        while share is not None and p is not None:
            share *= by_id[p]["_share"]
            p = by_id[p]["parent"]
        r["_points"] = share * r["_value"] if share is not None else None
        r["value"] = round2(r["_value"])
        r["points"] = round2(r["_points"])
        r["effective_weight"] = round2(share * 100) if share is not None else None
    return Breakdown(score, tuple(rows))


def public(ind: dict) -> dict:
    """An indicator row without the exact-value helpers, for JSON."""
    return {k: v for k, v in ind.items() if not k.startswith("_")}

"""Scoring models kept in the database: every version of each, the built-in defaults as version 1,
saving a new version, editing weights and fields; the bands and minimum of items a model uses,
falling back to the settings."""
from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from datetime import date
from fractions import Fraction

from docket.core.dates import now_iso
from docket.core.errors import BadInput, NotFound
from docket.core.score_figures import exact
from docket.core.score_model import DEFAULTS, Model, model_to_dict, parse_model, walk_indicators


def model_names(conn: sqlite3.Connection) -> list[str]:
    stored = [r[0] for r in conn.execute("SELECT name FROM score_models ORDER BY id")]
    return list(dict.fromkeys([*DEFAULTS, *stored]))


def load_model(conn: sqlite3.Connection, name: str = "unit", version: int | None = None) -> Model:
    """The current (or a given) version; the built-in defaults are version 1 until edited."""
    row = conn.execute(
        "SELECT v.definition, v.version FROM score_model_versions v JOIN score_models m ON m.id = v.model_id"
        " WHERE m.name = ? AND (? IS NULL OR v.version = ?) ORDER BY v.version DESC LIMIT 1",
        (name, version, version)).fetchone()
    if row:
        return parse_model(json.loads(row[0]), version=row[1])
    if name in DEFAULTS and version in (None, 1):
        return parse_model(DEFAULTS[name])
    known = "、".join(model_names(conn))
    what = f"第{version}版" if version else ""
    raise NotFound(f"评分模型“{name}”{what}不存在；已有：{known}")


def save_model(conn: sqlite3.Connection, data: dict, *, actor: str, today: date, note: str = "") -> Model:
    """Validate and store a new version; the old versions stay for the results that used them."""
    from docket.store import events
    from docket.store.db import write

    model = parse_model(data)
    with write(conn):
        current = None
        try:
            current = load_model(conn, model.name)
        except NotFound:
            pass
        if current and current.kind != model.kind:
            raise BadInput(f"评分模型“{model.name}”的类型是 {current.kind}，不能改为 {model.kind}")
        mrow = conn.execute("SELECT id FROM score_models WHERE name = ?", (model.name,)).fetchone()
        if mrow:
            mid = mrow[0]
        else:
            mid = conn.execute("INSERT INTO score_models (name, kind, created_at) VALUES (?, ?, ?)",
                               (model.name, model.kind, now_iso(today))).lastrowid
            if model.name in DEFAULTS:  # keep the built-in as version 1 for results made with it
                conn.execute("INSERT INTO score_model_versions (model_id, version, definition, note,"
                             " created_at, by) VALUES (?, 1, ?, '内置默认模型', ?, 'docket')",
                             (mid, json.dumps(DEFAULTS[model.name], ensure_ascii=False), now_iso(today)))
        top = conn.execute("SELECT MAX(version) FROM score_model_versions WHERE model_id = ?", (mid,)).fetchone()[0]
        version = (top or 0) + 1
        definition = {k: v for k, v in model_to_dict(model).items() if k != "version"}
        conn.execute("INSERT INTO score_model_versions (model_id, version, definition, note, created_at, by)"
                     " VALUES (?, ?, ?, ?, ?, ?)",
                     (mid, version, json.dumps(definition, ensure_ascii=False), note, now_iso(today), actor))
        events.append(conn, by=actor, action="score.model", entity="score_model", entity_id=mid,
                      detail={"name": model.name, "version": version, "note": note,
                              "before": model_to_dict(current) if current else None, "after": definition},
                      today=today)
    return replace(model, version=version)


def set_fields(conn: sqlite3.Connection, name: str, changes: dict[str, str], *, actor: str,
               today: date) -> Model:
    """Change weights (by indicator id or name) and title/min_items/bands/outcome_min at once."""
    model = load_model(conn, name)
    data = model_to_dict(model)
    errors: list[str] = []

    def apply(nodes: list[dict], key: str, value: str) -> bool:
        for n in nodes:
            if key in (n["id"], n["name"]):
                n["weight"] = value
                return True
            if apply(n.get("children", []), key, value):
                return True
        return False

    for key, value in changes.items():
        if key in ("title",):
            data["title"] = value
        elif key == "min_items":
            try:
                data["min_items"] = int(value)
            except ValueError:
                errors.append(f"min_items：“{value}”应为整数")
        elif key in ("bands", "outcome_min"):
            data[key] = value
        elif not apply(data["indicators"], key, value):
            ids = "、".join(f"{n.id}（{n.name}）" for n in walk_indicators(model.indicators))
            errors.append(f"指标“{key}”不在模型“{name}”中；可用：{ids}")
    if errors:
        raise BadInput(f"评分模型“{name}”未修改：", errors)
    return save_model(conn, data, actor=actor, today=today,
                      note="；".join(f"{k}={v}" for k, v in changes.items()))




def bands_for(conn: sqlite3.Connection, model: Model) -> tuple[tuple[str, Fraction], ...]:
    from docket.core import settings

    if model.bands:
        return model.bands
    raw = settings.get(conn, "score.bands")
    return tuple((k, exact(v)) for k, v in sorted(raw.items(), key=lambda kv: -kv[1]))


def min_items_for(conn: sqlite3.Connection, model: Model) -> int:
    from docket.core import settings

    return model.min_items if model.min_items is not None else settings.get(conn, "score.min_items")

"""Numbered schema migrations, recorded in `_docket_migrations` and applied on every open.

A database made by this version opens in every later one; a database of a newer schema is refused.
"""
from __future__ import annotations

import sqlite3
from typing import Callable

from docket.core import messages as msg
from docket.core.errors import BadInput

MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = []


def migration(fn: Callable[[sqlite3.Connection], None]) -> Callable[[sqlite3.Connection], None]:
    MIGRATIONS.append(fn)
    return fn


@migration
def m001_initial(conn: sqlite3.Connection) -> None:
    for stmt in INITIAL.split(";\n"):
        if stmt.strip():
            conn.execute(stmt)


INITIAL = """
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE sessions (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    body TEXT NOT NULL DEFAULT 'npc',
    interim INTEGER NOT NULL DEFAULT 0,
    is_current INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);
CREATE TABLE units (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    short TEXT,
    contact TEXT,
    phone TEXT,
    active INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL
);
CREATE TABLE items (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES sessions(id),
    number INTEGER NOT NULL,
    kind TEXT NOT NULL,
    ref_no TEXT,
    title TEXT NOT NULL,
    proposer TEXT NOT NULL,
    co_proposers TEXT NOT NULL DEFAULT '[]',
    category TEXT,
    content TEXT,
    received_on TEXT NOT NULL,
    state TEXT NOT NULL,
    key INTEGER NOT NULL DEFAULT 0,
    fast INTEGER NOT NULL DEFAULT 0,
    merged_into INTEGER REFERENCES items(id),
    round INTEGER NOT NULL DEFAULT 1,
    round_start TEXT,
    delegation TEXT,
    phone TEXT,
    address TEXT,
    proposed_lead TEXT,
    proposed_support TEXT NOT NULL DEFAULT '[]',
    closed_on TEXT,
    close_reason TEXT,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (session_id, number)
);
CREATE INDEX items_state ON items(session_id, state);
CREATE INDEX items_merged ON items(merged_into);
CREATE TABLE assignments (
    id INTEGER PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES items(id),
    unit_id INTEGER NOT NULL REFERENCES units(id),
    role TEXT NOT NULL CHECK (role IN ('lead', 'support')),
    round INTEGER NOT NULL DEFAULT 1,
    assigned_on TEXT NOT NULL,
    due_on TEXT NOT NULL,
    first_due_on TEXT NOT NULL,
    yardstick_due_on TEXT NOT NULL,
    provisional INTEGER NOT NULL DEFAULT 0,
    objection_until TEXT,
    replied_on TEXT,
    returned_on TEXT,
    return_reason TEXT,
    ended_on TEXT,
    end_reason TEXT,
    notice_id INTEGER REFERENCES documents(id),
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL
);
CREATE INDEX assignments_item ON assignments(item_id);
CREATE INDEX assignments_unit ON assignments(unit_id);
CREATE TABLE replies (
    id INTEGER PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES items(id),
    assignment_id INTEGER REFERENCES assignments(id),
    unit_id INTEGER NOT NULL REFERENCES units(id),
    role TEXT NOT NULL,
    round INTEGER NOT NULL,
    class TEXT,
    replied_on TEXT NOT NULL,
    doc_no TEXT,
    contact TEXT,
    phone TEXT,
    summary TEXT,
    copied_from INTEGER REFERENCES replies(id),
    quality REAL,
    created_at TEXT NOT NULL,
    by TEXT NOT NULL
);
CREATE INDEX replies_item ON replies(item_id);
CREATE TABLE evaluations (
    id INTEGER PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES items(id),
    round INTEGER NOT NULL,
    result TEXT NOT NULL,
    attitude TEXT,
    evaluated_on TEXT NOT NULL,
    rater TEXT,
    decisive INTEGER NOT NULL DEFAULT 1,
    contacted INTEGER,
    note TEXT,
    created_at TEXT NOT NULL,
    by TEXT NOT NULL
);
CREATE INDEX evaluations_item ON evaluations(item_id);
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    series TEXT,
    year INTEGER,
    serial INTEGER,
    doc_no TEXT,
    unit_id INTEGER REFERENCES units(id),
    path TEXT,
    issued_on TEXT NOT NULL,
    detail TEXT,
    created_at TEXT NOT NULL,
    by TEXT NOT NULL,
    UNIQUE (series, year, serial)
);
CREATE TABLE document_items (
    document_id INTEGER NOT NULL REFERENCES documents(id),
    item_id INTEGER NOT NULL REFERENCES items(id),
    assignment_id INTEGER REFERENCES assignments(id),
    PRIMARY KEY (document_id, item_id)
);
CREATE TABLE reminders (
    id INTEGER PRIMARY KEY,
    assignment_id INTEGER NOT NULL REFERENCES assignments(id),
    item_id INTEGER NOT NULL REFERENCES items(id),
    unit_id INTEGER NOT NULL REFERENCES units(id),
    role TEXT NOT NULL,
    level TEXT NOT NULL CHECK (level IN ('yellow', 'red')),
    n INTEGER NOT NULL,
    due_on TEXT NOT NULL,
    sent_on TEXT NOT NULL,
    document_id INTEGER REFERENCES documents(id),
    created_at TEXT NOT NULL,
    by TEXT NOT NULL,
    UNIQUE (assignment_id, due_on, level, n)
);
CREATE INDEX reminders_item ON reminders(item_id);
CREATE TABLE calendar_days (
    day TEXT PRIMARY KEY,
    workday INTEGER NOT NULL,
    note TEXT,
    source TEXT NOT NULL DEFAULT 'set',
    updated_at TEXT NOT NULL,
    by TEXT NOT NULL
);
CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    by TEXT NOT NULL,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id INTEGER,
    item_id INTEGER REFERENCES items(id),
    detail TEXT NOT NULL DEFAULT '{}',
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX events_item ON events(item_id);
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END
"""


@migration
def m002_scoring(conn: sqlite3.Connection) -> None:
    """Scoring models with versions, entered scores, published results, appraisal rounds.

    Tallies hold counts only: no table here can name who cast which vote (背靠背, domain.md §10).
    """
    for stmt in SCORING.split(";\n"):
        if stmt.strip():
            conn.execute(stmt)


SCORING = """
CREATE TABLE score_models (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('unit', 'appraisal')),
    created_at TEXT NOT NULL
);
CREATE TABLE score_model_versions (
    id INTEGER PRIMARY KEY,
    model_id INTEGER NOT NULL REFERENCES score_models(id),
    version INTEGER NOT NULL,
    definition TEXT NOT NULL,
    note TEXT,
    created_at TEXT NOT NULL,
    by TEXT NOT NULL,
    UNIQUE (model_id, version)
);
CREATE TABLE score_entries (
    id INTEGER PRIMARY KEY,
    year INTEGER NOT NULL,
    unit_id INTEGER NOT NULL REFERENCES units(id),
    indicator TEXT NOT NULL,
    value REAL NOT NULL CHECK (value >= 0 AND value <= 100),
    updated_at TEXT NOT NULL,
    by TEXT NOT NULL,
    UNIQUE (year, unit_id, indicator)
);
CREATE TABLE score_results (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('unit', 'appraisal')),
    year INTEGER NOT NULL,
    round_id INTEGER REFERENCES appraisal_rounds(id),
    model_name TEXT NOT NULL,
    model_version INTEGER NOT NULL,
    as_of TEXT NOT NULL,
    data TEXT NOT NULL,
    created_at TEXT NOT NULL,
    by TEXT NOT NULL
);
CREATE INDEX score_results_round ON score_results(round_id);
CREATE TABLE appraisal_rounds (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    year INTEGER NOT NULL,
    model_name TEXT NOT NULL,
    created_on TEXT NOT NULL,
    created_at TEXT NOT NULL,
    by TEXT NOT NULL
);
CREATE TABLE appraisal_groups (
    id INTEGER PRIMARY KEY,
    round_id INTEGER NOT NULL REFERENCES appraisal_rounds(id),
    name TEXT NOT NULL,
    weight REAL NOT NULL CHECK (weight > 0),
    position INTEGER NOT NULL,
    UNIQUE (round_id, name)
);
CREATE TABLE appraisal_departments (
    id INTEGER PRIMARY KEY,
    round_id INTEGER NOT NULL REFERENCES appraisal_rounds(id),
    unit_id INTEGER NOT NULL REFERENCES units(id),
    position INTEGER NOT NULL,
    UNIQUE (round_id, unit_id)
);
CREATE TABLE appraisal_tallies (
    id INTEGER PRIMARY KEY,
    department_id INTEGER NOT NULL REFERENCES appraisal_departments(id),
    group_id INTEGER NOT NULL REFERENCES appraisal_groups(id),
    members INTEGER NOT NULL CHECK (members >= 0),
    present INTEGER NOT NULL CHECK (present >= 0 AND present <= members),
    satisfied INTEGER NOT NULL CHECK (satisfied >= 0),
    basic INTEGER NOT NULL CHECK (basic >= 0),
    dissatisfied INTEGER NOT NULL CHECK (dissatisfied >= 0),
    abstain INTEGER NOT NULL DEFAULT 0 CHECK (abstain >= 0),
    unknown INTEGER NOT NULL DEFAULT 0 CHECK (unknown >= 0),
    updated_at TEXT NOT NULL,
    by TEXT NOT NULL,
    CHECK (satisfied + basic + dissatisfied + abstain + unknown <= present),
    UNIQUE (department_id, group_id)
);
CREATE TABLE appraisal_scores (
    id INTEGER PRIMARY KEY,
    department_id INTEGER NOT NULL REFERENCES appraisal_departments(id),
    indicator TEXT NOT NULL,
    value REAL NOT NULL CHECK (value >= 0 AND value <= 100),
    updated_at TEXT NOT NULL,
    by TEXT NOT NULL,
    UNIQUE (department_id, indicator)
)
"""


@migration
def m003_event_head(conn: sqlite3.Connection) -> None:
    """The chain's head (last id and hash), moved in the same transaction as every append, so
    `audit verify` also notices the newest events being deleted."""
    conn.execute("CREATE TABLE event_head (id INTEGER PRIMARY KEY CHECK (id = 1),"
                 " last_id INTEGER NOT NULL, hash TEXT NOT NULL)")
    row = conn.execute("SELECT id, hash FROM events ORDER BY id DESC LIMIT 1").fetchone()
    if row:
        conn.execute("INSERT INTO event_head (id, last_id, hash) VALUES (1, ?, ?)", (row[0], row[1]))


@migration
def m004_anchor(conn: sqlite3.Connection) -> None:
    """No schema change: from this version on, the chain's head is also written beside the
    database after every commit (store/events.py, anchor), starting with this migration's own."""


@migration
def m005_assignment_views(conn: sqlite3.Connection) -> None:
    """The two readings of an assignment every query shares, written once:
    `current_assignments` — not returned (it stands, whether replied, ended or still running);
    `open_assignments` — current, not ended and not yet replied (the unit still owes a reply)."""
    conn.execute("CREATE VIEW current_assignments AS"
                 " SELECT * FROM assignments WHERE returned_on IS NULL")
    conn.execute("CREATE VIEW open_assignments AS"
                 " SELECT * FROM assignments"
                 " WHERE returned_on IS NULL AND ended_on IS NULL AND replied_on IS NULL")



@migration
def m006_rectification(conn: sqlite3.Connection) -> None:
    """Rectification (整改, domain.md §12) and the progress shared with livelihood projects (§13).

    `sessions.kind` tells a round of proposals (every session made before) from a rectification
    round or a projects year; `rectifications` holds an item's plan, re-check, look-back and 问责
    (one row per item); `progress` and `milestones` are logs shared by rectification and projects;
    `progress_reminders` records each 未按时报送进度 reminder so `remind` sends it once (cron-safe)."""
    for stmt in RECTIFICATION.split(";\n"):
        if stmt.strip():
            conn.execute(stmt)


RECTIFICATION = """
ALTER TABLE sessions ADD COLUMN kind TEXT NOT NULL DEFAULT 'proposal'
    CHECK (kind IN ('proposal', 'rectification', 'project'));
CREATE TABLE rectifications (
    item_id INTEGER PRIMARY KEY REFERENCES items(id),
    source TEXT,
    appraisal_round_id INTEGER REFERENCES appraisal_rounds(id),
    grade TEXT,
    person TEXT,
    target TEXT,
    measures TEXT,
    planned_on TEXT,
    rechecked_on TEXT,
    recheck_result TEXT CHECK (recheck_result IN ('pass', 'fail')),
    recheck_note TEXT,
    lookback_on TEXT,
    lookback_result TEXT CHECK (lookback_result IN ('pass', 'fail')),
    lookback_note TEXT,
    accountability_on TEXT,
    accountability_reason TEXT,
    updated_at TEXT NOT NULL,
    by TEXT NOT NULL
);
CREATE TABLE progress (
    id INTEGER PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES items(id),
    on_date TEXT NOT NULL,
    percent INTEGER NOT NULL CHECK (percent >= 0 AND percent <= 100),
    note TEXT,
    by TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX progress_item ON progress(item_id, on_date);
CREATE TABLE milestones (
    id INTEGER PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES items(id),
    on_date TEXT NOT NULL,
    text TEXT NOT NULL,
    percent INTEGER CHECK (percent IS NULL OR (percent >= 0 AND percent <= 100)),
    by TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX milestones_item ON milestones(item_id, on_date);
CREATE TABLE progress_reminders (
    id INTEGER PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES items(id),
    unit_id INTEGER NOT NULL REFERENCES units(id),
    expected_on TEXT NOT NULL,
    n INTEGER NOT NULL,
    sent_on TEXT NOT NULL,
    created_at TEXT NOT NULL,
    by TEXT NOT NULL,
    UNIQUE (item_id, expected_on, n)
)
"""


@migration
def m007_projects(conn: sqlite3.Connection) -> None:
    """Livelihood projects voted by deputies (民生实事票决, domain.md §13). A round is a session of
    kind 'project' (m006) with its places; a candidate is an item of it with budget (万元) and
    lead unit; a ballot holds members, present and valid ballots, and per candidate 赞成, 反对,
    弃权 with the result; satisfaction tests hold counts per project, stage and voter group.
    Counts only: no table names who voted (无记名)."""
    for stmt in PROJECTS.split(";\n"):
        if stmt.strip():
            conn.execute(stmt)


PROJECTS = """
CREATE TABLE project_rounds (
    session_id INTEGER PRIMARY KEY REFERENCES sessions(id),
    places INTEGER NOT NULL CHECK (places > 0),
    created_on TEXT NOT NULL,
    by TEXT NOT NULL
);
CREATE TABLE project_candidates (
    item_id INTEGER PRIMARY KEY REFERENCES items(id),
    unit_id INTEGER NOT NULL REFERENCES units(id),
    budget REAL CHECK (budget IS NULL OR budget >= 0),
    by TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE project_ballots (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES sessions(id),
    round INTEGER NOT NULL CHECK (round >= 1),
    members INTEGER NOT NULL CHECK (members >= 0),
    present INTEGER NOT NULL CHECK (present >= 0 AND present <= members),
    valid INTEGER NOT NULL CHECK (valid >= 0 AND valid <= present),
    places INTEGER NOT NULL CHECK (places >= 0),
    base TEXT NOT NULL CHECK (base IN ('all', 'present', 'valid')),
    threshold TEXT NOT NULL,
    tie TEXT NOT NULL CHECK (tie IN ('revote', 'order')),
    voted_on TEXT NOT NULL,
    by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (session_id, round)
);
CREATE TABLE project_votes (
    ballot_id INTEGER NOT NULL REFERENCES project_ballots(id),
    item_id INTEGER NOT NULL REFERENCES items(id),
    yes INTEGER NOT NULL CHECK (yes >= 0),
    no INTEGER NOT NULL CHECK (no >= 0),
    abstain INTEGER NOT NULL CHECK (abstain >= 0),
    passed INTEGER NOT NULL CHECK (passed IN (0, 1)),
    rank INTEGER,
    result TEXT NOT NULL CHECK (result IN ('adopted', 'not_adopted', 'revote')),
    PRIMARY KEY (ballot_id, item_id)
);
CREATE INDEX project_votes_item ON project_votes(item_id);
CREATE TABLE project_tests (
    id INTEGER PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES items(id),
    stage TEXT NOT NULL CHECK (stage IN ('mid', 'final')),
    group_name TEXT NOT NULL,
    members INTEGER NOT NULL CHECK (members >= 0),
    present INTEGER NOT NULL CHECK (present >= 0 AND present <= members),
    satisfied INTEGER NOT NULL CHECK (satisfied >= 0),
    basic INTEGER NOT NULL CHECK (basic >= 0),
    dissatisfied INTEGER NOT NULL CHECK (dissatisfied >= 0),
    abstain INTEGER NOT NULL DEFAULT 0 CHECK (abstain >= 0),
    tested_on TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    by TEXT NOT NULL,
    CHECK (satisfied + basic + dissatisfied + abstain <= present),
    UNIQUE (item_id, stage, group_name)
)
"""


@migration
def m008_roundtrip(conn: sqlite3.Connection) -> None:
    """The round trip with units (issue 18): the packets sent out (their hidden identity), the
    replies units send back waiting for review, and their extension requests."""
    for stmt in ROUNDTRIP.split(";\n"):
        if stmt.strip():
            conn.execute(stmt)


ROUNDTRIP = """
CREATE TABLE packets (
    id INTEGER PRIMARY KEY,
    unit_id INTEGER NOT NULL REFERENCES units(id),
    session_id INTEGER NOT NULL REFERENCES sessions(id),
    token TEXT NOT NULL,
    issued_on TEXT NOT NULL,
    file_name TEXT NOT NULL,
    assignment_ids TEXT NOT NULL DEFAULT '[]',
    created_at TEXT NOT NULL,
    by TEXT NOT NULL
);
CREATE INDEX packets_unit ON packets (unit_id, id);
CREATE TABLE reply_reviews (
    id INTEGER PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES items(id),
    assignment_id INTEGER NOT NULL REFERENCES assignments(id),
    unit_id INTEGER NOT NULL REFERENCES units(id),
    packet_id INTEGER REFERENCES packets(id),
    round INTEGER NOT NULL,
    replied_on TEXT NOT NULL,
    class TEXT,
    doc_no TEXT,
    summary TEXT,
    contact TEXT,
    phone TEXT,
    channel TEXT,
    contacted_on TEXT,
    state TEXT NOT NULL CHECK (state IN ('pending', 'accepted', 'returned')),
    reason TEXT,
    reviewer TEXT,
    reviewed_on TEXT,
    disclosure TEXT CHECK (disclosure IN ('public', 'private', 'secret')),
    reply_id INTEGER REFERENCES replies(id),
    submitted_by TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX reply_reviews_item ON reply_reviews (item_id, state);
CREATE TABLE extension_requests (
    id INTEGER PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES items(id),
    assignment_id INTEGER NOT NULL REFERENCES assignments(id),
    unit_id INTEGER NOT NULL REFERENCES units(id),
    packet_id INTEGER REFERENCES packets(id),
    until TEXT NOT NULL,
    reason TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('pending', 'approved', 'refused')),
    decision_reason TEXT,
    decided_by TEXT,
    decided_on TEXT,
    requested_by TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX extension_requests_item ON extension_requests (item_id, state)
"""


@migration
def m009_search(conn: sqlite3.Connection) -> None:
    """Search (issue 16): `items.initials` and `units.initials`, the pinyin initials of the
    item's proposer and co-proposers and of the unit's full and short names, written by
    store/items.py and store/units.py with each row (here for the rows already there);
    `item_search`, an FTS5 trigram index of each item's title, content, proposer and
    co-proposers, the names of its current units and all those initials (rowid = items.id); and
    `item_search_short`, the compact text (no content) terms of one or two characters are looked
    up in. Both kept in sync by triggers, in plain SQL (an outside tool's edit keeps them too)."""
    from docket.store.search import initials, people_initials

    conn.execute("ALTER TABLE items ADD COLUMN initials TEXT NOT NULL DEFAULT ''")
    conn.execute("ALTER TABLE units ADD COLUMN initials TEXT NOT NULL DEFAULT ''")
    for r in conn.execute("SELECT id, proposer, co_proposers FROM items").fetchall():
        conn.execute("UPDATE items SET initials = ? WHERE id = ?",
                     (people_initials(r[1], r[2]), r[0]))
    for r in conn.execute("SELECT id, name, short FROM units").fetchall():
        conn.execute("UPDATE units SET initials = ? WHERE id = ?",
                     (initials(f"{r[1]} {r[2] or ''}"), r[0]))
    for stmt in SEARCH.split(";\n"):
        if stmt.strip():
            conn.execute(stmt)
    conn.execute(f"INSERT INTO item_search (rowid, title, content, people, units, initials)"
                 f" SELECT {_SEARCH_ROW.replace('X.', 'i.')} FROM items i")
    conn.execute(f"INSERT INTO item_search_short (item_id, session_id, title, rest)"
                 f" SELECT {_SHORT_ROW.replace('X.', 'i.')} FROM items i")


# one item's search row, from the item `X` (the triggers' NEW or OLD)
_PEOPLE = ("(X.proposer || COALESCE((SELECT ' ' || group_concat(value, ' ')"
           " FROM json_each(X.co_proposers)), ''))")
_CURRENT_UNITS = ("(SELECT DISTINCT u.name, u.initials FROM assignments a JOIN units u ON u.id = a.unit_id"
                  " WHERE a.item_id = X.id AND a.returned_on IS NULL)")
_UNITS = f"COALESCE((SELECT group_concat(name, ' ') FROM {_CURRENT_UNITS}), '')"
_INITIALS = (f"(X.initials || COALESCE((SELECT ' ' || group_concat(initials, ' ')"
             f" FROM {_CURRENT_UNITS}), ''))")
_SEARCH_ROW = f"X.id, X.title, COALESCE(X.content, ''), {_PEOPLE}, {_UNITS}, {_INITIALS}"
_SHORT_ROW = f"X.id, X.session_id, lower(X.title), lower({_PEOPLE} || ' ' || {_UNITS} || ' ' || {_INITIALS})"


def _refresh(ids: str) -> str:
    """The statements putting back the search rows of the items `ids` (a SELECT of item ids):
    delete them, then insert them again from the items as they are now."""
    return (f"DELETE FROM item_search WHERE rowid IN ({ids});"
            f" DELETE FROM item_search_short WHERE item_id IN ({ids});"
            f" INSERT INTO item_search (rowid, title, content, people, units, initials)"
            f" SELECT {_SEARCH_ROW.replace('X.', 'it.')} FROM items it WHERE it.id IN ({ids});"
            f" INSERT INTO item_search_short (item_id, session_id, title, rest)"
            f" SELECT {_SHORT_ROW.replace('X.', 'it.')} FROM items it WHERE it.id IN ({ids});")


SEARCH = f"""
CREATE VIRTUAL TABLE item_search USING fts5(title, content, people, units, initials,
    tokenize = 'trigram');
CREATE TABLE item_search_short (
    item_id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL,
    title TEXT NOT NULL,
    rest TEXT NOT NULL
);
CREATE INDEX item_search_short_session ON item_search_short (session_id);
CREATE TRIGGER item_search_insert AFTER INSERT ON items BEGIN {_refresh('SELECT NEW.id')} END;
CREATE TRIGGER item_search_update AFTER UPDATE OF title, content, proposer, co_proposers, initials, session_id
    ON items BEGIN {_refresh('SELECT NEW.id')} END;
CREATE TRIGGER item_search_delete AFTER DELETE ON items BEGIN
    DELETE FROM item_search WHERE rowid = OLD.id; DELETE FROM item_search_short WHERE item_id = OLD.id; END;
CREATE TRIGGER item_search_assign AFTER INSERT ON assignments BEGIN {_refresh('SELECT NEW.item_id')} END;
CREATE TRIGGER item_search_reassign AFTER UPDATE OF unit_id, item_id, returned_on ON assignments
    BEGIN {_refresh('SELECT NEW.item_id UNION SELECT OLD.item_id')} END;
CREATE TRIGGER item_search_unassign AFTER DELETE ON assignments BEGIN {_refresh('SELECT OLD.item_id')} END;
CREATE TRIGGER item_search_unit AFTER UPDATE OF name, initials ON units
    BEGIN {_refresh('SELECT a.item_id FROM assignments a WHERE a.unit_id = NEW.id')} END
"""


@migration
def m010_similar(conn: sqlite3.Connection) -> None:
    """Look-alike items (issue 16): each item's sketch, a few band keys of its character n-grams
    (core/similar.py), so that `similar` reads the candidates sharing a band instead of every item.
    Items older than this migration get theirs on the first look-alike search."""
    conn.execute("CREATE TABLE item_sketch (item_id INTEGER NOT NULL REFERENCES items(id),"
                 " band INTEGER NOT NULL)")
    conn.execute("CREATE INDEX item_sketch_band ON item_sketch (band, item_id)")
    conn.execute("CREATE INDEX item_sketch_item ON item_sketch (item_id)")


@migration
def m011_search(conn: sqlite3.Connection) -> None:
    """Short terms at 100,000 items (issue 16): `item_search_short` carries the item's number,
    so a search of one- or two-character terms reads no `items` row, and `item_search_chars`,
    an FTS5 index of the same compact text with every character a token (unicode61 over the
    text spaced out: 梅山 is the phrase "梅 山"), finds the items holding a short term without
    reading every row. Contentless: the spaced text is rebuilt from `item_search_short` to take
    an item's tokens out (FTS5's 'delete'). The search triggers are made again to keep all three
    in sync, still in plain SQL."""
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'"
                                " AND name LIKE 'item!_search!_%' ESCAPE '!'").fetchall():
        conn.execute(f'DROP TRIGGER "{name}"')
    conn.execute("DROP TABLE item_search_short")
    for stmt in SEARCH_SHORT.split(";\n"):
        if stmt.strip():
            conn.execute(stmt)
    conn.execute(f"INSERT INTO item_search_short (item_id, session_id, number, title, rest)"
                 f" SELECT {_SHORT_ROW_NUMBERED.replace('X.', 'i.')} FROM items i")
    conn.execute(f"INSERT INTO item_search_chars (rowid, title, rest)"
                 f" SELECT {_CHARS_ROW.replace('X.', 'h.')} FROM item_search_short h")


# one item's short row (m011_search), from the item `X`; in the triggers, from its item_search
# row `S` just written (its people, units and initials are not worked out twice)
_SHORT_ROW_NUMBERED = _SHORT_ROW.replace("X.session_id,", "X.session_id, X.number,", 1)
_SHORT_FROM_SEARCH = ("X.id, X.session_id, X.number, lower(S.title),"
                      " lower(S.people || ' ' || S.units || ' ' || S.initials)")
# the tokens of a short row `X`: every character, space-separated, by json_each over an array
# of length(text) zeros (in order; twice as fast as a recursive CTE, and no length limit)
_SPACED = ("(SELECT group_concat(substr({v}, key + 1, 1), ' ') FROM json_each('['"
           " || substr(replace(hex(zeroblob(length({v}))), '00', ',0'), 2) || ']'))")
_CHARS_ROW = f"X.item_id, {_SPACED.format(v='X.title')}, {_SPACED.format(v='X.rest')}"


def _refresh_all(ids: str) -> str:
    """m011's `_refresh`: the short row's tokens out of item_search_chars first (a contentless
    index is told what it held), then all three rows put back from the items as they are now."""
    return (f"INSERT INTO item_search_chars (item_search_chars, rowid, title, rest)"
            f" SELECT 'delete', {_CHARS_ROW.replace('X.', 'h.')} FROM item_search_short h"
            f" WHERE h.item_id IN ({ids});"
            f" DELETE FROM item_search WHERE rowid IN ({ids});"
            f" DELETE FROM item_search_short WHERE item_id IN ({ids});"
            f" INSERT INTO item_search (rowid, title, content, people, units, initials)"
            f" SELECT {_SEARCH_ROW.replace('X.', 'it.')} FROM items it WHERE it.id IN ({ids});"
            f" INSERT INTO item_search_short (item_id, session_id, number, title, rest)"
            f" SELECT {_SHORT_FROM_SEARCH.replace('X.', 'it.').replace('S.', 's.')} FROM items it"
            f" JOIN item_search s ON s.rowid = it.id WHERE it.id IN ({ids});"
            f" INSERT INTO item_search_chars (rowid, title, rest)"
            f" SELECT {_CHARS_ROW.replace('X.', 'h.')} FROM item_search_short h"
            f" WHERE h.item_id IN ({ids});")


SEARCH_SHORT = f"""
CREATE TABLE item_search_short (
    item_id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL,
    number INTEGER NOT NULL,
    title TEXT NOT NULL,
    rest TEXT NOT NULL
);
CREATE INDEX item_search_short_session ON item_search_short (session_id, number);
CREATE VIRTUAL TABLE item_search_chars USING fts5(title, rest, content = '',
    tokenize = 'unicode61');
CREATE TRIGGER item_search_insert AFTER INSERT ON items BEGIN {_refresh_all('SELECT NEW.id')} END;
CREATE TRIGGER item_search_update AFTER UPDATE OF number, title, content, proposer, co_proposers,
    initials, session_id ON items BEGIN {_refresh_all('SELECT NEW.id')} END;
CREATE TRIGGER item_search_delete AFTER DELETE ON items BEGIN {_refresh_all('SELECT OLD.id')} END;
CREATE TRIGGER item_search_assign AFTER INSERT ON assignments BEGIN {_refresh_all('SELECT NEW.item_id')} END;
CREATE TRIGGER item_search_reassign AFTER UPDATE OF unit_id, item_id, returned_on ON assignments
    BEGIN {_refresh_all('SELECT NEW.item_id UNION SELECT OLD.item_id')} END;
CREATE TRIGGER item_search_unassign AFTER DELETE ON assignments BEGIN {_refresh_all('SELECT OLD.item_id')} END;
CREATE TRIGGER item_search_unit AFTER UPDATE OF name, initials ON units
    BEGIN {_refresh_all('SELECT a.item_id FROM assignments a WHERE a.unit_id = NEW.id')} END
"""


@migration
def m012_listing(conn: sqlite3.Connection) -> None:
    """Listings at 100,000 items (issue 16): the indexes `list` filters, sorts and reads through
    (store/queue.py). An item's current assignments in (round, id) order with every column a list
    row shows, so a row's lead, first lead and supports are read from the index alone; the running
    leads by due date, for a colour filter; an item's lead replies and decisive evaluations in
    their order, with the columns shown."""
    conn.execute("CREATE INDEX assignments_current ON assignments (item_id, round, id, role, unit_id,"
                 " assigned_on, due_on, replied_on, ended_on) WHERE returned_on IS NULL")
    conn.execute("CREATE INDEX assignments_running_due ON assignments (due_on, item_id) WHERE"
                 " role = 'lead' AND returned_on IS NULL AND replied_on IS NULL AND ended_on IS NULL")
    conn.execute("CREATE INDEX replies_lead ON replies (item_id, replied_on, id, class) WHERE role = 'lead'")
    conn.execute("CREATE INDEX evaluations_decisive ON evaluations (item_id, round, id, result, attitude)"
                 " WHERE decisive = 1")


def _applied(conn: sqlite3.Connection) -> set[str]:
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "_docket_migrations" not in tables and tables:
        # another application's SQLite file: never adopt it (nor let init call it empty)
        path = conn.execute("PRAGMA database_list").fetchone()[2]
        raise BadInput(msg.NOT_A_DB.format(path=path))
    conn.execute("CREATE TABLE IF NOT EXISTS _docket_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    return {r[0] for r in conn.execute("SELECT name FROM _docket_migrations")}


def pending(conn: sqlite3.Connection) -> list[Callable[[sqlite3.Connection], None]]:
    done = _applied(conn)
    known = {fn.__name__ for fn in MIGRATIONS}
    newer = sorted(done - known)
    if newer:
        path = conn.execute("PRAGMA database_list").fetchone()[2]
        raise BadInput(msg.DB_NEWER.format(path=path, found=newer[-1], known=MIGRATIONS[-1].__name__))
    return [fn for fn in MIGRATIONS if fn.__name__ not in done]

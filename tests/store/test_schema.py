"""store/schema.sql is the schema a fresh database gets after every migration."""
from __future__ import annotations

import difflib
from pathlib import Path

from docket.store.db import opened
from docket.store.schema import REGENERATE, SCHEMA_FILE, dump, text_of


def test_a_fresh_database_has_the_committed_schema(tmp_path: Path) -> None:
    with opened(tmp_path / "fresh.db", create=True) as conn:  # what `docket init` opens
        fresh = text_of(conn)
    committed = SCHEMA_FILE.read_text(encoding="utf-8") if SCHEMA_FILE.exists() else ""
    if fresh != committed:
        diff = "".join(difflib.unified_diff(committed.splitlines(True), fresh.splitlines(True),
                                            "store/schema.sql (committed)", "a fresh database"))
        raise AssertionError(f"store/schema.sql is out of date with store/migrations.py: run "
                             f"`{REGENERATE}` and commit store/schema.sql.\n{diff}")


def test_the_dump_is_sorted_and_normalised(tmp_path: Path) -> None:
    """Kind, then name; trailing blanks, empty lines and SQLite's own indexes never shown."""
    with opened(tmp_path / "a.db", create=True) as conn:
        conn.execute("CREATE TABLE zz (a TEXT UNIQUE,   \n\n  b INTEGER)")
        conn.execute("CREATE INDEX aa ON zz(b)")
        text = dump(conn)
    blocks = text.split("\n\n")
    tables = [b for b in blocks if b.startswith("CREATE TABLE")]
    assert blocks.index(tables[-1]) < blocks.index("CREATE INDEX aa ON zz(b);")
    assert tables[-1] == "CREATE TABLE zz (a TEXT UNIQUE,\n  b INTEGER);"
    assert "sqlite_autoindex" not in text and text.endswith(";\n")


def test_migrations_run_in_the_order_of_their_numbers() -> None:
    """Parallel branches append migrations: the list must still run m001, m002, ... in order,
    each name once, every one before the runner code (a later one appended after it is missed)."""
    from docket.store.migrations import MIGRATIONS

    names = [fn.__name__ for fn in MIGRATIONS]
    numbers = [int(n[1:4]) for n in names]
    assert numbers == list(range(1, len(names) + 1)), names

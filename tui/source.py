"""Where the queue's rows come from, in the three sizes the queue screen asks for.

- `first(n, sort, states)`: the first n rows of the open view and sort, by one LIMIT query
  (~30 ms on 50,000 items, whether they are urgent, just registered or done): the first screen;
- `everything()`: the whole session (~1 s on 50,000): swapped in behind the first screen;
- `changed(mark, numbers)`: only the rows a write touched (~1 ms): patched into the list;
- `newest()`: the newest event id, polled every few seconds: when it moved past the mark,
  someone else wrote (a shell command, another clerk) and `changed` fetches those rows.

`DbSource` reads the database (each call on its own connection, since the calls run in
thread workers; the search box's keystrokes, on the event loop, share one kept read-only one); `FixedSource` serves rows handed in by tests and bench/. A "mark" is the
newest event id seen when a listing was read: every write appends events naming its items, so
the items with newer events are exactly the rows that changed since (ours, a merge's master,
a reply copied to merged items, or another clerk's edits).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    import sqlite3
    from concurrent.futures import Future

    from docket.core.runtime import Runtime

FIRST_ROWS = 200  # more than any terminal shows; small enough to list in ~30 ms
States = frozenset[str] | None  # the states a view keeps (None: all)


class RowSource(Protocol):
    def first(self, n: int, sort: str = "due", states: States = None) -> list[dict] | None: ...
    def everything(self) -> tuple[list[dict], int | None]: ...
    def changed(self, mark: int | None, numbers: Iterable[int]) -> tuple[list[dict], int | None]: ...
    def newest(self) -> int | None: ...
    def search(self, text: str) -> list[int] | None: ...


class DbSource:
    def __init__(self, rt: Runtime, prefetched: Future | None = None) -> None:
        self.rt = rt
        # the first screen's rows (FIRST_ROWS, by due date, every state), read while Textual
        # was importing
        self.prefetched = prefetched
        self._read: tuple[tuple[int, int] | None, sqlite3.Connection] | None = None  # search's

    def prefetch(self) -> "DbSource":
        """Start reading the first screen (the queue opens on 全部, by due date) in a thread now:
        SQLite works while the interpreter imports Textual (~150 ms), so the queue's first rows
        are ready when it mounts."""
        from concurrent.futures import ThreadPoolExecutor

        pool = ThreadPoolExecutor(max_workers=1)
        self.prefetched = pool.submit(self._first, FIRST_ROWS, "due", None)
        pool.shutdown(wait=False)
        return self

    def _list(self, conn: sqlite3.Connection, **scope) -> list[dict]:
        from docket.core import queue

        # with each row's units: the filter bar's unit filter looks at them, as `list --unit`
        return queue.list_items(conn, as_of=self.rt.today, session=self.rt.session,
                                with_units=True, **scope)

    def first(self, n: int, sort: str = "due", states: States = None) -> list[dict] | None:
        prefetched, self.prefetched = self.prefetched, None
        if prefetched is not None and (n, sort, states) == (FIRST_ROWS, "due", None):
            try:
                return prefetched.result()
            except Exception:  # noqa: BLE001 - read again below; a real failure repeats there
                pass
        return self._first(n, sort, states)

    def _first(self, n: int, sort: str, states: States) -> list[dict]:
        from docket.core.queue import first_rows
        from docket.store.db import opened

        with opened(self.rt.db_path) as conn:
            return first_rows(conn, n, as_of=self.rt.today, sort=sort, states=states,
                              session=self.rt.session, with_units=True)

    def everything(self) -> tuple[list[dict], int | None]:
        from docket.core.queue import newest_event
        from docket.store.db import opened

        with opened(self.rt.db_path) as conn:
            mark = newest_event(conn)  # before listing: a write in between is fetched again later
            return self._list(conn), mark

    def newest(self) -> int | None:
        """The newest event id (one index lookup): the queue polls it to see others' writes."""
        from docket.core.queue import newest_event
        from docket.store.db import opened

        with opened(self.rt.db_path) as conn:
            return newest_event(conn)

    def search(self, text: str) -> list[int]:
        """The numbers of the items matching `text`, best first (core/search.py: the search
        `docket list --search` runs), on one read-only connection kept for every keystroke."""
        from docket.core.search import find

        return find(self._reader(), text, session=self.rt.session)

    def _reader(self) -> sqlite3.Connection:
        """The kept read-only connection (autocommit: each search sees every write committed
        before it), opened again when the database file was replaced since."""
        import os

        from docket.store.db import connect

        try:
            st = os.stat(self.rt.db_path)
            file = (st.st_dev, st.st_ino)
        except OSError:
            file = None
        if self._read is None or self._read[0] != file:
            if self._read is not None:
                self._read[1].close()
            self._read = (file, connect(self.rt.db_path, readonly=True))  # the listing migrated it
        return self._read[1]

    def close(self) -> None:
        if self._read is not None:
            self._read[1].close()
            self._read = None

    def changed(self, mark: int | None, numbers: Iterable[int]) -> tuple[list[dict], int | None]:
        from docket.core.queue import changed_since
        from docket.store.db import opened

        with opened(self.rt.db_path) as conn:
            return changed_since(conn, mark, set(numbers), as_of=self.rt.today,
                                 session=self.rt.session, with_units=True)


class FixedSource:
    """Rows from a callable (tests, bench/): no first screen, no events."""

    def __init__(self, provider: Callable[[], list[dict]]) -> None:
        self.provider = provider

    def first(self, n: int, sort: str = "due", states: States = None) -> list[dict] | None:
        return None  # the whole list is already at hand

    def everything(self) -> tuple[list[dict], int | None]:
        return self.provider(), None

    def newest(self) -> int | None:
        return None  # no event log: nothing to poll

    def search(self, text: str) -> None:
        return None  # no database: the list searches its rows in memory (title, proposer)

    def changed(self, mark: int | None, numbers: Iterable[int]) -> tuple[list[dict], int | None]:
        wanted = set(numbers)
        return [r for r in self.provider() if r["number"] in wanted], None

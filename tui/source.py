"""Where the queue's rows come from, in the three sizes the queue screen asks for.

- `urgent(n)`: the n open items due soonest (~30 ms on 50,000 items): the first screen;
- `everything()`: the whole session (~1 s on 50,000): swapped in behind the first screen;
- `changed(mark, numbers)`: only the rows a write touched (~1 ms): patched into the list.

`DbSource` reads the database (each call on its own connection, since the calls run in
thread workers); `FixedSource` serves rows handed in by tests and bench/. A "mark" is the
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

URGENT_ROWS = 200  # more than any terminal shows; small enough to list in ~30 ms


class RowSource(Protocol):
    def urgent(self, n: int) -> list[dict] | None: ...
    def everything(self) -> tuple[list[dict], int | None]: ...
    def changed(self, mark: int | None, numbers: Iterable[int]) -> tuple[list[dict], int | None]: ...


class DbSource:
    def __init__(self, rt: Runtime, first: Future | None = None) -> None:
        self.rt = rt
        self.first = first  # the first screen's rows, read while Textual was importing

    def prefetch(self) -> "DbSource":
        """Start reading the first screen in a thread now: SQLite works while the interpreter
        imports Textual (~150 ms), so the queue's first rows are ready when it mounts."""
        from concurrent.futures import ThreadPoolExecutor

        pool = ThreadPoolExecutor(max_workers=1)
        self.first = pool.submit(self._urgent, URGENT_ROWS)
        pool.shutdown(wait=False)
        return self

    def _list(self, conn: sqlite3.Connection, **scope) -> list[dict]:
        from docket.core import queue

        return queue.list_items(conn, as_of=self.rt.today, session=self.rt.session, **scope)

    def urgent(self, n: int) -> list[dict] | None:
        first, self.first = self.first, None
        if first is not None and n == URGENT_ROWS:
            try:
                return first.result()
            except Exception:  # noqa: BLE001 - read again below; a real failure repeats there
                pass
        return self._urgent(n)

    def _urgent(self, n: int) -> list[dict]:
        from docket.store.db import opened

        with opened(self.rt.db_path) as conn:
            return self._list(conn, urgent=n, sort="due")

    def everything(self) -> tuple[list[dict], int | None]:
        from docket.core.queue import newest_event
        from docket.store.db import opened

        with opened(self.rt.db_path) as conn:
            mark = newest_event(conn)  # before listing: a write in between is fetched again later
            return self._list(conn), mark

    def changed(self, mark: int | None, numbers: Iterable[int]) -> tuple[list[dict], int | None]:
        from docket.core.queue import changed_since
        from docket.store.db import opened

        with opened(self.rt.db_path) as conn:
            return changed_since(conn, mark, set(numbers), as_of=self.rt.today,
                                 session=self.rt.session)


class FixedSource:
    """Rows from a callable (tests, bench/): no first screen, no events."""

    def __init__(self, provider: Callable[[], list[dict]]) -> None:
        self.provider = provider

    def urgent(self, n: int) -> list[dict] | None:
        return None  # the whole list is already at hand

    def everything(self) -> tuple[list[dict], int | None]:
        return self.provider(), None

    def changed(self, mark: int | None, numbers: Iterable[int]) -> tuple[list[dict], int | None]:
        wanted = set(numbers)
        return [r for r in self.provider() if r["number"] in wanted], None

"""SQLAlchemy's aiosqlite dialect with one thread hand-off per statement instead of about four.

aiosqlite runs every call on its own thread and hands the result back to the event loop: creating
a cursor, executing, fetching and closing are a round trip each, so a dialog turn (7 statements
and a commit) made ~21 hand-offs, each a thread wake-up plus a GIL exchange with a busy event loop.
Here a statement is executed, fetched and its cursor closed in one function on aiosqlite's thread,
and what SQLAlchemy later asks of the cursor (description, rowcount, lastrowid) is remembered.
Everything else (connecting, commit, rollback, isolation level) is SQLAlchemy's own aiosqlite
dialect. Registered as `sqlite+storybot_aiosqlite`; `bot.db.make_engine` uses it for SQLite.

Relies on two internals of aiosqlite, hence `aiosqlite==0.22.1` pinned in pyproject.toml: this
module is the only place that uses them, and tests/test_db_sqlite.py checks the pin and the one hop.
`Connection._execute(fn)` runs `fn` on the connection's thread in order with every other call (its
public methods each make their own hop); `Connection._conn` is the sqlite3 connection `fn` works on."""

from __future__ import annotations

import collections
from typing import Any

from sqlalchemy.dialects import registry
from sqlalchemy.dialects.sqlite.aiosqlite import (
    AsyncAdapt_aiosqlite_connection,
    AsyncAdapt_aiosqlite_cursor,
    AsyncAdapt_aiosqlite_dbapi,
    SQLiteDialect_aiosqlite,
)

DRIVER = "storybot_aiosqlite"


class _Outcome:
    """Stands in for the aiosqlite cursor: what the last statement left behind."""

    __slots__ = ("arraysize", "description", "lastrowid", "rowcount")

    def __init__(self) -> None:
        self.description: Any = None
        self.rowcount = -1
        self.lastrowid: Any = None
        self.arraysize = 1

    def close(self) -> None:
        """The real cursor is closed on the worker thread right after its statement."""


def _run(sqlite_connection: Any, operation: Any, parameters: Any, many: bool) -> tuple[Any, int, Any, list | None]:
    cursor = sqlite_connection.cursor()
    try:
        if many:
            cursor.executemany(operation, parameters)
        elif parameters is None:
            cursor.execute(operation)
        else:
            cursor.execute(operation, parameters)
        rows = cursor.fetchall() if cursor.description else None
        return cursor.description, cursor.rowcount, cursor.lastrowid, rows
    finally:
        cursor.close()


class OneHopCursor(AsyncAdapt_aiosqlite_cursor):
    __slots__ = ()
    _awaitable_cursor_close = False  # closing happens on the worker thread, inside the one hop

    def _make_new_cursor(self, connection: Any) -> Any:
        return _Outcome()

    def _aenter_cursor(self, cursor: Any) -> Any:
        return cursor

    async def _one_hop(self, operation: Any, parameters: Any, many: bool) -> None:
        async with self._adapt_connection._execute_mutex:
            connection = self._connection  # aiosqlite internals (see the module docstring)
            description, rowcount, lastrowid, rows = await connection._execute(
                _run, connection._conn, operation, parameters, many)
            outcome = self._cursor
            outcome.description, outcome.rowcount, outcome.lastrowid = description, rowcount, lastrowid
            if description and not self.server_side:
                self._rows = collections.deque(rows or ())

    async def _execute_async(self, operation: Any, parameters: Any) -> None:
        await self._one_hop(operation, parameters, False)

    async def _executemany_async(self, operation: Any, seq_of_parameters: Any) -> None:
        await self._one_hop(operation, seq_of_parameters, True)


class OneHopConnection(AsyncAdapt_aiosqlite_connection):
    __slots__ = ()
    _cursor_cls = OneHopCursor


class OneHopDBAPI(AsyncAdapt_aiosqlite_dbapi):
    def connect(self, *arg: Any, **kw: Any) -> OneHopConnection:
        plain = super().connect(*arg, **kw)  # SQLAlchemy's adapter around the new aiosqlite connection
        return OneHopConnection(self, plain._connection)


class OneHopSQLiteDialect(SQLiteDialect_aiosqlite):
    driver = DRIVER
    supports_statement_cache = True
    supports_server_side_cursors = False  # every result is fetched in the one hop

    @classmethod
    def import_dbapi(cls) -> OneHopDBAPI:
        return OneHopDBAPI(__import__("aiosqlite"), __import__("sqlite3"))


def register() -> None:
    registry.register(f"sqlite.{DRIVER}", __name__, "OneHopSQLiteDialect")


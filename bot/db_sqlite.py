"""SQLAlchemy's aiosqlite dialect with one thread hand-off per statement instead of about four, and a
variant with none, for the inbox's file (`storybot_inline`, below: why).

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
INLINE_DRIVER = "storybot_inline"  # the inbox file's: statements on the event loop, no thread (below)


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


# --- the inbox file's driver: no thread at all --------------------------------------------------------
#
# The inbox file is written by two processes of `storybot web` (the web process's INSERT of each event,
# the turn process's take/finish/outbox statements) and SQLite has one write lock per file. With a thread
# per connection a transaction holds that lock across event-loop hops: from its first statement until the
# loop, busy with a turn (10-20 ms of classifier CPU), gets round to sending the COMMIT; the other process
# meanwhile sleeps in SQLite's busy handler (1, 2, 5, 10, 15, 20, 25 … ms). bench/load.py measured the
# web process's INSERT at p99 104 ms, max 430 ms that way. Run inline, a transaction of the inbox's
# (a few statements on a table of unprocessed rows, WAL, synchronous=NORMAL: no fsync at commit) takes
# tens of microseconds and never yields to the loop between its statements (nothing in it suspends), so
# the lock is held for microseconds and nobody waits long for it. Checkpoints, which do fsync, are
# kept off the loop: the connections don't checkpoint (`wal_autocheckpoint=0`) and the inbox runs
# `checkpoint` in a thread now and then (bot/inbox.py).


class _InlineSqlite:
    """What SQLAlchemy's aiosqlite adapter and `OneHopCursor` ask of an aiosqlite connection, done at
    once on the calling thread: `_execute(fn, *args)` runs `fn` inline."""

    def __init__(self, conn: Any) -> None:
        self._conn = self._connection = conn

    @property
    def isolation_level(self) -> Any:
        return self._conn.isolation_level

    async def _execute(self, fn: Any, *args: Any) -> Any:
        return fn(*args)

    async def commit(self) -> None:
        self._conn.commit()

    async def rollback(self) -> None:
        self._conn.rollback()

    async def close(self) -> None:
        if self._connection is not None:
            self._connection = None
            self._conn.close()

    def stop(self) -> None:
        if self._connection is not None:
            self._connection = None
            self._conn.close()

    async def create_function(self, *args: Any, **kw: Any) -> None:
        self._conn.create_function(*args, **kw)


class InlineConnection(OneHopConnection):
    __slots__ = ()

    @property
    def isolation_level(self) -> Any:
        return self._connection.isolation_level

    @isolation_level.setter
    def isolation_level(self, value: Any) -> None:
        self._connection._conn.isolation_level = value


class InlineDBAPI(AsyncAdapt_aiosqlite_dbapi):
    def connect(self, *arg: Any, **kw: Any) -> InlineConnection:
        return InlineConnection(self, _InlineSqlite(self.sqlite.connect(*arg, **kw)))


class InlineSQLiteDialect(OneHopSQLiteDialect):
    driver = INLINE_DRIVER
    supports_statement_cache = True

    @classmethod
    def import_dbapi(cls) -> InlineDBAPI:
        return InlineDBAPI(__import__("aiosqlite"), __import__("sqlite3"))


def checkpoint(path: str) -> None:
    """Copy the WAL's committed pages into the database file (PASSIVE: it waits for no reader or
    writer, and blocks none), then the WAL starts over. Synchronous, with its own connection: call it
    in a thread (`asyncio.to_thread`); it fsyncs."""
    import sqlite3

    conn = sqlite3.connect(path, timeout=5)
    try:
        conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
    finally:
        conn.close()


def register() -> None:
    registry.register(f"sqlite.{DRIVER}", __name__, "OneHopSQLiteDialect")
    registry.register(f"sqlite.{INLINE_DRIVER}", __name__, "InlineSQLiteDialect")


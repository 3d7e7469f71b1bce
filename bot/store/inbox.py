"""The durable inbox's statements (`inbox_event`, used by bot/inbox.py): accept an event (the INSERT is
the de-duplication claim), take the next one a worker may process, delete it once done, hand it back.

"The next one" is the oldest row of its conversation (older ones are done, i.e. deleted) that no
worker holds (`lease_until` in the future). On PostgreSQL the pick is `FOR UPDATE SKIP LOCKED` inside
the UPDATE that leases it, so concurrent workers (in one process or several) never take the same row,
nor two rows of one conversation: while a worker's lease is uncommitted the row is locked (skipped) and
its younger rows still see it; once committed, its lease excludes it. SQLite runs the UPDATE under
its one write lock, so the pick and the lease are one step there too."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from typing import Any

from sqlalchemy import Delete, Update, bindparam, delete, func, or_, select, text, update
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.models import InboxEvent
from bot.store import sql as _sql


@dataclass(frozen=True, slots=True)
class InboxRow:
    id: int
    platform: str
    conversation: str
    payload: dict[str, Any]
    attempts: int  # including this one


@cache
def _delete() -> Delete:
    table = _sql.table(InboxEvent)
    return delete(table).where(table.c.id == bindparam("id"))


async def add_inbox_events(
    *, session: AsyncSession, events: list[dict[str, Any]], now: datetime, wait_for_disk: bool = False
) -> set[tuple[str, str]]:
    """Store accepted events (dicts of platform, event_id, conversation, payload), in list order, in one
    statement; returns the (platform, event_id) of those stored, i.e. not there already (a re-delivery).

    On PostgreSQL the inbox's connections commit once the rows are in the server's write-ahead log in
    memory, not on disk (`synchronous_commit=off`, `bot.db.make_inbox_engine`; `wait_for_disk` turns it
    on for this transaction), as SQLite's WAL with synchronous=NORMAL does (bot/db.py): an event survives
    any crash of our process, which is what the inbox is for; a crash of the database server or the
    machine may lose the last fraction of a second (PostgreSQL writes its log out every 200 ms). Waiting
    for the disk costs a flush per acknowledgement: 12-16 ms median and 55-70 ms p99 on the shared
    2-core test machine, over the 50 ms the ack may take."""
    dialect = session.bind.dialect.name if session.bind is not None else "sqlite"  # inline: on every ack's path
    if dialect == "postgresql" and wait_for_disk:
        await session.exec(text("SET LOCAL synchronous_commit TO ON"))  # type: ignore[call-overload]
    rows = [{"platform": e["platform"], "event_id": e["event_id"][:255], "conversation": e["conversation"][:255],
             "payload": e["payload"], "received_at": now, "attempts": 0, "lease_until": None} for e in events]
    # The rows as parameters, not `.values(rows)`: SQLAlchemy then compiles the statement once and
    # caches it (a multi-row `.values()` is compiled on every call, ~1 ms of CPU on each ack), and still
    # sends one statement ("insertmanyvalues": one INSERT … VALUES (…), (…) … RETURNING, rows in order).
    found = await session.exec(_insert(dialect), params=rows)  # type: ignore[call-overload]
    return {(row.platform, row.event_id) for row in found.all()}


@cache
def _insert(dialect: str) -> Any:
    """INSERT … ON CONFLICT (platform, event_id) DO NOTHING RETURNING both: a row back means stored."""
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    else:
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    table = _sql.table(InboxEvent)
    return (dialect_insert(table).on_conflict_do_nothing(index_elements=["platform", "event_id"])
            .returning(table.c.platform, table.c.event_id))


@cache
def _take(dialect: str) -> Update:
    rows, older = _sql.table(InboxEvent).alias("e"), _sql.table(InboxEvent).alias("o")
    earlier = select(older.c.id).where(older.c.conversation == rows.c.conversation, older.c.id < rows.c.id).exists()
    pick = (select(rows.c.id)
            .where(or_(rows.c.lease_until.is_(None), rows.c.lease_until <= bindparam("now")), ~earlier)
            .order_by(rows.c.id).limit(1))
    if dialect == "postgresql":
        pick = pick.with_for_update(skip_locked=True, of=rows)
    table = _sql.table(InboxEvent)
    return (update(table).where(table.c.id == pick.scalar_subquery())
            .values(lease_until=bindparam("until"), attempts=table.c.attempts + 1)
            .returning(table.c.id, table.c.platform, table.c.conversation, table.c.payload, table.c.attempts))


async def take_inbox_event(
    *, session: AsyncSession, now: datetime, lease: timedelta, done: int | None = None
) -> InboxRow | None:
    """Delete the event `done` (the worker's previous one, processed) and lease the next event a worker
    may process (see the module docstring) until `now + lease`, in the caller's transaction; None when
    there is none. Call it first in its transaction (SQLite: no stale snapshot). On PostgreSQL the
    inbox's commits do not wait for the disk (`add_inbox_events`): if the database server itself
    crashes, a lease or a deletion may be undone, which only means an event is taken again and
    the router's claim stops it."""
    dialect = session.bind.dialect.name if session.bind is not None else "sqlite"  # inline: on every turn's path
    if done is not None:
        await session.exec(_delete(), params={"id": done})  # type: ignore[call-overload]
    found = (await session.exec(_take(dialect),  # type: ignore[call-overload]
                                params={"now": now, "until": now + lease})).first()
    if found is None:
        return None
    return InboxRow(found.id, found.platform, found.conversation, found.payload, found.attempts)


async def finish_inbox_event(*, session: AsyncSession, event_id: int, attempts: int | None = None) -> bool:
    """An event processed (or given up): deleted, with its payload; its conversation's next event may
    be taken. A later re-delivery is accepted again and stopped by the router's `processed_event` claim.
    With `attempts`, only if it is still the worker's take (not taken again since); whether it was deleted."""
    if attempts is None:
        result = await session.exec(_delete(), params={"id": event_id})  # type: ignore[call-overload]
    else:
        table = _sql.table(InboxEvent)
        result = await session.exec(delete(table).where(  # type: ignore[call-overload]
            table.c.id == event_id, table.c.attempts == attempts))
    return bool(result.rowcount)


async def renew_inbox_leases(*, session: AsyncSession, ids: list[int], until: datetime) -> int:
    """Extend the leases of events still being processed (`ids`, leased by this worker) to `until`, so
    a turn slower than the lease is not taken by another worker. Returns how many rows were renewed."""
    if not ids:
        return 0
    table = _sql.table(InboxEvent)
    statement = update(table).where(table.c.id.in_(ids), table.c.lease_until.is_not(None))
    result = await session.exec(statement.values(lease_until=until))  # type: ignore[call-overload]
    return int(result.rowcount or 0)


async def release_inbox_events(*, session: AsyncSession, ids: list[int] | None = None) -> int:
    """Hand leased, unfinished events back (`ids`; None: every one, for a single process starting up
    on SQLite, where no other worker can hold one): any worker may take them at once. Returns how many."""
    table = _sql.table(InboxEvent)
    statement = update(table).where(table.c.lease_until.is_not(None))
    if ids is not None:
        statement = statement.where(table.c.id.in_(ids))
    result = await session.exec(statement.values(lease_until=None))  # type: ignore[call-overload]
    return int(result.rowcount or 0)


async def count_inbox_events(*, session: AsyncSession) -> int:
    """Events accepted and not yet done (waiting or being processed)."""
    query = select(func.count()).select_from(_sql.table(InboxEvent))
    return int((await session.exec(query)).one()[0])  # type: ignore[call-overload]

"""The durable outbox's statements (`outbox_message`, used by bot/outbox.py): store a turn's requests,
take the next one a sender may send, delete it once sent, put it back to wait, or record how it ended.

"The next one" is the oldest pending row of its conversation (no older pending row is left: an older
one waiting for its Retry-After holds the younger ones back, so replies never overtake each other)
that is due (`not_before`) and that no sender holds (`lease_until`). As in `bot.store.inbox`, on
PostgreSQL the pick is `FOR UPDATE SKIP LOCKED` inside the UPDATE that leases it, and SQLite runs it
under its one write lock. A leased row whose lease ran out was being sent by a sender that died: its
fate is unknown (`expire_outbox_leases` records it so; it is never taken again)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from typing import Any

from sqlalchemy import Delete, Update, and_, bindparam, delete, func, select, update
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.models import OutboxMessage
from bot.store import sql as _sql

PENDING, UNKNOWN, FAILED, SKIPPED = "pending", "unknown", "failed", "skipped"


@dataclass(frozen=True, slots=True)
class OutboxRow:
    id: int
    platform: str
    conversation: str
    batch: str
    payload: dict[str, Any]
    created_at: datetime
    attempts: int  # including this one


async def add_outbox_messages(*, session: AsyncSession, rows: list[dict[str, Any]], now: datetime) -> None:
    """Store requests (dicts of platform, conversation, batch, payload), in list order, in one statement."""
    if not rows:
        return
    values = [{"platform": r["platform"], "conversation": r["conversation"][:255], "batch": r.get("batch", "")[:32],
               "payload": r["payload"], "status": PENDING, "created_at": now, "not_before": now, "attempts": 0,
               "lease_until": None, "error": ""} for r in rows]
    await session.exec(_sql.insert_rows(OutboxMessage), params=values)  # type: ignore[call-overload]


@cache
def _delete() -> Delete:
    table = _sql.table(OutboxMessage)
    return delete(table).where(table.c.id == bindparam("id"))


@cache
def _take(dialect: str) -> Update:
    rows, older = _sql.table(OutboxMessage).alias("m"), _sql.table(OutboxMessage).alias("o")
    earlier = (select(older.c.id)
               .where(older.c.conversation == rows.c.conversation, older.c.id < rows.c.id, older.c.status == PENDING)
               .exists())
    pick = (select(rows.c.id)
            .where(rows.c.status == PENDING, rows.c.lease_until.is_(None), rows.c.not_before <= bindparam("now"),
                   ~earlier)
            .order_by(rows.c.id).limit(1))
    if dialect == "postgresql":
        pick = pick.with_for_update(skip_locked=True, of=rows)
    table = _sql.table(OutboxMessage)
    return (update(table).where(table.c.id == pick.scalar_subquery())
            .values(lease_until=bindparam("until"), attempts=table.c.attempts + 1)
            .returning(table.c.id, table.c.platform, table.c.conversation, table.c.batch, table.c.payload,
                       table.c.created_at, table.c.attempts))


async def take_outbox_message(
    *, session: AsyncSession, now: datetime, lease: timedelta, done: int | None = None
) -> OutboxRow | None:
    """Delete the row `done` (the sender's previous one, sent) and lease the next row a sender may send
    until `now + lease`, in the caller's transaction (call it first there); None when none is due."""
    dialect = session.bind.dialect.name if session.bind is not None else "sqlite"  # inline: on every reply's path
    if done is not None:
        await session.exec(_delete(), params={"id": done})  # type: ignore[call-overload]
    found = (await session.exec(_take(dialect),  # type: ignore[call-overload]
                                params={"now": now, "until": now + lease})).first()
    if found is None:
        return None
    return OutboxRow(found.id, found.platform, found.conversation, found.batch, found.payload, found.created_at,
                     found.attempts)


async def finish_outbox_message(*, session: AsyncSession, message_id: int) -> None:
    """Sent: the row goes, with its text and platform ids."""
    await session.exec(_delete(), params={"id": message_id})  # type: ignore[call-overload]


async def retry_outbox_message(
    *, session: AsyncSession, message_id: int, not_before: datetime, error: str, payload: dict[str, Any] | None = None
) -> None:
    """Not sent, safe to send again: it waits until `not_before` (its conversation's younger rows wait
    too); with `payload`, that request is sent in its place (a fallback)."""
    table = _sql.table(OutboxMessage)
    values: dict[str, Any] = {"lease_until": None, "not_before": not_before, "error": error[:500]}
    if payload is not None:
        values["payload"] = payload
    await session.exec(update(table).where(table.c.id == message_id, table.c.status == PENDING)  # type: ignore[call-overload]
                       .values(values))


async def record_outbox_message(*, session: AsyncSession, message_id: int, status: str, error: str) -> None:
    """How a row ended when it was not sent (UNKNOWN, FAILED, SKIPPED): kept as a record, without its
    payload and conversation (no text, no platform id), never taken again."""
    table = _sql.table(OutboxMessage)
    await session.exec(update(table).where(table.c.id == message_id, table.c.status == PENDING)  # type: ignore[call-overload]
                       .values(status=status, error=error[:500], payload={}, conversation="", lease_until=None))


async def skip_outbox_batch(*, session: AsyncSession, batch: str, after: int) -> int:
    """Pending rows of `batch` younger than `after` are not sent (a fallback took their place)."""
    table = _sql.table(OutboxMessage)
    result = await session.exec(  # type: ignore[call-overload]
        update(table).where(table.c.batch == batch, table.c.id > after, table.c.status == PENDING)
        .values(status=SKIPPED, error="not sent: an earlier part failed and its fallback was sent instead",
                payload={}, conversation="", lease_until=None))
    return int(result.rowcount or 0)


async def release_outbox_messages(*, session: AsyncSession, ids: list[int]) -> int:
    """Leased rows that were never sent (a sender stopped before it wrote the request): due again at once."""
    table = _sql.table(OutboxMessage)
    result = await session.exec(update(table).where(table.c.id.in_(ids), table.c.status == PENDING)  # type: ignore[call-overload]
                                .values(lease_until=None))
    return int(result.rowcount or 0)


async def renew_outbox_leases(*, session: AsyncSession, ids: list[int], until: datetime) -> int:
    """Extend the leases of rows a live sender is still sending (`ids`, leased by this process) to
    `until`; a row recorded meanwhile (its lease had run out: `expire_outbox_leases`) stays as it is.
    Returns how many were renewed."""
    if not ids:
        return 0
    table = _sql.table(OutboxMessage)
    result = await session.exec(update(table).where(  # type: ignore[call-overload]
        table.c.id.in_(ids), table.c.status == PENDING, table.c.lease_until.is_not(None)).values(lease_until=until))
    return int(result.rowcount or 0)


async def expire_outbox_leases(*, session: AsyncSession, now: datetime | None = None) -> int:
    """Rows leased by a sender that is gone (its lease ran out, or any lease when `now` is None: a single
    process starting up on SQLite) were maybe sent: recorded UNKNOWN, never sent again. Returns how many."""
    table = _sql.table(OutboxMessage)
    statement = update(table).where(table.c.status == PENDING, table.c.lease_until.is_not(None))
    if now is not None:
        statement = statement.where(table.c.lease_until <= now)
    result = await session.exec(statement.values(  # type: ignore[call-overload]
        status=UNKNOWN, error="the sender stopped while sending it: maybe sent, not sent again", payload={},
        conversation="", lease_until=None))
    return int(result.rowcount or 0)


async def count_outbox_messages(*, session: AsyncSession, status: str = PENDING) -> int:
    """Rows waiting to be sent (or being sent); with another `status`, the records of that outcome."""
    table = _sql.table(OutboxMessage)
    query = select(func.count()).select_from(table).where(table.c.status == status)
    return int((await session.exec(query)).one()[0])  # type: ignore[call-overload]


async def next_outbox_due(*, session: AsyncSession) -> datetime | None:
    """When the earliest pending row not being sent is due (None: none waits)."""
    table = _sql.table(OutboxMessage)
    query = select(func.min(table.c.not_before)).where(table.c.status == PENDING, table.c.lease_until.is_(None))
    return (await session.exec(query)).one()[0]  # type: ignore[call-overload,no-any-return]


async def purge_outbox_records(*, session: AsyncSession, before: datetime) -> int:
    """Records of unsent rows older than `before` (the retention purge)."""
    table = _sql.table(OutboxMessage)
    result = await session.exec(delete(table).where(  # type: ignore[call-overload]
        and_(table.c.status != PENDING, table.c.created_at < before)))
    return int(result.rowcount or 0)



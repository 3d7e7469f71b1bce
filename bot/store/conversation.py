"""Conversations: the live dialog state per conversation key (`DialogState`, optimistic versions),
the turn log (`Turn`) and the claims that de-duplicate platform re-deliveries (`ProcessedEvent`): claims
outside the router, reading the log, and retention's deletes. What every turn reads and writes is
`bot.store.turn` (two calls per message)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.models import AskedQuestion, DialogState, ProcessedEvent, Turn, utcnow
from bot.store import sql as _sql


class StaleStateError(RuntimeError):
    """Another process advanced this conversation first; the caller retries with fresh state."""


async def list_turns(*, session: AsyncSession, conversation: str) -> list[Turn]:
    query = select(Turn).where(Turn.conversation == conversation).order_by(col(Turn.id))
    return list((await session.exec(query)).all())


async def delete_expired_dialog_states(*, session: AsyncSession, before: datetime) -> int:
    """Drop conversations that expired before `before`, slots and all, and the questions remembered for
    follow-ups that expired then (retention)."""
    result = await session.exec(delete(DialogState).where(col(DialogState.expires_at) < before))
    asked = await session.exec(delete(AskedQuestion).where(col(AskedQuestion.expires_at) < before))
    return int(result.rowcount or 0) + int(asked.rowcount or 0)


async def remember_question(*, session: AsyncSession, conversation: str, question: dict[str, Any], now: datetime,
                            expires_at: datetime) -> None:
    """Keep `question` (a manager's last answered question, as JSON) for this conversation's follow-ups,
    replacing the one before."""
    row = await session.get(AskedQuestion, conversation)
    if row is None:
        session.add(AskedQuestion(conversation=conversation, question=question, asked_at=now, expires_at=expires_at))
    else:
        row.question, row.asked_at, row.expires_at = question, now, expires_at
        session.add(row)
    await session.flush()


async def recall_question(*, session: AsyncSession, conversation: str, now: datetime) -> dict[str, Any] | None:
    """The question this conversation asked last, while it has not expired."""
    row = await session.get(AskedQuestion, conversation)
    return dict(row.question) if row is not None and row.expires_at > now else None


async def delete_turns(*, session: AsyncSession, before: datetime) -> int:
    """Drop audit-log turns older than `before` (retention)."""
    result = await session.exec(delete(Turn).where(col(Turn.created_at) < before))
    return int(result.rowcount or 0)


async def delete_processed_events(*, session: AsyncSession, before: datetime) -> int:
    """Forget de-duplication claims older than `before`: platforms re-deliver within minutes, not weeks."""
    result = await session.exec(delete(ProcessedEvent).where(col(ProcessedEvent.created_at) < before))
    return int(result.rowcount or 0)


async def claim_event(*, session: AsyncSession, source: str, event_id: str) -> bool:
    """Record that `event_id` is being handled. False when it was already (a re-delivery).
    One INSERT … ON CONFLICT DO NOTHING: no savepoint, and a concurrent twin waits for our commit."""
    values = {"source": source, "event_id": event_id[:255], "created_at": utcnow()}
    return await _insert_ignore(session, ProcessedEvent, values, ("source", "event_id"))


async def _insert_ignore(session: AsyncSession, model: Any, values: dict[str, Any], keys: tuple[str, ...]) -> bool:
    """INSERT … ON CONFLICT DO NOTHING RETURNING: True when the row was inserted (rowcount is not
    reliable for this statement on every driver; RETURNING is)."""
    dialect = session.bind.dialect.name if session.bind is not None else "sqlite"
    statement = _sql.insert_ignore(model, keys, dialect)
    return (await session.exec(statement, params=values)).first() is not None  # type: ignore[call-overload]

"""Conversations: the live dialog state per conversation key (`DialogState`, optimistic versions),
the turn log (`Turn`) and the claims that de-duplicate platform re-deliveries (`ProcessedEvent`).
What every turn reads and writes goes through the prebuilt Core statements of `bot.store.sql`."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import delete
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.models import DialogState, ProcessedEvent, Turn, utcnow
from bot.store import sql as _sql


class StaleStateError(RuntimeError):
    """Another process advanced this conversation first; the caller retries with fresh state."""


async def load_dialog_state(*, session: AsyncSession, conversation: str) -> DialogState | None:
    """The live state of a conversation, detached (a plain read: every turn does it, so Core, not the ORM)."""
    row = (await session.exec(_sql.dialog_state(), params={"key": conversation})).first()
    return DialogState.model_construct(**row._mapping) if row is not None else None


async def save_dialog_state(
    *,
    session: AsyncSession,
    conversation: str,
    dialog: str,
    step: str,
    slots: dict[str, Any],
    expires_at: datetime,
    expected_version: int | None,
) -> int:
    """Insert or update the state; `expected_version` None means "there was none". Returns the new version."""
    now = utcnow()
    if expected_version is None:
        values = {"conversation": conversation, "dialog": dialog, "step": step, "slots": slots,
                  "version": 1, "updated_at": now, "expires_at": expires_at}
        if not await _insert_ignore(session, DialogState, values, ("conversation",)):
            raise StaleStateError(conversation)  # someone else started a conversation for this key meanwhile
        return 1
    result = await session.exec(_sql.update_dialog_state(), params={
        "key": conversation, "expected": expected_version, "dialog": dialog, "step": step, "slots": slots,
        "version": expected_version + 1, "updated_at": now, "expires_at": expires_at})
    if result.rowcount != 1:
        raise StaleStateError(conversation)
    return expected_version + 1


async def delete_dialog_state(*, session: AsyncSession, conversation: str, expected_version: int) -> None:
    result = await session.exec(_sql.delete_dialog_state(), params={"key": conversation, "expected": expected_version})
    if result.rowcount != 1:
        raise StaleStateError(conversation)


async def append_turns(*, session: AsyncSession, turns: Sequence[dict[str, Any]]) -> None:
    """Append to the audit log in one statement. Each dict: conversation, direction ("in"/"out"),
    text, and optionally dialog, step, choice_id, message_id."""
    if not turns:
        return
    now = utcnow()
    rows = [
        {"dialog": None, "step": None, "choice_id": None, "message_id": None, "created_at": now, **turn}
        for turn in turns
    ]
    await session.exec(_sql.insert_rows(Turn), params=rows)  # type: ignore[call-overload]


async def list_turns(*, session: AsyncSession, conversation: str) -> list[Turn]:
    query = select(Turn).where(Turn.conversation == conversation).order_by(col(Turn.id))
    return list((await session.exec(query)).all())


async def delete_expired_dialog_states(*, session: AsyncSession, before: datetime) -> int:
    """Drop conversations that expired before `before`, slots and all (retention)."""
    result = await session.exec(delete(DialogState).where(col(DialogState.expires_at) < before))
    return int(result.rowcount or 0)


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

"""One turn's database work in two calls, for the router: `open_turn` (claim the platform event, who is
speaking, the conversation's live state) and `close_turn` (save or drop that state, append the turn log,
keep the turn's replies with its claim); `claimed_replies` for an event claimed before.
Both run prebuilt Core statements (bot.store.sql) in the caller's session and transaction, without
calling further store functions: every message crosses them, so they stay flat."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import null, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.models import DialogState, Person, ProcessedEvent, Team, Turn
from bot.store import StaleStateError
from bot.store import sql as _sql


@dataclass(frozen=True, slots=True)
class OpenTurn:
    person: Person | None  # None: someone the bot doesn't know, i.e. a customer
    team: Team | None
    conversation: str  # the key the state and the turn log are stored under
    state: DialogState | None  # detached; None when no dialog is going on


async def open_turn(
    *, session: AsyncSession, event_source: str, event_id: str | None, person_id: str, default_team: str | None,
    conversation: str, anonymous_conversation: str,
) -> OpenTurn | None:
    """None when `event_id` was claimed already (a re-delivery: one INSERT … ON CONFLICT DO NOTHING, so a
    concurrent twin waits for our commit). Otherwise the speaker and their team, and the live state of
    their conversation: `conversation` for a known staff member or manager, `anonymous_conversation`
    (a pseudonym) for anyone else. An unknown speaker's team is `default_team`, else the only team."""
    if event_id is not None:
        dialect = session.bind.dialect.name if session.bind is not None else "sqlite"
        claim = _sql.insert_ignore(ProcessedEvent, ("source", "event_id"), dialect)
        values = {"source": event_source, "event_id": event_id[:255], "created_at": datetime.now(UTC)}
        if (await session.exec(claim, params=values)).first() is None:  # type: ignore[call-overload]
            return None
    row = (await session.exec(_sql.person_and_team(), params={"person_id": person_id})).first()
    person = team = None
    if row is not None:
        values = row._mapping
        person = Person.model_construct(**{name: values[f"p_{name}"] for name in _sql.columns(Person)})
        if values["t_id"] is not None:
            team = Team.model_construct(**{name: values[f"t_{name}"] for name in _sql.columns(Team)})
    else:
        team = await session.get(Team, default_team) if default_team else None
        if team is None:
            teams = (await session.exec(select(Team).order_by(Team.id).limit(2))).all()
            team = teams[0] if len(teams) == 1 else None
    if person is None or person.role == "customer":
        conversation = anonymous_conversation
    found = (await session.exec(_sql.dialog_state(), params={"key": conversation})).first()
    state = DialogState.model_construct(**found._mapping) if found is not None else None
    return OpenTurn(person, team, conversation, state)


async def close_turn(
    *, session: AsyncSession, conversation: str, read: DialogState | None, dialog: str | None, step: str | None,
    slots: dict[str, Any], expires_at: datetime, turns: Sequence[dict[str, Any]],
    event_source: str | None = None, event_id: str | None = None, replies: Sequence[dict[str, Any]] = (),
) -> None:
    """Save the state (`dialog` and `step` None: the dialog ended, drop it) if it is still the version
    `read` (else `StaleStateError`: another process advanced it first), then append `turns` to the log
    in one statement (dicts: direction "in"/"out", text, and optionally dialog, step, choice_id, message_id),
    and keep `replies` (`bot.events.to_record`) with the claim of `event_id`, if any (see `claimed_replies`)."""
    now = datetime.now(UTC)
    if dialog is None or step is None:
        if read is not None:
            result = await session.exec(_sql.delete_dialog_state(),  # type: ignore[call-overload]
                                        params={"key": conversation, "expected": read.version})
            if result.rowcount != 1:
                raise StaleStateError(conversation)
    elif read is None:
        values = {"conversation": conversation, "dialog": dialog, "step": step, "slots": slots,
                  "version": 1, "updated_at": now, "expires_at": expires_at}
        dialect = session.bind.dialect.name if session.bind is not None else "sqlite"
        insert = _sql.insert_ignore(DialogState, ("conversation",), dialect)
        if (await session.exec(insert, params=values)).first() is None:  # type: ignore[call-overload]
            raise StaleStateError(conversation)  # someone else started a conversation for this key meanwhile
    else:
        result = await session.exec(_sql.update_dialog_state(), params={  # type: ignore[call-overload]
            "key": conversation, "expected": read.version, "dialog": dialog, "step": step, "slots": slots,
            "version": read.version + 1, "updated_at": now, "expires_at": expires_at})
        if result.rowcount != 1:
            raise StaleStateError(conversation)
    if turns:
        rows = [{"conversation": conversation, "dialog": None, "step": None, "choice_id": None, "message_id": None,
                 "created_at": now, **turn} for turn in turns]
        await session.exec(_sql.insert_rows(Turn), params=rows)  # type: ignore[call-overload]
    if replies and event_id is not None:
        await session.exec(update(ProcessedEvent).where(  # type: ignore[call-overload]
            col(ProcessedEvent.source) == event_source, col(ProcessedEvent.event_id) == event_id[:255])
            .values(replies=list(replies)).execution_options(synchronize_session=False))


async def claimed_replies(
    *, session: AsyncSession, event_source: str, event_id: str, replayed: bool
) -> list[dict[str, Any]]:
    """The replies kept with an event claimed before (`close_turn`). `replayed`: the same inbox row taken
    again after its process died, maybe between the router's commit and the outbox's, so its replies
    may not be in the outbox: they are returned (the outbox, storing them, finishes the row, so this
    happens once). Otherwise (the platform sent the event again after its row was finished, so its
    replies were stored) they are forgotten, so that no later replay of that delivery brings them back."""
    where = (col(ProcessedEvent.source) == event_source, col(ProcessedEvent.event_id) == event_id[:255])
    if replayed:
        found = (await session.exec(select(ProcessedEvent.replies).where(*where))).first()
        return list(found or [])
    await session.exec(update(ProcessedEvent).where(  # type: ignore[call-overload]
        *where, col(ProcessedEvent.replies).is_not(None)).values(replies=null())
        .execution_options(synchronize_session=False))
    return []

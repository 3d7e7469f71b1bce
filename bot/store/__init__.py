"""Short keyword-only functions over the database. Callers own the session and the transaction."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, delete, false, func, or_, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.store import sql as _sql
from bot.visibility import Viewer, grant
from bot.models import (
    DialogState,
    MotRating,
    Person,
    ProcessedEvent,
    RatingCreate,
    Story,
    StoryCreate,
    Team,
    TrainingExample,
    Turn,
    Visit,
    VisitFeedback,
    utcnow,
)


class StaleStateError(RuntimeError):
    """Another process advanced this conversation first; the caller retries with fresh state."""


# --- teams and people -------------------------------------------------------------------------


async def get_team(*, session: AsyncSession, team_id: str) -> Team | None:
    return await session.get(Team, team_id)


async def list_teams(*, session: AsyncSession) -> list[Team]:
    return list((await session.exec(select(Team).order_by(Team.id))).all())


async def upsert_team(
    *,
    session: AsyncSession,
    team_id: str,
    name: str,
    cycle_id: str,
    timezone: str = "UTC",
    channels: dict[str, str] | None = None,
    settings: dict[str, Any] | None = None,
) -> Team:
    team = await session.get(Team, team_id)
    if team is None:
        team = Team(id=team_id, name=name, cycle_id=cycle_id, timezone=timezone)
    team.name, team.cycle_id, team.timezone = name, cycle_id, timezone
    if channels is not None:
        team.channels = dict(channels)
    if settings is not None:
        team.settings = dict(settings)
    session.add(team)
    await session.flush()
    return team


async def get_person(*, session: AsyncSession, person_id: str) -> Person | None:
    return await session.get(Person, person_id)


async def get_person_and_team(*, session: AsyncSession, person_id: str) -> tuple[Person | None, Team | None]:
    """A person and their team in one statement, detached (read on every turn, so Core, not the ORM)."""
    row = (await session.exec(_sql.person_and_team(), params={"person_id": person_id})).first()
    if row is None:
        return None, None
    values = row._mapping
    person = Person.model_construct(**{name: values[f"p_{name}"] for name in _sql.columns(Person)})
    if values["t_id"] is None:
        return person, None
    return person, Team.model_construct(**{name: values[f"t_{name}"] for name in _sql.columns(Team)})


async def list_people(*, session: AsyncSession, team_id: str, role: str | None = None) -> list[Person]:
    query = select(Person).where(Person.team_id == team_id)
    if role:
        query = query.where(Person.role == role)
    return list((await session.exec(query.order_by(Person.display_name))).all())


async def upsert_person(
    *, session: AsyncSession, person_id: str, team_id: str, display_name: str, role: str = "staff"
) -> Person:
    person = await session.get(Person, person_id)
    if person is None:
        person = Person(id=person_id, team_id=team_id, display_name=display_name, role=role)
    person.team_id, person.display_name, person.role = team_id, display_name, role
    session.add(person)
    await session.flush()
    return person


async def set_mention_opt_out(*, session: AsyncSession, person_id: str, opt_out: bool) -> bool:
    result = await session.exec(update(Person).where(col(Person.id) == person_id).values(mention_opt_out=opt_out))
    return bool(result.rowcount)


# --- visits, stories, feedback ----------------------------------------------------------------


async def get_visit(*, session: AsyncSession, ref: str) -> Visit | None:
    return await session.get(Visit, ref)


async def create_visit(*, session: AsyncSession, ref: str, team_id: str, mot_ids: Sequence[str] = ()) -> Visit:
    visit = await session.get(Visit, ref)
    if visit is None:
        visit = Visit(ref=ref, team_id=team_id)
    visit.team_id, visit.mot_ids = team_id, list(mot_ids)
    session.add(visit)
    await session.flush()
    return visit


async def create_story(*, session: AsyncSession, data: StoryCreate) -> Story:
    values = data.model_dump(exclude_none=True)
    story = Story(**values)
    session.add(story)
    await session.flush()
    return story


def visible_to(viewer: Viewer) -> ColumnElement[bool]:
    """`bot.visibility.can_see` as a WHERE clause on `Story` (from the same `grant`), for every query
    that reads stories to show or count them."""
    allowed = grant(viewer)
    clauses: list[ColumnElement[bool]] = []
    if allowed.authors:
        clauses.append(col(Story.author_id).in_(sorted(allowed.authors)))
    if allowed.team_id is not None:
        team = col(Story.team_id) == allowed.team_id
        clauses.append(team if allowed.private else and_(team, col(Story.shareable).is_(True)))
    return or_(*clauses) if clauses else false()


async def list_stories(
    *,
    session: AsyncSession,
    team_id: str,
    viewer: Viewer,
    start: datetime | None = None,
    end: datetime | None = None,
    author_id: str | None = None,
    mot_id: str | None = None,
    ids: Sequence[int] | None = None,
    limit: int | None = None,
) -> list[Story]:
    """The team's stories that `viewer` may see, newest first."""
    query = _stories_where(select(Story), team_id=team_id, viewer=viewer, start=start, end=end, author_id=author_id)
    if mot_id:
        query = query.where(Story.mot_id == mot_id)
    if ids is not None:
        query = query.where(col(Story.id).in_(list(ids)))
    query = query.order_by(col(Story.created_at).desc(), col(Story.id).desc())
    if limit:
        query = query.limit(limit)
    return list((await session.exec(query)).all())


async def count_stories(
    *, session: AsyncSession, team_id: str, viewer: Viewer, start: datetime | None = None,
    end: datetime | None = None, author_id: str | None = None,
) -> int:
    """How many of the team's stories `viewer` may see (in [start, end), by `author_id`)."""
    query = _stories_where(select(func.count()).select_from(Story), team_id=team_id, viewer=viewer, start=start,
                           end=end, author_id=author_id)
    return int((await session.exec(query)).one())


def _stories_where(query: Any, *, team_id: str, viewer: Viewer, start: datetime | None, end: datetime | None,
                   author_id: str | None) -> Any:
    """The filters every story query shares: the team, what `viewer` may see, [start, end), the author."""
    query = query.where(Story.team_id == team_id, visible_to(viewer))
    if start is not None:
        query = query.where(Story.created_at >= start)
    if end is not None:
        query = query.where(Story.created_at < end)
    if author_id:
        query = query.where(Story.author_id == author_id)
    return query


async def create_feedback(
    *,
    session: AsyncSession,
    team_id: str,
    visit_ref: str | None,
    ratings: Sequence[RatingCreate],
    free_text: str = "",
    free_text_mot_id: str | None = None,
    free_text_sentiment: str | None = None,
    contact_id: str | None = None,
    created_at: datetime | None = None,
) -> VisitFeedback:
    when = created_at or utcnow()
    feedback = VisitFeedback(
        team_id=team_id,
        visit_ref=visit_ref,
        free_text=free_text,
        free_text_mot_id=free_text_mot_id,
        free_text_sentiment=free_text_sentiment,
        contact_opt_in=contact_id is not None,
        contact_id=contact_id,
        created_at=when,
    )
    session.add(feedback)
    await session.flush()
    for rating in ratings:
        session.add(
            MotRating(
                feedback_id=feedback.id,
                team_id=team_id,
                mot_id=rating.mot_id,
                rating=rating.rating,
                comment=rating.comment,
                created_at=when,
            )
        )
    await session.flush()
    return feedback


async def add_training_example(
    *, session: AsyncSession, team_id: str, cycle_id: str, text: str, mot_id: str, origin: str
) -> TrainingExample:
    example = TrainingExample(team_id=team_id, cycle_id=cycle_id, text=text, mot_id=mot_id, origin=origin)
    session.add(example)
    await session.flush()
    return example


async def list_training_examples(*, session: AsyncSession, cycle_id: str) -> list[TrainingExample]:
    query = select(TrainingExample).where(TrainingExample.cycle_id == cycle_id).order_by(col(TrainingExample.id))
    return list((await session.exec(query)).all())


# --- conversations ----------------------------------------------------------------------------


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

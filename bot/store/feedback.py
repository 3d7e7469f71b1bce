"""Customers' side: visits (`Visit`) and the feedback given on them (`VisitFeedback`, one `MotRating`
per rated moment). One response per visit and responder (the conversation's pseudonym): a second one
replaces the first. Every insert and replacement updates the daily roll-up (bot/store/rollup.py) in the
same transaction."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, func
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.models import MotRating, RatingCreate, Visit, VisitFeedback, utcnow
from bot.store.rollup import add_response


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
    responder: str | None = None,
    created_at: datetime | None = None,
) -> VisitFeedback:
    """Store one response. With `visit_ref` and `responder` (the conversation's pseudonym), an earlier
    response of that responder to that visit is updated in place, its ratings replaced and dated now:
    it is counted once, as the customer last said it."""
    when = created_at or utcnow()
    feedback = None
    if visit_ref is not None and responder is not None:
        feedback = await get_feedback_of(session=session, visit_ref=visit_ref, responder=responder)
    if feedback is None:
        feedback = VisitFeedback(team_id=team_id, visit_ref=visit_ref, responder=responder)
    else:
        await _uncount(session=session, feedback_id=feedback.id, team_id=feedback.team_id)
        await session.exec(delete(MotRating).where(MotRating.feedback_id == feedback.id))  # type: ignore[call-overload]
    feedback.team_id = team_id
    feedback.free_text = free_text
    feedback.free_text_mot_id = free_text_mot_id
    feedback.free_text_sentiment = free_text_sentiment
    feedback.contact_opt_in = contact_id is not None
    feedback.contact_id = contact_id
    feedback.created_at = when
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
    await add_response(session=session, team_id=team_id, when=when, ratings=[(r.mot_id, r.rating) for r in ratings])
    return feedback


async def _uncount(*, session: AsyncSession, feedback_id: int | None, team_id: str) -> None:
    """Take a response's stored ratings out of the daily roll-up before they are replaced."""
    query = select(MotRating.team_id, MotRating.created_at, MotRating.mot_id, MotRating.rating).where(
        MotRating.feedback_id == feedback_id)
    by_moment: dict[tuple[str, datetime], list[tuple[str, str]]] = {}
    for team, at, mot_id, rating in (await session.exec(query)).all():
        by_moment.setdefault((team, at), []).append((mot_id, rating))
    for (team, at), pairs in by_moment.items():
        await add_response(session=session, team_id=team, when=at, ratings=pairs, sign=-1)


async def get_feedback_of(*, session: AsyncSession, visit_ref: str, responder: str) -> VisitFeedback | None:
    """The response `responder` (a conversation's pseudonym) gave on visit `visit_ref`, if any."""
    query = select(VisitFeedback).where(VisitFeedback.visit_ref == visit_ref, VisitFeedback.responder == responder)
    return (await session.exec(query)).first()


async def list_ratings(*, session: AsyncSession, feedback_id: int) -> list[MotRating]:
    """The ratings of one response, in the order they were stored."""
    query = select(MotRating).where(MotRating.feedback_id == feedback_id)
    query = query.order_by(MotRating.id)  # type: ignore[arg-type]
    return list((await session.exec(query)).all())


async def count_feedback(*, session: AsyncSession, team_id: str) -> int:
    """How many visits' feedback the team has received."""
    query = select(func.count()).select_from(VisitFeedback).where(VisitFeedback.team_id == team_id)
    return int((await session.exec(query)).one())

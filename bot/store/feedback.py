"""Customers' side: visits (`Visit`) and the feedback given on them (`VisitFeedback`, one `MotRating`
per rated moment)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.models import MotRating, RatingCreate, Visit, VisitFeedback, utcnow


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


async def count_feedback(*, session: AsyncSession, team_id: str) -> int:
    """How many visits' feedback the team has received."""
    query = select(func.count()).select_from(VisitFeedback).where(VisitFeedback.team_id == team_id)
    return int((await session.exec(query)).one())

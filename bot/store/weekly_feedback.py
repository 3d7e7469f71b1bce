"""Customer feedback as the weekly shout-out reads it: shining comments that may name staff.
Keyword-only, like the rest of `bot.store`; the caller owns the session."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.models import MotRating


async def list_shining_comments(
    *, session: AsyncSession, team_id: str, start: datetime, end: datetime, limit: int = 500
) -> list[tuple[str, str]]:
    """(MOT id, comment) of the shining ratings with a comment in [start, end), newest first."""
    query = (
        select(MotRating.mot_id, MotRating.comment)
        .where(MotRating.team_id == team_id, MotRating.rating == "shining", MotRating.comment != "",
               MotRating.created_at >= start, MotRating.created_at < end)
        .order_by(col(MotRating.created_at).desc(), col(MotRating.id).desc())
        .limit(limit)
    )
    return [(m, c) for m, c in (await session.exec(query)).all()]

"""Stories as the weekly messages read them: a window's totals, who told one lately, and the
practices a manager made the team standard (`Standard` rows, each drawn from stories).
Keyword-only, like the rest of `bot.store`; the caller owns the session."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import case, func
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot import store
from bot.models import Standard, Story
from bot.visibility import Viewer


async def count_stories_in_window(
    *, session: AsyncSession, team_id: str, viewer: Viewer, start: datetime, end: datetime
) -> tuple[int, int]:
    """(stories, shareable ones) told in [start, end) that `viewer` may see."""
    query = select(func.count(), func.sum(case((col(Story.shareable).is_(True), 1), else_=0))).where(
        Story.team_id == team_id, store.visible_to(viewer), Story.created_at >= start, Story.created_at < end
    )
    total, shareable = (await session.exec(query)).one()
    return int(total or 0), int(shareable or 0)


async def list_author_ids(*, session: AsyncSession, team_id: str, since: datetime) -> set[str]:
    """Person ids of everyone in the team who told a story since `since`."""
    query = select(Story.author_id).where(Story.team_id == team_id, Story.created_at >= since).distinct()
    return set((await session.exec(query)).all())


async def list_accepted_standards(
    *, session: AsyncSession, team_id: str, start: datetime, end: datetime, limit: int
) -> list[Standard]:
    """Practices made the team standard in [start, end), newest first."""
    query = (
        select(Standard)
        .where(Standard.team_id == team_id, Standard.accepted_at >= start, Standard.accepted_at < end)
        .order_by(col(Standard.accepted_at).desc())
        .limit(limit)
    )
    return list((await session.exec(query)).all())

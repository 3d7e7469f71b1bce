"""The Home tab's own queries (`bot.home.build_home`): how many stories a person told, counted in SQL."""

from __future__ import annotations

from sqlalchemy import func
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.models import Story
from bot.store import visible_to
from bot.visibility import Viewer


async def count_authored_stories(*, session: AsyncSession, team_id: str, author_id: str, viewer: Viewer) -> int:
    """How many of the team's stories `author_id` told that `viewer` may see: one COUNT, no rows loaded."""
    query = select(func.count()).select_from(Story).where(
        Story.team_id == team_id, Story.author_id == author_id, visible_to(viewer))
    return int((await session.exec(query)).one())

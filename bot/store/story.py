"""Staff stories (`Story`), always read through `visible_to`: what a viewer may see, as a WHERE clause."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, false, func, or_
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.models import Story, StoryCreate
from bot.visibility import Viewer, grant


async def create_story(*, session: AsyncSession, data: StoryCreate) -> Story:
    values = data.model_dump(exclude_none=True)
    story = Story(**values)
    session.add(story)
    await session.flush()
    return story


async def told_before(*, session: AsyncSession, team_id: str, author_id: str, text: str, since: datetime) -> Story | None:
    """The author's story with this very text saved since `since` (the same story told twice), if any."""
    query = (select(Story).where(Story.team_id == team_id, Story.author_id == author_id, Story.text == text,
                                 col(Story.created_at) >= since)
             .order_by(col(Story.created_at).desc(), col(Story.id).desc()).limit(1))
    return (await session.exec(query)).first()


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

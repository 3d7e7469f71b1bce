"""Staff problem reports (`ProblemReport`): irritating or dull moments, kept apart from customers'
ratings. Texts are read through `problem_visible_to`: the reporter sees their own reports, the team's
managers see the ones shared with them, nobody else sees any (the spirit of bot.visibility's story
rule, stricter: a problem is never shown to colleagues). Counts are numbers without words or names."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, and_, false, func, or_
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.models import ProblemReport, ProblemReportCreate
from bot.visibility import Viewer, grant


async def create_problem_report(*, session: AsyncSession, data: ProblemReportCreate) -> ProblemReport:
    report = ProblemReport(**data.model_dump(exclude_none=True))
    session.add(report)
    await session.flush()
    return report


def problem_visible_to(viewer: Viewer) -> ColumnElement[bool]:
    """The reports whose text `viewer` may read, as a WHERE clause: their own, and (a manager of the
    team) the team's reports shared with managers."""
    allowed = grant(viewer)
    clauses: list[ColumnElement[bool]] = []
    if allowed.authors:
        clauses.append(col(ProblemReport.reporter_id).in_(sorted(allowed.authors)))
    if allowed.team_id is not None and allowed.private:  # `private` is the managers' grant
        clauses.append(and_(col(ProblemReport.team_id) == allowed.team_id, col(ProblemReport.shared).is_(True)))
    return or_(*clauses) if clauses else false()


async def list_problem_reports(
    *, session: AsyncSession, team_id: str, viewer: Viewer, start: datetime | None = None,
    end: datetime | None = None, mot_id: str | None = None, status: str | None = None, limit: int | None = None,
) -> list[ProblemReport]:
    """The team's reports `viewer` may read (in [start, end), for `mot_id`, with `status`), newest first."""
    query = select(ProblemReport).where(ProblemReport.team_id == team_id, problem_visible_to(viewer))
    if start is not None:
        query = query.where(ProblemReport.created_at >= start)
    if end is not None:
        query = query.where(ProblemReport.created_at < end)
    if mot_id:
        query = query.where(ProblemReport.mot_id == mot_id)
    if status:
        query = query.where(ProblemReport.status == status)
    query = query.order_by(col(ProblemReport.created_at).desc(), col(ProblemReport.id).desc())
    if limit:
        query = query.limit(limit)
    return list((await session.exec(query)).all())


async def count_problem_reports(
    *, session: AsyncSession, team_id: str, start: datetime | None = None, end: datetime | None = None,
    mot_ids: list[str] | None = None, reporter_ids: list[str] | None = None,
) -> dict[str, int]:
    """How many problems staff flagged per MOT in [start, end) (by `reporter_ids`, when given): every report counts, shared or not (a
    number carries no words and no name; the dialog tells the reporter so)."""
    query = (select(ProblemReport.mot_id, func.count()).where(ProblemReport.team_id == team_id)
             .group_by(ProblemReport.mot_id))
    if start is not None:
        query = query.where(ProblemReport.created_at >= start)
    if end is not None:
        query = query.where(ProblemReport.created_at < end)
    if mot_ids is not None:
        query = query.where(col(ProblemReport.mot_id).in_(mot_ids))
    if reporter_ids is not None:
        query = query.where(col(ProblemReport.reporter_id).in_(reporter_ids))
    return {mot_id: int(n) for mot_id, n in (await session.exec(query)).all()}

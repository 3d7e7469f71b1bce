"""Weekly run rows (`WeeklyRun`, unique per kind, team and ISO week): claim, compare-and-set
updates, the runs a sweep resumes and the nudges already sent. Keyword-only, like the rest of
`bot.store`; the caller owns the session and the transaction, and keeps each claim or
compare-and-set in a short transaction of its own."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import event, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.models import WeeklyRun

CLAIMED, POSTED, FAILED, SKIPPED, AWAITING, EMPTY = (
    "claimed", "posted", "failed", "skipped", "awaiting_approval", "empty")


async def claim_weekly_run(
    *, session: AsyncSession, kind: str, team_id: str, week: str, now: datetime
) -> WeeklyRun | None:
    """INSERT the unique row; None when it exists already (someone else has this week)."""
    run = WeeklyRun(kind=kind, team_id=team_id, week=week, status=CLAIMED, created_at=now, updated_at=now)
    try:
        async with session.begin_nested():
            session.add(run)
            await session.flush()
    except IntegrityError:
        return None
    return run


async def get_weekly_run(*, session: AsyncSession, run_id: int) -> WeeklyRun | None:
    return (await session.exec(select(WeeklyRun).where(WeeklyRun.id == run_id))).first()


async def find_weekly_run(*, session: AsyncSession, kind: str, team_id: str, week: str) -> WeeklyRun | None:
    query = select(WeeklyRun).where(WeeklyRun.kind == kind, WeeklyRun.team_id == team_id, WeeklyRun.week == week)
    return (await session.exec(query)).first()


async def take_attempt(*, session: AsyncSession, run_id: int, attempts: int, now: datetime) -> bool:
    """Compare-and-set: only the process that moves `attempts` from the value it saw may send, and
    only while nobody is sending: never attempted (0), or the last attempt failed (`error` set).
    An attempt in flight has `error` NULL, so a retry read from a stale snapshot cannot join it."""
    query = update(WeeklyRun).where(
        col(WeeklyRun.id) == run_id, col(WeeklyRun.status) == CLAIMED, col(WeeklyRun.attempts) == attempts
    )
    if attempts > 0:
        query = query.where(col(WeeklyRun.error).is_not(None))
    result = await session.exec(
        query.values(attempts=attempts + 1, error=None, updated_at=now).execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


async def update_weekly_run(
    *, session: AsyncSession, run_id: int, now: datetime, expect_status: str | None = None,
    expect_attempts: int | None = None, **values: Any,
) -> bool:
    """Update a run; with `expect_*`, only if it is still in that state (compare-and-set)."""
    query = update(WeeklyRun).where(col(WeeklyRun.id) == run_id)
    if expect_status is not None:
        query = query.where(col(WeeklyRun.status) == expect_status)
    if expect_attempts is not None:  # ... and the same attempt is still in flight
        query = query.where(col(WeeklyRun.attempts) == expect_attempts, col(WeeklyRun.error).is_(None))
    result = await session.exec(query.values(updated_at=now, **values).execution_options(synchronize_session=False))
    return result.rowcount == 1


async def list_claimed_runs(*, session: AsyncSession) -> list[WeeklyRun]:
    """Runs still `claimed`: never attempted, waiting for a retry, or with an attempt in flight."""
    return list((await session.exec(select(WeeklyRun).where(WeeklyRun.status == CLAIMED))).all())


async def list_weekly_runs(
    *, session: AsyncSession, kind: str, team_id: str, created_since: datetime, except_week: str | None = None
) -> list[WeeklyRun]:
    """The team's runs of `kind` created since `created_since` (leaving out `except_week`'s)."""
    query = select(WeeklyRun).where(WeeklyRun.kind == kind, WeeklyRun.team_id == team_id,
                                    WeeklyRun.created_at >= created_since)
    if except_week is not None:
        query = query.where(WeeklyRun.week != except_week)
    return list((await session.exec(query)).all())


def after_commit(*, session: AsyncSession, callback: Callable[[], None]) -> None:
    """Call `callback` once the session's transaction commits (never on a rollback): a decision taken
    inside the router's transaction starts its posts only when that decision is saved."""
    event.listen(session.sync_session, "after_commit", lambda _session: callback(), once=True)

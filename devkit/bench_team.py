"""The team and people the HTTP benchmarks talk as (bench/load.py, bench/crash.py): one helper, so both
seed a database the same way."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

TEAM = "bench"


async def seed_bench_team(url: str, users: Sequence[str], *, team: str = TEAM) -> None:
    """Bring `url` up to date, then add the bench team (the healthcare-visit cycle) and one Slack person
    per user id. On a database reused from an earlier run, each user's DM conversation (the fake Slack
    API's `D<user>` channel) starts afresh."""
    from sqlalchemy import delete
    from sqlmodel import col

    from bot import db, store
    from bot.app import build_app
    from bot.config import load_settings
    from bot.events import ConversationKey, Platform
    from bot.models import DialogState

    await asyncio.to_thread(db.upgrade, url)
    app = build_app(load_settings(DATABASE_URL=url, STORYBOT_RUN_SCHEDULER=False, _env_file=None))
    dms = [str(ConversationKey(Platform.SLACK, f"D{user}", user)) for user in users]
    try:
        async with app.sessionmaker() as session, session.begin():
            for start in range(0, len(dms), 1000):  # SQLite takes a bounded number of parameters
                await session.exec(delete(DialogState).where(col(DialogState.conversation).in_(dms[start:start + 1000])))
            await store.upsert_team(session=session, team_id=team, name="Bench Clinic", cycle_id="healthcare-visit")
            for user in users:
                await store.upsert_person(session=session, person_id=f"slack:{user}", team_id=team,
                                          display_name=f"Bench {user[-4:]}")
    finally:
        await app.aclose()

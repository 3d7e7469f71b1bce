"""The benchmarks' seeding (devkit/bench_team.py): the team and its people, and a second seeding of the
same database starts the users' DM conversations afresh (and leaves everyone else's alone)."""

from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlmodel import select

from bot import db, store
from bot.models import DialogState
from devkit.bench_team import TEAM, seed_bench_team


async def test_seeding_twice_adds_the_team_and_people_and_forgets_their_conversations(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'bench.db'}"
    await seed_bench_team(url, ["UB00001", "UB00002"])
    engine = db.make_engine(url)
    try:
        async with db.make_sessionmaker(engine)() as session, session.begin():
            for conversation in ("slack:DUB00001:UB00001", "slack:DOTHER:UOTHER"):
                session.add(DialogState(conversation=conversation, dialog="story", step="what",
                                        expires_at=datetime.now(UTC) + timedelta(hours=1)))
        await seed_bench_team(url, ["UB00001", "UB00002"])
        async with db.make_sessionmaker(engine)() as session:
            team = await store.get_team(session=session, team_id=TEAM)
            people = await store.list_people(session=session, team_id=TEAM)
            left = [row.conversation for row in (await session.exec(select(DialogState))).all()]
    finally:
        await engine.dispose()
    assert team is not None and team.cycle_id == "healthcare-visit"
    assert sorted(p.id for p in people) == ["slack:UB00001", "slack:UB00002"]
    assert left == ["slack:DOTHER:UOTHER"]

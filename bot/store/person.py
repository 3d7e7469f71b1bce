"""Teams and the people in them (`Team`, `Person`)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.models import Person, Team
from bot.store.rollup import rebuild_rollups
from bot.store import sql as _sql


async def get_team(*, session: AsyncSession, team_id: str) -> Team | None:
    return await session.get(Team, team_id)


async def list_teams(*, session: AsyncSession) -> list[Team]:
    return list((await session.exec(select(Team).order_by(Team.id))).all())


async def upsert_team(
    *,
    session: AsyncSession,
    team_id: str,
    name: str,
    cycle_id: str,
    timezone: str = "UTC",
    channels: dict[str, str] | None = None,
    settings: dict[str, Any] | None = None,
) -> Team:
    team = await session.get(Team, team_id)
    if team is None:
        team = Team(id=team_id, name=name, cycle_id=cycle_id, timezone=timezone)
    rezoned = team.timezone != timezone  # a new team starts in its zone
    team.name, team.cycle_id, team.timezone = name, cycle_id, timezone
    if channels is not None:
        team.channels = dict(channels)
    if settings is not None:
        team.settings = dict(settings)
    session.add(team)
    await session.flush()
    if rezoned:  # roll-ups are by local day: a new zone moves ratings between days
        await rebuild_rollups(session=session, team_id=team_id)
    return team


async def get_person(*, session: AsyncSession, person_id: str) -> Person | None:
    return await session.get(Person, person_id)


async def get_person_and_team(*, session: AsyncSession, person_id: str) -> tuple[Person | None, Team | None]:
    """A person and their team in one statement, detached (read on every turn, so Core, not the ORM)."""
    row = (await session.exec(_sql.person_and_team(), params={"person_id": person_id})).first()
    if row is None:
        return None, None
    values = row._mapping
    person = Person.model_construct(**{name: values[f"p_{name}"] for name in _sql.columns(Person)})
    if values["t_id"] is None:
        return person, None
    return person, Team.model_construct(**{name: values[f"t_{name}"] for name in _sql.columns(Team)})


async def list_people(*, session: AsyncSession, team_id: str, role: str | None = None) -> list[Person]:
    query = select(Person).where(Person.team_id == team_id)
    if role:
        query = query.where(Person.role == role)
    return list((await session.exec(query.order_by(Person.display_name))).all())


async def upsert_person(
    *, session: AsyncSession, person_id: str, team_id: str, display_name: str, role: str = "staff"
) -> Person:
    person = await session.get(Person, person_id)
    if person is None:
        person = Person(id=person_id, team_id=team_id, display_name=display_name, role=role)
    person.team_id, person.display_name, person.role = team_id, display_name, role
    session.add(person)
    await session.flush()
    return person


async def set_mention_opt_out(*, session: AsyncSession, person_id: str, opt_out: bool) -> bool:
    result = await session.exec(update(Person).where(col(Person.id) == person_id).values(mention_opt_out=opt_out))
    return bool(result.rowcount)

"""Teams, their managers and staff, from a YAML file (`storybot team apply teams.yaml`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from bot import store
from bot.store import AsyncSession
from bot.cycle import Cycle


class TeamConfigError(ValueError):
    """The teams file is malformed; the message names the file and the field."""


class PersonConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=r"^(slack|telegram|console):[^\s:]+$")
    name: str = Field(min_length=1)
    role: str = "staff"

    @field_validator("role")
    @classmethod
    def _role(cls, value: str) -> str:
        if value not in ("staff", "manager"):
            raise ValueError("must be 'staff' or 'manager'")
        return value


class TeamConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]{0,63}$")
    name: str
    cycle: str
    timezone: str = "UTC"
    channels: dict[str, str] = Field(default_factory=dict)
    settings: dict[str, Any] = Field(default_factory=dict)
    people: list[PersonConfig] = Field(default_factory=list)

    @field_validator("timezone")
    @classmethod
    def _tz(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r}") from exc
        return value


class TeamsFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    teams: list[TeamConfig]


def load_teams_file(path: Path, cycles: dict[str, Cycle]) -> list[TeamConfig]:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        parsed = TeamsFile.model_validate(raw)
    except OSError as exc:
        raise TeamConfigError(f"{path}: cannot read: {exc.strerror}") from exc
    except yaml.YAMLError as exc:
        raise TeamConfigError(f"{path}: not valid YAML: {exc}") from exc
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        raise TeamConfigError(f"{path}: field '{where}': {err['msg']}") from exc
    for i, team in enumerate(parsed.teams):
        if team.cycle not in cycles:
            raise TeamConfigError(f"{path}: field 'teams.{i}.cycle': no cycle '{team.cycle}' (have: {', '.join(cycles)})")
    return parsed.teams


async def apply_teams(*, session: AsyncSession, teams: list[TeamConfig]) -> None:
    for team in teams:
        await store.upsert_team(
            session=session, team_id=team.id, name=team.name, cycle_id=team.cycle,
            timezone=team.timezone, channels=team.channels, settings=team.settings,
        )
        for person in team.people:
            await store.upsert_person(
                session=session, person_id=person.id, team_id=team.id, display_name=person.name, role=person.role
            )

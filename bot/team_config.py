"""Teams, their managers and staff, from a YAML file (`storybot team apply teams.yaml`)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from bot.cycle import Cycle
from bot.nlp.dataset import load_yaml

if TYPE_CHECKING:  # the store (SQLModel) is imported by `apply_teams` only: reading the file needs none of it
    from bot.store import AsyncSession


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


def load_teams_file(path: Path, cycles: Mapping[str, Cycle], broken: Mapping[str, str] | None = None) -> list[TeamConfig]:
    """The teams of a teams YAML file. A team whose cycle is in `broken` (a cycle file that did not
    load, `load_cycles_leniently`) is returned too: the caller leaves it off and says why."""
    broken = broken or {}
    try:
        raw = load_yaml(path.read_text(encoding="utf-8"))
        if not isinstance(raw, dict):
            raise TeamConfigError(f"{path}: expected `teams:` followed by a list of teams (see data/demo/teams.yaml)")
        parsed = TeamsFile.model_validate(raw)
    except OSError as exc:
        raise TeamConfigError(f"{path}: cannot read: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise TeamConfigError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    except yaml.YAMLError as exc:
        raise TeamConfigError(f"{path}: not valid YAML: {_one_line(exc)}") from exc
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        raise TeamConfigError(f"{path}: field '{where}': {str(err['msg']).removeprefix('Value error, ')}") from exc
    for i, team in enumerate(parsed.teams):
        if team.cycle not in cycles and team.cycle not in broken:
            raise TeamConfigError(f"{path}: field 'teams.{i}.cycle': no cycle '{team.cycle}' (have: {', '.join(cycles)})")
    return parsed.teams


def _one_line(exc: yaml.YAMLError) -> str:
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    return f"{problem} (line {mark.line + 1}, column {mark.column + 1})" if mark is not None else problem


async def apply_teams(*, session: AsyncSession, teams: list[TeamConfig]) -> None:
    from bot import store

    for team in teams:
        await store.upsert_team(
            session=session, team_id=team.id, name=team.name, cycle_id=team.cycle,
            timezone=team.timezone, channels=team.channels, settings=team.settings,
        )
        for person in team.people:
            await store.upsert_person(
                session=session, person_id=person.id, team_id=team.id, display_name=person.name, role=person.role
            )

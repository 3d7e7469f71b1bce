"""Prebuilt Core statements for what every turn does (claim the event, who is speaking, load and
save the dialog state, log the turn). Core on the tables, parameters bound at execution, each
statement built once per process: the ORM's per-statement work (identity map, bulk persistence,
building and cache-keying a new statement) was most of a turn's CPU. Used by `bot.store` only."""

from __future__ import annotations

from functools import cache
from typing import Any

from sqlalchemy import (
    Delete,
    Insert,
    Select,
    Table,
    Update,
    bindparam,
    delete,
    insert,
    select,
    update,
)

from bot.models import DialogState, Person, Team


def table(model: Any) -> Table:
    return model.__table__  # type: ignore[no-any-return]


@cache
def columns(model: Any) -> tuple[str, ...]:
    return tuple(column.name for column in table(model).c)


@cache
def person_and_team() -> Select[Any]:
    """Columns labelled `p_<name>` and `t_<name>`; the team columns are NULL without a team row."""
    people, teams = table(Person), table(Team)
    labelled = [c.label(f"p_{c.name}") for c in people.c] + [c.label(f"t_{c.name}") for c in teams.c]
    return (select(*labelled).select_from(people.outerjoin(teams, people.c.team_id == teams.c.id))
            .where(people.c.id == bindparam("person_id")))


@cache
def dialog_state() -> Select[Any]:
    states = table(DialogState)
    return select(states).where(states.c.conversation == bindparam("key"))


@cache
def update_dialog_state() -> Update:
    """Optimistic: only the version that was read is updated (params `key`, `expected` and the values)."""
    states = table(DialogState)
    return (update(states).where(states.c.conversation == bindparam("key"), states.c.version == bindparam("expected"))
            .values({name: bindparam(name) for name in ("dialog", "step", "slots", "version", "updated_at",
                                                        "expires_at")}))


@cache
def delete_dialog_state() -> Delete:
    states = table(DialogState)
    return delete(states).where(states.c.conversation == bindparam("key"), states.c.version == bindparam("expected"))


@cache
def insert_rows(model: Any) -> Insert:
    """A plain INSERT; executed with a list of dicts with the same keys it is one statement."""
    return insert(table(model))


@cache
def insert_ignore(model: Any, keys: tuple[str, ...], dialect: str) -> Insert:
    """INSERT … ON CONFLICT (keys) DO NOTHING RETURNING the first key: a row back means inserted."""
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    else:
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    rows = table(model)
    return dialect_insert(rows).on_conflict_do_nothing(index_elements=list(keys)).returning(rows.c[keys[0]])

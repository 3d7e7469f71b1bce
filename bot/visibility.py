"""Who may see a story: the one rule behind every place a story is shown (its text, action, effect,
helpers, or a practice drawn from it): the App Home, managers' answers, the weekly shout-out, the
digest, practice cards, and any later dashboard or DM to colleagues.

- the author always sees their own story;
- a manager of the story's team sees every story of that team;
- other staff of that team see it only if it is shareable;
- anyone else (another team, a customer, someone not registered) sees nothing.

A broadcast is a viewer too. A post to the team channel or a DM to a colleague is read by the team's
staff (`team_audience`), so it only ever carries shareable stories. Manager-only messages (the
weekly digest) are read by `managers_of` the team; an answer to one manager is read by that person
(`viewer_of`).

`can_see` applies the rule to one story. `grant` states the same rule as data (whose stories, which
team, whether private ones too); `bot.store.visible_to` turns that grant into a WHERE clause, so lists
are filtered in SQL by the same definition. Pure: no SQL, no I/O, no other bot imports."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

ROLES_IN_A_TEAM = frozenset({"staff", "manager"})


class StoryLike(Protocol):
    author_id: str
    team_id: str
    shareable: bool


@dataclass(frozen=True, slots=True)
class Viewer:
    """Who is looking. `person_ids` are the viewer's own accounts (empty for an audience such as a
    team channel); `role` is "staff", "manager", or anything else for a customer or stranger."""

    person_ids: frozenset[str]
    team_id: str | None
    role: str


@dataclass(frozen=True, slots=True)
class Grant:
    """What a viewer may see: stories by `authors` anywhere, plus the stories of `team_id` (only the
    shareable ones unless `private`)."""

    authors: frozenset[str]
    team_id: str | None
    private: bool


def viewer_of(person_id: str | None, *, team_id: str | None, role: str) -> Viewer:
    """One person: a registered person (`console:alice`, their team and role) or a customer (no id)."""
    return Viewer(frozenset({person_id}) if person_id else frozenset(), team_id, role)


def team_audience(team_id: str) -> Viewer:
    """A team-wide broadcast (the team channel, a DM to a colleague): what any staff member may see."""
    return Viewer(frozenset(), team_id, "staff")


def managers_of(team_id: str) -> Viewer:
    """A message only the team's managers read (the weekly digest DM)."""
    return Viewer(frozenset(), team_id, "manager")


def grant(viewer: Viewer) -> Grant:
    """The rule, as data."""
    in_team = viewer.team_id if viewer.role in ROLES_IN_A_TEAM else None
    return Grant(authors=viewer.person_ids, team_id=in_team, private=viewer.role == "manager")


def can_see(story: StoryLike, viewer: Viewer) -> bool:
    """True when `viewer` may be shown `story` (or anything taken from it)."""
    allowed = grant(viewer)
    if story.author_id in allowed.authors:
        return True
    return allowed.team_id is not None and story.team_id == allowed.team_id and (allowed.private or story.shareable)

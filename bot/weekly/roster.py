"""A team's people as humans, not platform accounts: `console:alice`, `slack:U0ALICE` and
`telegram:1001` named "Alice" in one team are one member (the teams file lists one row per platform).

Consent lives here too: a member is opted out of being named when *any* of their rows has
`mention_opt_out` (the privacy command sets all of them), and `mention()` / `mask()` are the only
ways a name reaches a team post."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot import markup, store
from bot.events import ConversationKey, Platform

if TYPE_CHECKING:
    from bot.store import AsyncSession

    from bot.models import Person

A_COLLEAGUE = "a colleague"
DM_PREFERENCE = (Platform.SLACK, Platform.TELEGRAM, Platform.CONSOLE)
# Slack's mention markup, as Slack delivers it in typed text and as stories already stored keep it
# (`<@U0SAM>`, `<@U0SAM|sam>`; also what the Slack story form writes for a picked colleague).
_SLACK_MENTION = re.compile(r"<@([A-Z0-9]+)(?:\|[^>]*)?>")


def name_key(name: str) -> str:
    return " ".join(name.split()).casefold()


@dataclass(frozen=True, slots=True)
class Member:
    name: str
    ids: tuple[str, ...]  # person ids, e.g. ("console:alice", "slack:U0ALICE")
    role: str  # "manager" when any of the rows is a manager
    opted_out: bool

    def user_on(self, platform: Platform | str) -> str | None:
        """The platform user id (`U0ALICE`) of this member on `platform`, if they have one."""
        prefix = f"{platform}:"
        return next((pid[len(prefix):] for pid in self.ids if pid.startswith(prefix)), None)


@dataclass(frozen=True, slots=True)
class Roster:
    members: tuple[Member, ...]

    def by_person(self, person_id: str) -> Member | None:
        return next((m for m in self.members if person_id in m.ids), None)

    def find(self, said: str) -> Member | None:
        """A colleague as a story names them: "Sam", "@sam", "<@U0SAM>" or "<@U0SAM|sam>" (Slack's form)."""
        match = _SLACK_MENTION.search(said)
        if match:
            return self.by_person(f"{Platform.SLACK}:{match.group(1)}")
        key = name_key(said.strip().lstrip("@"))
        return next((m for m in self.members if name_key(m.name) == key), None) if key else None

    @property
    def opted_out(self) -> tuple[Member, ...]:
        return tuple(m for m in self.members if m.opted_out)

    @property
    def managers(self) -> tuple[Member, ...]:
        return tuple(m for m in self.members if m.role == "manager")

    @property
    def staff(self) -> tuple[Member, ...]:
        return tuple(m for m in self.members if m.role != "manager")


def build_roster(people: Iterable[Person]) -> Roster:
    grouped: dict[str, list[Person]] = {}
    for person in people:
        grouped.setdefault(name_key(person.display_name), []).append(person)
    members = []
    for rows in grouped.values():
        rows.sort(key=lambda p: p.id)
        members.append(
            Member(
                name=rows[0].display_name.strip(),
                ids=tuple(p.id for p in rows),
                role="manager" if any(p.role == "manager" for p in rows) else "staff",
                opted_out=any(p.mention_opt_out for p in rows),
            )
        )
    members.sort(key=lambda m: name_key(m.name))
    return Roster(tuple(members))


async def load_roster(*, session: AsyncSession, team_id: str) -> Roster:
    return build_roster(await store.list_people(session=session, team_id=team_id))


def mention(member: Member | None, *, capital: bool = False) -> str:
    """How a team post names someone: a mention token (`bot.markup.mention`) each platform renders its
    way (Slack pings where they have a Slack id, elsewhere the name in bold); "a colleague" for anyone
    opted out (or unknown)."""
    if member is None or member.opted_out:
        return A_COLLEAGUE.capitalize() if capital else A_COLLEAGUE
    return markup.mention(member.ids, member.name)


def mask(text: str, roster: Roster) -> str:
    """Replace the names of opted-out members in quoted (typed, not yet escaped) text with "a colleague",
    and their Slack mentions too (`<@U…>`: typed on Slack, or stored that way)."""
    for member in roster.opted_out:
        pattern = re.compile(rf"(?<!\w){re.escape(member.name)}(?!\w)", re.IGNORECASE)
        text = pattern.sub(A_COLLEAGUE, text)
        user = member.user_on(Platform.SLACK)
        if user:
            text = re.sub(rf"<@{re.escape(user)}(?:\|[^>]*)?>", A_COLLEAGUE, text)
    return text


def dm_key(person_id: str) -> ConversationKey:
    """The key a proactive DM to `person_id` goes to (adapters open the DM from the user id)."""
    platform, user = person_id.split(":", 1)
    channel = "console" if platform == Platform.CONSOLE else ""
    return ConversationKey(Platform(platform), channel, user)


def dm_target(member: Member, platforms: Iterable[Platform | str]) -> str | None:
    """The one person id to DM this member on, among the platforms that can send (Slack first)."""
    available = {str(p) for p in platforms}
    for platform in DM_PREFERENCE:
        if str(platform) in available:
            user = member.user_on(platform)
            if user:
                return f"{platform}:{user}"
    return None


async def set_mention_privacy(*, session: AsyncSession, person_id: str, opt_out: bool | None = None) -> bool | None:
    """Set (None: toggle) `mention_opt_out` for a person and their other accounts in the team (same
    display name). Returns the new value, or None when there is no such person."""
    me = await store.get_person(session=session, person_id=person_id)
    if me is None:
        return None
    value = (not me.mention_opt_out) if opt_out is None else opt_out
    for person in await store.list_people(session=session, team_id=me.team_id):
        if person.id == me.id or name_key(person.display_name) == name_key(me.display_name):
            await store.set_mention_opt_out(session=session, person_id=person.id, opt_out=value)
    return value

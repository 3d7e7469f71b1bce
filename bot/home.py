"""What a person's home screen shows (Slack's App Home tab, or any other platform's equivalent):
staff see their latest stories and the stories in which colleagues thanked them; managers also see
this week's weakest and strongest moments. Plain data (`bot.events.Home`) from the database: no platform SDK here.
Stories are read through `bot.visibility` with the person as viewer: a colleague's private story
that names you is not yours to see (a manager's home may show it)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime

from bot.store import AsyncSession

from bot import insight, store, visibility
from bot.cycle import Cycle
from bot.events import Home, MotLine, StoryLine
from bot.models import Story, utcnow
from bot.nlp.period import named_period
from bot.store.home import count_authored_stories

RECENT = 5
THANKS_SCAN = 300  # how many recent team stories are searched for mentions of the person


def mentions_person(colleague: str, *, display_name: str, platform_user_id: str) -> bool:
    """A colleague entry names the person: a mention of their platform id (Slack writes `<@U123>`),
    or their name ("Sam" names "Sam Patel", but not "Samantha")."""
    said = colleague.strip().lower()
    if platform_user_id and f"@{platform_user_id.lower()}" in said:
        return True
    named, name = set(re.findall(r"\w+", said)), set(re.findall(r"\w+", display_name.lower()))
    return bool(named and name) and (named <= name or name <= named)  # "Sam" ~ "Sam Patel"


async def story_mots(
    *, session: AsyncSession, person_id: str, cycles: Mapping[str, Cycle]
) -> list[tuple[str, str]] | None:
    """The (id, name) moments a story form offers `person_id`; None when they may not tell stories
    (not staff or a manager of a team with a known cycle)."""
    person, team = await store.get_person_and_team(session=session, person_id=person_id)
    cycle = cycles.get(team.cycle_id) if team else None
    if person is None or person.role not in ("staff", "manager") or cycle is None:
        return None
    return [(m.id, m.name) for m in cycle.mots]


def _line(story: Story, cycle: Cycle | None, names: Mapping[str, str]) -> StoryLine:
    mot_name = cycle.name_of(story.mot_id) if cycle else story.mot_id
    return StoryLine(story.id or 0, mot_name, story.text, story.created_at, names.get(story.author_id, ""))


async def build_home(
    *, session: AsyncSession, person_id: str, cycles: Mapping[str, Cycle], now: datetime | None = None,
    recent: int = RECENT,
) -> Home:
    """Everything the home screen of `person_id` (e.g. `slack:U123`) shows, in a few queries."""
    now = now or utcnow()
    person, team = await store.get_person_and_team(session=session, person_id=person_id)
    if person is None:
        return Home(person_id=person_id, display_name="there", role="unknown")
    if team is None:
        return Home(person_id=person_id, display_name=person.display_name, role="unknown")
    cycle = cycles.get(team.cycle_id)
    people = await store.list_people(session=session, team_id=team.id)
    names = {p.id: p.display_name for p in people}

    me = visibility.viewer_of(person.id, team_id=team.id, role=person.role)
    count = await count_authored_stories(session=session, team_id=team.id, author_id=person.id, viewer=me)
    mine = await store.list_stories(session=session, team_id=team.id, viewer=me, author_id=person.id, limit=recent)
    platform_user_id = person.id.split(":", 1)[1] if ":" in person.id else person.id
    latest = await store.list_stories(session=session, team_id=team.id, viewer=me, limit=THANKS_SCAN)
    thanks = [
        s for s in latest
        if s.author_id != person.id
        and any(mentions_person(c, display_name=person.display_name, platform_user_id=platform_user_id)
                for c in s.colleagues)
    ]
    home = Home(
        person_id=person.id,
        display_name=person.display_name,
        role=person.role,
        team_name=team.name,
        story_count=count,
        stories=tuple(_line(s, cycle, names) for s in mine),
        thanks=tuple(_line(s, cycle, names) for s in thanks[:recent]),
    )
    if person.role != "manager":
        return home

    period = named_period("this_week", now=now, tz=team.timezone)
    stats = await store.mot_stats(session=session, team_id=team.id, start=period.start, end=period.end)
    weakest, too_few = insight.rank(stats, by="weakness")
    strongest, _ = insight.rank(stats, by="strength")

    def name(mot_id: str) -> str:
        return cycle.name_of(mot_id) if cycle else mot_id

    return replace(
        home,
        period_label=period.label,
        ratings=sum(s.n for s in stats.values()),
        weakest=tuple(MotLine(s.mot_id, name(s.mot_id), s.n, s.share("irritating")) for s in weakest[:3]),
        strongest=tuple(MotLine(s.mot_id, name(s.mot_id), s.n, s.share("shining")) for s in strongest[:3]),
        too_few=tuple(name(s.mot_id) for s in too_few[:6]),
    )

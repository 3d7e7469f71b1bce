"""Best practices for the weekly posts, shared by the shout-out and the manager digest: the
practices a manager made the team standard this week, then the ones spreading through this week's
stories. Also `clip`, how any quoted text is cut to fit a post."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from bot import insight, store
from bot.store import weekly_story
from bot.weekly.roster import Roster, mask

if TYPE_CHECKING:
    from bot.store import AsyncSession

    from bot.cycle import Cycle
    from bot.visibility import Viewer

MAX_PRACTICES = 3
QUOTE_CHARS = 180


@dataclass(frozen=True, slots=True)
class Practice:
    mot_name: str
    text: str


def clip(text: str, limit: int = QUOTE_CHARS) -> str:
    text = " ".join(text.replace("*", "").replace("`", "'").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip(" ,;.") + "…"


async def new_practices(
    *, session: AsyncSession, team_id: str, start: datetime, end: datetime, cycle: Cycle, roster: Roster,
    audience: Viewer, limit: int = MAX_PRACTICES,
) -> list[Practice]:
    """Best practices a manager made the team standard this week (`Standard` rows), then practices
    that are spreading: the same concrete behaviour in this week's stories from at least two
    different staff members (bot.nlp.practice cards; customers' praise is left out of team posts).
    Both rest only on stories `audience` may see: a standard drawn from a story it may not see is
    left out (its wording may be that story's)."""
    standards = await weekly_story.list_accepted_standards(session=session, team_id=team_id, start=start, end=end,
                                                           limit=limit)
    cited = sorted({i for s in standards for i in s.story_ids})
    visible = await store.list_stories(session=session, team_id=team_id, viewer=audience, ids=cited) if cited else []
    seen = {story.id for story in visible}
    practices = [Practice(cycle.name_of(s.mot_id), clip(mask(s.behaviour, roster), 140))
                 for s in standards if set(s.story_ids) <= seen]
    stories, _ = await store.practice_sources(session=session, team_id=team_id, viewer=audience, start=start, end=end,
                                              praise=False)
    evidence = await insight.practice_evidence(stories=stories, praise=())
    adopted = {p.text for p in practices}
    for card in sorted((c for c in evidence.cards if c.spreadable), key=lambda c: -c.people_count):
        if len(practices) >= limit:
            break
        text = clip(mask(f"{card.behaviour} ({card.people_count} people do this)", roster), 140)
        if text not in adopted and cycle.mot(card.mot_id):
            practices.append(Practice(cycle.name_of(card.mot_id), text))
    return practices

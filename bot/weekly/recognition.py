"""The weekly shout-out: what to celebrate (`collect_recognition`) and its text for a platform
(`render_recognition`, in the reply markup of `bot.markup`).

Stories are read as the team sees them (`bot.visibility.team_audience`: shareable stories only, and
practices only from those); names go through `bot.weekly.roster.mention`/`mask`, so people who said
"don't mention me" appear as "a colleague". A week with nothing to celebrate gives an empty
`Recognition` (`is_empty`), never an empty template."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from bot import insight, store
from bot.events import Platform
from bot.markup import escape
from bot.store import weekly_feedback
from bot.visibility import Viewer, can_see, team_audience
from bot.weekly.practice import Practice, clip, new_practices
from bot.weekly.roster import Member, Roster, load_roster, mask, mention
from bot.weekly.week import week_label

if TYPE_CHECKING:
    from bot.store import AsyncSession

    from bot.cycle import Cycle
    from bot.models import Story, Team

MAX_STORIES, MAX_PRAISE, MAX_HELPERS = 3, 3, 6
MIN_IMPROVEMENT = 10  # percentage points of (shining - irritating) share, week on week
STORY_HINT = {Platform.SLACK: "*/mot story*", Platform.TELEGRAM: "/story", Platform.CONSOLE: "*story*"}


@dataclass(frozen=True, slots=True)
class StoryShout:
    story_id: int
    author: Member | None
    mot_name: str
    quote: str
    effect: str
    helpers: tuple[Member, ...]


@dataclass(frozen=True, slots=True)
class Praise:
    member: Member
    mot_name: str
    quote: str


@dataclass(frozen=True, slots=True)
class Helper:
    member: Member
    stories: int


@dataclass(frozen=True, slots=True)
class Improvement:
    mot_id: str
    mot_name: str
    shining_now: int
    shining_before: int
    irritating_now: int
    irritating_before: int
    n_now: int
    n_before: int
    gain: int  # percentage points of (shining - irritating)


@dataclass(frozen=True, slots=True)
class Recognition:
    team_name: str
    week: str
    label: str  # "14–20 Nov"
    stories: tuple[StoryShout, ...] = ()
    praise: tuple[Praise, ...] = ()
    helpers: tuple[Helper, ...] = ()
    practices: tuple[Practice, ...] = ()
    improved: Improvement | None = None

    @property
    def is_empty(self) -> bool:
        return not (self.stories or self.praise or self.helpers or self.practices or self.improved)


# --- selection (pure) ---------------------------------------------------------------------------


def _story_score(story: Story) -> tuple:
    return (bool(story.effect), bool(story.action), bool(story.colleagues), min(len(story.text), 300), story.id or 0)


def select_stories(stories: list[Story], roster: Roster, cycle: Cycle, *, audience: Viewer,
                   limit: int = MAX_STORIES) -> list[StoryShout]:
    """The week's standout stories `audience` may see: the richest first (an effect, an action,
    helpers), one per author before anyone gets a second."""
    ranked = sorted((s for s in stories if can_see(s, audience)), key=_story_score, reverse=True)
    picked: list[Story] = []
    authors: set[str] = set()
    for story in ranked:
        if story.author_id not in authors:
            picked.append(story)
            authors.add(story.author_id)
    picked += [s for s in ranked if s not in picked]
    shouts = []
    for story in picked[:limit]:
        author = roster.by_person(story.author_id)
        helpers = tuple(
            h for h in dict.fromkeys(roster.find(c) for c in story.colleagues)
            if h is not None and h != author and not h.opted_out
        )
        shouts.append(StoryShout(
            story_id=story.id or 0, author=author, mot_name=cycle.name_of(story.mot_id),
            quote=clip(mask(story.action or story.text, roster)), effect=clip(mask(story.effect, roster), 140),
            helpers=helpers,
        ))
    return shouts


def count_helpers(stories: list[Story], roster: Roster, *, audience: Viewer, limit: int = MAX_HELPERS) -> list[Helper]:
    """Colleagues named as helpers in stories `audience` may see, most often first (never the author,
    never anyone opted out; names that match nobody on the team are left out)."""
    counts: dict[Member, int] = {}
    for story in stories:
        if not can_see(story, audience):
            continue
        author = roster.by_person(story.author_id)
        for member in {roster.find(c) for c in story.colleagues}:
            if member is not None and member != author and not member.opted_out:
                counts[member] = counts.get(member, 0) + 1
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].name))
    return [Helper(m, n) for m, n in ordered[:limit]]


def find_praise(
    comments: list[tuple[str, str]], roster: Roster, cycle: Cycle, limit: int = MAX_PRAISE
) -> list[Praise]:
    """Shining customer comments (mot_id, comment) that name a staff member, newest first, one per
    member. Names are matched as written ("Sam", whole word) to avoid "will"/"Will" mix-ups."""
    found: list[Praise] = []
    named: set[Member] = set()
    for mot_id, comment in comments:
        for member in roster.members:
            if member in named or member.opted_out or len(member.name) < 2:
                continue
            if re.search(rf"(?<!\w){re.escape(member.name)}(?!\w)", comment):
                found.append(Praise(member, cycle.name_of(mot_id), clip(mask(comment, roster))))
                named.add(member)
                break
        if len(found) >= limit:
            break
    return found


def net(stat: insight.MotStat) -> int:
    return stat.pct("shining") - stat.pct("irritating")


def most_improved(
    current: dict[str, insight.MotStat], previous: dict[str, insight.MotStat], cycle: Cycle,
    *, min_n: int = insight.MIN_SAMPLE, min_gain: int = MIN_IMPROVEMENT,
) -> Improvement | None:
    """The MOT whose (shining - irritating) share rose most vs the previous week, both weeks with at
    least `min_n` ratings and a gain of at least `min_gain` points."""
    best: Improvement | None = None
    for mot_id, now in current.items():
        before = previous.get(mot_id)
        if before is None or now.n < min_n or before.n < min_n:
            continue
        gain = net(now) - net(before)
        if gain >= min_gain and (best is None or (gain, now.n) > (best.gain, best.n_now)):
            best = Improvement(mot_id, cycle.name_of(mot_id), now.pct("shining"), before.pct("shining"),
                               now.pct("irritating"), before.pct("irritating"), now.n, before.n, gain)
    return best


# --- collection (database) ----------------------------------------------------------------------


async def collect_recognition(
    *, session: AsyncSession, team: Team, cycle: Cycle, start: datetime, end: datetime, week: str,
) -> Recognition:
    """Everything worth celebrating in [start, end): stories, praise, helpers, practices, the most
    improved MOT vs the 7 days before."""
    roster, audience = await load_roster(session=session, team_id=team.id), team_audience(team.id)
    stories = await store.list_stories(session=session, team_id=team.id, viewer=audience, start=start, end=end)
    comments = await weekly_feedback.list_shining_comments(session=session, team_id=team.id, start=start, end=end)
    current = await store.mot_stats(session=session, team_id=team.id, start=start, end=end)
    previous = await store.mot_stats(session=session, team_id=team.id, start=start - (end - start), end=start)
    practices = await new_practices(session=session, team_id=team.id, start=start, end=end, cycle=cycle, roster=roster,
                                    audience=audience)
    return Recognition(
        team_name=team.name,
        week=week,
        label=week_label(start, end, team.timezone),
        stories=tuple(select_stories(stories, roster, cycle, audience=audience)),
        praise=tuple(find_praise(comments, roster, cycle)),
        helpers=tuple(count_helpers(stories, roster, audience=audience)),
        practices=tuple(practices),
        improved=most_improved(current, previous, cycle),
    )


# --- rendering ----------------------------------------------------------------------------------


def _names(members: tuple[Member, ...] | list[Member]) -> str:
    names = [mention(m) for m in members]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def render_recognition(rec: Recognition, platform: Platform | str) -> str:
    """Reply markup (`bot.markup`: `*bold*`, `_italic_`, `> ` quotes, mentions) that each adapter
    renders; `platform` only picks how to tell a story there. Sections without content are left out.
    Every text that came from a person or a config file goes through `escape`: only `mention` makes
    live markup."""
    platform = Platform(platform)
    lines = [f"🌟 *This week's shout-outs — {escape(rec.team_name)}*", f"_{rec.label}_"]
    if rec.stories:
        lines += ["", "*Moments that made a difference*"]
        for shout in rec.stories:
            helped = f" with {_names(shout.helpers)}" if shout.helpers else ""
            lines.append(f"• {mention(shout.author, capital=True)} at *{escape(shout.mot_name)}*{helped}:")
            lines.append(f"> {escape(shout.quote)}")
            if shout.effect:
                lines.append(f"> _{escape(shout.effect)}_")
    if rec.praise:
        lines += ["", "*Customers named you* 💬"]
        lines += [f"• {mention(p.member)} ({escape(p.mot_name)}): “{escape(p.quote)}”" for p in rec.praise]
    if rec.helpers:
        thanks = [mention(h.member) + (f" ({h.stories} stories)" if h.stories > 1 else "")
                  for h in rec.helpers]
        lines += ["", "*Thanks for helping out* 🤝", " · ".join(thanks)]
    if rec.practices:
        lines += ["", "*Practices that are spreading* 🌱"]
        lines += [f"• *{escape(p.mot_name)}*: {escape(p.text)}" for p in rec.practices]
    if rec.improved:
        up = rec.improved
        lines += ["", "*Most improved moment* 📈",
                  f"*{escape(up.mot_name)}*: {up.shining_now}% shining (was {up.shining_before}%), "
                  f"{up.irritating_now}% irritating (was {up.irritating_before}%); n={up.n_now}, "
                  f"the week before n={up.n_before}."]
    lines += ["", f"Thank you all! Seen a great customer moment? Tell me about it any time: {STORY_HINT[platform]}"]
    return "\n".join(lines)


def render_empty_prompt(team_name: str, platform: Platform | str) -> str:
    """For a quiet week, when the team asked for a nudge instead of silence."""
    hint = STORY_HINT[Platform(platform)]
    return (f"🌱 *A quiet week for stories at {escape(team_name)}*\n"
            "Every week I celebrate the moments you share. Did a customer leave happier thanks to you or a "
            f"colleague? Tell me in a sentence or two: {hint}")

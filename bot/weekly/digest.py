"""The other two weekly messages: a short digest DM for each manager (weakest and strongest MOTs with
n, the cycle chart, new best practices) and a nudge DM for staff who have not told a story lately.
The digest is read by the team's managers (`bot.visibility.managers_of`): its counts and practices may
rest on private stories."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from bot import insight, store
from bot.markup import escape
from bot.store import weekly_story
from bot.visibility import managers_of
from bot.weekly import chart
from bot.weekly.practice import Practice, new_practices
from bot.weekly.roster import Member, Roster, load_roster
from bot.weekly.week import week_label

if TYPE_CHECKING:
    from pathlib import Path

    from bot.store import AsyncSession

    from bot.cycle import Cycle
    from bot.models import Team

log = logging.getLogger(__name__)
TOP = 3


@dataclass(frozen=True, slots=True)
class MotLine:
    name: str
    pct: int
    n: int


@dataclass(frozen=True, slots=True)
class Digest:
    team_name: str
    label: str
    ratings: int
    stories: int
    shareable: int
    weakest: tuple[MotLine, ...]
    strongest: tuple[MotLine, ...]
    too_few: int
    practices: tuple[Practice, ...]
    chart_path: str | None = None


async def _chart(*, chart_dir: Path, team: Team, cycle: Cycle, current: dict, previous: dict,
                 label: str) -> str | None:
    """The cycle-of-service picture (`bot.weekly.chart`), or None when drawing it fails."""
    try:
        data = chart.ChartData(
            title=f"{team.name}: moments of truth, {label}", mots=chart.chart_mots(cycle.mots),
            current=current, previous=previous, current_label="this week", previous_label="the week before",
        )
        path = await chart.save_cycle_chart(chart_dir=chart_dir, team_id=team.id, data=data)
        return str(path)
    except Exception:  # noqa: BLE001 - a digest without its picture beats no digest (e.g. matplotlib missing)
        log.exception("digest chart for %s failed; sending the text only", team.id)
        return None


async def collect_digest(
    *, session: AsyncSession, chart_dir: Path, team: Team, cycle: Cycle, start: datetime, end: datetime,
    with_chart: bool = True,
) -> Digest:
    """The week's numbers for the team's managers; `with_chart=False` draws no picture (a dry run)."""
    roster, readers = await load_roster(session=session, team_id=team.id), managers_of(team.id)
    current = await store.mot_stats(session=session, team_id=team.id, start=start, end=end)
    previous = await store.mot_stats(session=session, team_id=team.id, start=start - (end - start), end=start)
    weak, too_few = insight.rank(current, by="weakness")
    strong, _ = insight.rank(current, by="strength")
    stories, shareable = await weekly_story.count_stories_in_window(session=session, team_id=team.id, viewer=readers,
                                                                    start=start, end=end)
    label = week_label(start, end, team.timezone)
    return Digest(
        team_name=team.name,
        label=label,
        ratings=sum(s.n for s in current.values()),
        stories=stories,
        shareable=shareable,
        weakest=tuple(MotLine(cycle.name_of(s.mot_id), s.pct("irritating"), s.n) for s in weak[:TOP]),
        strongest=tuple(MotLine(cycle.name_of(s.mot_id), s.pct("shining"), s.n) for s in strong[:TOP]),
        too_few=len(too_few),
        practices=tuple(await new_practices(session=session, team_id=team.id, start=start, end=end,
                                            cycle=cycle, roster=roster, audience=readers)),
        chart_path=(await _chart(chart_dir=chart_dir, team=team, cycle=cycle, current=current, previous=previous,
                                 label=label) if with_chart and current else None),
    )


def render_digest(digest: Digest, manager_name: str) -> str:
    """Names and practices are data: shown as typed (`escape`), never as markup."""
    lines = [f"📊 *Your weekly digest — {escape(digest.team_name)}, {digest.label}*",
             f"Hi {escape(manager_name)}! {digest.ratings} customer ratings and {digest.stories} staff stories "
             f"({digest.shareable} shareable) this week."]
    if digest.weakest:
        lines += ["", "*Needs attention*"]
        lines += [f"• *{escape(m.name)}* — {m.pct}% irritating (n={m.n})" for m in digest.weakest]
    if digest.strongest:
        lines += ["", "*Going well*"]
        lines += [f"• *{escape(m.name)}* — {m.pct}% shining (n={m.n})" for m in digest.strongest]
    if digest.ratings and not digest.weakest:
        lines += ["", f"No moment has {insight.MIN_SAMPLE} or more ratings yet: too few to rank fairly."]
    elif digest.too_few:
        more = "1 more moment" if digest.too_few == 1 else f"{digest.too_few} more moments"
        lines.append(f"_{more} had fewer than {insight.MIN_SAMPLE} ratings._")
    if digest.practices:
        lines += ["", "*New best practices*"]
        lines += [f"• *{escape(p.mot_name)}*: {escape(p.text)}" for p in digest.practices]
    lines += ["", "Ask me for more, e.g. _which MOTs are weakest this week?_"]
    return "\n".join(lines)


# --- nudges -------------------------------------------------------------------------------------


def quiet_staff(roster: Roster, authors: set[str], already_nudged: set[str]) -> list[Member]:
    """Staff (not managers) with no story since the cut-off, not nudged since then either."""
    return [m for m in roster.staff if not authors.intersection(m.ids) and m.name not in already_nudged]


def render_nudge(name: str, weeks: int) -> str:
    span = "a week" if weeks == 1 else f"{weeks} weeks"
    return (f"Hi {escape(name)} 👋 It's been {span} since your last story. Did a customer leave happier this week "
            "because of something you or a colleague did? Tell me in a sentence or two — it takes a minute, "
            "and it helps the whole team learn what great service looks like.")

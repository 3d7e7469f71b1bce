"""One function per intent of the ask dialog: numbers from the database, the window stated, real
quotes behind each claim, buttons to drill in. Best practices are in `practice.py`. Stories are read
with the asking manager as viewer (`reader`, bot.visibility)."""

from __future__ import annotations

import logging
from collections import Counter
from zoneinfo import ZoneInfo

from bot import insight, store, visibility
from bot.weekly import chart
from bot.dialogs.ask.button import button, buttons
from bot.dialogs.ask.wording import ICON, _clip, _mix, _quote, arrow, help_text
from bot.dialogs.engine import DialogContext, Reply
from bot.events import Choice
from bot.insight import MotStat
from bot.markup import escape
from bot.nlp.period import Period, named_period, previous_period
from bot.nlp.question import Question

log = logging.getLogger(__name__)


def min_sample(team: object) -> int:
    try:
        return max(1, int(getattr(team, "settings", {}).get("min_sample", insight.MIN_SAMPLE)))
    except (TypeError, ValueError):
        return insight.MIN_SAMPLE


async def _stats(ctx: DialogContext, period: Period, mot_ids: list[str] | None = None) -> dict[str, MotStat]:
    return await store.mot_stats(session=ctx.services.session, team_id=ctx.team.id, start=period.start,
                                 end=period.end, mot_ids=mot_ids)


def reader(ctx: DialogContext) -> visibility.Viewer:
    """Who reads the answer: the person asking (ask is for managers, who see their team's stories)."""
    return visibility.viewer_of(ctx.actor.person_id, team_id=ctx.actor.team_id, role=ctx.actor.role)


async def _people(ctx: DialogContext) -> dict[str, str]:
    return {p.id: p.display_name for p in await store.list_people(session=ctx.services.session, team_id=ctx.team.id)}


async def answer_ranking(ctx: DialogContext, q: Question, *, by: str) -> list[Reply]:
    cycle, team, tz = ctx.cycle, ctx.team, ctx.team.timezone
    before_period = q.compare or previous_period(q.period)
    stats, before = await _stats(ctx, q.period), await _stats(ctx, before_period)
    need = min_sample(team)
    ranked, too_few = insight.rank(stats, by=by, min_n=need, order=[m.id for m in cycle.mots])
    rating = "irritating" if by == "weakness" else "shining"
    title = "Weakest" if by == "weakness" else "Strongest"
    total = sum(s.n for s in stats.values())
    head = f"*{title} moments — {q.period.label}* ({total} ratings)"
    chart_button = button("chart", "Show the chart", period=q.period, tz=tz)
    if not stats:
        earlier = sum(s.n for s in before.values())
        note = f" ({earlier} in {before_period.label}.)" if earlier else ""
        return [Reply(f"{head}\nNo customer ratings in this period yet, so I can't rank the moments.{note}",
                      buttons(chart_button))]
    top = ranked[:5]
    quoted = [s.mot_id for s in top[:3]]
    quotes = await store.rating_quotes(session=ctx.services.session, team_id=team.id, start=q.period.start,
                                       end=q.period.end, mot_ids=quoted, ratings=(rating,), per_group=2)
    stories = {}
    if by == "strength":
        stories = await store.story_quotes(session=ctx.services.session, team_id=team.id, viewer=reader(ctx),
                                           start=q.period.start, end=q.period.end, mot_ids=quoted)
    people = await _people(ctx) if stories else {}
    lines = [head, f"_{ICON[rating]} share {rating}, change vs {before_period.label} in percentage points:_"]
    for i, stat in enumerate(top, 1):
        earlier = before.get(stat.mot_id)
        delta = arrow(insight.change(stat, earlier, rating))
        if earlier is not None and earlier.n < need:
            delta += f" (then n={earlier.n})"
        lines.append(f"{i}. *{cycle.name_of(stat.mot_id)}* — {stat.pct(rating)}% {rating} {delta} "
                     f"(n={stat.n}; {_mix(stat)})")
        lines.extend(_quote(ctx, x.text) for x in quotes if x.mot_id == stat.mot_id)
        lines.extend(_quote(ctx, s.text, f"📖 {escape(people.get(s.author_id, 'staff'))}: ")
                     for s in stories.get(stat.mot_id, []))
    if not ranked:
        lines.append(f"No moment has {need} or more ratings yet: too few to rank fairly.")
    if too_few:
        few = ", ".join(f"{cycle.name_of(s.mot_id)} (n={s.n})" for s in too_few[:6])
        lines.append(f"_Too few ratings to judge (< {need}):_ {few}")
    lines.append(f"_Ranked by the 95% lower bound of the {rating} share, so small samples don't top the list._")
    choices = tuple(button("detail", f"More on {cycle.name_of(s.mot_id)}", mot=s.mot_id, period=q.period, tz=tz)
                    for s in top[:3])
    return [Reply("\n".join(lines), buttons(*choices, chart_button))]


async def _standard_lines(ctx: DialogContext, mot_id: str) -> list[str]:
    session, lines = ctx.services.session, []
    standards = await store.list_standards(session=session, team_id=ctx.team.id, mot_id=mot_id)
    people = await _people(ctx) if standards else {}
    weeks = insight.STANDARD_WINDOW.days // 7
    for standard in standards:
        before, after = await store.before_after(session=session, team_id=ctx.team.id, mot_id=mot_id,
                                                 since=standard.accepted_at, now=ctx.now)
        when = standard.accepted_at.astimezone(ZoneInfo(ctx.team.timezone))
        who = escape(people.get(standard.accepted_by, standard.accepted_by))
        lines.append(f"📌 Standard since {when.day} {when:%b %Y} (accepted by {who}): "
                     f"“{escape(_clip(standard.behaviour, 120))}”")
        if not before.n and not after.n:
            lines.append("    No ratings around it yet to tell whether it helps.")
            continue
        b = f"{before.pct('irritating')}% (n={before.n})" if before.n else "no ratings"
        a = f"{after.pct('irritating')}% (n={after.n})" if after.n else "no ratings yet"
        delta = arrow(insight.change(after, before, "irritating"))
        lines.append(f"    😠 irritating: {b} in the {weeks} weeks before → {a} since, {delta}")
    return lines


async def answer_mot(ctx: DialogContext, q: Question) -> list[Reply]:
    cycle, team, tz, mot_id = ctx.cycle, ctx.team, ctx.team.timezone, q.mot_id
    assert mot_id is not None
    session, name, need = ctx.services.session, cycle.name_of(mot_id), min_sample(team)
    before_period = q.compare or previous_period(q.period)
    stat = (await _stats(ctx, q.period, [mot_id])).get(mot_id)
    before = (await _stats(ctx, before_period, [mot_id])).get(mot_id)
    lines = [f"*{name} — {q.period.label}*"]
    if stat is None:
        lines.append("No customer ratings for this moment in this period.")
    else:
        lines.append(f"{stat.n} ratings: {_mix(stat)}")
        if stat.n < need:
            lines.append(f"_Only {stat.n} ratings: too few to say much._")
    if before is not None and stat is not None:
        lines.append(f"vs {before_period.label} (n={before.n}): 😠 {arrow(insight.change(stat, before, 'irritating'))}"
                     f" · ✨ {arrow(insight.change(stat, before, 'shining'))}")
    elif before is not None:
        lines.append(f"{before_period.label}: {before.n} ratings, {_mix(before)}")
    stories = await store.story_counts(session=session, team_id=team.id, viewer=reader(ctx), start=q.period.start,
                                       end=q.period.end)
    lines.append(f"Staff stories about it: {stories.get(mot_id, 0)}")
    flagged = (await store.count_problem_reports(session=session, team_id=team.id, start=q.period.start,
                                                 end=q.period.end, mot_ids=[mot_id])).get(mot_id, 0)
    if flagged:  # staff's own reports (bot/dialogs/problem.py): counted apart from customers' ratings
        lines.append(f"Staff flagged {flagged} problem{'' if flagged == 1 else 's'} here in {q.period.label}")
    quotes = await store.rating_quotes(session=session, team_id=team.id, start=q.period.start, end=q.period.end,
                                       mot_ids=[mot_id], per_group=2)
    if quotes:
        lines.append("What customers said:")
        lines.extend(_quote(ctx, x.text, f"{ICON[x.rating]} ") for x in quotes)
    told = await store.story_quotes(session=session, team_id=team.id, viewer=reader(ctx), start=q.period.start,
                                    end=q.period.end, mot_ids=[mot_id])
    if told.get(mot_id):
        people = await _people(ctx)
        lines.extend(_quote(ctx, s.text, f"📖 {escape(people.get(s.author_id, 'staff'))}: ") for s in told[mot_id])
    lines.extend(await _standard_lines(ctx, mot_id))
    choices = [button("comments", "What people say", mot=mot_id, period=q.period, tz=tz),
               button("practices", "Best practices", mot=mot_id, period=q.period, tz=tz)]
    choices += [button("detail", f"Or: {cycle.name_of(m)}", mot=m, period=q.period, tz=tz)
                for m in q.alternative_mots[:2] if cycle.mot(m)]
    return [Reply("\n".join(lines), buttons(*choices))]


async def answer_comments(ctx: DialogContext, q: Question) -> list[Reply]:
    cycle, team, mot_id = ctx.cycle, ctx.team, q.mot_id
    about = cycle.name_of(mot_id) if mot_id else "all moments"
    quotes = await store.rating_quotes(
        session=ctx.services.session, team_id=team.id, start=q.period.start, end=q.period.end,
        mot_ids=[mot_id] if mot_id else None, per_group=3 if mot_id else 1,
    )
    stats = await _stats(ctx, q.period, [mot_id] if mot_id else None)
    n = sum(s.n for s in stats.values())
    lines = [f"*What people say about {about} — {q.period.label}* ({n} ratings)"]
    for rating in ("shining", "irritating"):
        said = [x for x in quotes if x.rating == rating][:3]
        count = sum(getattr(s, rating) for s in stats.values())
        lines.append(f"{ICON[rating]} *{rating.capitalize()}* ({count} of {n}):")
        lines.extend(_quote(ctx, x.text, "" if mot_id else f"{cycle.name_of(x.mot_id)}: ") for x in said)
        if not said:
            lines.append("    _no written comments_")
    choices = (button("detail", f"Numbers for {about}", mot=mot_id, period=q.period, tz=ctx.team.timezone),) if mot_id else ()
    return [Reply("\n".join(lines), buttons(*choices))]


def _cell(stat: MotStat | None, rating: str) -> str:
    return f"{stat.pct(rating)}%" if stat and stat.n else "–"


async def answer_compare(ctx: DialogContext, q: Question) -> list[Reply]:
    cycle, team, tz, need = ctx.cycle, ctx.team, ctx.team.timezone, min_sample(ctx.team)
    earlier, later = sorted((q.period, q.compare or previous_period(q.period)), key=lambda p: (p.start, p.end))
    only = [q.mot_id] if q.mot_id else None
    a, b = await _stats(ctx, earlier, only), await _stats(ctx, later, only)
    mots = [m for m in cycle.mots if m.id in a or m.id in b or m.id == q.mot_id]
    lines = [f"*{earlier.label} → {later.label}*",
             "_😠 irritating and ✨ shining share, earlier → later; change in percentage points; n = ratings_"]
    if not mots:
        lines.append("No customer ratings in either period.")
    for mot in mots:
        x, y = a.get(mot.id), b.get(mot.id)
        few = " _few ratings_" if min(x.n if x else 0, y.n if y else 0) < need else ""
        lines.append(
            f"• *{mot.name}*: 😠 {_cell(x, 'irritating')} → {_cell(y, 'irritating')} "
            f"{arrow(insight.change(y, x, 'irritating'))} · ✨ {_cell(x, 'shining')} → {_cell(y, 'shining')} "
            f"{arrow(insight.change(y, x, 'shining'))} (n {x.n if x else 0} → {y.n if y else 0}){few}")
    moves = {m.id: insight.change(b.get(m.id), a.get(m.id), "irritating") for m in mots
             if a.get(m.id) and b.get(m.id) and min(a[m.id].n, b[m.id].n) >= need}
    choices: list[Choice] = []
    if len(mots) > 1 and moves:
        worse = max(moves, key=lambda m: (moves[m], m))
        better = min(moves, key=lambda m: (moves[m], m))
        for mot_id, verdict, rating in ((worse, "Slipped most", "irritating"), (better, "Improved most", "shining")):
            if (moves[mot_id] or 0) * (1 if rating == "irritating" else -1) <= 0:
                continue
            lines.append(f"{verdict}: *{cycle.name_of(mot_id)}* (😠 {arrow(moves[mot_id])})")
            said = await store.rating_quotes(session=ctx.services.session, team_id=team.id, start=later.start,
                                             end=later.end, mot_ids=[mot_id], ratings=(rating,), per_group=2)
            lines.extend(_quote(ctx, x.text, f"{ICON[rating]} ") for x in said)
            choices.append(button("detail", f"More on {cycle.name_of(mot_id)}", mot=mot_id, period=later, tz=tz))
    return [Reply("\n".join(lines), buttons(*choices))]


async def answer_stories(ctx: DialogContext, q: Question, *, count_only: bool) -> list[Reply]:
    cycle, team, session = ctx.cycle, ctx.team, ctx.services.session
    people = await _people(ctx)

    async def find(period: Period) -> list:
        found = await store.list_stories(session=session, team_id=team.id, viewer=reader(ctx), start=period.start,
                                         end=period.end, mot_id=q.mot_id)
        if q.person:
            found = [s for s in found if insight.names_match(q.person, people.get(s.author_id, ""))
                     or any(insight.names_match(q.person, c) for c in s.colleagues)]
        return found

    stories = await find(q.period)
    who = (f" about {escape(q.person)}" if q.person else "") + (f" at {cycle.name_of(q.mot_id)}" if q.mot_id else "")
    head = f"*{len(stories)} {'story' if len(stories) == 1 else 'stories'}{who} — {q.period.label}*"
    if count_only:
        before_period = q.compare or previous_period(q.period)
        before = len(await find(before_period))
        lines = [f"{head} ({before} in {before_period.label}, {arrow(len(stories) - before).replace(' pp', '')})"]
        by_mot = Counter(s.mot_id for s in stories).most_common(5)
        lines.extend(f"• {cycle.name_of(m)}: {n}" for m, n in by_mot)
        show = () if q.person or not stories else (
            button("stories", "Show them", mot=q.mot_id, period=q.period, tz=team.timezone),)
        return [Reply("\n".join(lines), buttons(*show))]
    if not stories:
        return [Reply(f"{head}\nNo stories yet. Nudge the team to share one!")]
    lines = [head]
    tz = ZoneInfo(team.timezone)
    for story in stories[:5]:
        when = story.created_at.astimezone(tz)
        helpers = f" with {escape(', '.join(story.colleagues))}" if story.colleagues else ""
        lines.append(f"• *{cycle.name_of(story.mot_id)}* — {escape(people.get(story.author_id, 'someone'))}{helpers}, "
                     f"{when:%a} {when.day} {when:%b}:")
        lines.append(_quote(ctx, story.text))
    if len(stories) > 5:
        lines.append(f"…and {len(stories) - 5} more.")
    return [Reply("\n".join(lines))]


async def answer_chart(ctx: DialogContext, q: Question) -> list[Reply]:
    cycle, team = ctx.cycle, ctx.team
    before_period = q.compare or previous_period(q.period)
    current, before = await _stats(ctx, q.period), await _stats(ctx, before_period)
    data = chart.ChartData(f"{cycle.name}: cycle of service — {q.period.label}", chart.chart_mots(cycle.mots),
                           current, before, q.period.label, before_period.label)
    try:
        path: str | None = str(await chart.save_cycle_chart(chart_dir=ctx.services.settings.chart_dir,
                                                            team_id=team.id, data=data))
    except Exception:  # noqa: BLE001 - a missing picture must not lose the answer
        log.exception("chart rendering failed")
        path = None
    now_n, then_n = sum(s.n for s in current.values()), sum(s.n for s in before.values())
    text = (f"*Cycle of service — {q.period.label}* ({now_n} ratings; {then_n} in {before_period.label}).\n"
            "Each moment in cycle order: faded bar = earlier period, solid bar = this one; "
            "green shining, grey dull, red irritating.")
    if path is None:
        text += "\n_Sorry, I couldn't draw the picture this time._"
    tz = team.timezone
    return [Reply(text, (button("weakest", "Weakest moments", period=q.period, tz=tz),), image_path=path)]


def help_reply(ctx: DialogContext, intro: str = "") -> Reply:
    now, tz = ctx.now, ctx.team.timezone
    week = named_period("this_week", now=now, tz=tz)
    choices = (button("weakest", "Weakest this week", period=week, tz=tz),
               button("strongest", "Strongest this week", period=week, tz=tz),
               button("chart", "The chart", period=week, tz=tz),
               button("stories", "Stories this week", period=week, tz=tz))
    return Reply(intro + help_text(), choices)

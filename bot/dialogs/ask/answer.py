"""One function per intent of the ask dialog: numbers from the database, the window stated, real
quotes behind each claim, buttons to drill in. Best practices are in `practice.py`. Stories are read
with the asking manager as viewer (`reader`, bot.visibility)."""

from __future__ import annotations

import dataclasses
import logging
import re
from collections import Counter
from zoneinfo import ZoneInfo

from bot import insight, store, visibility
from bot.weekly import chart
from bot.dialogs.ask.button import button, buttons
from bot.dialogs.ask.tally import MAX_ROWS, _aware, _day, window
from bot.dialogs.ask.wording import ICON, _clip, _mix, _quote, arrow, help_text
from bot.dialogs.engine import DialogContext, Reply
from bot.events import Choice
from bot.insight import MotStat
from bot.markup import escape
from bot.nlp.period import Period, named_period, previous_period
from bot.nlp.question import Question
from bot.nlp.question_topic import topic_matches, topic_stems

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


async def _before_any_rating(ctx: DialogContext, period: Period) -> str:
    """Why a window has no ratings when it ends before the team's first one (or there is none yet), else ""."""
    first = await store.first_rating_at(session=ctx.services.session, team_id=ctx.team.id)
    if first is None:
        return "No customer has rated a moment yet."
    if _aware(first) >= period.end:
        return f"The first rating came on {_day(_aware(first), ctx.team.timezone)}."
    return ""


# what a ranking ranks by: the rating whose share it orders and the answer's title
_RANKED_BY = {"weakness": ("irritating", "Weakest"), "strength": ("shining", "Strongest"),
              "dullness": ("dull", "Most often dull")}


async def answer_ranking(ctx: DialogContext, q: Question, *, by: str) -> list[Reply]:
    """Weakest/strongest: the answer in the first line, then at most `MAX_ROWS` moments (or the N
    asked for), one quote each for the first three, never the same quote twice."""
    cycle, team, tz = ctx.cycle, ctx.team, ctx.team.timezone
    period, label = await window(ctx, q)
    before_period = q.compare or previous_period(q.period)
    stats = await _stats(ctx, period)
    before = await _stats(ctx, before_period) if period.label != "all time" else {}
    need = min_sample(team)
    ranked, too_few = insight.rank(stats, by=by, min_n=need, order=[m.id for m in cycle.mots])
    rating, title = _RANKED_BY[by]
    total = sum(s.n for s in stats.values())
    chart_button = button("chart", "Show the chart", period=q.period, tz=tz)
    if not stats:
        earlier = sum(s.n for s in before.values())
        if earlier:
            note = f" ({insight.plural(earlier, 'rating')} in {before_period.label}.)"
        else:  # "where do we fall down in q3" with ratings only from October
            note = f" ({said})" if (said := await _before_any_rating(ctx, period)) else ""
        return [Reply(f"*{title} — {label}:* no customer ratings in this window yet, so I can't rank the "
                      f"moments.{note}", buttons(chart_button))]
    asked = q.limit or MAX_ROWS
    top = ranked[: min(asked, MAX_ROWS)]
    score = (lambda s: (getattr(s, by), s.n))  # noqa: E731 - equal share and n: a tie the cut must not split
    tied = [s for s in ranked[len(top):MAX_ROWS] if top and score(s) == score(top[-1])]
    top += tied

    def delta(stat: MotStat) -> str:
        earlier = before.get(stat.mot_id)
        if not before:
            return ""
        text = arrow(insight.change(stat, earlier, rating))
        return text + (f" (then n={earlier.n})" if earlier is not None and earlier.n < need else "")

    if top:
        first = top[0]
        lead = (f"*{title} {label}: {cycle.name_of(first.mot_id)}* — {first.pct(rating)}% {rating} "
                f"(n={first.n}) {delta(first)}".rstrip())
    else:
        lead = f"*{title} — {label}:* no moment has {need} or more ratings yet: too few to rank fairly."
    lines = [lead]
    quoted = [s.mot_id for s in top[:3]]
    quotes = await store.rating_quotes(session=ctx.services.session, team_id=team.id, start=period.start,
                                       end=period.end, mot_ids=quoted, ratings=(rating,), per_group=2)
    stories = {}
    if by == "strength":
        stories = await store.story_quotes(session=ctx.services.session, team_id=team.id, viewer=reader(ctx),
                                           start=period.start, end=period.end, mot_ids=quoted)
    people = await _people(ctx) if stories else {}
    seen: set[str] = set()
    for i, stat in enumerate(top, 1):
        lines.append(f"{i}. *{cycle.name_of(stat.mot_id)}* — {stat.pct(rating)}% {rating} {delta(stat)} "
                     f"(n={stat.n})".replace("  ", " "))
        said = [x.text for x in quotes if x.mot_id == stat.mot_id and x.text.strip().casefold() not in seen][:1]
        told = [s for s in stories.get(stat.mot_id, []) if s.text.strip().casefold() not in seen][:1]
        for text in said:
            seen.add(text.strip().casefold())
            lines.append(_quote(ctx, text))
        for story in told if not said else []:
            seen.add(story.text.strip().casefold())
            lines.append(_quote(ctx, story.text, f"📖 {escape(people.get(story.author_id, 'staff'))}: "))
    if asked > len(top) and len(ranked) > len(top):
        lines.append(f"_Showing {len(top)} of the {asked} asked for: ask about one moment for more._")
    if tied:
        level = [cycle.name_of(s.mot_id) for s in top if score(s) == score(tied[0])]
        lines.append(f"_{len(top)} shown for the {asked} asked for: {' and '.join(level)} are tied "
                     f"({tied[0].pct(rating)}% {rating} of {tied[0].n} each), listed in cycle order._")
    foot = [f"{insight.plural(total, 'rating')}; ranked by the 95% lower bound of the {rating} share"]
    if before:
        foot.append(f"change vs {before_period.label}")
    if too_few:
        foot.append(f"{insight.plural(len(too_few), 'moment')} with fewer than {need} ratings left out")
    lines.append("_" + "; ".join(foot) + "._")
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
    period, label = await window(ctx, q)
    q = dataclasses.replace(q, period=period)
    stat = (await _stats(ctx, q.period, [mot_id])).get(mot_id)
    before = (await _stats(ctx, before_period, [mot_id])).get(mot_id) if period.label != "all time" else None
    lines = [f"*{name} — {label}*"]
    if stat is None:  # "Doctor consultation, Q3 how many shining dull irritating?" with ratings only from October
        said = await _before_any_rating(ctx, q.period)
        lines.append("No customer ratings for this moment in this period." + (f" {said}" if said else ""))
    else:
        lines.append(f"{insight.plural(stat.n, 'rating')}: {_mix(stat)}")
        if stat.n < need:
            lines.append(f"_Only {insight.plural(stat.n, 'rating')}: too few to say much._")
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
    if told.get(mot_id):  # under a heading of its own: a staff story is not something a customer said
        people = await _people(ctx)
        lines.append("What staff told:")
        lines.extend(_quote(ctx, s.text, f"📖 {escape(people.get(s.author_id, 'staff'))}: ") for s in told[mot_id])
    lines.extend(await _standard_lines(ctx, mot_id))
    choices = [button("comments", "What people say", mot=mot_id, period=q.period, tz=tz),
               button("practices", "Best practices", mot=mot_id, period=q.period, tz=tz)]
    choices += [button("detail", f"Or: {cycle.name_of(m)}", mot=m, period=q.period, tz=tz)
                for m in q.alternative_mots[:2] if cycle.mot(m)]
    return [Reply("\n".join(lines), buttons(*choices))]


async def _all_time(ctx: DialogContext, q: Question) -> tuple[Period, str]:
    """A word search that found nothing in the default window looks over all time: the window and its label."""
    return await window(ctx, dataclasses.replace(
        q, period=named_period("all_time", now=ctx.now, tz=ctx.team.timezone), period_named=True))


async def _comments_saying(ctx: DialogContext, q: Question) -> list[Reply]:
    """"what did patients say about the toilets": the comments that say those words, newest first, each once,
    with its moment and rating; a default window with none looks over all time and says so."""
    cycle, team, topic = ctx.cycle, ctx.team, q.topic or ""
    ratings = (q.rating,) if q.rating else ("shining", "dull", "irritating")

    async def find(period: Period) -> list:
        found = await store.quotes_saying(session=ctx.services.session, team_id=team.id, start=period.start,
                                          end=period.end, words=topic_stems(topic), ratings=ratings)
        return [x for x in found if topic_matches(x.text, topic)]

    period, label = await window(ctx, q)
    said = await find(period)
    widened = ""
    if not said and not q.period_named:
        widened = f"No comments mentioning “{escape(topic)}” {period.label}, so I looked over all time.\n"
        period, label = await _all_time(ctx, q)
        said = await find(period)
    which = f"{q.rating} " if q.rating else ""
    head = widened + f"*{insight.plural(len(said), which + 'comment')} mentioning “{escape(topic)}” — {label}*"
    if not said:
        return [Reply(f"{head}\nNo {which}comments mentioning “{escape(topic)}” in this window.")]
    shown = min(q.limit or MAX_ROWS, MAX_ROWS)
    mix = Counter(x.rating for x in said)
    lines = [head + " — " + ", ".join(f"{ICON[r]} {mix[r]} {r}" for r in ("shining", "dull", "irritating") if mix[r])]
    once: dict[str, object] = {}  # every comment counted, each quote shown once ("Toilets dirty" from five people)
    for x in said:
        once.setdefault(x.text.strip().casefold(), x)
    quotes = list(once.values())
    lines.extend(_quote(ctx, x.text, f"{ICON[x.rating]} {cycle.name_of(x.mot_id) if x.mot_id else 'Their visit'}: ")
                 for x in quotes[:shown])  # a customer's own comment about no one moment: their visit
    if len(quotes) > shown:
        lines.append(f"…and {insight.plural(len(quotes) - shown, 'other quote')}.")
    return [Reply("\n".join(lines))]


async def answer_comments(ctx: DialogContext, q: Question) -> list[Reply]:
    if q.topic and not q.mot_id:
        return await _comments_saying(ctx, q)
    cycle, team, mot_id = ctx.cycle, ctx.team, q.mot_id
    about = cycle.name_of(mot_id) if mot_id else "all moments"
    period, label = await window(ctx, q)
    q = dataclasses.replace(q, period=period)
    shown = min(q.limit or 3, MAX_ROWS)  # "show me 5 quotes": up to five of each rating
    ratings = (q.rating,) if q.rating else ("shining", "irritating")  # "any complaints about parking": one
    quotes = await store.rating_quotes(
        session=ctx.services.session, team_id=team.id, start=q.period.start, end=q.period.end,
        mot_ids=[mot_id] if mot_id else None, per_group=shown if mot_id else 1, ratings=ratings,
    )
    stats = await _stats(ctx, q.period, [mot_id] if mot_id else None)
    n = sum(s.n for s in stats.values())
    which = f" ({q.rating} comments)" if q.rating else ""
    lines = [f"*What people say about {about}{which} — {label}* ({insight.plural(n, 'rating')})"]
    for rating in ratings:
        said = [x for x in quotes if x.rating == rating][:shown]
        count = sum(getattr(s, rating) for s in stats.values())
        own = sum(x.own for x in said)  # customers' own comments: quoted with the ratings, not counted in them
        also = f"; {insight.plural(own, 'own comment')} at the end of the survey" if own else ""
        lines.append(f"{ICON[rating]} *{rating.capitalize()}* ({count} of {n}{also}):")
        lines.extend(_quote(ctx, x.text, "" if mot_id else f"{cycle.name_of(x.mot_id)}: ") for x in said)
        if not said:
            lines.append("    _no written comments_")
    choices = (button("detail", f"Numbers for {about}", mot=mot_id, period=q.period, tz=ctx.team.timezone),) if mot_id else ()
    return [Reply("\n".join(lines), buttons(*choices))]


def _cell(stat: MotStat | None, rating: str) -> str:
    return f"{stat.pct(rating)}%" if stat and stat.n else "–"


def _z_test_line(share: str, p_value: float, *, significant: bool) -> str:
    """The test under a comparison of two periods or two moments, as read on a phone."""
    shown = f"p={p_value:.3f}" if p_value >= 0.001 else "p<0.001"
    return (f"_Two-proportion z-test on the {share} share: {shown} "
            f"({'significant' if significant else 'not significant'} at 5%)._")


async def _answer_versus(ctx: DialogContext, q: Question) -> list[Reply]:
    """Two moments in one window ("check-in vs the waiting room"): which comes out worse by the irritating share
    (or by the rating asked about: "check in vs parking shining votes" asks which comes out better), called only
    when the pooled two-proportion z-test says so at 5 % and both have enough ratings, then each moment's split and
    a button to each."""
    cycle, tz, need = ctx.cycle, ctx.team.timezone, min_sample(ctx.team)
    period, label = await window(ctx, q)
    stats = await _stats(ctx, period, list(q.versus))
    pair = [stats.get(m) or insight.empty_stat(m) for m in q.versus]
    names = [cycle.name_of(m) for m in q.versus]
    head = f"{names[0]} vs {names[1]} — {label}"
    choices = buttons(*(button("detail", f"More on {name}", mot=m, period=period, tz=tz)
                        for m, name in zip(q.versus, names)))
    if not any(s.n for s in pair):
        return [Reply(f"*{head}*\nNo customer ratings for either moment in this window.", choices)]
    share = q.rating or "irritating"
    p_value = insight.share_gap_p(pair[0], pair[1], share)
    higher, lower = sorted(range(2), key=lambda i: -pair[i].share(share))
    enough = min(s.n for s in pair) >= need
    if not enough:
        verdict = f"too few ratings to call (fewer than {need} on one side)"
    elif p_value < 0.05:
        verdict = (f"{names[higher]} comes out {'better' if share == 'shining' else 'worse'} — {ICON[share]} "
                   f"{_cell(pair[higher], share)} {share} against {_cell(pair[lower], share)}")
    else:
        verdict = f"no clear difference in the {share} share"
    lines = [f"*{head}:* {verdict}"]
    lines.extend(f"• *{name}*: 😠 {_cell(s, 'irritating')} · 😐 {_cell(s, 'dull')} · ✨ {_cell(s, 'shining')} "
                 f"(n={s.n})" for name, s in zip(names, pair))
    if enough:
        lines.append(_z_test_line(share, p_value, significant=p_value < 0.05))
    return [Reply("\n".join(lines), choices)]


async def answer_compare(ctx: DialogContext, q: Question) -> list[Reply]:
    """Two periods: the overall change in one line (better or worse only when the two-proportion z-test says
    so at 5 %, else "no clear change"), then only the moments that moved most (at most `MAX_ROWS`, each with
    enough ratings on both sides), the test, a quote for the biggest slip and gain; or two moments in one
    window (`Question.versus`)."""
    if len(q.versus) == 2:
        return await _answer_versus(ctx, q)
    cycle, team, tz, need = ctx.cycle, ctx.team, ctx.team.timezone, min_sample(ctx.team)
    earlier, later = sorted((q.period, q.compare or previous_period(q.period)), key=lambda p: (p.start, p.end))
    only = [q.mot_id] if q.mot_id else None
    a, b = await _stats(ctx, earlier, only), await _stats(ctx, later, only)
    about = cycle.name_of(q.mot_id) if q.mot_id else "All moments"
    head = f"{earlier.label} → {later.label}"
    if not a and not b:
        return [Reply(f"*{about}: {head}*\nNo customer ratings in either period.")]
    total_a = insight.MotStat("*", *(sum(getattr(s, f) for s in a.values()) for f in ("n", "shining", "irritating", "dull")))
    total_b = insight.MotStat("*", *(sum(getattr(s, f) for s in b.values()) for f in ("n", "shining", "irritating", "dull")))
    share = q.rating or "irritating"  # "did shining votes go up in November": the share asked about
    bad = 1 if share != "shining" else -1  # a rising irritating or dull share is worse, a rising shining one better
    other = "shining" if share != "shining" else "irritating"
    move = insight.change(total_b, total_a, share)
    # the verdict is called only when the pooled two-proportion z-test says so at 5 % (as for two moments): a
    # 2-point move on 70 ratings a side is "no clear change", not "better"
    p_value = insight.share_gap_p(total_a, total_b, share)
    tested = move is not None and min(total_a.n, total_b.n) >= need
    if move is None:
        direction = "no earlier ratings"
    elif not tested:
        direction = f"too few ratings to call (fewer than {need} on one side)"
    elif p_value >= 0.05 or not move:
        direction = "no clear change"
    else:
        direction = "worse" if move * bad > 0 else "better"
    lines = [f"*{about}: {direction}* — {ICON[share]} {share} {_cell(total_a, share)} → {_cell(total_b, share)} "
             f"{arrow(move)} (n {total_a.n} → {total_b.n}) — {head}"]
    moves = {m.id: insight.change(b.get(m.id), a.get(m.id), share) for m in cycle.mots
             if a.get(m.id) and b.get(m.id) and min(a[m.id].n, b[m.id].n) >= need}
    movers = sorted((m for m in moves if moves[m]), key=lambda m: (-abs(moves[m] or 0), m))[:MAX_ROWS]
    if not q.mot_id:
        if movers:
            lines.append(f"Biggest moves ({ICON[share]} {share} share):")
        for mot_id in movers:
            x, y = a[mot_id], b[mot_id]
            lines.append(f"• *{cycle.name_of(mot_id)}*: {_cell(x, share)} → {_cell(y, share)} "
                         f"{arrow(moves[mot_id])} (n {x.n} → {y.n})")
        quiet = len([m for m in cycle.mots if m.id in a or m.id in b]) - len(movers)
        if quiet > 0:
            lines.append(f"_{insight.plural(quiet, 'other moment')} moved less or had fewer than {need} ratings._")
    else:
        x, y = a.get(q.mot_id), b.get(q.mot_id)
        lines.append(f"{ICON[other]} {other} {_cell(x, other)} → {_cell(y, other)} {arrow(insight.change(y, x, other))}")
        if min(x.n if x else 0, y.n if y else 0) < need:
            lines.append(f"_Fewer than {need} ratings on one side: read with care._")
    if tested:
        lines.append(_z_test_line(share, p_value, significant=p_value < 0.05 and bool(move)))
    choices: list[Choice] = []
    seen: set[str] = set()
    if len(movers) > 1 or (movers and not q.mot_id):
        worse = max(movers, key=lambda m: ((moves[m] or 0) * bad, m))
        better = min(movers, key=lambda m: ((moves[m] or 0) * bad, m))
        for mot_id, rating, sign in ((worse, "irritating", bad), (better, "shining", -bad)):
            if (moves[mot_id] or 0) * sign <= 0:
                continue
            said = await store.rating_quotes(session=ctx.services.session, team_id=team.id, start=later.start,
                                             end=later.end, mot_ids=[mot_id], ratings=(rating,), per_group=2)
            fresh = [x for x in said if x.text.strip().casefold() not in seen][:1]
            for x in fresh:
                seen.add(x.text.strip().casefold())
                lines.append(_quote(ctx, x.text, f"{ICON[rating]} {cycle.name_of(mot_id)}: "))
            choices.append(button("detail", f"More on {cycle.name_of(mot_id)}", mot=mot_id, period=later, tz=tz))
    return [Reply("\n".join(lines), buttons(*choices))]


_TITLES = {"dr", "doctor", "nurse", "mr", "mrs", "ms", "miss", "prof", "professor", "sister", "matron"}


def _words_of(story: object) -> str:
    """What a story says: its text, the action and effect it was told with, the colleagues named."""
    return " ".join([getattr(story, "text", "") or "", getattr(story, "action", "") or "",
                     getattr(story, "effect", "") or "", *(getattr(story, "colleagues", None) or [])])


def _mentions(story: object, name: str) -> bool:
    """Whether a story's words name someone not on the team ("Dr Smith" -> the word "Smith")."""
    words = [w for w in re.findall(r"[^\W\d_]+", name.casefold()) if w not in _TITLES] or [name.casefold()]
    return re.search(rf"\b{re.escape(words[-1])}\b", _words_of(story).casefold()) is not None


async def answer_stories(ctx: DialogContext, q: Question, *, count_only: bool) -> list[Reply]:
    """Stories (or their count) in the window, of one MOT and/or about one person. A person not on
    the team is said to be so, and only stories whose words name them are shown, never the rest."""
    cycle, team, session = ctx.cycle, ctx.team, ctx.services.session
    people = await _people(ctx)
    period, label = await window(ctx, q)

    async def find(window_period: Period) -> list:
        found = await store.list_stories(session=session, team_id=team.id, viewer=reader(ctx),
                                         start=window_period.start, end=window_period.end, mot_id=q.mot_id)
        if q.topic:  # "stories mentioning christmas": the stories that say those words
            found = [s for s in found if topic_matches(_words_of(s), q.topic)]
        if q.mine:  # "my stories": told by the one asking, or naming them as a colleague ("stories I told": told)
            me = people.get(ctx.actor.person_id, "")
            return [s for s in found if s.author_id == ctx.actor.person_id
                    or (q.measure != "told" and me and any(insight.names_match(me, c) for c in s.colleagues))]
        if q.person and not q.on_team:
            return [s for s in found if _mentions(s, q.person)]
        if q.person and q.measure == "told":  # "how many stories did Tom tell", "stories by Sam": theirs
            found = [s for s in found if insight.names_match(q.person, people.get(s.author_id, ""))]
        elif q.person:  # told by them, naming them as a colleague, or (named with a title) "Dr Patel" in the words
            found = [s for s in found if insight.names_match(q.person, people.get(s.author_id, ""))
                     or any(insight.names_match(q.person, c) for c in s.colleagues)
                     or (q.person_said is not None and _mentions(s, q.person_said))]
        return found

    stories = await find(period)
    widened = ""
    if q.topic and not stories and not q.period_named:  # a word search over the default window: look further back
        widened = f"No stories mentioning “{escape(q.topic)}” {period.label}, so I looked over all time.\n"
        period, label = await _all_time(ctx, q)
        stories = await find(period)
    about = "mentioning" if q.person and not q.on_team else "told by" if q.measure == "told" else "about"
    mine = " told by you" if q.measure == "told" else " told by or naming you"
    who = (f" {about} {escape(q.person)}" if q.person else mine if q.mine else "") + (
        f" at {cycle.name_of(q.mot_id)}" if q.mot_id else "")
    who += f" mentioning “{escape(q.topic)}”" if q.topic else ""
    head = widened + f"*{insight.plural(len(stories), 'story', 'stories')}{who} — {label}*"
    if q.person and not q.on_team:
        head = (f"{escape(q.person)} isn't on your team list, so I looked for stories whose words name them.\n"
                + head)
    elif q.person and q.person_said:
        head = f"{escape(q.person_said)}: I took this as {escape(q.person)}, on your team.\n" + head
    if count_only:
        lines = [head]
        if period.label != "all time" and not q.brief:
            before_period = q.compare or previous_period(q.period)
            before = len(await find(before_period))
            lines[0] += f" ({before} in {before_period.label}, {arrow(len(stories) - before).replace(' pp', '')})"
        per_mot = Counter(s.mot_id for s in stories)
        by_mot = per_mot.most_common(0 if q.brief else MAX_ROWS)  # "just the number"
        lines.extend(f"• {cycle.name_of(m)}: {n}" for m, n in by_mot)
        if by_mot and len(per_mot) > len(by_mot):  # the rows add up to the count
            rest = len(stories) - sum(n for _, n in by_mot)
            lines.append(f"• …and {insight.plural(rest, 'story', 'stories')} about "
                         f"{insight.plural(len(per_mot) - len(by_mot), 'other moment')}")
        show = () if q.person or q.mine or q.topic or not stories else (  # (the button lists a window's stories, unsearched)
            button("stories", "Show them", mot=q.mot_id, period=q.period, tz=team.timezone),)
        return [Reply("\n".join(lines), buttons(*show))]
    if not stories:
        return [Reply(f"{head}\nNo stories{who} in this window.")]
    lines = [head]
    tz = ZoneInfo(team.timezone)
    shown = min(q.limit or MAX_ROWS, MAX_ROWS)  # "the latest 3 stories"
    for story in stories[:shown]:
        when = story.created_at.astimezone(tz)
        helpers = f" with {escape(', '.join(story.colleagues))}" if story.colleagues else ""
        lines.append(f"• *{cycle.name_of(story.mot_id)}* — {escape(people.get(story.author_id, 'someone'))}{helpers}, "
                     f"{when:%a} {when.day} {when:%b}:")
        lines.append(_quote(ctx, story.text))
    if len(stories) > shown:
        lines.append(f"…and {len(stories) - shown} more.")
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

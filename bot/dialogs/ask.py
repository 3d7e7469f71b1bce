"""ask (managers only): questions in plain words -> numbers from the database, the window stated,
real quotes behind each claim, buttons to drill in.

"Weakest" is defined honestly: MOTs with at least `min_sample` ratings ranked by the lower bound of
the 95% Wilson interval of their irritating share, with n shown; smaller samples are listed apart.
Buttons carry everything they need ("go:ask:<verb>:<mot>:<first day>:<day after>"), so they work
after the conversation ended and after a restart. See docs/insights.md.

This module is longer than STYLE.md's 400 lines: the "managers ask" work owns this one dialog
module (plus bot/insight.py and bot/chart.py), and numbers stay in insight.py. The natural split, once
agreed, is a package `bot/dialogs/ask/`: `buttons.py` (payloads and periods), `answers.py` (one
function per intent), `practices.py` (cards and "Accept as standard") and `__init__.py` (the spec)."""

from __future__ import annotations

import hashlib
import logging
from collections import Counter
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from bot import chart, insight, store
from bot.cycle import Cycle
from bot.dialogs.engine import END, Act, ActResult, Ask, Choose, DialogContext, DialogSpec, Reply, Slots
from bot.events import Choice
from bot.insight import MotStat
from bot.nlp.period import Period, find_periods, named_period, previous_period
from bot.nlp.question import DEFAULT_PERIODS, MotRef, Question, parse_question

log = logging.getLogger(__name__)

EXAMPLES = (
    "which MOTs are weakest this week?",
    "worst touchpoints last month",
    "how did check-in do since Monday?",
    "compare this week with last",
    "what are people saying about parking?",
    "best practices for the waiting room",
    "stories about Dana",
    "how many stories this week?",
    "show me the chart",
)
INTENT_LABELS = {
    "weakest": "Weakest moments", "strongest": "Strongest moments", "mot_detail": "How one moment did",
    "comments": "What people say about a moment", "stories": "Recent stories", "story_count": "How many stories",
    "compare": "This period vs the previous one", "practices": "Best practices",
    "chart": "The cycle-of-service chart", "help": "What I can answer",
}
_VERB = {"mot_detail": "detail", "story_count": "count"}  # intent -> shorter button verb
_INTENT = {v: k for k, v in _VERB.items()}
MAX_CHOICE_ID = 64  # Telegram's callback_data limit, in bytes
ICON = {"shining": "✨", "dull": "😐", "irritating": "😠"}


# --- small formatting helpers -------------------------------------------------------------------


def mot_refs(cycle: Cycle) -> list[MotRef]:
    return [MotRef(m.id, m.name, m.aliases) for m in cycle.mots]


def _mix(stat: MotStat) -> str:
    return " · ".join(f"{ICON[r]} {stat.pct(r)}%" for r in ("shining", "dull", "irritating"))


def arrow(delta: int | None) -> str:
    if delta is None:
        return "(no earlier ratings)"
    return f"▲ {delta} pp" if delta > 0 else f"▼ {-delta} pp" if delta < 0 else "= 0 pp"


def _clip(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _quote(ctx: DialogContext, text: str, prefix: str = "") -> str:
    return f"    > {prefix}“{_clip(ctx.services.redact(text))}”"


def min_sample(team: object) -> int:
    try:
        return max(1, int(getattr(team, "settings", {}).get("min_sample", insight.MIN_SAMPLE)))
    except (TypeError, ValueError):
        return insight.MIN_SAMPLE


def help_text() -> str:
    lines = "\n".join(f"• {e}" for e in EXAMPLES)
    return (f"Ask me about your team's moments of truth in plain words, for example:\n{lines}\n"
            "Name a period if you like: *last week*, *this month*, *since Monday*, *last 14 days*.")


# --- periods in buttons -------------------------------------------------------------------------


def _midnight(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(), tzinfo=zone).astimezone(timezone.utc).astimezone(zone)


def period_days(period: Period, tz: str) -> tuple[date, date]:
    """[first day, day after the last day) in `tz`; a period ending mid-day counts that day whole."""
    zone = ZoneInfo(tz)
    start, end = period.start.astimezone(zone), period.end.astimezone(zone)
    stop = end.date() if end == _midnight(end.date(), zone) else end.date() + timedelta(days=1)
    return start.date(), max(stop, start.date() + timedelta(days=1))


def period_from_days(first: date, stop: date, *, now: datetime, tz: str) -> Period:
    """The Period of whole local days [first, stop) in the team's zone, named like parse_question would."""
    zone = ZoneInfo(tz)
    start, end = _midnight(first, zone), _midnight(stop, zone)
    for name in ("this_week", "last_week", "this_month", "last_month", "today", "yesterday"):
        try:
            named = named_period(name, now=now, tz=tz)
        except ValueError:
            continue
        if (named.start, named.end) == (start, end):
            return named
    last = stop - timedelta(days=1)
    label = f"{last:%a} {last.day} {last:%b %Y}" if first == last else (
        f"{first:%a} {first.day} {first:%b} – {last:%a} {last.day} {last:%b %Y}")
    return Period(start, end, label)


def button(verb: str, label: str, *, mot: str | None = None, period: Period | None = None, tz: str = "UTC") -> Choice:
    """A "go:ask:…" button that re-asks a question, keeping the period when it fits in 64 bytes
    (ISO days, else compact days, else the intent's default period). See `buttons` for the rest."""
    base = f"go:ask:{_VERB.get(verb, verb)}:{mot or ''}"
    if period is not None:
        first, stop = period_days(period, tz)
        for fmt in ("%Y-%m-%d", "%Y%m%d"):
            long = f"{base}:{first.strftime(fmt)}:{stop.strftime(fmt)}"
            if len(long.encode()) <= MAX_CHOICE_ID:
                return Choice(long, label)
    return Choice(base, label)


def buttons(*choices: Choice) -> tuple[Choice, ...]:
    """Only the buttons a platform can carry (a very long MOT id cannot fit in 64 bytes)."""
    return tuple(c for c in choices if len(c.id.encode()) <= MAX_CHOICE_ID)


def _day(text: str) -> date | None:
    for fmt in ("%Y-%m-%d", "%Y%m%d"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def question_from_payload(payload: str, *, now: datetime, tz: str) -> Question | None:
    """"detail:check-in:2026-11-16:2026-11-23" -> Question(mot_detail, that week, check-in)."""
    verb, _, rest = payload.partition(":")
    intent = _INTENT.get(verb, verb)
    if intent not in DEFAULT_PERIODS or intent == "unknown":
        return None
    parts = rest.split(":") if rest else []
    days = [_day(p) for p in parts[1:3]]
    period = None
    if len(days) == 2 and days[0] and days[1] and days[0] < days[1] and (days[1] - days[0]).days <= 3700:
        period = period_from_days(days[0], days[1], now=now, tz=tz)
    period = period or named_period(DEFAULT_PERIODS[intent], now=now, tz=tz)
    return Question(intent=intent, period=period, mot_id=(parts[0] or None) if parts else None)


# --- answers ------------------------------------------------------------------------------------


async def _stats(ctx: DialogContext, period: Period, mot_ids: list[str] | None = None) -> dict[str, MotStat]:
    return await insight.mot_stats(session=ctx.services.session, team_id=ctx.team.id, start=period.start,
                                   end=period.end, mot_ids=mot_ids)


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
    quotes = await insight.rating_quotes(session=ctx.services.session, team_id=team.id, start=q.period.start,
                                         end=q.period.end, mot_ids=quoted, ratings=(rating,), per_group=2)
    stories = {}
    if by == "strength":
        stories = await insight.story_quotes(session=ctx.services.session, team_id=team.id, start=q.period.start,
                                             end=q.period.end, mot_ids=quoted)
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
        lines.extend(_quote(ctx, s.text, f"📖 {people.get(s.author_id, 'staff')}: ") for s in stories.get(stat.mot_id, []))
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
    standards = await insight.list_standards(session=session, team_id=ctx.team.id, mot_id=mot_id)
    people = await _people(ctx) if standards else {}
    weeks = insight.STANDARD_WINDOW.days // 7
    for standard in standards:
        before, after = await insight.before_after(session=session, team_id=ctx.team.id, mot_id=mot_id,
                                                   since=standard.accepted_at, now=ctx.now)
        when = standard.accepted_at.astimezone(ZoneInfo(ctx.team.timezone))
        who = people.get(standard.accepted_by, standard.accepted_by)
        lines.append(f"📌 Standard since {when.day} {when:%b %Y} (accepted by {who}): “{_clip(standard.behaviour, 120)}”")
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
    stories = await insight.story_counts(session=session, team_id=team.id, start=q.period.start, end=q.period.end)
    lines.append(f"Staff stories about it: {stories.get(mot_id, 0)}")
    quotes = await insight.rating_quotes(session=session, team_id=team.id, start=q.period.start, end=q.period.end,
                                         mot_ids=[mot_id], per_group=2)
    if quotes:
        lines.append("What customers said:")
        lines.extend(_quote(ctx, x.text, f"{ICON[x.rating]} ") for x in quotes)
    told = await insight.story_quotes(session=session, team_id=team.id, start=q.period.start, end=q.period.end,
                                      mot_ids=[mot_id])
    if told.get(mot_id):
        people = await _people(ctx)
        lines.extend(_quote(ctx, s.text, f"📖 {people.get(s.author_id, 'staff')}: ") for s in told[mot_id])
    lines.extend(await _standard_lines(ctx, mot_id))
    choices = [button("comments", "What people say", mot=mot_id, period=q.period, tz=tz),
               button("practices", "Best practices", mot=mot_id, period=q.period, tz=tz)]
    choices += [button("detail", f"Or: {cycle.name_of(m)}", mot=m, period=q.period, tz=tz)
                for m in q.alternative_mots[:2] if cycle.mot(m)]
    return [Reply("\n".join(lines), buttons(*choices))]


async def answer_comments(ctx: DialogContext, q: Question) -> list[Reply]:
    cycle, team, mot_id = ctx.cycle, ctx.team, q.mot_id
    about = cycle.name_of(mot_id) if mot_id else "all moments"
    quotes = await insight.rating_quotes(
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
            said = await insight.rating_quotes(session=ctx.services.session, team_id=team.id, start=later.start,
                                               end=later.end, mot_ids=[mot_id], ratings=(rating,), per_group=2)
            lines.extend(_quote(ctx, x.text, f"{ICON[rating]} ") for x in said)
            choices.append(button("detail", f"More on {cycle.name_of(mot_id)}", mot=mot_id, period=later, tz=tz))
    return [Reply("\n".join(lines), buttons(*choices))]


async def answer_stories(ctx: DialogContext, q: Question, *, count_only: bool) -> list[Reply]:
    cycle, team, session = ctx.cycle, ctx.team, ctx.services.session
    people = await _people(ctx)

    async def find(period: Period) -> list:
        found = await store.list_stories(session=session, team_id=team.id, start=period.start, end=period.end,
                                         mot_id=q.mot_id)
        if q.person:
            found = [s for s in found if insight.names_match(q.person, people.get(s.author_id, ""))
                     or any(insight.names_match(q.person, c) for c in s.colleagues)]
        return found

    stories = await find(q.period)
    who = (f" about {q.person}" if q.person else "") + (f" at {cycle.name_of(q.mot_id)}" if q.mot_id else "")
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
        helpers = f" with {', '.join(story.colleagues)}" if story.colleagues else ""
        lines.append(f"• *{cycle.name_of(story.mot_id)}* — {people.get(story.author_id, 'someone')}{helpers}, "
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


async def answer(ctx: DialogContext, q: Question) -> list[Reply]:
    """One parsed question -> replies."""
    handlers = ctx.services.extras.get("ask_handlers", {})
    if q.intent in handlers:
        return await handlers[q.intent](ctx, q)
    if q.intent in ("weakest", "strongest"):
        return await answer_ranking(ctx, q, by="weakness" if q.intent == "weakest" else "strength")
    if q.intent == "mot_detail" and q.mot_id:
        return await answer_mot(ctx, q)
    if q.intent == "comments":
        return await answer_comments(ctx, q)
    if q.intent == "compare":
        return await answer_compare(ctx, q)
    if q.intent in ("stories", "story_count"):
        return await answer_stories(ctx, q, count_only=q.intent == "story_count")
    if q.intent == "practices":
        return await answer_practices(ctx, q)
    if q.intent == "chart":
        return await answer_chart(ctx, q)
    if q.intent == "help":
        return [help_reply(ctx)]
    return [help_reply(ctx, "Sorry, I can't answer that one yet.\n")]


# --- best practices (bot/nlp/practice.py) --------------------------------------------------------


def card_key(card: object) -> str:
    """8 hex digits naming a card's behaviour in its accept button (the standard key can be long)."""
    key = insight.standard_key(getattr(card, "behaviour", ""))
    return hashlib.sha256(key.encode()).hexdigest()[:8]


def _card_effect(card: object, evidence: insight.PracticeEvidence) -> str:
    """What the behaviour did: said by a customer ("made me feel…"), else the teller's effect."""
    said = getattr(card, "effect", None)
    ids = getattr(card, "supporting_ids", ())
    return said or next((evidence.effects[i] for i in ids if i in evidence.effects), "")


def _practices(evidence: insight.PracticeEvidence) -> list:
    """The cards worth showing: an effect the extractor also read as a behaviour ("they made her feel
    reassured") is not a practice."""
    return [c for c in evidence.cards if not (c.effect and c.behaviour.casefold() in c.effect.casefold())]


async def _evidence(ctx: DialogContext, period: Period, mot_id: str | None) -> insight.PracticeEvidence:
    return await insight.practice_evidence(session=ctx.services.session, team_id=ctx.team.id, start=period.start,
                                           end=period.end, mot_id=mot_id, min_people=2)


async def answer_practices(ctx: DialogContext, q: Question) -> list[Reply]:
    cycle, tz = ctx.cycle, ctx.team.timezone
    period, evidence = q.period, await _evidence(ctx, q.period, q.mot_id)
    first, stop = period_days(period, tz)
    if not _practices(evidence) and (stop - first).days < 90:  # a quiet month: look further back
        period = period_from_days(stop - timedelta(days=90), stop, now=ctx.now, tz=tz)
        evidence = await _evidence(ctx, period, q.mot_id)
    about = cycle.name_of(q.mot_id) if q.mot_id else "all moments"
    head = f"*Best practices for {about} — {period.label}*"
    if not _practices(evidence):
        return [Reply(f"{head}\nI found no concrete behaviours in {evidence.stories} stories and {evidence.praise} "
                      "compliments yet. Stories that say what someone *did* help most.")]
    standards = await insight.list_standards(session=ctx.services.session, team_id=ctx.team.id, mot_id=q.mot_id)
    accepted = {(s.mot_id, s.key) for s in standards}
    people = await _people(ctx)
    lines = [head, f"_From {evidence.stories} staff stories and {evidence.praise} customer compliments: "
                   "behaviour → moment → effect._"]
    choices = []
    for i, card in enumerate(_practices(evidence)[:5], 1):
        effect = _card_effect(card, evidence)
        lines.append(f"{i}. *{_clip(card.behaviour, 100)}* → {cycle.name_of(card.mot_id)}"
                     + (f" → {_clip(effect, 90)}" if effect else ""))
        who = "1 person does this" if card.people_count == 1 else f"{card.people_count} people do this"
        spread = "✅ worth spreading" if card.spreadable else "only one person so far"
        lines.append(f"    {who} (mentioned {len(card.supporting_ids)}×) · {spread}")
        quoted: set[str] = set()
        for source in card.supporting_ids:
            teller, text = evidence.sources.get(source, ("", ""))
            if text and text not in quoted and len(quoted) < 2:
                quoted.add(text)
                label = "✨ customer" if teller == "customer" else f"📖 {people.get(teller, 'staff')}"
                lines.append(_quote(ctx, text, f"{label}: "))
        if (card.mot_id, insight.standard_key(card.behaviour)) in accepted:
            lines.append("    📌 already your standard")
        elif len(choices) < 3:
            d1, d2 = period_days(period, tz)
            choices.append(Choice(f"go:ask:accept:{card.mot_id}:{card_key(card)}:{d1:%Y%m%d}:{d2:%Y%m%d}",
                                  f"Accept #{i} as standard"))
    return [Reply("\n".join(lines), buttons(*choices))]


async def accept_practice(ctx: DialogContext, payload: str) -> list[Reply]:
    """"accept:<mot>:<card key>:<day>:<day>": find the card again in the same window and store it."""
    cycle, tz = ctx.cycle, ctx.team.timezone
    _, mot_id, key, *days = (payload.split(":") + ["", "", ""])[:6]
    if not cycle.mot(mot_id):
        return [Reply("That moment is no longer in your cycle of service.")]
    first, stop = _day(days[0]), _day(days[1])
    period = (period_from_days(first, stop, now=ctx.now, tz=tz) if first and stop and first < stop
              else named_period("this_month", now=ctx.now, tz=tz))
    evidence = await _evidence(ctx, period, mot_id)
    card = next((c for c in evidence.cards if card_key(c) == key), None)
    if card is None:
        q = Question(intent="practices", period=period, mot_id=mot_id)
        return [Reply("That practice has changed since (new stories came in). Here are the current ones:"),
                *await answer_practices(ctx, q)]
    story_ids = [int(i[1:]) for i in card.supporting_ids if i.startswith("s") and i[1:].isdigit()]
    row, created = await insight.accept_standard(
        session=ctx.services.session, team_id=ctx.team.id, mot_id=mot_id, behaviour=card.behaviour,
        effect=_card_effect(card, evidence), story_ids=story_ids, accepted_by=ctx.actor.person_id or "",
        accepted_at=ctx.now)
    name = cycle.name_of(mot_id)
    follow = buttons(button("detail", f"How {name} is doing", mot=mot_id,
                            period=named_period("this_month", now=ctx.now, tz=tz), tz=tz))
    if not created:
        since = row.accepted_at.astimezone(ZoneInfo(tz))
        return [Reply(f"📌 “{row.behaviour}” is already the standard for *{name}* (since {since.day} {since:%b %Y}).",
                      follow)]
    weeks = insight.STANDARD_WINDOW.days // 7
    return [Reply(f"📌 Accepted as the standard for *{name}*: “{row.behaviour}”.\n"
                  f"I'll keep count: ask *how did {name} do* to compare the irritating share in the {weeks} weeks "
                  "before today with the weeks since.", follow)]


# --- the dialog ---------------------------------------------------------------------------------


def parse(ctx: DialogContext, text: str, people: list[str]) -> Question:
    return parse_question(text, now=ctx.now, tz=ctx.team.timezone, mots=mot_refs(ctx.cycle), people=people)


def _option_label(ctx: DialogContext, intent: str, mot_id: str | None) -> str | None:
    name = ctx.cycle.name_of(mot_id) if mot_id else None
    if intent == "mot_detail":
        return f"How {name} did" if name else None
    if intent == "comments":
        return f"What people say about {name}" if name else "What people are saying"
    if intent == "practices":
        return f"Best practices for {name}" if name else "Best practices"
    return INTENT_LABELS.get(intent)


def _clarify_options(ctx: DialogContext, q: Question) -> list[list[str]]:
    """[choice id "intent|mot", label] for the "did you mean" step, best reading first."""
    options: list[list[str]] = []
    for intent in q.alternative_intents:
        label = _option_label(ctx, intent, q.mot_id)
        if label and intent in INTENT_LABELS:
            options.append([f"{intent}|{q.mot_id or ''}", label])
    if options and q.mot_id:
        first = options[0][0].split("|")[0]
        for other in q.alternative_mots[:2]:
            label = _option_label(ctx, first, other) if ctx.cycle.mot(other) else None
            if label:
                options.append([f"{first}|{other}", label])
    return options[:5]


def _or_buttons(ctx: DialogContext, q: Question) -> tuple[Choice, ...]:
    """Other readings of a question answered on weak evidence, as buttons ("Or: …")."""
    found = []
    for intent in q.alternative_intents[:2]:
        label = _option_label(ctx, intent, q.mot_id)
        if label and intent not in ("unknown", "help") and (intent != "mot_detail" or q.mot_id):
            found.append(button(intent, f"Or: {label}", mot=q.mot_id, period=q.period, tz=ctx.team.timezone))
    return buttons(*found)


async def _route(ctx: DialogContext, slots: Slots) -> ActResult:
    """A button payload ("detail:<mot>:<day>:<day>", "accept:…") answers at once; else ask."""
    payload = slots.get("payload")
    if not payload or ctx.team is None or ctx.cycle is None:
        return ActResult()
    if payload.startswith("accept:"):
        return ActResult(replies=tuple(await accept_practice(ctx, payload)), goto=END)
    q = question_from_payload(payload, now=ctx.now, tz=ctx.team.timezone)
    if q is None:
        return ActResult()
    if q.mot_id and ctx.cycle.mot(q.mot_id) is None:
        return ActResult(replies=(Reply("That moment is no longer in your cycle of service."),), goto=END)
    if q.intent == "mot_detail" and not q.mot_id:
        return ActResult()
    return ActResult(replies=tuple(await answer(ctx, q)), goto=END)


async def _answer(ctx: DialogContext, slots: Slots) -> ActResult:
    if ctx.team is None or ctx.cycle is None:
        return ActResult(replies=(Reply("I don't know which team you manage yet, so I have no numbers."),), goto=END)
    people = [p.display_name for p in await store.list_people(session=ctx.services.session, team_id=ctx.team.id)]
    text = str(slots.get("question") or "")
    q = parse(ctx, text, people)
    if q.intent == "unknown":
        options = _clarify_options(ctx, q)
        if not options:
            return ActResult(replies=(help_reply(ctx, "Sorry, I didn't understand that question.\n"),), goto=END)
        named = bool(find_periods(text, now=ctx.now, tz=ctx.team.timezone))
        period = [q.period.start.isoformat(), q.period.end.isoformat(), q.period.label] if named else None
        return ActResult(slots={"options": options, "period": period, "person": q.person, "people": people},
                         goto="clarify")
    replies = await answer(ctx, q)
    extra = _or_buttons(ctx, q) if q.confidence < 0.7 else ()
    if extra and replies:
        last = replies[-1]
        replies[-1] = Reply(last.text, (*last.choices, *extra), last.image_path)
    return ActResult(replies=tuple(replies), goto=END)


def _clarify_prompt(ctx: DialogContext, slots: Slots) -> str:
    said = _clip(str(slots.get("question") or ""), 80)
    return f"I'm not sure what you mean by “{said}”. Did you mean…"


def _clarify_choices(ctx: DialogContext, slots: Slots) -> tuple[Choice, ...]:
    return tuple(Choice(i, label) for i, label in slots.get("options", []))


def _clarify_parse(ctx: DialogContext, slots: Slots, text: str) -> str | None:
    """Typed a new, clear question instead of choosing: answer that one."""
    if parse(ctx, text, list(slots.get("people", []))).intent == "unknown":
        return None
    slots["question"] = text
    return "again|"


async def _answer_clarified(ctx: DialogContext, slots: Slots) -> ActResult:
    intent, _, mot_id = str(slots.get("intent", "")).partition("|")
    if intent == "again":
        return await _answer(ctx, slots)
    tz = ctx.team.timezone
    stored = slots.get("period")
    if stored:
        zone = ZoneInfo(tz)
        start, end = (datetime.fromisoformat(x).astimezone(zone) for x in stored[:2])
        period = Period(start, end, stored[2])
    else:
        period = named_period(DEFAULT_PERIODS.get(intent, "this_week"), now=ctx.now, tz=tz)
    q = Question(intent=intent, period=period, mot_id=mot_id or None, person=slots.get("person"))
    return ActResult(replies=tuple(await answer(ctx, q)), goto=END)


async def _done(ctx: DialogContext, slots: Slots) -> list[Reply]:
    return []


ASK = DialogSpec(
    name="ask",
    title="question",
    triggers=("ask", "question", "insights", "stats"),
    roles=frozenset({"manager"}),
    refusal=(
        "Sorry, only the team's managers can ask about the numbers. "
        "You can tell a story (*story*) or give feedback (*feedback*)."
    ),
    help=help_text(),
    cancel_text="Okay.",
    steps=(
        Act("route", _route),
        Ask("question", "What would you like to know? e.g. *which MOTs are weakest this week?*", slot="question"),
        Act("answer", _answer),
        Choose("clarify", _clarify_prompt, slot="intent", choices=_clarify_choices, parse=_clarify_parse),
        Act("answer_clarified", _answer_clarified),
    ),
    on_complete=_done,
)

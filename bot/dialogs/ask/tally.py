"""Answers for counts, people, trends and off-topic requests in the ask dialog: customers' ratings
counted (all, by rating, by MOT), who told the most stories or was named most in them, a weekly or
monthly series with a sparkline and a tested verdict, and "not something I can answer". Each answer
leads with the answer in one line, states its window (and says when it was defaulted or narrowed),
and shows at most `MAX_ROWS` rows. Counts are SQL (bot/store/stats.py); the arithmetic and the trend
test are bot/insight.py's."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot import insight, store
from bot.dialogs.ask.button import button, buttons
from bot.dialogs.ask.wording import ICON
from bot.dialogs.engine import DialogContext, Reply
from bot.dialogs.problem import problem_reports, recent_window
from bot.markup import escape
from bot.nlp.period import ALL_TIME_LABEL, Period, named_period, previous_period
from bot.nlp.question import PEOPLE, STORIES, STORY_COUNT, Question
from bot.weekly import chart

MAX_ROWS = 5
_OF_STORIES = (STORIES, STORY_COUNT, PEOPLE)  # answers counted from stories, not ratings

log = logging.getLogger(__name__)


def _day(moment: datetime, tz: str) -> str:
    local = moment.astimezone(ZoneInfo(tz))
    return f"{local.day} {local:%b %Y}"


async def window(ctx: DialogContext, q: Question) -> tuple[Period, str]:
    """The period an answer covers and how to say it: "all time" narrowed to the first rating ("all
    time (since 3 Mar 2025)") and a default said as one ("this week (Mon 16 Nov – Sun 22 Nov; default,
    as no period was named)")."""
    period, tz = q.period, ctx.team.timezone
    if period.label == ALL_TIME_LABEL:
        told = q.intent in _OF_STORIES  # stories may have been told before the first rating came in
        first = await (store.first_story_at if told else store.first_rating_at)(session=ctx.services.session,
                                                                               team_id=ctx.team.id)
        if first is None:
            return period, f"all time (no {'stories' if told else 'ratings'} yet)"
        local = _aware(first).astimezone(ZoneInfo(tz))
        start = datetime.combine(local.date(), datetime.min.time(), tzinfo=ZoneInfo(tz))
        return Period(start, period.end, ALL_TIME_LABEL), f"all time (since {_day(_aware(first), tz)})"
    label = period.label
    if not q.period_named:  # defaults differ by intent (a week for rankings, a month for details): say so
        note = "default" if q.period_unread else "default, as no period was named"  # the unread said first
        label = f"{label[:-1]}; {note})" if label.endswith(")") else f"{label} ({note})"
    return period, label


def _until_today(ctx: DialogContext, period: Period) -> Period:
    """A window cut at the end of today ("trend this year" has no December yet)."""
    zone = ZoneInfo(ctx.team.timezone)
    tomorrow = datetime.combine(ctx.now.astimezone(zone).date() + timedelta(days=1), datetime.min.time(), tzinfo=zone)
    return Period(period.start, tomorrow, period.label) if period.end > tomorrow > period.start else period


# --- ratings counts ---------------------------------------------------------------------------


def _aware(moment: datetime) -> datetime:
    """SQLite hands timestamps back naive (they are stored in UTC)."""
    return moment if moment.tzinfo else moment.replace(tzinfo=ZoneInfo("UTC"))


async def answer_rating_count(ctx: DialogContext, q: Question) -> list[Reply]:
    """"how many ratings this week", "how many irritating votes for parking since 1 Oct": the count
    of customers' ratings (never stories), with the mix, the customers they came from and the period
    before."""
    if q.counted == "comments":
        return await _answer_comment_count(ctx, q)
    session, team, tz = ctx.services.session, ctx.team, ctx.team.timezone
    period, label = await window(ctx, q)
    only = [q.mot_id] if q.mot_id else None
    total, customers = await store.count_ratings(session=session, team_id=team.id, start=period.start,
                                                 end=period.end, mot_ids=only)
    where = f" for {ctx.cycle.name_of(q.mot_id)}" if q.mot_id else ""
    kind = f"{q.rating} " if q.rating else ""
    count = getattr(total, q.rating) if q.rating else total.n
    lead = f"*{insight.plural(count, kind + 'rating')}{where}* — {label}"
    if q.rating and total.n:
        lead += f" ({total.pct(q.rating)}% of {insight.plural(total.n, 'rating')})"
    lines = [lead]
    if q.brief:  # "just the number": the count and its window, nothing under it
        return [Reply(lead, buttons(button("weakest", "Weakest moments", period=q.period, tz=tz)))]
    if total.n:
        lines.append(f"From {insight.plural(customers, 'customer')}: "
                     + " · ".join(f"{ICON[r]} {getattr(total, r)} {r}" for r in ("shining", "dull", "irritating")))
    else:
        lines.append("No customer ratings in this window.")
    first = await store.first_rating_at(session=session, team_id=team.id)
    before_period = q.compare or previous_period(q.period)
    if period.label != ALL_TIME_LABEL and first is not None and _aware(first) < before_period.end:
        before, _ = await store.count_ratings(session=session, team_id=team.id, start=before_period.start,
                                              end=before_period.end, mot_ids=only)
        then = getattr(before, q.rating) if q.rating else before.n
        delta = count - then
        sign = f"▲ {delta}" if delta > 0 else f"▼ {-delta}" if delta < 0 else "no change"
        lines.append(f"{before_period.label}: {then} ({sign})")
    if not q.mot_id and total.n:
        per_mot = await store.mot_stats(session=session, team_id=team.id, start=period.start, end=period.end)
        key = (lambda s: getattr(s, q.rating)) if q.rating else (lambda s: s.n)
        most = sorted((s for s in per_mot.values() if key(s)), key=lambda s: (-key(s), s.mot_id))[:3]
        if most:
            lines.append("Most: " + ", ".join(f"{ctx.cycle.name_of(s.mot_id)} {key(s)}" for s in most))
    choices = [button("weakest", "Weakest moments", period=q.period, tz=tz)]
    if q.mot_id:
        choices.insert(0, button("detail", f"More on {ctx.cycle.name_of(q.mot_id)}", mot=q.mot_id,
                                 period=q.period, tz=tz))
    return [Reply("\n".join(lines), buttons(*choices))]


async def _answer_comment_count(ctx: DialogContext, q: Question) -> list[Reply]:
    """"how many comments this month": customers' words, given with a rating or left at the end of the survey."""
    tz = ctx.team.timezone
    period, label = await window(ctx, q)
    rated, own = await store.count_comments(session=ctx.services.session, team_id=ctx.team.id, start=period.start,
                                            end=period.end, mot_ids=[q.mot_id] if q.mot_id else None, rating=q.rating)
    where = f" about {ctx.cycle.name_of(q.mot_id)}" if q.mot_id else ""
    kind = f"{q.rating} " if q.rating else ""
    lead = f"*{insight.plural(rated + own, kind + 'customer comment')}{where}* — {label}"
    if q.brief or not rated + own:
        return [Reply(lead if rated + own else f"{lead}\nNo customer comments in this window.")]
    parts = f"{rated} given with a rating, {own} left at the end of the survey"
    more = button("comments", "What they say" + (f" about {ctx.cycle.name_of(q.mot_id)}" if q.mot_id else ""),
                  mot=q.mot_id, period=q.period, tz=tz)
    return [Reply(f"{lead}\n{parts}.", buttons(more))]


# --- people -------------------------------------------------------------------------------------


async def answer_people(ctx: DialogContext, q: Question, viewer: object) -> list[Reply]:
    """"who shared the most stories this month" (stories told per person) or "who was mentioned most"
    (stories naming each colleague), ties kept together. Only stories the asking manager may see."""
    session, team = ctx.services.session, ctx.team
    period, label = await window(ctx, q)
    people = {p.id: p.display_name for p in await store.list_people(session=session, team_id=team.id)}
    if q.measure == "credited":
        lists = await store.story_colleagues(session=session, team_id=team.id, viewer=viewer, start=period.start,
                                             end=period.end, mot_id=q.mot_id)
        counts = insight.credits(lists, sorted(set(people.values())))
        what, unit = "Named most as a colleague in stories", "story"
    else:
        told = await store.stories_per_author(session=session, team_id=team.id, viewer=viewer, start=period.start,
                                              end=period.end, mot_id=q.mot_id)
        counts = {people.get(author, "someone no longer on the team"): n for author, n in told.items()}
        what, unit = "Most stories told", "story"
    if q.mot_id:  # "who was credited most in the stories about the physician"
        label = f"{label}, stories about {ctx.cycle.name_of(q.mot_id)}"
    limit = min(q.limit or MAX_ROWS, MAX_ROWS)
    ranked = insight.top_n(counts, limit)
    if not ranked:
        none = "No colleague named in stories" if q.measure == "credited" else "No stories told"
        return [Reply(f"*{none} — {label}.*\nNudge the team to share one!")]
    best = [name for name, n in ranked if n == ranked[0][1]]
    who = " and ".join(escape(n) for n in best[:3]) + (f" and {len(best) - 3} more" if len(best) > 3 else "")
    lines = [f"*{what} — {label}: {who}, {insight.plural(ranked[0][1], unit, 'stories')}*"
             + (" each" if len(best) > 1 else "")]
    shown = ranked[:MAX_ROWS]
    lines.extend(f"{i}. {escape(name)} — {insight.plural(n, unit, 'stories')}" for i, (name, n) in enumerate(shown, 1))
    if len(ranked) > len(shown):
        lines.append(f"…and {len(ranked) - len(shown)} more tied at {shown[-1][1]}.")
    total = sum(counts.values())
    lines.append(f"_{insight.plural(total, 'story', 'stories')} counted; a story that names two colleagues counts"
                 " for each._" if q.measure == "credited" else f"_{insight.plural(total, 'story', 'stories')} in all._")
    return [Reply("\n".join(lines))]


# --- trends -------------------------------------------------------------------------------------


def _six_months(ctx: DialogContext) -> Period:
    """This month and the five before it, from the 1st."""
    last = named_period("last_6_months", now=ctx.now, tz=ctx.team.timezone)
    first = last.start if last.start.day == 1 else (last.start + timedelta(days=31)).replace(day=1)
    end = last.end - timedelta(days=1)
    return Period(first, last.end, f"last 6 months ({first:%b %Y} – {end:%b %Y})")


async def answer_trend(ctx: DialogContext, q: Question) -> list[Reply]:
    """A weekly (up to 16 weeks) or monthly series of the irritating and shining shares (and the dull one when
    asked), as sparklines, with a verdict from the Cochran–Armitage test for trend on the share asked about
    ("are shining votes going up"), the irritating share when none is."""
    session, team, tz = ctx.services.session, ctx.team, ctx.team.timezone
    if q.series == "month" and not q.period_named:  # "monthly trend for parking": six whole months, this one last
        q = replace(q, period=_six_months(ctx))
    period, label = await window(ctx, q)
    period = _until_today(ctx, period)
    edges, unit = insight.series_edges(period.start, period.end, q.series)
    only = [q.mot_id] if q.mot_id else None
    series = await store.rating_series(session=session, team_id=team.id, bounds=edges, mot_ids=only)
    about = ctx.cycle.name_of(q.mot_id) if q.mot_id else "All moments"
    share = q.rating or "irritating"
    result = insight.trend_test(series, share)
    rated = [s for s in series if s.n]
    every = "weekly" if unit == "week" else "monthly"
    if not rated:
        return [Reply(f"*{about}, {every} — {label}*\nNo customer ratings in this window, so no trend to show.")]
    verdict = {"worse": "getting worse", "better": "getting better",
               "too few ratings": "too few ratings to tell"}.get(result.verdict, result.verdict)
    split = insight.halves(series)
    shift = (f"{split[0].pct(share)}% → {split[1].pct(share)}%, first half → second half"
             if split else f"{rated[0].pct(share)}%")  # one bucket with ratings: its share
    lines = [f"*{about}, {every} — {label}: {verdict}* — {ICON[share]} {share} {shift} (n={result.n})"]
    for shown in dict.fromkeys((share, "irritating", "shining")):  # the share asked about first
        lines.append(f"{ICON[shown]} {insight.sparkline([s.share(shown) if s.n else None for s in series])} {shown}")
    lines.append(f"{insight.plural(len(series), unit)} from {_day(edges[0], tz)}; ratings per {unit}: "
                 + " ".join(str(s.n) for s in series))
    if result.verdict == "too few ratings":
        lines.append(f"_Too few ratings to test a trend (need 3 or more {unit}s with ratings and "
                     f"{3 * insight.MIN_SAMPLE}+ ratings)._")
    else:
        lines.append(f"_Test: Cochran–Armitage trend test on the {every} {share} share: "
                     f"{result.slope_pp:+.1f} pp per {unit}, p={result.p_value:.3f} "
                     f"({'significant' if result.p_value < 0.05 else 'not significant'} at 5%)._")
    choices = [button("compare", "Compare with the period before", mot=q.mot_id, period=q.period, tz=tz)]
    if q.mot_id:
        choices.insert(0, button("detail", f"More on {about}", mot=q.mot_id, period=q.period, tz=tz))
    picture = await _trend_picture(ctx, f"{about}, {every} — {label}", edges, series, unit)
    text = "\n".join(lines[: MAX_ROWS + 1])
    if picture is None:
        text += "\n_Sorry, I couldn't draw the chart this time._"
    return [Reply(text, buttons(*choices), image_path=picture)]


def _bucket_label(start: datetime, unit: str, tz: str) -> str:
    local = start.astimezone(ZoneInfo(tz))
    return f"{local.day} {local:%b}" if unit == "week" else f"{local:%b %Y}"


async def _trend_picture(ctx: DialogContext, title: str, edges: list[datetime], series: list[insight.MotStat],
                         unit: str) -> str | None:
    """The series as a line chart (bot/weekly/chart.py); None when it can't be drawn (the text stands)."""
    data = chart.TrendData(title, tuple(_bucket_label(e, unit, ctx.team.timezone) for e in edges[:-1]),
                           tuple(series), unit)
    try:
        return str(await chart.save_trend_chart(chart_dir=ctx.services.settings.chart_dir, team_id=ctx.team.id,
                                                data=data))
    except Exception:  # noqa: BLE001 - a missing picture must not lose the answer
        log.exception("trend chart rendering failed")
        return None


# --- problems staff flagged ------------------------------------------------------------------------


async def answer_problems(ctx: DialogContext, q: Question) -> list[Reply]:
    """"how many problems were reported this month", "list the open issues at check-in": the problem reports
    (`bot.dialogs.problem.problem_reports`) over the period asked, else the last 30 days (as `problems` reads)."""
    reporter = q.person if q.on_team else None  # "problems reported by Sam": his
    if q.period_named:
        period, label = await window(ctx, q)
        return await problem_reports(ctx, start=period.start, end=period.end, window=label, mot_id=q.mot_id,
                                     reporter=reporter)
    start, label = recent_window(ctx)
    return await problem_reports(ctx, start=start, end=None, window=label, mot_id=q.mot_id, reporter=reporter)


# --- off-topic ------------------------------------------------------------------------------------


def off_topic_reply(ctx: DialogContext) -> Reply:
    """"book me an appointment", "who is the best employee": not ours, and no numbers pretending to be."""
    week = named_period("this_week", now=ctx.now, tz=ctx.team.timezone)
    tz = ctx.team.timezone
    return Reply(
        "That's not something I can answer: I only know your team's moments of truth — customers' ratings, staff "
        "stories and what people say. I don't hold other figures, book or send things, or rank people's worth.\n"
        "Try *weakest this week*, *how many ratings this month* or *who shared the most stories*.",
        (button("weakest", "Weakest this week", period=week, tz=tz),
         button("rating_count", "Ratings this week", period=week, tz=tz),
         button("stories", "Stories this week", period=week, tz=tz)),
    )

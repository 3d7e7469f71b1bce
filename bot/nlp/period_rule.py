"""Private to bot.nlp.period: the rules `find_periods` runs, each a pattern and a resolver
(match -> (period, parts))."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Callable

from bot.nlp.period_calendar import (
    Period,
    _Context,
    _MAX_ROLLING_DAYS,
    _ONE_DAY,
    _Span,
    _add_months,
    _shift,
    _span_text,
    _week_start,
    day_text,
)
from bot.nlp.period_point import (
    _ABS_POINT,
    _B,
    _E,
    _MONTH,
    _MONTHS,
    _NUM,
    _NUMBERS,
    _ORD,
    _POINT,
    _TO,
    _WEEKDAY,
    _WEEKDAYS,
    _YEAR,
    _day_span,
    _infer_year,
    _point_span,
    _range_spans,
    _year_of,
)

_Resolved = tuple[Period | None, tuple[Period, ...]] | None
# A resolver returns None when its pattern does not apply (other rules may match the words), or
# _REJECTED when the words do name a period but not a usable one ("since 1 December" said in
# November, "next week"): the words are then claimed, so no shorter rule reads part of them.
_REJECTED: tuple[None, tuple[Period, ...]] = (None, ())


@dataclass(frozen=True, slots=True)
class _Rule:
    pattern: re.Pattern[str]
    resolve: Callable[[re.Match[str], _Context], _Resolved]


# ---------------------------------------------------------------------------------------------
# Rule resolvers: match -> (period, parts)


def _resolve_day_range(m: re.Match[str], ctx: _Context) -> _Resolved:
    month = _MONTHS.get(m["month"].rstrip(".").lower())
    if month is None:
        return None
    d1, d2 = sorted((int(m["d1"]), int(m["d2"])))
    year = _year_of(m["year"])
    base = year if year is not None else _infer_year(month, d1, ctx.today)
    if base is None:
        return None
    a = _day_span(base, month, d1, ctx.today)
    b = _day_span(base, month, d2, ctx.today)
    if a is None or b is None:
        return _REJECTED
    return ctx.period(_Span(a.first, b.stop)), (ctx.period(a), ctx.period(b))


def _resolve_range(m: re.Match[str], ctx: _Context) -> _Resolved:
    if _point_span(m["a"], ctx) is None or _point_span(m["b"], ctx) is None:
        return _REJECTED  # "between 31/02 and 5/03": not a period, and not "5/03" either
    spans = _range_spans(m["a"], m["b"], ctx)
    if spans is None:
        return None
    whole, a, b = spans
    return ctx.period(whole), (ctx.period(a), ctx.period(b))


def _resolve_since(m: re.Match[str], ctx: _Context) -> _Resolved:
    unit = m["unit"] or m["unit_first"]  # "since the start of the month" = since the start of this month
    point = _point_span(f"this {unit}" if unit else m["a"] or m["b"], ctx)
    if point is None:
        return None
    if point.first > ctx.today:
        return _REJECTED
    name = point.name or _span_text(point.first, point.stop, ctx.today.year)
    span = _Span(point.first, ctx.today + _ONE_DAY)
    return ctx.period(span, f"since {name}"), (ctx.period(point),)


def _resolve_week_of(m: re.Match[str], ctx: _Context) -> _Resolved:
    """"w/c 16 Nov", "the week beginning the 9th": the week (Monday to Sunday) that day is in."""
    point = _point_span(m["a"], ctx)
    if point is None or point.stop - point.first != _ONE_DAY:
        return None  # "the week of October" names no week
    monday = _week_start(point.first)
    if monday > ctx.today:
        return _REJECTED
    return ctx.period(_Span(monday, monday + timedelta(days=7)), "week of " + day_text(monday, ctx.today.year)), ()


def _number(text: str) -> int | None:
    words = text.lower().split()
    if words and words[0].isdigit():
        return int(words[0])
    for word in words:
        if word in _NUMBERS and word not in ("a", "an"):
            return _NUMBERS[word]
    return None


def _rolling(n: int, unit: str, ctx: _Context, name: str) -> Period | None:
    unit = {"hr": "hour", "hrs": "hour"}.get(unit, unit).rstrip("s")
    today = ctx.today
    if unit == "hour":
        if not 0 < n <= 24 * 366:
            return None
        end = ctx.now
        return Period(start=_shift(end, -timedelta(hours=n)), end=end, label=name)
    if unit in ("day", "week", "fortnight"):
        days = n * {"day": 1, "week": 7, "fortnight": 14}[unit]
        if not 0 < days <= _MAX_ROLLING_DAYS:
            return None
        return ctx.period(_Span(today - timedelta(days=days - 1), today + _ONE_DAY), name)
    months = n * {"year": 12, "quarter": 3}.get(unit, 1)
    if not 0 < months <= 120:
        return None
    return ctx.period(_Span(_add_months(today, -months) + _ONE_DAY, today + _ONE_DAY), name)


# the short spellings of a unit said in full (also question_shorthand's "wk to date")
UNIT_IN_FULL = {"wk": "week", "mth": "month", "mnth": "month", "yr": "year", "qtr": "quarter"}


def _resolve_rolling_n(m: re.Match[str], ctx: _Context) -> _Resolved:
    n = _number(m["n"])
    if n is None:
        return None
    unit = m["unit"].lower().rstrip("s")
    unit = UNIT_IN_FULL.get(unit, unit)
    plural = unit if n == 1 else unit + "s"
    period = _rolling(n, unit, ctx, f"last {n} {plural}")
    return (period, ()) if period else None


def _resolve_rolling_one(m: re.Match[str], ctx: _Context) -> _Resolved:
    unit = m["unit"].lower()
    if unit == "day":
        period = _rolling(24, "hour", ctx, "past 24 hours")
    else:
        period = _rolling(1, unit, ctx, f"past {unit}")
    return (period, ()) if period else None


_PREPOSITIONS = ("in", "during", "for", "of", "over", "throughout", "across", "on", "since", "from", "until", "till",
                 "by")


def _resolve_point(m: re.Match[str], ctx: _Context) -> _Resolved:
    text = m["a"].lower()
    has_prep = bool(m["prep"])
    words = text.split()
    if re.fullmatch(_YEAR, text) and not has_prep:
        return None  # a bare number such as 2025 is too often not a year
    if len(words) == 1 and words[0].rstrip(".") in _MONTHS:
        word = words[0].rstrip(".")
        if word in _WORDS_TOO and not has_prep and not _between_months(m):
            return None  # "may" and "march" are verbs; "jan"/"mar"/"jun" alone are names or words ("oct", "nov" are months)
    if re.fullmatch(r"(?:the\s+)?\d{1,2}(?:st|nd|rd|th)", text) and not has_prep:
        return None  # "the 3rd" alone is more often a rank than a date
    if len(words) == 1 and words[0] in _WEEKDAYS and len(words[0]) < 6 and not has_prep:
        return None  # "sat", "sun", "wed" alone are usually not days
    span = _point_span(text, ctx)
    if span is None:
        return None
    return ctx.period(span), ()


_WORDS_TOO = frozenset({"may", "march", "mar", "jan", "jun", "jul"})


ALL_TIME_LABEL = "all time"
ALL_TIME_START = date(2000, 1, 1)  # "all time": from before any team used the bot up to today


def _resolve_all_time(m: re.Match[str], ctx: _Context) -> _Resolved:
    period = ctx.period(_Span(ALL_TIME_START, ctx.today + _ONE_DAY))
    return Period(period.start, period.end, ALL_TIME_LABEL), ()


_PAIRED_AFTER = re.compile(rf"(?:\s+(?:so\s+far|to\s+date))?\s*(?:vs\.?|v\.?|versus|and|or|against|compared\s+(?:to|with)|with)\s+{_MONTH}", re.I)
_PAIRED_BEFORE = re.compile(
    rf"(?:{_MONTH}|compare|comparing)\s*(?:vs\.?|v\.?|versus|and|or|against|to|with|compared\s+(?:to|with))?\s*$", re.I
)


def _between_months(m: re.Match[str]) -> bool:
    """A short month name paired with another month ("oct vs nov", "compare aug and sept") is a month,
    not a name or a word."""
    text = m.string
    return bool(_PAIRED_AFTER.match(text, m.end()) or _PAIRED_BEFORE.search(text[: m.start()]))


_SEASON_START = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}  # meteorological, north


def _resolve_season(m: re.Match[str], ctx: _Context) -> _Resolved:
    """"over the summer", "last winter", "autumn 2025": three whole months. Without a year, "this"
    is the season of this year (winter: the one that began in December), "last" the latest one that
    has ended, and a bare "the summer" the latest one that has begun (today's, if it is on)."""
    season = m["season"].lower()
    if season == "fall" and not (m["which"] or m["prep"] or m["year"]):
        return None  # "fall" alone is a verb ("where do we fall down")
    if m["next"]:
        return _REJECTED
    return _season(season, (m["which"] or "").lower(), m["year"], ctx)


def _resolve_since_season(m: re.Match[str], ctx: _Context) -> _Resolved:
    """"since spring", "since the start of the summer", "since last autumn": from the first day of that
    season (as `_resolve_season` picks it) to today."""
    resolved = _season(m["season"].lower(), (m["which"] or "").lower(), m["year"], ctx)
    if resolved is None or resolved is _REJECTED:
        return resolved
    season, _ = resolved
    span = _Span(season.start.date(), ctx.today + _ONE_DAY)
    which = (m["which"] or "").lower()
    return ctx.period(span, f"since {which + ' ' if which else ''}{m['season'].lower()}"), (season,)


def _season(season: str, which: str, year_text: str | None, ctx: _Context) -> _Resolved:
    month = _SEASON_START[season]
    if year_text:
        year = _year_of(year_text) - (month == 12)  # "winter 2026" = Dec 2025 - Feb 2026
    else:
        year = ctx.today.year if date(ctx.today.year, month, 1) <= ctx.today else ctx.today.year - 1
        if which == "this" and month == 12 and ctx.today.month <= 2:
            year = ctx.today.year - 1
        elif which in ("last", "previous") and _add_months(date(year, month, 1), 3) > ctx.today:
            year -= 1
    first = date(year, month, 1)
    stop = _add_months(first, 3)
    if first > ctx.today:
        return _REJECTED
    return ctx.period(_Span(first, stop), name=f"{which + ' ' if which else ''}{season}"), ()


def _reject(m: re.Match[str], ctx: _Context) -> _Resolved:
    return _REJECTED  # the future: there is nothing to report yet


@lru_cache(maxsize=1)
def _rules() -> tuple[_Rule, ...]:
    def rule(pattern: str, resolve: Callable[[re.Match[str], _Context], _Resolved]) -> _Rule:
        return _Rule(re.compile(_B + pattern + _E, re.IGNORECASE), resolve)

    day = rf"(?:the\s+)?(?P<d1>\d{{1,2}}){_ORD}\s*(?:and|{_TO})\s*(?:the\s+)?(?P<d2>\d{{1,2}}){_ORD}"
    return (
        rule(
            rf"(?:(?:between|from)\s+)?{day}(?:\s+of)?\s+(?P<month>{_MONTH})(?:,?\s+(?P<year>{_YEAR}))?",
            _resolve_day_range,
        ),
        rule(
            rf"(?:(?:between|from)\s+)?(?P<month>{_MONTH})\s+(?P<d1>\d{{1,2}}){_ORD}\s*(?:and|{_TO})\s*"
            rf"(?P<d2>\d{{1,2}}){_ORD}(?![\d\w])(?:,?\s+(?P<year>{_YEAR}))?",
            _resolve_day_range,
        ),
        rule(rf"between\s+(?:the\s+)?(?P<a>{_POINT})\s+and\s+(?:the\s+)?(?P<b>{_POINT})", _resolve_range),
        rule(rf"from\s+(?:the\s+)?(?P<a>{_POINT})\s*{_TO}\s*(?:the\s+)?(?P<b>{_POINT})", _resolve_range),
        rule(rf"(?P<a>{_ABS_POINT})\s*{_TO}\s*(?P<b>{_ABS_POINT})", _resolve_range),
        rule(
            # "would you ever give me …" is an Irish "please", no window
            # "ever since October" is since October; "ever since we started", "ever since the fix" all time
            r"(?:(?:of|for|in|over)\s+)?(?:all[\s-]+time|(?<=of\s)all\s+the\s+time|the\s+whole\s+time|(?<!would\syou\s)(?<!could\syou\s)(?<!will\syou\s)(?<!only\s)(?<!hardly\s)(?<!barely\s)ever"  # "I only ever hear the bad stuff": no window
            rf"(?!\s+since\s+(?:(?:the\s+)?(?:early|mid|middle|late)[\s-]+(?:of\s+)?{_MONTH}\b|\d{{1,2}}(?:st|nd|rd|th)?(?:\s+of)?\s+"
            rf"{_MONTH}\b|\d{{1,2}}/\d{{1,2}}\b|20\d\d\b|(?:the\s+)?(?:start|beginning)\s+of\s+(?!time\b)|{_MONTH}\b|"
            rf"(?:last|this)\s+(?:week|month|quarter|year|spring|summer|autumn|winter|mon|tue|wed|thu|fri|sat|sun)\w*\b|q[1-4]\b|"
            rf"(?:the\s+)?(?:summer|spring|autumn|fall|winter|christmas|xmas|easter|new\s+year)\b|"
            rf"(?:the\s+)?(?:very\s+)?(?:start|beginning|dawn|outset|launch)\b))|"
            r"(?:(?<=would\syou\s)|(?<=could\syou\s)|(?<=will\syou\s))ever"
            r"(?!\s+(?:give|send|show|tell|pull|get|list|check|find|put|book|let|look|run|share|grab|dig|make|pop|do)\b)"
            r"|(?:to|until)\s+date|in\s+history|(?:going\s+)?(?:all\s+the\s+way\s+)?back\s+to\s+(?:day\s+(?:one|1)|the\s+(?:very\s+)?(?:beginning|start))\b"
            r"|no\s+time\s+(?:limit|limits|restriction|frame)|hitherto|(?:since|from)\s+the\s+(?:start|beginning|dawn)\s+of\s+time"
            r"|(?:since|from)\s+(?:(?:the\s+)?(?:very\s+)?(?:beginning|start|outset|"
            r"launch)(?!\s+of\b)|day\s+(?:one|1)|forever|(?:the\s+)?opening(?!\s+(?:hours?|times?|day|night|week|of\b))"
            # "since the start of this feedback malarky", "from the launch of the survey": since we began collecting
            r"|(?:the\s+)?(?:very\s+)?(?:beginning|start|outset)\s+of\s+(?:all\s+(?:this|of\s+this)|it\s+all|everything)\b"
            r"|(?:the\s+)?(?:very\s+)?(?:beginning|start|outset|launch)\s+of\s+(?:the|this|our)\s+(?:(?!new\b)[\w-]+\s+){0,1}?"
            r"(?:feedback|surveys?|bot|storybot)\b"
            r"|(?:when\s+)?(?:we|you|i)\s+(?:first\s+)?(?:started|start|starting|began|begin|opened|open|launched|launch|got\s+going|commenced|commence|kicked\s+off(?!\s+(?:the|a|an|our|this|that|with|using)\b)|"
            r"went\s+live|go\s+live|switched\s+(?:it|you|the\s+bot)\s+on|turned\s+(?:it|you|the\s+bot)\s+on|rolled\s+(?:it|you|the\s+bot)\s+out)"
            r"|go[\s-]*live(?!\s+of\b)|(?:the\s+)?roll[\s-]*out(?!\s+of\b)|records\s+began|inception"
            # "since it opened"; "every story about Alice since she started" (all of hers)
            r"|(?:it|they)\s+(?:first\s+)?opened(?:\s+(?:its|their)\s+doors)?|(?<=since\s)(?:she|he)\s+(?:first\s+)?(?:started|joined|began)(?!\s+(?:on|in|at)\b)"
            r"|(?:the\s+|our\s+)?(?:restaurant|clinic|caf[eé]|surgery|practice|place|centre|center|shop|bistro)\s+(?:first\s+)?"
            r"(?:opened|(?:is\s+|was\s+)?open(?=\s*[,.;?!]|\s*$)|open(?:ed)?\s+(?:its|it s|the)\s+doors)))",
            _resolve_all_time,
        ),
        rule(
            rf"(?:since|starting(?:\s+from)?|as\s+of)\s+(?:the\s+)?(?:(?:start|beginning)\s+of\s+(?:the\s+|this\s+)?"
            rf"(?:(?P<unit>week|month|quarter|year)|(?P<a>{_POINT}))|(?P<b>{_POINT})|"
            # "since the year start", "since year start" (the unit before the word)
            rf"(?P<unit_first>week|month|quarter|year)\s+(?:start|began|begun|started)\b(?!\s+(?:on|of|the|\d)))",
            _resolve_since,
        ),
        rule(
            rf"(?:(?:in|over|during|for|within)\s+)?(?:the\s+)?(?:last|past|previous|prior|recent|rolling|trailing)\s+"
            rf"(?P<n>{_NUM})\s+(?P<unit>days?|weeks?|wks?|fortnights?|months?|mths?|mnths?|quarters?|qtrs?|years?|yrs?|"
            rf"hours?|hrs?)",  # "the last 4 quarters": twelve months back from today
            _resolve_rolling_n,
        ),
        rule(
            r"(?:(?:in|over|during|within)\s+the\s+past|(?:the\s+|this\s+)?past|(?:last|previous|this)(?=\s+fortnight)|"
            r"last(?=\s+(?:week|month|year)\s+or\s+so\b))"  # "last month or so": about a month back, not October
            r"\s+(?P<unit>day|week|fortnight|month|quarter|year)",
            _resolve_rolling_one,
        ),
        rule(
            r"(?:since|starting(?:\s+from)?|as\s+of)\s+(?:the\s+)?(?:(?:start|beginning)\s+of\s+(?:the\s+)?)?"
            r"(?:(?P<which>this|last|previous|past)\s+)?(?P<season>summer|winter|spring|autumn|fall)"
            rf"(?:\s+(?:of\s+)?(?P<year>{_YEAR}))?",
            _resolve_since_season,
        ),
        rule(
            r"(?:(?P<prep>in|over|during|for|across|throughout)\s+)?(?:the\s+)?(?:(?P<next>next|coming|upcoming)\s+|"
            r"(?P<which>this|last|previous|past)\s+)?(?P<season>summer|winter|spring|autumn|fall)"
            rf"(?:\s+(?:of\s+)?(?P<year>{_YEAR}))?",
            _resolve_season,
        ),
        rule(rf"(?:(?:in|for|from|during|over)\s+)?(?:the\s+)?(?:w/c|w/b|wc|wb|week\s+(?:commencing|beginning|starting|of))\s+"
             rf"(?:the\s+|mon(?:day)?\s+)?(?P<a>{_POINT})", _resolve_week_of),
        # "the Sunday dinners", "our Sunday roast": the meal, not the day
        rule(rf"(?:(?:{'|'.join(_PREPOSITIONS)}|about|with|re)\s+)?(?:the|our|a|their|your)\s+sunday\s+(?:dinners?|roasts?|lunch(?:es)?|carver(?:y|ies))\b", _reject),
        rule(rf"(?:(?P<prep>{'|'.join(_PREPOSITIONS)})\s+(?:the\s+)?)?(?P<a>{_POINT})", _resolve_point),
        rule(rf"(?:next|coming|upcoming)\s+(?:week|wk|month|quarter|year|weekend|fortnight|{_WEEKDAY})", _reject),
    )

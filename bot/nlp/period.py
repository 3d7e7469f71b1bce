"""Time periods named in chat: "this week", "last 14 days", "since Monday", "between 1 and 15 October".

Everything here is a pure function of the text, `now` and the team's IANA time zone. A `Period` is
half-open, `[start, end)`, and both ends are aware datetimes in the team's zone; day boundaries are
local midnights, so a week that spans a DST change is 167 or 169 hours long, never shifted by one.

Conventions (documented once, here):

- Weeks start on Monday 00:00 local time. "this week" is the whole Monday-to-Sunday week that
  contains `now` (so it can extend past `now`); "last week" is the one before it.
- "last N days" / "past fortnight" are rolling: N whole days ending with today (today included).
  "past week" / "past month" are rolling too; "last week" / "last month" are calendar periods.
- A weekday on its own ("Monday", "last Monday", "since Monday") is the most recent such day
  strictly before today: said on a Monday, "since Monday" means since a week ago. "this Monday" is
  the Monday of the current week.
- A date or month without a year is the most recent one not after today ("in December" said in
  November 2026 is December 2025).
- Slashed dates are day-first (UK): 1/10/2026 is 1 October; month-first where the team's clock is
  American. When one reading is impossible (10/25/2026), the other is taken; when exactly one reading
  is the first of a month, that one is ("since 10/1" is since 1 October, "since 1/10" too: a window
  starts on a month's first far more often than on the 10th of January, whoever writes it); and when the usual
  reading is over half a year back and the other within the last two months, the other ("since 10/12" said in
  November is 12 October: a window starts recently).
- "between"/"from ... to" with the ends reversed are swapped ("between 15 and 1 October" is 1-15
  October), except that a year-less range that only makes sense across New Year ("20 Dec to 5 Jan")
  is read that way. Two relative periods in reverse order ("between this week and last week") are
  not a range: they are returned as two separate matches, which is what a comparison needs.
- Quarters are calendar quarters ("Q3", "last quarter", "over the last quarter": how managers label
  them; "the past quarter" is the last three months); "the 5th" is this month's 5th, or last
  month's if this month's is still to come; "last night" is yesterday.
- The future is not a period: "next week", "since 1 December" said in November give nothing (and
  their words are not re-read as a shorter period). Invalid dates (31/02/2026, week 60) are not
  recognised at all; nor is a range with an invalid end.
- "All time" ("ever", "since the beginning", "since day one", "to date") is [1 Jan 2000, tomorrow),
  labelled "all time": answers may narrow the label to the first record they hold.
- A short month name ("oct", "sep") alone is read as a month only after a preposition or when paired
  with another month ("oct vs nov", "compare aug and sept"); "since the start of October" is since 1 Oct.
- A naive `now` is taken to be local time in `tz`; an aware one is converted to `tz`.

This module is the public API; the internals are private siblings: `period_calendar.py` (the values,
calendar arithmetic, spans of whole days), `period_point.py` (vocabulary, patterns, one point or range
to days) and `period_rule.py` (the rules `find_periods` runs).
"""

from __future__ import annotations

import re

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.nlp.period_calendar import (
    Period,
    PeriodMatch,
    _Context,
    _ONE_DAY,
    _Span,
    _add_months,
    _elapsed,
    _is_midnight,
    _local_now,
    _midnight,
    _month_start,
    _shift,
    _span_text,
)
from bot.nlp.period_rule import ALL_TIME_LABEL, ALL_TIME_START, _rules

__all__ = [
    "ALL_TIME_LABEL",
    "ALL_TIME_START",
    "Period",
    "PeriodMatch",
    "current_period_like",
    "find_periods",
    "named_period",
    "parse_period",
    "previous_period",
    "unread_periods",
]


# ---------------------------------------------------------------------------------------------
# Public API


def _context(now: datetime, tz: str) -> _Context:
    zone = ZoneInfo(tz)
    local = _local_now(now, zone)
    return _Context(now=local, today=local.date(), zone=zone)


def find_periods(text: str, *, now: datetime, tz: str) -> tuple[PeriodMatch, ...]:
    """Every period named in `text`, left to right, not overlapping (leftmost-longest wins)."""
    return _read(text, now=now, tz=tz)[0]


def unread_periods(text: str, *, now: datetime, tz: str) -> tuple[str, ...]:
    """What in `text` is written like a period but names none a question can cover, as written: an impossible
    date ("31 feb", "2026-02-30", "since the 45th"), a span too long to count ("the last 9999 days"), the
    future ("next month")."""
    return tuple(text[start:end].strip() for start, end in _read(text, now=now, tz=tz)[1])


# The future, which no rule reads as a period ("how many stories tomorrow", "how will check-in do next week")
_FUTURE = re.compile(r"\b(?:(?:the\s+day\s+after\s+)?tomorrow|tmrw|next\s+(?:week|month|year|quarter|fortnight|weekend|"
                     r"(?:mon|tues|wednes|thurs|fri|satur|sun)day)|(?:the\s+)?(?:coming|upcoming)\s+(?:weeks?|months?|year)|"
                     r"in\s+the\s+future)\b", re.IGNORECASE)


def _read(text: str, *, now: datetime, tz: str) -> tuple[tuple[PeriodMatch, ...], list[tuple[int, int]]]:
    """The periods of `text` (leftmost-longest, not overlapping), and where a period rule matched but found no
    period (what a period rule holds back, such as "next month", or could not read), outside those periods."""
    ctx = _context(now, tz)
    candidates: list[tuple[int, int, Period | None, tuple[Period, ...]]] = []
    unresolved: list[tuple[int, int]] = []
    for rule in _rules():
        for m in rule.pattern.finditer(text):
            resolved = rule.resolve(m, ctx)
            if resolved is not None:
                candidates.append((m.start(), m.end(), *resolved))
            else:
                unresolved.append((m.start(), m.end()))
    candidates.sort(key=lambda c: (c[0], c[0] - c[1]))
    found: list[PeriodMatch] = []
    unread: list[tuple[int, int]] = []
    taken_until = -1
    for start, end, period, parts in candidates:
        if start >= taken_until:
            if period is not None:
                found.append(PeriodMatch(period=period, start=start, end=end, parts=parts))
            else:
                unread.append((start, end))
            taken_until = end
    unresolved += [(m.start(), m.end()) for m in _FUTURE.finditer(text)]
    for start, end in sorted(unresolved, key=lambda s: (s[0], s[0] - s[1])):
        if not any(start < m.end and m.start < end for m in found) and not any(
                start < e and s < end for s, e in unread):
            unread.append((start, end))
    return tuple(found), sorted(unread)


def named_period(name: str, *, now: datetime, tz: str) -> Period:
    """A period by name: today, yesterday, this_week, last_week, this_month, last_month, this_quarter,
    last_quarter, this_year, last_year, last_<n>_days, last_<n>_weeks, ... Raises ValueError otherwise."""
    text = name.replace("_", " ").strip()
    matches = find_periods(text, now=now, tz=tz)
    if len(matches) != 1 or matches[0].start != 0 or matches[0].end != len(text):
        raise ValueError(f"unknown period name: {name!r}")
    return matches[0].period


def parse_period(text: str, *, now: datetime, tz: str, default: str | None = "this_week") -> Period | None:
    """The first period named in `text`; else `named_period(default)`; else (default None) None."""
    matches = find_periods(text, now=now, tz=tz)
    if matches:
        return matches[0].period
    if not default:
        return None
    return named_period(default, now=now, tz=tz)


def _whole_months(start: datetime, end: datetime) -> int:
    """How many calendar months `[start, end)` covers exactly, or 0 if it is not month-aligned."""
    if not (_is_midnight(start) and _is_midnight(end) and start.day == 1 and end.day == 1):
        return 0
    return max(0, (end.year - start.year) * 12 + end.month - start.month)


def _previous_label(first: date, stop: date, unit_text: str, ref_year: int) -> str:
    return f"previous {unit_text} ({_span_text(first, stop, ref_year)})"


def previous_period(period: Period) -> Period:
    """The period of the same length just before `period`.

    Whole calendar months step back by months (November -> October, a quarter -> the quarter
    before, a year -> the year before); whole local days step back by days, so a week stays
    Monday-to-Monday across a DST change; anything else steps back by its exact duration.
    """
    start, end = period.start, period.end
    zone = start.tzinfo
    ref_year = (end - timedelta(microseconds=1)).year
    months = _whole_months(start, end)
    if isinstance(zone, ZoneInfo) and months:
        first = _add_months(start.date(), -months)
        stop = start.date()
        if months == 12 and first.month == 1:
            unit = "year"
        elif months == 1:
            unit = "month"
        elif months == 3 and first.month in (1, 4, 7, 10):
            unit = "quarter"
        else:
            unit = f"{months} months"
        return Period(_midnight(first, zone), _midnight(stop, zone), _previous_label(first, stop, unit, ref_year))
    if isinstance(zone, ZoneInfo) and _is_midnight(start) and _is_midnight(end) and end > start:
        days = (end.date() - start.date()).days
        first, stop = start.date() - timedelta(days=days), start.date()
        if days == 7 and first.weekday() == 0:
            unit = "week"
        elif days == 1:
            unit = "day"
        else:
            unit = f"{days} days"
        return Period(_midnight(first, zone), _midnight(stop, zone), _previous_label(first, stop, unit, ref_year))
    duration = _elapsed(start, end)
    return Period(_shift(start, -duration), start, f"previous {_duration_text(duration)}")


def _duration_text(duration: timedelta) -> str:
    hours = round(duration.total_seconds() / 3600)
    return f"{hours} hours" if hours < 72 else f"{round(hours / 24)} days"


def current_period_like(period: Period, *, now: datetime, tz: str) -> Period:
    """The period of the same kind that contains `now`: a week -> this week, a month -> this month,
    a year -> this year, a day -> today, N days -> the last N days, N hours -> the last N hours.
    Used when a comparison names only the baseline ("compare with last month")."""
    ctx = _context(now, tz)
    start, end = period.start.astimezone(ctx.zone), period.end.astimezone(ctx.zone)
    months = _whole_months(start, end)
    today = ctx.today
    if months == 12 and start.month == 1:
        return named_period("this_year", now=now, tz=tz)
    if months == 3 and start.month in (1, 4, 7, 10):
        return named_period("this_quarter", now=now, tz=tz)
    if months == 1:
        return named_period("this_month", now=now, tz=tz)
    if months:
        first = _add_months(_month_start(today), 1 - months)
        return ctx.period(_Span(first, _add_months(_month_start(today), 1)), f"last {months} months")
    if _is_midnight(start) and _is_midnight(end):
        days = (end.date() - start.date()).days
        if days == 7 and start.weekday() == 0:
            return named_period("this_week", now=now, tz=tz)
        if days == 1:
            return named_period("today", now=now, tz=tz)
        return ctx.period(_Span(today - timedelta(days=days - 1), today + _ONE_DAY), f"last {days} days")
    duration = _elapsed(start, end)
    return Period(_shift(ctx.now, -duration), ctx.now, f"last {_duration_text(duration)}")

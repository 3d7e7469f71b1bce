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
- Slashed dates are day-first (UK): 1/10/2026 is 1 October. When day-first is impossible and
  month-first is not (10/25/2026), the date is read month-first.
- "between"/"from ... to" with the ends reversed are swapped ("between 15 and 1 October" is 1-15
  October), except that a year-less range that only makes sense across New Year ("20 Dec to 5 Jan")
  is read that way. Two relative periods in reverse order ("between this week and last week") are
  not a range: they are returned as two separate matches, which is what a comparison needs.
- Quarters are calendar quarters ("Q3", "last quarter"); "the 5th" is this month's 5th, or last
  month's if this month's is still to come; "last night" is yesterday.
- The future is not a period: "next week", "since 1 December" said in November give nothing (and
  their words are not re-read as a shorter period). Invalid dates (31/02/2026, week 60) are not
  recognised at all; nor is a range with an invalid end.
- A naive `now` is taken to be local time in `tz`; an aware one is converted to `tz`.
"""

from __future__ import annotations

import re
from calendar import monthrange
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from functools import lru_cache
from typing import Callable
from zoneinfo import ZoneInfo

__all__ = [
    "Period",
    "PeriodMatch",
    "current_period_like",
    "find_periods",
    "named_period",
    "parse_period",
    "previous_period",
]


@dataclass(frozen=True, slots=True)
class Period:
    """Half-open `[start, end)`, tz-aware in the team's zone; `label` is for people, not for code."""

    start: datetime
    end: datetime
    label: str

    def __contains__(self, moment: object) -> bool:
        return isinstance(moment, datetime) and self.start <= moment < self.end


@dataclass(frozen=True, slots=True)
class PeriodMatch:
    """One period found in a text: where (`start`..`end` character offsets) and its parts.

    `parts` holds the two ends of a range in the order they were written ("between A and B"), or
    the point a "since X" starts from; it is empty for a plain period.
    """

    period: Period
    start: int
    end: int
    parts: tuple[Period, ...] = ()


# ---------------------------------------------------------------------------------------------
# Calendar arithmetic

_DAY_ABBR = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_ONE_DAY = timedelta(days=1)
_MAX_ROLLING_DAYS = 3660


def _local_now(now: datetime, zone: ZoneInfo) -> datetime:
    return now.replace(tzinfo=zone) if now.tzinfo is None else now.astimezone(zone)


def _midnight(day: date, zone: ZoneInfo) -> datetime:
    """Local 00:00 of `day`; where a zone skips midnight (DST at 00:00) this is the first instant of the day."""
    aware = datetime.combine(day, time(), tzinfo=zone)
    return aware.astimezone(timezone.utc).astimezone(zone)


def _elapsed(start: datetime, end: datetime) -> timedelta:
    """Real time between two aware datetimes (Python subtracts wall clocks when tzinfo is shared)."""
    return end.astimezone(timezone.utc) - start.astimezone(timezone.utc)


def _shift(moment: datetime, delta: timedelta) -> datetime:
    """`moment + delta` in real (UTC) time, expressed back in the moment's own zone."""
    return (moment.astimezone(timezone.utc) + delta).astimezone(moment.tzinfo)


def _add_months(day: date, months: int) -> date:
    year, month0 = divmod(day.year * 12 + day.month - 1 + months, 12)
    return date(year, month0 + 1, min(day.day, monthrange(year, month0 + 1)[1]))


def _month_start(day: date) -> date:
    return day.replace(day=1)


def _is_midnight(moment: datetime) -> bool:
    """True at the first instant of a local day (00:00, or 01:00 where a zone skips midnight)."""
    if moment.time() == time():
        return True
    zone = moment.tzinfo
    return isinstance(zone, ZoneInfo) and _midnight(moment.date(), zone) == moment


def _day_text(day: date, ref_year: int) -> str:
    text = f"{_DAY_ABBR[day.weekday()]} {day.day} {_MONTH_ABBR[day.month - 1]}"
    return text if day.year == ref_year else f"{text} {day.year}"


def _span_text(first: date, stop: date, ref_year: int) -> str:
    last = stop - _ONE_DAY
    if first == last:
        return _day_text(first, ref_year)
    if first.day == 1 and stop.day == 1:
        months = (stop.year - first.year) * 12 + stop.month - first.month
        if months == 12 and first.month == 1:
            return str(first.year)
        if months == 1:
            return f"{_MONTH_NAMES[first.month - 1]} {first.year}"
        return f"{_MONTH_ABBR[first.month - 1]} {first.year} – {_MONTH_ABBR[last.month - 1]} {last.year}"
    if first.year != last.year:
        return f"{_day_text(first, 0)} – {_day_text(last, 0)}"
    return f"{_day_text(first, ref_year)} – {_day_text(last, ref_year)}"


# ---------------------------------------------------------------------------------------------
# Spans of whole local days, before they become Periods


@dataclass(frozen=True, slots=True)
class _Span:
    first: date
    stop: date  # exclusive
    name: str = ""  # relative name ("this week"); "" for absolute dates, labelled by their dates
    explicit_year: bool = True
    relative: bool = False
    weekday: bool = False


@dataclass(frozen=True, slots=True)
class _Context:
    now: datetime  # local
    today: date
    zone: ZoneInfo

    def period(self, span: _Span, name: str | None = None) -> Period:
        text = _span_text(span.first, span.stop, self.today.year)
        label_name = span.name if name is None else name
        return Period(
            start=_midnight(span.first, self.zone),
            end=_midnight(span.stop, self.zone),
            label=f"{label_name} ({text})" if label_name else text,
        )


def _week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _quarter_start(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def _relative_span(words: str, today: date) -> _Span | None:
    """'this week', 'last month', 'the week before last', 'today', 'month to date', ..."""
    w = " ".join(words.split())
    w = re.sub(r"^(?:the\s+)", "", w)
    w = re.sub(r"\b(?:wk|wks)\b", "week", re.sub(r"\b(?:mth|mnth)\b", "month", re.sub(r"\byr\b", "year", w)))
    if w in ("today", "tonight", "this morning", "this afternoon", "this evening"):
        return _Span(today, today + _ONE_DAY, "today", relative=True)
    if w in ("yesterday", "last night", "yesterday evening", "yesterday morning", "yesterday afternoon"):
        return _Span(today - _ONE_DAY, today, "yesterday", relative=True)
    if w == "day before yesterday":
        return _Span(today - 2 * _ONE_DAY, today - _ONE_DAY, "the day before yesterday", relative=True)
    to_date = {"wtd": "week", "mtd": "month", "qtd": "quarter", "ytd": "year"}
    if w in to_date:
        w = f"this {to_date[w]}"
    match = re.fullmatch(r"(week|month|quarter|year)[\s-]+to[\s-]+date", w)
    if match:
        w = f"this {match.group(1)}"
    match = re.fullmatch(r"(week|month|weekend)\s+before\s+last", w)
    if match:
        w, back = f"this {match.group(1)}", 2
    else:
        match = re.fullmatch(
            r"(this|current|last|previous|prev|prior)\s+(?:calendar\s+)?(week|month|quarter|year|weekend)", w
        )
        if match is None:
            if w != "weekend":
                return None
            first, stop = _weekend(today, 0 if today.weekday() >= 5 else 1)
            return _Span(first, stop, "the weekend", relative=True)
        back = 0 if match.group(1) in ("this", "current") else 1
        w = f"this {match.group(2)}"
    unit = w.split()[1]
    name = ("this ", "last ", "the ")[back] + unit + (" before last" if back == 2 else "")
    if unit == "week":
        first = _week_start(today) - timedelta(weeks=back)
        return _Span(first, first + timedelta(weeks=1), name, relative=True)
    if unit == "weekend":
        first, stop = _weekend(today, back)
        return _Span(first, stop, name, relative=True)
    if unit == "month":
        first = _add_months(_month_start(today), -back)
        return _Span(first, _add_months(first, 1), name, relative=True)
    if unit == "quarter":
        first = _add_months(_quarter_start(today), -3 * back)
        return _Span(first, _add_months(first, 3), name, relative=True)
    first = date(today.year - back, 1, 1)
    return _Span(first, date(first.year + 1, 1, 1), name, relative=True)


def _weekend(today: date, back: int) -> tuple[date, date]:
    saturday = _week_start(today) + timedelta(days=5) - timedelta(weeks=back)
    return saturday, saturday + timedelta(days=2)


# ---------------------------------------------------------------------------------------------
# Vocabulary and patterns

_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}  # fmt: skip
_WEEKDAYS = {
    "mon": 0, "monday": 0, "tue": 1, "tues": 1, "tuesday": 1, "wed": 2, "weds": 2, "wednesday": 2,
    "thu": 3, "thur": 3, "thurs": 3, "thursday": 3, "fri": 4, "friday": 4, "sat": 5, "saturday": 5,
    "sun": 6, "sunday": 6,
}  # fmt: skip
_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "twenty": 20, "thirty": 30, "sixty": 60, "ninety": 90,
    "couple": 2, "few": 3,
}  # fmt: skip

_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:tember|t)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?(?![a-z])"
_WEEKDAY = r"(?:mon(?:day)?|tue(?:s(?:day)?)?|wed(?:s|nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?)(?![a-z])"
_ORD = r"(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d{2}"
_ISO_DATE = r"\d{4}-\d{1,2}-\d{1,2}"
_ISO_WEEK = rf"\d{{4}}-?w\d{{1,2}}|(?:week|wk)\s*\d{{1,2}}(?:,?\s+(?:of\s+)?{_YEAR})?"
_SLASH = r"\d{1,2}/\d{1,2}(?:/\d{2}(?:\d{2})?)?|\d{1,2}\.\d{1,2}\.\d{2}(?:\d{2})?"
_DMY = rf"\d{{1,2}}{_ORD}(?:\s+of)?\s+{_MONTH}(?:,?\s+{_YEAR})?"
_MDY = rf"{_MONTH}\s+\d{{1,2}}{_ORD}(?![\d\w])(?:,?\s+{_YEAR})?"
_MONTH_Y = rf"{_MONTH}(?:,?\s+(?:of\s+)?{_YEAR})?"
_NTH = r"(?:the\s+)?\d{1,2}(?:st|nd|rd|th)"
_QUARTER = rf"q[1-4](?:\s+{_YEAR})?|{_YEAR}\s*-?\s*q[1-4]"
_REL_DAY = (
    r"today|tonight|this\s+(?:morning|afternoon|evening)|yesterday(?:\s+(?:morning|afternoon|evening))?"
    r"|last\s+night|(?:the\s+)?day\s+before\s+yesterday"
)
_REL_SPAN = (
    r"(?:this|current|last|previous|prev|prior)\s+(?:calendar\s+)?(?:week|wk|month|mth|mnth|quarter|year|yr|weekend)"
    r"|(?:the\s+)?(?:week|month|weekend)\s+before\s+last|(?:week|month|quarter|year)[\s-]+to[\s-]+date"
    r"|wtd|mtd|qtd|ytd|(?:the\s+)?weekend"
)
_WEEKDAY_P = rf"(?:(?:last|this|past|previous|on)\s+)?{_WEEKDAY}"
# Longer forms first: alternation takes the first alternative that matches, not the longest.
_POINT = (
    f"(?:{_ISO_DATE}|{_ISO_WEEK}|{_SLASH}|{_DMY}|{_MDY}|{_MONTH_Y}|{_QUARTER}|{_NTH}|{_REL_DAY}|{_REL_SPAN}"
    f"|{_WEEKDAY_P}|{_YEAR})"
)
_ABS_POINT = f"(?:{_ISO_DATE}|{_SLASH}|{_DMY}|{_MDY}|{_MONTH_Y}|{_WEEKDAY})"
_NUM = r"\d{1,4}|a\s+couple\s+of|couple\s+of|a\s+few|few|" + "|".join(k for k in _NUMBERS if len(k) > 2)
_TO = r"(?:to|until|till|til|through|thru|-|–|—)"
_B = r"(?<![\w/.-])"  # start of a token
_E = r"(?![\w/-])"  # end of a token


_Resolved = tuple[Period | None, tuple[Period, ...]] | None
# A resolver returns None when its pattern does not apply (other rules may match the words), or
# _REJECTED when the words do name a period but not a usable one ("since 1 December" said in
# November, "next week"): the words are then claimed, so no shorter rule reads part of them.
_REJECTED: tuple[None, tuple[Period, ...]] = (None, ())


@dataclass(frozen=True, slots=True)
class _Rule:
    pattern: re.Pattern[str]
    resolve: Callable[[re.Match[str], _Context], _Resolved]


def _year_of(text: str | None) -> int | None:
    return int(text) if text else None


def _infer_year(month: int, day: int, today: date) -> int | None:
    """The most recent year in which month/day is a valid date not after today."""
    year = today.year if (month, day) <= (today.month, today.day) else today.year - 1
    for candidate in range(year, year - 8, -1):
        if day <= monthrange(candidate, month)[1]:
            return candidate
    return None


def _day_span(year: int | None, month: int, day: int, today: date) -> _Span | None:
    explicit = year is not None
    if year is None:
        year = _infer_year(month, day, today)
        if year is None:
            return None
    try:
        first = date(year, month, day)
    except ValueError:
        return None
    return _Span(first, first + _ONE_DAY, explicit_year=explicit)


def _point_span(text: str, ctx: _Context, year: int | None = None) -> _Span | None:
    """Resolve one endpoint ("1 Oct", "Monday", "last week", "2026-W47", ...) to whole days."""
    t = " ".join(text.lower().replace(",", " ").split())
    today = ctx.today
    span = _relative_span(t, today)
    if span is not None:
        return span
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", t):
        return _day_span(int(m[1]), int(m[2]), int(m[3]), today)
    if m := re.fullmatch(rf"(\d{{4}})-?w(\d{{1,2}})|(?:week|wk)\s*(\d{{1,2}})(?:\s+(?:of\s+)?({_YEAR}))?", t):
        return _iso_week_span(int(m[2] or m[3]), _year_of(m[1] or m[4]) or year, today)
    if m := re.fullmatch(r"(\d{1,2})[/.](\d{1,2})(?:[/.](\d{2}|\d{4}))?", t):
        first, second = int(m[1]), int(m[2])
        day, month = (first, second) if second <= 12 else (second, first)
        given = (2000 + int(m[3]) if len(m[3]) == 2 else int(m[3])) if m[3] else year
        return _day_span(given, month, day, today)
    if m := re.fullmatch(rf"(\d{{1,2}}){_ORD}(?:\s+of)?\s+([a-z]+)\.?(?:\s+({_YEAR}))?", t):
        return _named_month_day(m[2], int(m[1]), _year_of(m[3]) or year, today, explicit=bool(m[3]))
    if m := re.fullmatch(rf"([a-z]+)\.?\s+(\d{{1,2}}){_ORD}(?:\s+({_YEAR}))?", t):
        return _named_month_day(m[1], int(m[2]), _year_of(m[3]) or year, today, explicit=bool(m[3]))
    if m := re.fullmatch(rf"([a-z]+)\.?(?:\s+(?:of\s+)?({_YEAR}))?", t):
        if m[1] in _MONTHS:
            return _month_span(_MONTHS[m[1]], _year_of(m[2]) or year, today, explicit=bool(m[2]))
    if m := re.fullmatch(rf"q([1-4])(?:\s+({_YEAR}))?|({_YEAR})\s*-?\s*q([1-4])", t):
        return _quarter_span(int(m[1] or m[4]), _year_of(m[2] or m[3]) or year, today)
    if m := re.fullmatch(r"(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)", t):
        return _nth_span(int(m[1]), today)
    if m := re.fullmatch(r"(?:(last|this|past|previous|on)\s+)?([a-z]+)", t):
        if m[2] in _WEEKDAYS:
            return _weekday_span(_WEEKDAYS[m[2]], this_week=m[1] == "this", today=today)
    if re.fullmatch(_YEAR, t):
        first = date(int(t), 1, 1)
        return _Span(first, date(first.year + 1, 1, 1))
    return None


def _named_month_day(word: str, day: int, year: int | None, today: date, *, explicit: bool) -> _Span | None:
    month = _MONTHS.get(word)
    if month is None:
        return None
    span = _day_span(year, month, day, today)
    if span is not None and not explicit:
        span = _Span(span.first, span.stop, explicit_year=False)
    return span


def _month_span(month: int, year: int | None, today: date, *, explicit: bool) -> _Span:
    if year is None:
        year = today.year if month <= today.month else today.year - 1
    first = date(year, month, 1)
    return _Span(first, _add_months(first, 1), explicit_year=explicit)


def _quarter_span(quarter: int, year: int | None, today: date) -> _Span:
    explicit = year is not None
    if year is None:
        year = today.year if 3 * (quarter - 1) + 1 <= today.month else today.year - 1
    first = date(year, 3 * (quarter - 1) + 1, 1)
    return _Span(first, _add_months(first, 3), f"Q{quarter} {year}", explicit_year=explicit)


def _nth_span(day: int, today: date) -> _Span | None:
    """"the 5th": this month's, or last month's if this month's is still to come."""
    month_start = _month_start(today)
    for first_of_month in (month_start, _add_months(month_start, -1), _add_months(month_start, -2)):
        if day <= monthrange(first_of_month.year, first_of_month.month)[1]:
            candidate = first_of_month.replace(day=day)
            if candidate <= today:
                return _Span(candidate, candidate + _ONE_DAY, explicit_year=False)
    return None


def _weekday_span(weekday: int, *, this_week: bool, today: date) -> _Span:
    if this_week:
        day = _week_start(today) + timedelta(days=weekday)
    else:
        day = today - timedelta(days=(today.weekday() - weekday) % 7 or 7)
    return _Span(day, day + _ONE_DAY, _DAY_NAMES[weekday], relative=True, weekday=True)


def _iso_week_span(week: int, year: int | None, today: date) -> _Span | None:
    iso_year = year if year is not None else today.isocalendar().year
    try:
        monday = date.fromisocalendar(iso_year, week, 1)
    except ValueError:
        return None
    if year is None and monday > today:
        try:
            monday = date.fromisocalendar(iso_year - 1, week, 1)
        except ValueError:
            return None
    return _Span(monday, monday + timedelta(weeks=1), f"week {week}")


def _range_spans(a_text: str, b_text: str, ctx: _Context) -> tuple[_Span, _Span, _Span] | None:
    """(whole range, first end, second end) in text order, or None when it is not a range."""
    a = _point_span(a_text, ctx)
    b = _point_span(b_text, ctx)
    if a is None or b is None:
        return None
    if a.explicit_year and not b.explicit_year and not b.relative:
        b = _point_span(b_text, ctx, year=a.first.year) or b
        if b.stop <= a.first:
            b = _point_span(b_text, ctx, year=a.first.year + 1) or b
    elif b.explicit_year and not a.explicit_year and not a.relative:
        a = _point_span(a_text, ctx, year=b.first.year) or a
    if b.stop > a.first:
        return _Span(a.first, b.stop), a, b
    if a.weekday:  # "from Friday to Monday": the Friday before that Monday
        shifted = _Span(a.first - timedelta(weeks=1), a.stop - timedelta(weeks=1), a.name, relative=True, weekday=True)
        return _Span(shifted.first, b.stop), shifted, b
    if a.relative or b.relative:
        return None
    if not a.explicit_year and not b.explicit_year:
        earlier = _point_span(a_text, ctx, year=a.first.year - 1)
        if earlier is not None and (b.stop - earlier.first).days <= 183:
            return _Span(earlier.first, b.stop), earlier, b
    return _Span(b.first, a.stop), a, b


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
    point = _point_span(m["a"], ctx)
    if point is None:
        return None
    if point.first > ctx.today:
        return _REJECTED
    name = point.name or _span_text(point.first, point.stop, ctx.today.year)
    span = _Span(point.first, ctx.today + _ONE_DAY)
    return ctx.period(span, f"since {name}"), (ctx.period(point),)


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
    months = n * (12 if unit == "year" else 1)
    if not 0 < months <= 120:
        return None
    return ctx.period(_Span(_add_months(today, -months) + _ONE_DAY, today + _ONE_DAY), name)


def _resolve_rolling_n(m: re.Match[str], ctx: _Context) -> _Resolved:
    n = _number(m["n"])
    if n is None:
        return None
    unit = m["unit"].lower().rstrip("s")
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


_PREPOSITIONS = ("in", "during", "for", "of", "over", "throughout", "on", "since", "from", "until", "till", "by")


def _resolve_point(m: re.Match[str], ctx: _Context) -> _Resolved:
    text = m["a"].lower()
    has_prep = bool(m["prep"])
    words = text.split()
    if re.fullmatch(_YEAR, text) and not has_prep:
        return None  # a bare number such as 2025 is too often not a year
    if len(words) == 1 and words[0].rstrip(".") in _MONTHS:
        word = words[0].rstrip(".")
        if (word in ("may", "march") or len(word) <= 3) and not has_prep:
            return None  # "may" and "march" are verbs; "jan"/"mar" alone are names or words
    if re.fullmatch(r"(?:the\s+)?\d{1,2}(?:st|nd|rd|th)", text) and not has_prep:
        return None  # "the 3rd" alone is more often a rank than a date
    if len(words) == 1 and words[0] in _WEEKDAYS and len(words[0]) < 6 and not has_prep:
        return None  # "sat", "sun", "wed" alone are usually not days
    span = _point_span(text, ctx)
    if span is None:
        return None
    return ctx.period(span), ()


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
        rule(rf"(?:since|starting(?:\s+from)?|as\s+of)\s+(?:the\s+)?(?P<a>{_POINT})", _resolve_since),
        rule(
            rf"(?:(?:in|over|during|for|within)\s+)?(?:the\s+)?(?:last|past|previous|prior|recent)\s+"
            rf"(?P<n>{_NUM})\s+(?P<unit>days?|weeks?|fortnights?|months?|years?|hours?|hrs?)",
            _resolve_rolling_n,
        ),
        rule(
            r"(?:(?:in|over|during|within)\s+the\s+(?:last|past)|(?:the\s+|this\s+)?past|(?:last|previous)(?=\s+fortnight))"
            r"\s+(?P<unit>day|week|fortnight|month|year)",
            _resolve_rolling_one,
        ),
        rule(rf"(?:(?P<prep>{'|'.join(_PREPOSITIONS)})\s+(?:the\s+)?)?(?P<a>{_POINT})", _resolve_point),
        rule(rf"(?:next|coming|upcoming)\s+(?:week|wk|month|quarter|year|weekend|fortnight|{_WEEKDAY})", _reject),
    )


# ---------------------------------------------------------------------------------------------
# Public API


def _context(now: datetime, tz: str) -> _Context:
    zone = ZoneInfo(tz)
    local = _local_now(now, zone)
    return _Context(now=local, today=local.date(), zone=zone)


def find_periods(text: str, *, now: datetime, tz: str) -> tuple[PeriodMatch, ...]:
    """Every period named in `text`, left to right, not overlapping (leftmost-longest wins)."""
    ctx = _context(now, tz)
    candidates: list[tuple[int, int, Period | None, tuple[Period, ...]]] = []
    for rule in _rules():
        for m in rule.pattern.finditer(text):
            resolved = rule.resolve(m, ctx)
            if resolved is not None:
                candidates.append((m.start(), m.end(), *resolved))
    candidates.sort(key=lambda c: (c[0], c[0] - c[1]))
    found: list[PeriodMatch] = []
    taken_until = -1
    for start, end, period, parts in candidates:
        if start >= taken_until:
            if period is not None:
                found.append(PeriodMatch(period=period, start=start, end=end, parts=parts))
            taken_until = end
    return tuple(found)


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

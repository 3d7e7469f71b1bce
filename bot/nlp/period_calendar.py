"""Private to bot.nlp.period: the `Period`/`PeriodMatch` values, calendar arithmetic on aware local
datetimes, and spans of whole local days before they become Periods. Conventions: bot/nlp/period.py."""

from __future__ import annotations

import re
from calendar import monthrange
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo


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


def day_text(day: date, ref_year: int) -> str:
    """"Wed 25 Nov", with the year when it is not `ref_year` ("Wed 25 Nov 2025")."""
    text = f"{_DAY_ABBR[day.weekday()]} {day.day} {_MONTH_ABBR[day.month - 1]}"
    return text if day.year == ref_year else f"{text} {day.year}"


def local_day_text(moment: datetime, zone: ZoneInfo, *, now: datetime) -> str:
    """The local day of `moment` in `zone`, said as `day_text` relative to the local year of `now`."""
    return day_text(moment.astimezone(zone).date(), now.astimezone(zone).year)


def span_label(first: date, stop: date, ref_year: int) -> str:
    """How a span of whole local days [first, stop) is said: "October 2026", "Mon 9 Nov – Sun 15 Nov", "2025"."""
    return _span_text(first, stop, ref_year)


def _span_text(first: date, stop: date, ref_year: int) -> str:
    last = stop - _ONE_DAY
    if first == last:
        return day_text(first, ref_year)
    if first.day == 1 and stop.day == 1:
        months = (stop.year - first.year) * 12 + stop.month - first.month
        if months == 12 and first.month == 1:
            return str(first.year)
        if months == 1:
            return f"{_MONTH_NAMES[first.month - 1]} {first.year}"
        return f"{_MONTH_ABBR[first.month - 1]} {first.year} – {_MONTH_ABBR[last.month - 1]} {last.year}"
    if first.year != last.year:
        return f"{day_text(first, 0)} – {day_text(last, 0)}"
    return f"{day_text(first, ref_year)} – {day_text(last, ref_year)}"


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

    @property
    def month_first(self) -> bool:
        """"10/1" is 1 October where the team's clock is American (month first), 10 January elsewhere."""
        return str(self.zone.key).startswith(("America/", "US/", "Canada/"))

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
    w = re.sub(r"\b(?:wk|wks)\b", "week", re.sub(r"\b(?:mths?|mnths?)\b", "month", re.sub(r"\byr\b", "year", w)))
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
            r"(this|current|actual|present|last|previous|prev|prior)\s+(?:calendar\s+)?(week|month|quarter|year|weekend)", w
        )
        if match is None:
            if w != "weekend":
                return None
            first, stop = _weekend(today, 0 if today.weekday() >= 5 else 1)
            return _Span(first, stop, "the weekend", relative=True)
        back = 0 if match.group(1) in ("this", "current", "actual", "present") else 1  # "actual week": a false friend
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

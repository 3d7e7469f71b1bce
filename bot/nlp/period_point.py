"""Private to bot.nlp.period: the words and patterns that name a point in time, and how one point
("1 Oct", "Monday", "last week", "2026-W47") or a range of two resolves to whole local days."""

from __future__ import annotations

import re
from calendar import monthrange
from datetime import date, timedelta

from bot.nlp.period_calendar import (
    _Context,
    _DAY_NAMES,
    _ONE_DAY,
    _Span,
    _add_months,
    _month_start,
    _relative_span,
    _week_start,
)

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
_ISO_DATE = r"\d{4}-\d{1,2}-\d{1,2}|\d{4}/\d{1,2}/\d{1,2}"  # 2026-10-01, 2026/10/01
_ISO_MONTH = r"(?<!\bref\s)(?<!\bref\.\s)(?<!#)(?<!\bno\.\s)20\d\d-(?:0[1-9]|1[0-2])(?![-/\d])"  # 2026-10: a month (not 2026-10-01, nor a score "2026-2")
_ISO_WEEK = rf"\d{{4}}-?w\d{{1,2}}|(?:week|wk)\s*\d{{1,2}}(?:,?\s+(?:of\s+)?{_YEAR})?"
# "1.10" without a year is a date only after a word that says so ("since 1.10", "from 1.09 to 30.09"): alone
# it may be a price, a time ("the 10.30 clinic") or a score
_DOTTED_AFTER = "|".join(f"(?<={w}\\s)" for w in ("since", "from", "on", "until", "till", "to", "after", "before",
                                                    "between", "and", "by"))
_SLASH = (r"\d{1,2}/\d{1,2}(?:/\d{2}(?:\d{2})?)?|\d{1,2}\.\d{1,2}\.\d{2}(?:\d{2})?|"
          rf"(?:{_DOTTED_AFTER})(?:[12]\d|3[01]|0?[1-9])\.(?:0[1-9]|1[0-2])(?![\d.])")
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
    r"(?:this|current|actual|present|last|previous|prev|prior)\s+(?:calendar\s+)?(?:week|wks?|month|mths?|mnths?|quarter|year|yr|weekend)"
    r"|(?:the\s+)?(?:week|wk|month|mth|weekend)\s+before\s+last|(?:week|month|quarter|year)[\s-]+to[\s-]+date"
    r"|wtd|mtd|qtd|ytd|(?:the\s+)?weekend"
    # "he does the weekend bar": the weekend said of a post, no window
    r"(?!\s+(?:bar|shifts?|staff|team|rota|crew|cover|brunch|menu|managers?|girls?|lads?|receptionists?|nurses?|servers?|"
    r"waiters?|waitresses?|chefs?|kitchen|clinics?|opening|workers?|locums?)\b)"
)
_WEEKDAY_P = rf"(?:(?:last|this|past|previous|on)\s+)?{_WEEKDAY}"
# Longer forms first: alternation takes the first alternative that matches, not the longest.
_POINT = (
    f"(?:{_ISO_DATE}|{_ISO_MONTH}|{_ISO_WEEK}|{_SLASH}|{_DMY}|{_MDY}|{_MONTH_Y}|{_QUARTER}|{_NTH}|{_REL_DAY}|{_REL_SPAN}"
    f"|{_WEEKDAY_P}|{_YEAR})"
)
_ABS_POINT = f"(?:{_ISO_DATE}|{_SLASH}|{_DMY}|{_MDY}|{_MONTH_Y}|{_WEEKDAY})"
_NUM = r"\d{1,6}|a\s+couple\s+of|couple\s+of|a\s+few|few|" + "|".join(k for k in _NUMBERS if len(k) > 2)
_TO = r"(?:to|until|till|til|through|thru|-|–|—)"
_B = r"(?<![\w/.-])"  # start of a token
_E = r"(?![\w/-])"  # end of a token


def _year_of(text: str | None) -> int | None:
    return int(text) if text else None


def _infer_year(month: int, day: int, today: date) -> int | None:
    """The most recent year in which month/day is a valid date not after today."""
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
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
    if m := re.fullmatch(r"(\d{4})([-/])(\d{1,2})\2(\d{1,2})", t):
        return _day_span(int(m[1]), int(m[3]), int(m[4]), today)
    if m := re.fullmatch(r"(20\d\d)-(0[1-9]|1[0-2])", t):
        return _month_span(int(m[2]), int(m[1]), today, explicit=True)
    if m := re.fullmatch(rf"(\d{{4}})-?w(\d{{1,2}})|(?:week|wk)\s*(\d{{1,2}})(?:\s+(?:of\s+)?({_YEAR}))?", t):
        return _iso_week_span(int(m[2] or m[3]), _year_of(m[1] or m[4]) or year, today)
    if m := re.fullmatch(r"(\d{1,2})([/.])(\d{1,2})(?:[/.](\d{2}|\d{4}))?", t):
        first, second = int(m[1]), int(m[3])
        given = (2000 + int(m[4]) if len(m[4]) == 2 else int(m[4])) if m[4] else year
        month_first = second > 12 or (first <= 12 and ctx.month_first)  # "10/25" can only be October
        if first <= 12 and second <= 12 and m[2] == "/" and (first == 1) != (second == 1):
            # "since 10/1" and "since 1/10", said in November, are both 1 October: when exactly one reading is a
            # month's first of the last four months or so and the more recent of two past days, that one, whoever
            # writes it ("2/1" is still the 2nd of January in London, said in January or in November)
            starts = _day_span(given, first, second, today) if second == 1 else _day_span(given, second, first, today)
            other = _day_span(given, second, first, today) if second == 1 else _day_span(given, first, second, today)
            if (starts is not None and today - timedelta(days=130) <= starts.first <= today
                    and (other is None or other.first < starts.first)):
                return starts
        day, month = (second, first) if month_first else (first, second)
        usual = _day_span(given, month, day, today)
        if first <= 12 and second <= 12 and first != second and m[2] == "/" and not m[4] and usual is not None:
            # "since 10/12" said in November by someone who writes month first: the team's reading (10 December,
            # nearly a year back) against the other (12 October, six weeks back): a window starts recently, so when
            # the usual reading is over half a year back and the other within the last two months, the other
            other = _day_span(given, day, month, today)
            if (other is not None and usual.first < today - timedelta(days=183)
                    and today - timedelta(days=61) <= other.first <= today):
                return other
        return usual
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
    """"the 5th": this month's, or last month's if this month's is still to come ("the 0th": none)."""
    if day < 1:
        return None
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

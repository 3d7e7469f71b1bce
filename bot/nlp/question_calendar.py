"""Private to bot.nlp.question: windows said by their place in the calendar, rewritten to the dates the period
parser reads (`name_the_days`, called on the normalised text with the team's local date and zone): days people
know by name ("since the clocks went back", "since Labor Day", "Christmas Day last year"), the team's financial
year ("this FY": April; July in Australia; October in the US), and spans with a shape of their own ("2 weeks ago",
"the last week of October", "w/e 8th Nov", "the weekend of the 14th", "the last two full weeks", "L30D", "Sep and
Oct", "Oct 1 to date", a bare year). Each rewrite lands on a day not after today or leaves the words alone; none
raises on odd numbers ("the 0th", "FY0000", "29 February" in a year without one)."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from bot.nlp.period import find_periods
from bot.nlp.period_calendar import _MONTH_NAMES, _add_months
from bot.nlp.period_point import _MONTHS, _NUMBERS, _WEEKDAYS, _infer_year


# Days people know by name (the UK's, and the public holidays of the US, Canada, Ireland and Australia), said as
# when something starts or happens: "since the clocks went back", "since halloween", "over easter", "since Labor
# Day" (not "before Christmas": that one is still to come)
_DAY_ALTERNATIVES = (
    r"(?P<back>the\s+clocks?\s+(?:went|go|going|"
    r"were\s+put)\s+back)|(?P<fwd>the\s+clocks?\s+(?:went|go|going|were\s+put)\s+"
    r"forward)|(?P<halloween>hallowe'?en)|(?P<bonfire>bonfire\s+night|guy\s+fawkes(?:\s+night)?)|"
    r"(?P<xmas>christmas\s+day|christmas|xmas|chrissy|crimbo)|(?P<eastermon>easter\s+monday)|(?P<easter>easter(?:\s+sunday)?)|(?P<nye>new\s+year'?s\s+eve|nye)|(?P<ny>(?:the\s+)?new\s+year(?:'?s"
    r"(?:\s+day)?)?)|(?P<goodfri>good\s+friday)|(?P<boxing>boxing\s+day)|"
    r"(?P<valentine>(?:st\.?\s+)?valentine'?s(?:\s+day)?)|(?P<patrick>st\.?\s+patrick'?s(?:\s+day)?|paddy'?s\s+day)|"
    r"(?P<july4>(?:the\s+)?(?:4th|fourth)\s+of\s+july|july\s+(?:4th|4|fourth)|independence\s+day)|"
    r"(?P<canada>canada\s+day)|(?P<labor>labou?r\s+day)|(?P<memorial>memorial\s+day)|"
    r"(?P<thanks>thanksgiving(?:\s+day)?)|(?P<blackfri>black\s+friday)|"
    r"(?P<remsun>remembrance\s+sunday)|(?P<remembrance>remembrance\s+day|armistice\s+day|veterans\s+day)|(?P<hogmanay>hogmanay)|"
    r"(?P<burns>burns\s+night)|(?P<australia>australia\s+day)|(?P<anzac>anzac\s+day)|"
    r"(?P<summerbh>(?:the\s+)?august\s+bank\s+holiday(?:\s+monday)?|(?:the\s+)?summer\s+bank\s+holiday)|"
    r"(?P<maybh>(?:the\s+)?(?:early\s+)?may\s+(?:day\s+)?bank\s+holiday(?:\s+monday)?)|"
    r"(?P<springbh>(?:the\s+)?(?:spring|late\s+may)\s+bank\s+holiday(?:\s+monday)?)|"
    r"(?P<junebh>(?:the\s+)?june\s+bank\s+holiday(?:\s+monday)?)|(?P<octbh>(?:the\s+)?october\s+bank\s+holiday(?:\s+monday)?|(?:the\s+)?bank\s+holiday(?:\s+monday)?\s+in\s+october)|"
    r"(?P<brigid>st\.?\s+brigid'?s(?:\s+day)?(?:\s+bank\s+holiday)?(?:\s+monday)?)|"
    r"(?P<shrove>shrove\s+tuesday|pancake\s+(?:tuesday|day))|(?P<ash>ash\s+wednesday)|"
    r"(?P<stephen>st\.?\s+stephen'?s(?:\s+day)?)|(?P<fathers>father'?s\s+day)"
    r"|(?P<mlk>mlk\s+day|martin\s+luther\s+king(?:\s+jr\.?)?\s+day)|"
    r"(?P<cup>melbourne\s+cup(?:\s+day)?|cup\s+day)|(?P<david>st\.?\s+david'?s(?:\s+day)?)|(?P<victoria>victoria\s+day)|"
    r"(?P<civic>civic\s+holiday(?:\s+monday)?)|(?P<heritage>heritage\s+day)|(?P<freedom>freedom\s+day)|(?P<youth>youth\s+day)|"
    r"(?P<reconciliation>day\s+of\s+reconciliation)|(?P<juneteenth>juneteenth)|(?P<presidents>presidents'?\s+day)|"
    r"(?P<halfterm>(?:the\s+)?(?:october\s+|autumn\s+)?half[\s-]*term(?:\s+(?:holidays?|break|week))?)")
_NAMED_DAY = re.compile(rf"\b(?P<prep>since|after|from|over|during|around|at|on)\s+(?:{_DAY_ALTERNATIVES})\b", re.IGNORECASE)
# The day itself, said with its year or as what the feedback is about: "Christmas Day last year", "Anzac Day 2026
# feedback", "Guy Fawkes night feedback"
_NAMED_DAY_ITSELF = re.compile(
    rf"(?<!\bsince\s)(?<!\bafter\s)(?<!\bbefore\s)(?<!\buntil\s)(?<!\btill\s)(?<!\bto\s)(?<!\bfor\s)(?<!\bby\s)"
    rf"(?<!\bnear\s)\b(?:{_DAY_ALTERNATIVES})\b(?:\s+(?:day|night))?"
    r"(?:\s+(?P<which>this|last)\s+year\b|\s+(?P<year>20\d\d)\b|(?=\s+(?:feedback|ratings?|comments?|stories|reviews|complaints)\b)"
    r"|(?P<lead>(?=\s*[-–—,:])))",
    re.IGNORECASE)


def _easter(year: int) -> date:
    """Easter Sunday (the Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * el) // 433
    month = (h + el - 7 * m + 90) // 25
    return date(year, month, (h + el - 7 * m + 33 * month + 19) % 32)


def _last_sunday(year: int, month: int) -> date:
    last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() + 1) % 7)


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th `weekday` (Monday 0) of a month; n = -1 the last."""
    if n < 0:
        last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
        return last - timedelta(days=(last.weekday() - weekday) % 7)
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


_DAY_IN = {"back": lambda y: _last_sunday(y, 10), "fwd": lambda y: _last_sunday(y, 3),
           "halloween": lambda y: date(y, 10, 31), "bonfire": lambda y: date(y, 11, 5),
           "xmas": lambda y: date(y, 12, 25), "easter": _easter, "ny": lambda y: date(y, 1, 1),
           "eastermon": lambda y: _easter(y) + timedelta(days=1), "goodfri": lambda y: _easter(y) - timedelta(days=2),
           "boxing": lambda y: date(y, 12, 26), "valentine": lambda y: date(y, 2, 14),
           "patrick": lambda y: date(y, 3, 17), "july4": lambda y: date(y, 7, 4), "canada": lambda y: date(y, 7, 1),
           "labor": lambda y: _nth_weekday(y, 9, 0, 1), "memorial": lambda y: _nth_weekday(y, 5, 0, -1),
           "thanks": lambda y: _nth_weekday(y, 11, 3, 4), "blackfri": lambda y: _nth_weekday(y, 11, 3, 4) + timedelta(days=1),
           "remembrance": lambda y: date(y, 11, 11), "remsun": lambda y: _nth_weekday(y, 11, 6, 2), "hogmanay": lambda y: date(y, 12, 31),
           "burns": lambda y: date(y, 1, 25), "australia": lambda y: date(y, 1, 26), "anzac": lambda y: date(y, 4, 25),
           "summerbh": lambda y: _nth_weekday(y, 8, 0, -1), "nye": lambda y: date(y, 12, 31),
           "mlk": lambda y: _nth_weekday(y, 1, 0, 3), "cup": lambda y: _nth_weekday(y, 11, 1, 1),
           "heritage": lambda y: date(y, 9, 24), "freedom": lambda y: date(y, 4, 27), "youth": lambda y: date(y, 6, 16),
           "reconciliation": lambda y: date(y, 12, 16), "juneteenth": lambda y: date(y, 6, 19),
           "presidents": lambda y: _nth_weekday(y, 2, 0, 3), "david": lambda y: date(y, 3, 1),
           "victoria": lambda y: date(y, 5, 24) - timedelta(days=date(y, 5, 24).weekday()),  # the Monday before 25 May
           "civic": lambda y: _nth_weekday(y, 8, 0, 1),
           "maybh": lambda y: _nth_weekday(y, 5, 0, 1), "springbh": lambda y: _nth_weekday(y, 5, 0, -1),
           "junebh": lambda y: _nth_weekday(y, 6, 0, 1), "octbh": lambda y: _nth_weekday(y, 10, 0, -1),
           "brigid": lambda y: date(y, 2, 1) if date(y, 2, 1).weekday() == 4 else _nth_weekday(y, 2, 0, 1),  # Ireland
           "shrove": lambda y: _easter(y) - timedelta(days=47), "ash": lambda y: _easter(y) - timedelta(days=46),
           "stephen": lambda y: date(y, 12, 26), "fathers": lambda y: _nth_weekday(y, 6, 6, 3),
           # England's autumn half term: the last week of October, from its Monday (the February and May ones are not read)
           "halfterm": lambda y: _nth_weekday(y, 10, 0, -1)}  # each named day, by year


_N = r"\d{1,2}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
# "this FY", "last financial year", "FY26", "since the start of the fiscal year": the team's financial year
_FY = re.compile(r"\b(?:(?P<since>since\s+the\s+(?:start|beginning)\s+of\s+)(?:the\s+|this\s+)?|(?P<which>this|last|"
                 r"previous|current|the)\s+)?(?:fy\b|f/y\b|(?:financial|fiscal)\s+year\b)(?:\s*(?P<yy>\d{2}(?:\d{2})?)\b)?|"
                 r"\bfy\s?(?P<yy2>\d{2}(?:\d{2})?)\b", re.IGNORECASE)
# "2 weeks ago", "a month ago", "three weeks back": that week or month, not the time since
_AGO = re.compile(rf"\b(?P<n>{_N})\s+(?P<unit>weeks?|months?)\s+(?:ago|back)\b", re.IGNORECASE)
_QUARTER_BEFORE_LAST = re.compile(r"\b(?:the\s+)?quarter\s+before\s+last\b", re.IGNORECASE)
# "the first week of November", "the last week of October": those seven days
_MONTH_SAID = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
               r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b")
_WEEK_OF_MONTH = re.compile(r"\b(?:the\s+)?(?P<nth>first|1st|second|2nd|third|3rd|fourth|4th|last)\s+(?:week|wk)\s+of\s+"
                            rf"(?P<month>{_MONTH_SAID})", re.IGNORECASE)
_HALF_OF_YEAR = re.compile(r"\b(?:the\s+)?(?P<half>first|1st|second|2nd)\s+half\s+of\s+(?:the|this)\s+year\b", re.IGNORECASE)
_MID_MONTH = re.compile(rf"\bmid[\s-]+(?={_MONTH_SAID})", re.IGNORECASE)
# "since early September", "from mid-Oct", "since around the middle of October", "ever since late Sept": since that
# part's first day (the 1st, the 15th, the 21st); "October onwards", "from Oct onwards": since its 1st
_SINCE_PART = re.compile(rf"\b(?:(?:ever\s+)?since|(?P<from>from))\s+(?:around\s+|about\s+|roughly\s+|approx(?:imately|\.)?\s+)?"
                         rf"(?:the\s+)?(?P<part>early|mid|middle|late|start|beginning)(?:[\s-]+of)?[\s-]+"
                         rf"(?P<m>{_MONTH_SAID})\b(?!\s*\d)(?P<on>\s+onwards?\b)?"
                         rf"(?!\s*(?:to|till|til|until|through|thru|-|–|and)\b)", re.IGNORECASE)  # not "from late March to April"
_MONTH_ONWARDS = re.compile(rf"\b(?:from\s+)?(?P<m>{_MONTH_SAID}|(?:the\s+)?(?:summer|spring|autumn|fall|winter)|"
                            rf"(?:wk|week)\s*\d{{1,2}})\s+onwards?\b",
                            re.IGNORECASE)
# "since we started the brekkie check on 1 Aug", "ever since we moved the kiosk in October": since the day said (a
# bare "since we started" is all time)
_SINCE_WE_DID_ON = re.compile(rf"\b(?:ever\s+)?since\s+(?:we|you|i|they)\s+(?:started|began|launched|introduced|brought\s+in|"
                              rf"rolled\s+out|moved|changed|switched|put\s+in|opened|added|went\s+live\s+with|got)\b"
                              rf"(?P<what>[^.!;\n]{{0,70}}?)\s+(?:on|in)\s+(?=(?:the\s+)?\d|{_MONTH_SAID}\b)", re.IGNORECASE)
# "stories from summer", "comments from last winter": that season (not "from summer to now", "from spring onwards")
_FROM_SEASON = re.compile(r"\bfrom\s+(?P<which>(?:the|this|last)\s+)?(?P<season>summer|spring|autumn|winter)\b"
                          r"(?!\s*(?:to|till|til|until|through|thru|-|–|onwards?|on|and|vs|versus)\b)", re.IGNORECASE)
# "since the first of the month", "since the 1st of this month": since this month began
_SINCE_FIRST_OF_MONTH = re.compile(r"\bsince\s+(?:the\s+|di\s+)?(?:1st|first)\s+(?:of|a)\s+(?:the|this|di)\s+month\b",
                                   re.IGNORECASE)
# "since 01.10.", "on 02.11.": a day and month written the German way, the year left out (two digits each: "rose from
# 3.5. to 4.1." are scores)
_DOTTED_DAY = re.compile(r"(?<![\d.,])(?P<d>\d\d)\.(?P<m>\d\d)\.(?!\d)")
# "since begin of October": since its beginning
_BEGIN_OF = re.compile(r"\bbegin\s+of\b", re.IGNORECASE)
_CHANGE_SAID = re.compile(r"\b(?:chang\w*|improv\w*|better|worse|got|gotten|gone|moved|dropp\w*|rose|risen|fallen|fell|"
                          r"slipp\w*|trend\w*)\b", re.IGNORECASE)
_LEADING_DET = re.compile(r"^(?:the|a|an|our|some|new)\s+", re.IGNORECASE)
_PART_DAY = {"early": 1, "start": 1, "beginning": 1, "mid": 15, "middle": 15, "late": 21}
_CLOCK_TIME = re.compile(r"\bsince\s+\d{1,2}(?::\d{2})?\s*(?:am|pm)\b|\bsince\s+(?:noon|midday|lunch(?:time)?)\b",
                         re.IGNORECASE)
_N_HOURS = re.compile(r"\b(?P<lead>last|past)\s+(?P<n>\d{1,3})\s*(?:h|hrs?)\b", re.IGNORECASE)
_WEEK_ORDINAL = {"first": 0, "1st": 0, "second": 1, "2nd": 1, "third": 2, "3rd": 2, "fourth": 3, "4th": 3}


_US_ZONES = ("US/", "America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles", "America/Phoenix",
             "America/Anchorage", "America/Detroit", "America/Boise", "America/Indiana", "America/Kentucky",
             "America/North_Dakota", "America/Juneau", "Pacific/Honolulu")
_CANADA_ZONES = ("Canada/", "America/Toronto", "America/Vancouver", "America/Montreal", "America/Halifax",
                 "America/Edmonton", "America/Winnipeg", "America/Regina", "America/St_Johns")


def _fy_start_month(zone: str) -> int:
    """The month a team's financial year starts, by its clock: July in Australia, October in the US (the
    federal year), January elsewhere in the Americas, April elsewhere (the UK, Ireland, Canada, India, New
    Zealand)."""
    if zone.startswith("Australia/"):
        return 7
    if zone.startswith(_US_ZONES):
        return 10
    return 1 if zone.startswith("America/") and not zone.startswith(_CANADA_ZONES) else 4


def _day_text(day: date) -> str:
    return f"{day.day} {day:%b} {day.year}".lower()


def _financial_year(m: re.Match[str], today: date, zone: str) -> str:
    start_month = _fy_start_month(zone)
    first = date(today.year if today.month >= start_month else today.year - 1, start_month, 1)
    if yy := (m["yy"] or m["yy2"]):  # "FY26": the year that ends in 2026 (a year that starts in January is that year)
        end_year = int(yy) + (2000 if len(yy) == 2 else 0)
        if not 2000 <= end_year <= today.year + 1:
            return m.group(0)
        first = date(end_year - (start_month > 1), start_month, 1)
    elif (m["which"] or "").lower() in ("last", "previous"):
        first = date(first.year - 1, start_month, 1)
    stop = date(first.year + 1, start_month, 1) - timedelta(days=1)
    if m["since"] or stop >= today:
        return f"since {_day_text(first)}"
    return f"between {_day_text(first)} and {_day_text(stop)}"


def _ago(m: re.Match[str], today: date) -> str:
    said = m["n"].lower()
    n = _NUMBERS.get(said) or int(said)
    if m["unit"].lower().startswith("week"):
        monday = today - timedelta(days=today.weekday() + 7 * n)
        return f"w/c {_day_text(monday)}"
    first = _add_months(today.replace(day=1), -n)
    return f"in {_MONTH_NAMES[first.month - 1].lower()} {first.year}"


def _week_of_month(m: re.Match[str], today: date) -> str:
    month = _MONTHS[m["month"][:3].lower()]
    year = today.year if month <= today.month else today.year - 1
    first = _week_of_month_in(m, month, year)
    if first > today:  # "the last week of January" said on the 3rd: last year's
        first = _week_of_month_in(m, month, year - 1)
    return _between(first, first + timedelta(days=6))


def _week_of_month_in(m: re.Match[str], month: int, year: int) -> date:
    """The first day of the week said ("the first", "the last" ...) of that month and year."""
    if m["nth"].lower() == "last":
        return _month_end(year, month) - timedelta(days=6)
    return date(year, month, 1 + 7 * _WEEK_ORDINAL[m["nth"].lower()])


def _quarter_before_last(today: date) -> str:
    day = _add_months(today.replace(day=1), -6)  # any day of the quarter before last
    return f"q{(day.month - 1) // 3 + 1} {day.year}"


_WEEKDAY_SAID = r"(?:mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?"
_DAY_MONTH = (rf"(?:{_WEEKDAY_SAID}\s+)?(?:the\s+)?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?\s+(?P<m>{_MONTH_SAID})"
              rf"|(?P<m2>{_MONTH_SAID})\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\b")
_AGO_DAYS = re.compile(rf"\b(?P<n>{_N})\s+days?\s+ago\b(?:\s+today)?|\ba\s+week\s+ago\s+today\b", re.IGNORECASE)
_SAID_WEEKDAY = re.compile(rf"\b(?P<day>yesterday|today)\s*\(\s*{_WEEKDAY_SAID}\.?\s*\)", re.IGNORECASE)
_WEEKDAY_BEFORE_DATE = re.compile(rf"\b{_WEEKDAY_SAID},?\s+(?=(?:the\s+)?\d{{1,2}}(?:st|nd|rd|th)?(?:\s+of)?\s+{_MONTH_SAID})",
                                  re.IGNORECASE)
_DAY_MON_YY = re.compile(rf"\b(?P<d>\d{{1,2}})-(?P<m>{_MONTH_SAID})-(?P<y>\d{{2}}|\d{{4}})\b", re.IGNORECASE)
_JUST_GONE = re.compile(r"\b(?:the\s+)?(?P<unit>week|month|weekend|quarter)\s+(?:that'?s\s+|that\s+has\s+|that\s+just\s+)?"
                        r"just\s+(?:gone|passed|finished|ended)\b", re.IGNORECASE)
_WEEK_ENDING = re.compile(rf"\b(?:w/e|w\.e\.|week\s+ending|wk\s+ending|week\s+to)\s+(?:{_DAY_MONTH})(?:,?\s+(?P<y>20\d\d)\b)?",
                          re.IGNORECASE)
_WEEKEND_OF = re.compile(rf"\b(?:the\s+)?weekend\s+of\s+(?:the\s+)?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?"
                         rf"(?:\s*(?:/|and|&|-)\s*(?:the\s+)?\d{{1,2}}(?:st|nd|rd|th)?)?(?:\s+(?:of\s+)?(?P<m>{_MONTH_SAID}))?",
                         re.IGNORECASE)
_SAT_AND_SUN = re.compile(r"\bsat(?:urday)?\s+(?:and|&|\+|n)\s+sun(?:day)?\b", re.IGNORECASE)
_FULL_UNITS = re.compile(rf"\b(?:the\s+)?(?:last|past|previous|prior)\s+(?P<n>{_N})\s+(?:full|complete|whole|calendar)\s+"
                         rf"(?P<unit>weeks|months)\b(?:\s*\(?not\s+counting\s+this\s+one\)?)?|\b(?:the\s+)?(?P<n2>{_N})\s+"
                         rf"(?:full|complete|whole|calendar)\s+(?P<unit2>weeks|months)\s+before\s+this\s+one\b", re.IGNORECASE)
# "L30D", "L7" (a dashboard's last 7 days: only the usual lengths without the D), "L4W", "L6M"
_L_N_D = re.compile(r"\bl(?P<n>\d{1,3})(?P<unit>[dwm])\b|\bl(?P<bare>7|14|28|30|60|90|180|365)\b", re.IGNORECASE)
_L_UNITS = {"d": "days", "w": "weeks", "m": "months"}
_MONTH_SLASH_YEAR = re.compile(r"(?<![\d/])(?P<m>\d{1,2})/(?P<y>20\d\d)\b")
_DAYS_OF_MONTH = re.compile(rf"\b(?P<a>\d{{1,2}})(?:st|nd|rd|th)?\s*[-–—]\s*(?P<b>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m>{_MONTH_SAID})",
                            re.IGNORECASE)
_SIDE_BY_SIDE = re.compile(r"\b(?:compare\w*|comparison|side\s+by\s+side|vs|versus|against|better|worse|differ\w*|"
                           r"change\w*|stack\s+up)\b", re.IGNORECASE)
_TWO_MONTHS = re.compile(rf"\b(?P<a>{_MONTH_SAID})(?P<mid>(?:\s*,\s*{_MONTH_SAID})*)\s*,?\s+(?:and|&|\+)\s+(?P<b>{_MONTH_SAID})",
                         re.IGNORECASE)  # "Sep and Oct", "September, October and November"
# "from the start of August to the end of October", "December to the end of February": those months, whole
_MONTH_EDGES = re.compile(rf"\b(?:(?P<from>from)\s+)?(?:the\s+)?(?:(?:start|beginning)\s+of\s+)?(?P<a>{_MONTH_SAID})\s+"
                          rf"(?P<to>to|until|till|through|thru)\s+(?:the\s+)?end\s+of\s+(?P<b>{_MONTH_SAID})", re.IGNORECASE)
# "the first 6 months of 2025": January to June of that year
_FIRST_MONTHS_OF = re.compile(r"\b(?:the\s+)?first\s+(?P<n>\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|eleven)\s+"
                              r"months\s+of\s+(?P<y>20\d\d)\b", re.IGNORECASE)
_OF_YEAR = re.compile(rf"\b(?P<what>{_MONTH_SAID}|q[1-4])\s+(?P<which>this|last)\s+year\b", re.IGNORECASE)
_SINCE_SAID_AFTER = re.compile(rf"\b(?:from\s+)?(?P<when>{_DAY_MONTH}(?:\s+20\d\d)?|(?:the\s+)?\d{{1,2}}(?:st|nd|rd|th)\b|\d{{1,2}}/\d{{1,2}}\b)"
                               rf"\s+(?:to\s+date|to\s+now|till\s+now|until\s+now|onwards)\b", re.IGNORECASE)
_FROM_ALONE = re.compile(rf"\bfrom\s+(?P<when>(?:the\s+)?\d{{1,2}}(?:st|nd|rd|th)\b(?:\s+of)?(?:\s+{_MONTH_SAID})?)"
                         r"(?!\s*(?:to|till|til|until|through|thru|-|–|—|and)\b)(?=\s*(?:[,;?!.]|$))", re.IGNORECASE)
# "from 6 April on", "from the 2nd on": since then
_FROM_ON = re.compile(rf"\bfrom\s+(?P<when>{_DAY_MONTH}|(?:the\s+)?\d{{1,2}}(?:st|nd|rd|th))\s+on\b(?=\s*(?:[,;?!.:-]|$))",
                      re.IGNORECASE)
# "the 7 days ending yesterday", "the 14 days up to and including yesterday", "the 12 weeks to last Sunday": so many
# days (or weeks) whose last day is the one said
_UNITS_ENDING = re.compile(rf"\b(?:the\s+)?(?:last\s+|past\s+|previous\s+)?(?P<n>\d{{1,3}}|{'|'.join(k for k in _NUMBERS if len(k) > 2)})\s+"
                           rf"(?P<unit>days?|weeks?)\s+(?:ending|ended|to|up\s+to|until|till|through|thru)\s+"
                           rf"(?:and\s+including\s+)?(?:(?P<yesterday>yesterday)|last\s+(?P<day>{_WEEKDAY_SAID})|"
                           rf"(?:{_WEEKDAY_SAID}\s+)?(?:the\s+)?(?P<dd>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?\s+(?P<mm>{_MONTH_SAID})|"
                           rf"(?P<wd>{_WEEKDAY_SAID})\s+(?:the\s+)?(?P<nth>\d{{1,2}})(?:st|nd|rd|th)\b|"
                           rf"the\s+end\s+of\s+(?P<em>{_MONTH_SAID}))\b",
                           re.IGNORECASE)
_COMPARED = re.compile(r"\b(?:compare[sd]?|comparing|comparison|vs|versus|against)\b", re.IGNORECASE)
# "yesterday week", "a week yesterday": the day a week before yesterday
_YESTERDAY_WEEK = re.compile(r"\b(?:yesterday\s+week|a\s+week\s+(?:ago\s+)?yesterday)\b", re.IGNORECASE)
# "previous 7 days not counting today", "last 14 days not including today": the days before today
_NOT_TODAY = re.compile(r"\b(?P<lead>last|past|previous)\s+(?P<n>\d{1,3})\s+days?,?\s+(?:not\s+counting|not\s+including|"
                        r"excluding|except|bar|minus)\s+today\b", re.IGNORECASE)
# "Monday 16th", "Tuesday the 17th": that day of this month (of last month when it is yet to come)
_WEEKDAY_NTH = re.compile(rf"\b(?:(?:last|this|past)\s+)?(?P<day>{_WEEKDAY_SAID}),?\s+(?P<open>\()?(?:the\s+)?(?P<d>\d{{1,2}})"
                          rf"(?:st|nd|rd|th)\b(?(open)\)|)(?!\s*(?:of\s+)?{_MONTH_SAID})", re.IGNORECASE)
_RANGE_AFTER = re.compile(r"\s*(?:to|till|until|through|thru|-|–|and)\b", re.IGNORECASE)
# "the 19th of this month", "the 3rd of last month": that day of that month
_NTH_OF_WHICH_MONTH = re.compile(r"\b(?:the\s+)?(?P<d>\d{1,2})(?:st|nd|rd|th)\s+of\s+(?P<which>this|last|the)\s+month\b",
                                 re.IGNORECASE)
# "1 July to today", "from 4/11 up to and including today": since that day
_TO_TODAY = re.compile(rf"\b(?:from\s+)?(?P<when>(?:{_DAY_MONTH})(?:\s+20\d\d)?|\d{{1,2}}/\d{{1,2}}(?:/(?:\d{{4}}|\d{{2}}))?|{_MONTH_SAID})\s+(?:up\s+)?"
                       r"(?:to|till|until|through|thru|-|–)\s+(?:and\s+including\s+)?(?:today|now|date)\b", re.IGNORECASE)
_TO_YESTERDAY = re.compile(rf"\b(?P<when>{_DAY_MONTH})\s+(?:to|till|until|-|–)\s+yesterday\b", re.IGNORECASE)
_NTH_THROUGH_NTH = re.compile(r"\b(?P<a>(?:the\s+)?\d{1,2}(?:st|nd|rd|th))\s+(?:through|thru|till|until|to)\s+"
                              rf"(?P<b>(?:the\s+)?\d{{1,2}}(?:st|nd|rd|th))\b(?!\s*(?:of\s+)?{_MONTH_SAID})", re.IGNORECASE)
# "Tue 17 to Thu 19": days named by weekday and number, the latest month they fall so
_WEEKDAY_NUM_RANGE = re.compile(rf"\b(?P<wa>{_WEEKDAY_SAID})\.?\s+(?:the\s+)?(?P<a>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:to|till|until|"
                                rf"through|thru|-|–)\s+(?P<wb>{_WEEKDAY_SAID})\.?\s+(?:the\s+)?(?P<b>\d{{1,2}})(?:st|nd|rd|th)?\b"
                                rf"(?!\s*(?:of\s+)?{_MONTH_SAID})", re.IGNORECASE)
# "Mon 5 to Fri 9 Oct": the weekdays of a span of one month said once
_WEEKDAYS_IN_SPAN = re.compile(rf"\b{_WEEKDAY_SAID}\.?\s+(?=\d{{1,2}}(?:st|nd|rd|th)?\s+(?:to|till|until|through|thru|-|–)\s+"
                               rf"(?:{_WEEKDAY_SAID}\.?\s+)?\d{{1,2}}(?:st|nd|rd|th)?(?:\s+of)?\s+{_MONTH_SAID})|"
                               rf"(?<=\d)(?:st|nd|rd|th)?(?P<to>\s+(?:to|till|until|through|thru|-|–)\s+){_WEEKDAY_SAID}\.?\s+"
                               rf"(?=\d{{1,2}}(?:st|nd|rd|th)?(?:\s+of)?\s+{_MONTH_SAID})", re.IGNORECASE)
_END_OF = re.compile(rf"\b(?P<lead>until|till|to|through|thru)\s+(?:the\s+)?end\s+of\s+(?P<m>{_MONTH_SAID})", re.IGNORECASE)
_PART_OF_MONTH = re.compile(rf"\b(?:the\s+)?(?P<edge>first|last)\s+(?P<n>{_N}|fortnight|week)\s*(?P<unit>days?)?\s+of\s+"
                            rf"(?P<m>{_MONTH_SAID})", re.IGNORECASE)
_BARE_YEAR = re.compile(r"(?<![\w/.'£$€-])(?P<y>20\d\d)\b(?![/.\-]\d|\s*(?:-|–|to|and)\s*20\d\d)")
_YEAR_BEFORE = re.compile(r"\b(?:in|since|from|of|to|between|and|before|after|until|till|during|for|fy|q[1-4]|h[12]|"
                          r"summer|winter|spring|autumn|fall|"
                          r"jan\w*|feb\w*|mar\w*|apr\w*|may|jun\w*|jul\w*|aug\w*|sep\w*|oct\w*|nov\w*|dec\w*|\d{1,2}(?:st|nd|rd|th)?)\s*$",
                          re.IGNORECASE)
_SHORT_YEAR = re.compile(r"\b(?P<lead>in|since|during|for)\s+'(?P<yy>\d\d)\b", re.IGNORECASE)
_HALF_ALONE = re.compile(r"\bh(?P<half>[12])\b(?!\s*20\d\d)", re.IGNORECASE)
_WEEKDAY_TO_TODAY = re.compile(rf"\b(?P<day>{_WEEKDAY_SAID})\s+(?:to|till|until|-|–|through)\s+(?:today|now|date)\b", re.IGNORECASE)
_HALF_OF_MONTH = re.compile(rf"\b(?:the\s+)?(?P<half>first|1st|second|2nd|latter)\s+half\s+of\s+(?P<m>{_MONTH_SAID})", re.IGNORECASE)
_HALF_OF_A_YEAR = re.compile(r"\b(?:the\s+)?(?P<half>first|1st|second|2nd)\s+half\s+of\s+(?P<y>20\d\d)\b", re.IGNORECASE)
_WEEKDAYS_THIS_WEEK = re.compile(rf"\b(?P<a>{_WEEKDAY_SAID})\s+(?:to|till|until|through|thru|-|–)\s+(?P<b>{_WEEKDAY_SAID})\s+"
                                 r"(?P<which>this|last)\s+week\b", re.IGNORECASE)
_WEEKDAY_OF_WEEK = re.compile(rf"\b(?P<day>{_WEEKDAY_SAID})\s+(?:(?:of\s+)?last\s+week|before\s+last)\b", re.IGNORECASE)
_MONTH_SHORT_YEAR = re.compile(rf"\b(?P<m>{_MONTH_SAID})\s+'(?P<yy>\d\d)\b", re.IGNORECASE)
_DASHED_DATE = re.compile(r"(?<![\d-])(?P<a>\d{1,2})-(?P<b>\d{1,2})-(?P<y>20\d\d|\d\d(?![\d-])(?!\s*(?:min|mins|minutes?|hours?|hrs?|"
                          r"secs?|seconds?|days?|weeks?|people|patients|guests|%|percent|per\s+cent|slots?|times)))\b")
_YEAR_ENDING = re.compile(rf"\b(?:the\s+)?(?:year|12\s+months)\s+(?:ending|to)\s+(?:the\s+)?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?"
                          rf"(?P<m>{_MONTH_SAID})\s+(?P<y>20\d\d)", re.IGNORECASE)
_CALENDAR_UNIT = re.compile(r"\b(?:preceding|previous|prior|last)\s+calendar\s+(?P<unit>week|month|quarter|year)\b", re.IGNORECASE)
_ON_RECORD = re.compile(r"\b(?:on\s+record|irrespective\s+of\s+(?:the\s+)?date|regardless\s+of\s+(?:the\s+)?date|of\s+all\s+time)\b",
                        re.IGNORECASE)
_TO_THE_PRESENT = re.compile(r"\bto\s+(?:the\s+)?present(?:\s+day)?\b", re.IGNORECASE)
_THIS_DAY_LAST = re.compile(r"\b(?:this|the\s+same)\s+day\s+last\s+(?P<unit>week|month|year)\b", re.IGNORECASE)
_THIS_AND_LAST = re.compile(r"\bthis\s+week\s+and\s+last(?:\s+week)?\b|\blast\s+week\s+and\s+this(?:\s+week)?(?:\s+so\s+far)?\b",
                            re.IGNORECASE)
_YESTERDAY_AND_TODAY = re.compile(r"\byesterday\s+and\s+today\b|\btoday\s+and\s+yesterday\b", re.IGNORECASE)
_LAST_SAID = re.compile(r"\blst\b|\blas'(?=\s)|\byr\s+to\s+date\b", re.IGNORECASE)
_BUT_ONE = re.compile(r"\b(?:last\s+(?P<unit>month|week|year)\s+but\s+one|the\s+(?P<unit2>month|week|year)\s+before\s+last)\b",
                      re.IGNORECASE)
_LW = re.compile(r"\b(?P<which>l|t)(?P<unit>w|m)\b(?=\s*(?:[?,.!]|$))")
_TODAY_SAID = re.compile(r"\b(?:tdy|2day|this\s+arvo|since\s+midnight)\b", re.IGNORECASE)


def _half_text(first: bool, today: date) -> str:
    """This year's first or second half, or last year's when this year's has not begun."""
    year = today.year if first or today.month >= 7 else today.year - 1
    return f"between 1 jan {year} and 30 jun {year}" if first else f"between 1 jul {year} and 31 dec {year}"


def _month_of(said: str) -> int:
    return _MONTHS[said.lower()[:3]]


def _latest(month: int, day: int, today: date, year: int | None = None) -> date | None:
    """The day of that month most recently not after today (of `year` when one is said); None if there is none."""
    if year is not None:
        try:
            return date(year, month, day)
        except ValueError:
            return None
    candidate = _infer_year(month, day, today) if 1 <= month <= 12 and 1 <= day <= 31 else None
    return None if candidate is None else date(candidate, month, day)


def _month_end(year: int, month: int) -> date:
    return date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)


def _between(first: date, last: date) -> str:
    return f"between {_day_text(first)} and {_day_text(last)}"


def _week_ending(m: re.Match[str], today: date) -> str:
    day = _latest(_month_of(m["m"] or m["m2"]), int(m["d"] or m["d2"]), today, int(m["y"]) if m["y"] else None)
    return m.group(0) if day is None else _between(day - timedelta(days=6), day)


def _weekend_of(m: re.Match[str], today: date) -> str:
    number = int(m["d"])
    if m["m"]:
        day = _latest(_month_of(m["m"]), number, today)
    else:  # the most recent month with that day, this one or one before
        day = _recent_nth(number, today, months=3)
    if day is None:
        return m.group(0)
    # Saturday or Sunday: its weekend; Monday to Wednesday: the one before; Thursday or Friday: the one after
    saturday = day - timedelta(days=day.weekday() - 5) if day.weekday() >= 5 else (
        day - timedelta(days=day.weekday() + 2) if day.weekday() <= 2 else day + timedelta(days=5 - day.weekday()))
    return m.group(0) if saturday > today else _between(saturday, saturday + timedelta(days=1))


def _day_in_month(first: date, number: int) -> date | None:
    return first.replace(day=number) if 1 <= number <= _month_end(first.year, first.month).day else None


def _full_units(m: re.Match[str], today: date) -> str:
    said = (m["n"] or m["n2"]).lower()
    n = _NUMBERS.get(said) or int(said)
    if not 1 <= n <= 60:
        return m.group(0)
    if (m["unit"] or m["unit2"]).lower() == "weeks":
        monday = today - timedelta(days=today.weekday())
        return _between(monday - timedelta(days=7 * n), monday - timedelta(days=1))
    return _between(_add_months(today.replace(day=1), -n), today.replace(day=1) - timedelta(days=1))


def _two_months(m: re.Match[str], today: date) -> str:
    said = [_month_of(m["a"]), *(_month_of(x) for x in re.findall(_MONTH_SAID, m["mid"] or "", re.IGNORECASE)),
            _month_of(m["b"])]
    a, b = said[0], said[-1]
    if any(y != x % 12 + 1 for x, y in zip(said, said[1:])) or _SIDE_BY_SIDE.search(m.string):
        return m.group(0)  # not months in a row, or set side by side: each is its own
    year_b = today.year if b <= today.month else today.year - 1
    year_a = year_b if a < b else year_b - 1
    if (year_b, b) == (today.year, today.month):
        return f"since {_day_text(date(year_a, a, 1))}"
    return _between(date(year_a, a, 1), _month_end(year_b, b))


def _first_months(m: re.Match[str]) -> str:
    n = _NUMBERS.get(m["n"].lower()) or int(m["n"])
    year = int(m["y"])
    return _between(date(year, 1, 1), _month_end(year, n)) if 1 <= n <= 12 else m.group(0)


def _part_of_month(m: re.Match[str], today: date) -> str:
    month = _month_of(m["m"])
    year = today.year if month <= today.month else today.year - 1
    said = m["n"].lower()
    n = 14 if said == "fortnight" else 7 if said == "week" else (_NUMBERS.get(said) or int(said))
    if (not m["unit"] and said not in ("fortnight", "week")) or n < 1:
        return m.group(0)  # "the first 3 of October": not days
    last = _month_end(year, month)
    n = min(n, last.day)
    start = date(year, month, 1) if m["edge"].lower() == "first" else last - timedelta(days=n - 1)
    if start > today:  # "the last week of January" said on the 3rd: last year's
        year, last = year - 1, _month_end(year - 1, month)
        start = date(year, month, 1) if m["edge"].lower() == "first" else last - timedelta(days=n - 1)
    return _between(start, date(year, month, n) if m["edge"].lower() == "first" else last)


def _bare_year(m: re.Match[str], today: date) -> str:
    year = int(m["y"])
    if not 2015 <= year <= today.year or _YEAR_BEFORE.search(m.string, 0, m.start()):
        return m.group(0)
    return f"in {year}"


def _weekday_of(said: str) -> int:
    return _WEEKDAYS[said.lower()[:3]]


_SINCE_BEFORE = re.compile(r"\b(?:since|from|after|between|and|to|until|till)\s*$", re.IGNORECASE)


def _on(m: re.Match[str]) -> str:
    """"on " before a day said alone; nothing after "since", "from", "to" ... (they say what the day is to the window)."""
    return "" if _SINCE_BEFORE.search(m.string, 0, m.start()) else "on "


def _more_shapes(text: str, today: date) -> str:
    """Halves of a month or a year, weekdays of this or last week, "Jan '25", 10-13-2026, "the year ending
    31 December 2025", "the preceding calendar week", "on record", "to the present", "this day last month",
    "this week and last", "yesterday and today", "lst week"."""
    monday = today - timedelta(days=today.weekday())
    text = _LAST_SAID.sub(lambda m: "year to date" if m.group(0).lower().startswith("yr") else "last", text)
    text = _LW.sub(lambda m: f"{'last' if m['which'] == 'l' else 'this'} {'week' if m['unit'] == 'w' else 'month'}", text)

    def but_one(m: re.Match[str]) -> str:
        unit = (m["unit"] or m["unit2"]).lower()
        if unit == "year":
            return f"in {today.year - 2}"
        if unit == "week":
            return f"w/c {_day_text(monday - timedelta(days=14))}"
        first = _add_months(today.replace(day=1), -2)
        return f"in {_MONTH_NAMES[first.month - 1].lower()} {first.year}"
    text = _BUT_ONE.sub(but_one, text)
    text = _DASHED_DATE.sub(lambda m: f"{m['a']}/{m['b']}/{m['y']}", text)
    text = _MONTH_SHORT_YEAR.sub(lambda m: f"{m['m']} 20{m['yy']}" if int(m["yy"]) <= today.year % 100 else m.group(0), text)

    def half_of_month(m: re.Match[str]) -> str:
        month = _month_of(m["m"])
        year = today.year if month <= today.month else today.year - 1
        if m["half"].lower() in ("first", "1st"):
            return _between(date(year, month, 1), date(year, month, 15))
        return _between(date(year, month, 16), _month_end(year, month))
    text = _HALF_OF_MONTH.sub(half_of_month, text)
    text = _HALF_OF_A_YEAR.sub(lambda m: (f"1 jan {m['y']} to 30 jun {m['y']}" if m["half"].lower() in ("first", "1st")
                                          else f"1 jul {m['y']} to 31 dec {m['y']}"), text)

    def weekdays(m: re.Match[str]) -> str:
        start = monday - timedelta(days=7 if m["which"].lower() == "last" else 0)
        return _between(start + timedelta(days=_weekday_of(m["a"])), start + timedelta(days=_weekday_of(m["b"])))
    text = _WEEKDAYS_THIS_WEEK.sub(weekdays, text)
    def weekday_of_week(m: re.Match[str]) -> str:
        if "before" in m.group(0).lower():  # the one before the most recent: "Thursday before last" said on Wed 25 Nov is the 12th
            latest = today - timedelta(days=(today.weekday() - _weekday_of(m["day"])) % 7 or 7)
            return _on(m) + _day_text(latest - timedelta(days=7))
        return _on(m) + _day_text(monday - timedelta(days=7) + timedelta(days=_weekday_of(m["day"])))
    text = _WEEKDAY_OF_WEEK.sub(weekday_of_week, text)

    def year_ending(m: re.Match[str]) -> str:
        try:
            end = date(int(m["y"]), _month_of(m["m"]), int(m["d"]))
        except ValueError:
            return m.group(0)
        return _between(_add_months(end, -12) + timedelta(days=1), end)
    text = _YEAR_ENDING.sub(year_ending, text)
    text = _CALENDAR_UNIT.sub(lambda m: f"last {m['unit']}", text)
    text = _ON_RECORD.sub("all time", text)
    text = _TO_THE_PRESENT.sub("to date", text)

    def this_day_last(m: re.Match[str]) -> str:
        unit = m["unit"].lower()
        if unit == "week":
            return _on(m) + _day_text(today - timedelta(days=7))
        return _on(m) + _day_text(_add_months(today, -1 if unit == "month" else -12))  # 31 March: the 28th of February
    text = _THIS_DAY_LAST.sub(this_day_last, text)
    if _SIDE_BY_SIDE.search(text):
        return text  # "difference between this week and last week": two windows, each its own
    text = _THIS_AND_LAST.sub(lambda m: f"since {_day_text(monday - timedelta(days=7))}", text)
    return _YESTERDAY_AND_TODAY.sub(lambda m: f"since {_day_text(today - timedelta(days=1))}", text)


def _recent_nth(number: int, today: date, *, months: int, weekday: str | None = None) -> date | None:
    """The latest `number`th of a month up to today, within `months` months (this one first), on `weekday` when
    one is said ("Monday 16th")."""
    return next((day for back in range(months) if (day := _day_in_month(_add_months(today.replace(day=1), -back), number))
                 and day <= today and (weekday is None or day.weekday() == _weekday_of(weekday))), None)


def _weekday_num_range(m: re.Match[str], today: date) -> str:
    first = _recent_nth(int(m["a"]), today, months=2, weekday=m["wa"])
    if first is None:
        return m.group(0)
    month_start = first.replace(day=1)
    last = _day_in_month(month_start if int(m["b"]) >= first.day else _add_months(month_start, 1), int(m["b"]))
    if last is None or last < first or (last - first).days > 31 or last.weekday() != _weekday_of(m["wb"]):
        return m.group(0)
    return f"between {_day_text(first)} and {_day_text(last)}"


def _units_ending(m: re.Match[str], today: date) -> str:
    if m["yesterday"]:
        last = today - timedelta(days=1)
    elif m["dd"]:
        month = _month_of(m["mm"])
        year = today.year if month <= today.month else today.year - 1
        last = _day_in_month(date(year, month, 1), int(m["dd"]))
    elif m["nth"]:
        last = _recent_nth(int(m["nth"]), today, months=13, weekday=m["wd"])
    elif m["em"]:
        month = _month_of(m["em"])
        last = _month_end(today.year if month <= today.month else today.year - 1, month)
    else:
        last = today - timedelta(days=(today.weekday() - _weekday_of(m["day"]) - 1) % 7 + 1)
    if re.search(r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[\s-]+$", m.string[: m.start("n")], re.IGNORECASE):
        return m.group(0)  # "the twenty one days ...": a compound number
    n = _NUMBERS.get(m["n"].lower()) or int(m["n"])
    days = n * (7 if m["unit"].lower().startswith("week") else 1)
    if last is None or last > today or not 1 <= days <= 3660:
        return m.group(0)
    return _between(last - timedelta(days=days - 1), last)


def _nth_of_which_month(m: re.Match[str], today: date) -> str:
    month = _add_months(today.replace(day=1), -1 if m["which"].lower() == "last" else 0)
    day = int(m["d"])
    if not 1 <= day <= _month_end(month.year, month.month).day or month.replace(day=day) > today:
        return m.group(0)
    return f"{_on(m)}{_day_text(month.replace(day=day))}"


def _named_dates(text: str, today: date) -> str:
    """Calendar spans with their own shape: "the week ending 8 Nov", "the weekend of the 14th", "the last two full
    weeks", "Sep and Oct", "1-31 October", "November last year", "Oct 1 to date", "from the 10th", "L30D", "2025"."""
    text = _TODAY_SAID.sub("today", _more_shapes(text, today))
    text = _WEEKDAY_NUM_RANGE.sub(lambda m: _weekday_num_range(m, today), text)
    text = _WEEKDAYS_IN_SPAN.sub(lambda m: m["to"] or "", text)
    text = _YESTERDAY_WEEK.sub(lambda m: f"{_on(m)}{_day_text(today - timedelta(days=8))}", text)
    text = _NOT_TODAY.sub(lambda m: f"the {m['n']} days ending yesterday", text)
    if not _COMPARED.search(text):
        text = _UNITS_ENDING.sub(lambda m: _units_ending(m, today), text)
    text = _WEEKDAY_NTH.sub(lambda m: (f"{'' if _RANGE_AFTER.match(m.string, m.end()) else _on(m)}{_day_text(day)}"
                                       if (day := _recent_nth(int(m["d"]), today, months=13, weekday=m["day"]))
                                       else m.group(0)), text)
    text = _NTH_OF_WHICH_MONTH.sub(lambda m: _nth_of_which_month(m, today), text)
    text = _SAID_WEEKDAY.sub(lambda m: m["day"], text)
    text = _WEEKDAY_TO_TODAY.sub(lambda m: f"since {m['day']}", text)
    text = _DAY_MON_YY.sub(lambda m: (f"{m['d']} {m['m']} {m['y'] if len(m['y']) == 4 else '20' + m['y']}"
                                      if len(m["y"]) == 4 or int(m["y"]) <= today.year % 100 + 1 else m.group(0)), text)
    text = _WEEKDAY_BEFORE_DATE.sub("", text)
    text = _AGO_DAYS.sub(lambda m: "on " + _day_text(today - timedelta(
        days=7 if not m["n"] else (_NUMBERS.get(m["n"].lower()) or int(m["n"])))), text)
    text = _JUST_GONE.sub(lambda m: f"last {m['unit']}", text)
    text = _WEEK_ENDING.sub(lambda m: _week_ending(m, today), text)
    text = _WEEKEND_OF.sub(lambda m: _weekend_of(m, today), text)
    text = _SAT_AND_SUN.sub("the weekend", text)
    text = _FULL_UNITS.sub(lambda m: _full_units(m, today), text)
    text = _L_N_D.sub(lambda m: f"last {m['bare']} days" if m["bare"] else f"last {m['n']} {_L_UNITS[m['unit'].lower()]}",
                      text)
    text = _MONTH_SLASH_YEAR.sub(lambda m: (f"{_MONTH_NAMES[int(m['m']) - 1].lower()} {m['y']}" if 1 <= int(m["m"]) <= 12
                                            else m.group(0)), text)
    text = _DAYS_OF_MONTH.sub(lambda m: f"between {m['a']} {m['m']} and {m['b']} {m['m']}", text)
    text = _PART_OF_MONTH.sub(lambda m: _part_of_month(m, today), text)
    text = _MONTH_EDGES.sub(lambda m: f"{m['from'] or ''} {m['a']} {m['to']} {m['b']}".strip(), text)
    text = _FIRST_MONTHS_OF.sub(lambda m: _first_months(m), text)
    text = _TWO_MONTHS.sub(lambda m: _two_months(m, today), text)
    text = _OF_YEAR.sub(lambda m: f"{m['what']} {today.year - (m['which'].lower() == 'last')}", text)
    text = _SINCE_SAID_AFTER.sub(lambda m: f"since {m['when']}", text)
    text = _FROM_ALONE.sub(lambda m: f"since {m['when']}", text)
    text = _FROM_ON.sub(lambda m: f"since {m['when']}", text)
    compared = _COMPARED.search(text) is not None  # "compare the last 7 days to yesterday": two windows
    text = text if compared else _TO_TODAY.sub(lambda m: f"since {m['when']}", text)
    text = _TO_YESTERDAY.sub(lambda m: f"between {m['when']} and {_day_text(today - timedelta(days=1))}", text)
    text = _NTH_THROUGH_NTH.sub(lambda m: (f"between {m['a']} and {m['b']}" if all(
        1 <= int(re.sub(r"\D", "", m[k])) <= 31 for k in ("a", "b")) else m.group(0)), text)
    text = _END_OF.sub(lambda m: f"{m['lead']} {_month_end(today.year if _month_of(m['m']) <= today.month else today.year - 1, _month_of(m['m'])).day} {m['m']}", text)
    text = _HALF_ALONE.sub(lambda m: _half_text(m["half"] == "1", today), text)
    text = _SHORT_YEAR.sub(lambda m: f"{m['lead']} 20{m['yy']}" if int(m["yy"]) <= today.year % 100 else m.group(0), text)
    return _BARE_YEAR.sub(lambda m: _bare_year(m, today), text)


def name_the_spans(text: str, today: date, zone: str = "") -> str:
    """Windows said by their place in the calendar, to the dates the period parser reads: the team's financial
    year ("this FY", "FY26"), "2 weeks ago", "a month ago", "the quarter before last", "the last week of October",
    "the second half of the year", "mid-October" (the month), "since 8am" (today), "last 24h"."""
    text = _named_dates(_FY.sub(lambda m: _financial_year(m, today, zone), text), today)
    text = _AGO.sub(lambda m: _ago(m, today), text)
    text = _QUARTER_BEFORE_LAST.sub(lambda m: _quarter_before_last(today), text)
    text = _WEEK_OF_MONTH.sub(lambda m: _week_of_month(m, today), text)
    text = _HALF_OF_YEAR.sub(lambda m: _half_text(m["half"].lower() in ("first", "1st"), today), text)
    text = _SINCE_WE_DID_ON.sub(lambda m: f"with the {_LEADING_DET.sub('', m['what'].strip())} since ".replace("the  ", "the "),
                                text)
    text = _DOTTED_DAY.sub(lambda m: (f"{int(m['d'])} {_MONTH_NAMES[int(m['m']) - 1].lower()}"
                                      if 1 <= int(m["m"]) <= 12 and 1 <= int(m["d"]) <= 31 else m.group(0)), text)
    text = _BEGIN_OF.sub("beginning of", text)
    text = _SINCE_FIRST_OF_MONTH.sub("since the start of this month", text)
    if not _CHANGE_SAID.search(text):  # "have scores improved from summer": a change since then, as before
        text = _FROM_SEASON.sub(lambda m: f"in {m['which'] or 'the '}{m['season']}", text)
    text = _SINCE_PART.sub(lambda m: m.group(0) if m["from"] and not m["on"]  # "stories from mid September": dated
                           else f"since {m['m']}" if _PART_DAY[m["part"].lower()] == 1
                           else f"since {_PART_DAY[m['part'].lower()]} {m['m']}", text)
    text = _MONTH_ONWARDS.sub(lambda m: f"since {m['m']}", text)
    text = _MID_MONTH.sub("", text)
    text = _CLOCK_TIME.sub("today", text)
    return _N_HOURS.sub(lambda m: f"{m['lead']} {m['n']} hours", text)


# A month still to come, named for an event ahead ("we have the CQC inspection in January and I want to fix things
# before", "two new starters starting in December"): no window (last January's figures were not asked for)
_AHEAD = re.compile(r"\b(?:will|going\s+to|gonna|upcoming|coming\s+up|starting|starts|planning|prepare|preparing|"
                    r"before|ahead\s+of)\b|\w'll\b", re.IGNORECASE)
_MONTH_AHEAD_SAID = re.compile(rf"\b(?P<lead>in|for|by|fur)\s+(?P<m>{_MONTH_SAID})(?!\s*(?:20\d\d|\d|last|this))",
                               re.IGNORECASE)


def _months_ahead_dropped(text: str, today: date) -> str:
    if not _AHEAD.search(text):
        return text

    def drop(m: re.Match[str]) -> str:
        month = _MONTHS.get(m["m"].lower().rstrip("."))
        if month is None or not 0 < (month - today.month) % 12 <= 3:
            return m.group(0)
        return " " * len(m.group(0))
    return _MONTH_AHEAD_SAID.sub(drop, text)


def name_the_days(text: str, today: date, zone: str = "") -> str:
    """"since the clocks went back" -> "since 25 oct 2026": a named day, its latest date up to today; then the
    windows said by their place in the calendar (`name_the_spans`)."""
    def when(m: re.Match[str]) -> str:
        kind = next(k for k, v in m.groupdict().items() if v and k != "prep")
        for year in (today.year, today.year - 1):
            day = _DAY_IN[kind](year)
            if day <= today:
                if kind == "xmas" and m["prep"].lower() in ("over", "during", "around", "at"):
                    return f"between 24 dec {day.year} and 26 dec {day.year}"  # Christmas Eve to Boxing Day
                if kind == "halfterm" and m["prep"].lower() in ("over", "during", "around", "at", "on"):
                    return f"w/c {_day_text(day)}"  # the week off, Monday to Sunday
                return f"{m['prep'].lower()} {_day_text(day)}"
        return m.group(0)

    def itself(m: re.Match[str]) -> str:
        if m["lead"] is not None and m.string[: m.start()].strip():
            return m.group(0)  # "Halloween - any weird comments?" opens with the day; "… mentioning christmas, …" is a topic
        kind = next(k for k, v in m.groupdict().items() if v and k not in ("which", "year", "lead"))
        year = int(m["year"]) if m["year"] else today.year - (1 if (m["which"] or "").lower() == "last" else 0)
        day = _DAY_IN[kind](year)
        if not (m["year"] or m["which"]) and day > today:
            day = _DAY_IN[kind](year - 1)
        return m.group(0) if day > today else f"on {_day_text(day)}"
    return name_the_spans(_NAMED_DAY_ITSELF.sub(itself, _NAMED_DAY.sub(when, _months_ahead_dropped(text, today))),
                          today, zone)


# A window taken back: "strongest moment in september - no wait, october", "last weekend—actually just do all of
# last week", "from October - no, November": the one said after the correction is meant
_CORRECTION = re.compile(
    r"\s*(?:[-–—,.;:!]+\s*)?\b(?:no\s+wait|wait\s+no|wait|no|nope|sorry|actually|i\s+mean|scratch\s+that|make\s+(?:that|it)|"
    r"or\s+rather|rather)\b[\s,.:;!-]*(?:(?:just\s+)?(?:do|make\s+(?:it|that)|i\s+mean|give\s+me|show\s+me)\s+)?"
    r"(?:all(?:\s+of)?\s*)?",
    re.IGNORECASE)


_TAKEN_BACK_WORD = re.compile(r"\b(?:no|wait|nope|sorry|actually|mean|scratch|make|rather)\b", re.IGNORECASE)


def drop_taken_back(text: str, *, now: datetime, tz: str) -> str:
    """The text without a window the writer took back straight after saying it (see `_CORRECTION`)."""
    for _ in range(3 if _TAKEN_BACK_WORD.search(text) else 0):
        found = find_periods(text, now=now, tz=tz)
        taken = next((a for a, b in zip(found, found[1:]) if _CORRECTION.fullmatch(text[a.end:b.start])), None)
        if taken is None:
            break
        after = next(b for b in found if b.start > taken.start)
        text = text[:taken.start] + text[after.start:]
    return text

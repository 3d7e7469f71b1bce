"""Private to bot.nlp.question: how managers write periods and counts in shorthand, rewritten before the
rules read a question ("ppl" -> people, "this weeks" -> this week's, "last to last month" -> the month
before last, "30d" -> last 30 days, "the third quarter" -> q3, "n stories" -> number of stories), and the
series unit a trend asks for ("month on month" -> months)."""

from __future__ import annotations

import re
from datetime import date, timedelta

from bot.nlp.period_calendar import _MONTH_NAMES, _add_months
from bot.nlp.period_point import _MONTHS, _infer_year
from bot.nlp.question_vocabulary import _ABBREVIATIONS, _NUMBER_OF


# "how much stories" (a count noun after "how much") is "how many"; "the passed 30 days" is "past".
_HOW_MUCH_COUNT = re.compile(
    r"\bhow\s+much(?=\s+(?:\w+\s+)?(?:stories|storys|ratings|votes|responses|reviews|comments|complaints|"
    r"compliments|people|patients|customers|guests|diners|visitors|times|answers|replies|surveys|mentions)\b)"
)
_PASSED = re.compile(r"\bpassed(?=\s+(?:\d+|few|couple|two|three|four|five|six|seven|eight|nine|ten|twelve)?\s*"
                     r"(?:days?|weeks?|months?|years?|quarters?|fortnights?|hours?)\b)")


# "wait is check in better this wk", "ok so wait what did sam write": a pause, not the waiting room
_WAIT_INTERJECTION = re.compile(r"^\W*(?:(?:ok(?:ay)?|so|hmm+|oh)\W+)*wait\b(?:\s*[,.!:-]+)?(?=\s+(?:is|are|was|were|did|does|"
                                r"do|has|have|how|hows|what|whats|which|who|where|when|why|can|could|so|ok|i|we)\b)",
                                re.IGNORECASE)
# "this weeks stories", "last months numbers": a possessive typed without its apostrophe.
_PERIOD_POSSESSIVE = re.compile(
    r"\b(?P<lead>this|last|previous)\s+(?P<unit>week|month|quarter|year|fortnight)s(?=\s+[a-z])"
    r"(?!\s+(?:of|and|or|to|ago|in|at|on|for|i|we|you|they|there|it|is|are|was|were|have|has|had)\b)",
    re.IGNORECASE,
)


# "this mo vs last mo": a month after a word that says which; "last 90", "past 30" (no unit): days.
_MONTH_MO = re.compile(r"\b(?P<lead>this|last|next|per|a|each|every|the|prev|previous)\s+mos?\b", re.IGNORECASE)
_DAYS_UNSAID = re.compile(
    r"\b(?P<lead>last|past|previous|prior|rolling|trailing)\s+(?P<n>7|14|28|30|60|90|120|180|365)\b"
    r"(?!\s*(?:days?|weeks?|wks?|months?|mths?|years?|yrs?|quarters?|hours?|hrs?|[a-z]))",
    re.IGNORECASE,
)


# "the third quarter", "the 2nd quarter of 2025": Q3, Q2 2025.
_NTH_QUARTER = re.compile(r"\b(?:the\s+)?(?P<nth>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter\b(?:\s+of)?",
                          re.IGNORECASE)
_QUARTER_OF = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}


# Office English: "till date" / "to date" is up to today (all time, or since a date said with "from");
# "last to last month" is the month before last; "the first of september" is 1 September; "before and
# after 1st Nov" is since then against before; "the practice" (a GP practice) is the clinic, not a practice.
_FROM_TILL_DATE = re.compile(
    r"\bfrom\s+(?P<when>(?:the\s+)?[\w.]+(?:\s+[\w.]+){0,2}?)\s+(?:till|til|until|upto|up\s+to|to)\s+(?:date|now|today)\b",
    re.IGNORECASE)
_TILL_DATE = re.compile(r"\b(?:till|til|until|upto|up\s+to)\s+date\b|\bsince\s+(?:always|ever)\b", re.IGNORECASE)
_LAST_TO_LAST = re.compile(r"\blast\s+to\s+last\s+(?P<unit>week|month|quarter|year)\b", re.IGNORECASE)
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
             "ninth": 9, "tenth": 10, "fifteenth": 15, "twentieth": 20}
_NTH_OF_MONTH = re.compile(
    rf"\b(?:the\s+)?(?P<nth>{'|'.join(_ORDINALS)})\s+of\s+(?=(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b)",
    re.IGNORECASE)
_BEFORE_AND_AFTER = re.compile(r"\b(?:before\s+and\s+after|pre\s+and\s+post|pre\s*/\s*post)\s+(?P<when>[\w.]+(?:\s+[\w.]+)?)",
                               re.IGNORECASE)
# "trend over the quarter", "across the month": this quarter, this month (the one we are in).
_ALL_UNIT = re.compile(r"\ball\s+(?:the\s+|this\s+)?(?P<unit>week|month|quarter|year)\b(?!\s+(?:before|after|of|to)\b)",
                       re.IGNORECASE)  # "flat all quarter", "all the month": this one
_OVER_THE_UNIT = re.compile(r"\b(?P<lead>over|across|through|throughout|during)\s+the\s+(?P<unit>month|quarter|year)\b"
                            r"(?!\s+(?:before|after|of|to|ending|just|gone|so\s+far)\b)", re.IGNORECASE)
# "the year so far", "for the month so far": this year, this month (up to today, as "this year" is).
_UNIT_SO_FAR = re.compile(r"\b(?:for\s+)?the\s+(?P<unit>week|month|quarter|year)\s+so\s+far\b", re.IGNORECASE)
# "direction of travel" is which way a figure goes (a trend), not the directions MOT.
_DIRECTION_OF_TRAVEL = re.compile(r"\bdirection\s+of\s+travel\b", re.IGNORECASE)
# "a thank-you card", "a birthday card": a card for a person, not the insurance card MOT.
_GREETING_CARD = re.compile(r"\b(?P<kind>thank[\s-]*you|thankyou|birthday|gift|greetings?|christmas|xmas|leaving|"
                            r"get[\s-]+well|congratulations|congrats|well[\s-]+done)\s+cards?\b", re.IGNORECASE)
_THE_PRACTICE = re.compile(r"\b(?P<lead>the|our|this|my)\s+practice\b(?!\s+(?:of|for|is\s+to)\b)", re.IGNORECASE)


_SERIES_UNIT = re.compile(
    r"\b(?:(?P<month>month\s+(?:on|over|by|to|after)\s+month|monthly|each\s+month|every\s+month|per\s+month|"
    r"by\s+month|mom)"
    r"|(?P<week>week\s+(?:on|over|by|to|after)\s+week|weekly|each\s+week|every\s+week|per\s+week|by\s+week|wow))\b",
    re.IGNORECASE,
)


def series_asked(text: str) -> str | None:
    """"month on month", "monthly" -> "month"; "week by week", "weekly" -> "week"; None if not said."""
    m = _SERIES_UNIT.search(text)
    return None if m is None else "month" if m["month"] else "week"


# "past 30d", "90d", "trend 6 mths" (no "last"): the last N days / months; "n stories" is how many
_N_DAYS = re.compile(r"\b(?:(?P<lead>last|past|previous|prior|rolling|trailing)\s+)?(?P<n>\d{1,3})\s*d\b", re.IGNORECASE)
_N_UNITS_BARE = re.compile(
    r"(?<!\blast\s)(?<!\bpast\s)(?<!\bnext\s)(?<!\bprior\s)(?<!\bfirst\s)(?<!\bthe\s)(?<!\bover\s)(?<!\bprevious\s)"
    r"\b(?P<n>\d{1,2})\s*(?P<unit>mths|mnths|months|wks|weeks)\b(?!\s+(?:ago|before|after|from|later|earlier|of)\b)",
    re.IGNORECASE,
)
_N_FOR_NUMBER = re.compile(r"^\s*n\s+(?=[a-z])", re.IGNORECASE)
# A sample size: "what's our n for follow-up calls" is how many ratings it has
_N_SAMPLE = re.compile(r"\b(?:our|the)\s+n\s+(?=(?:for|on)\b)", re.IGNORECASE)
# "where are we knocking it out of the park": where we do best (no car park in it)
_OUT_OF_THE_PARK = re.compile(r"\b(?:knock|knocks|knocking|knocked|hit|hits|hitting)\s+(?:it|them|this|that)\s+out\s+of\s+"
                              r"the\s+(?:ball\s*)?park\b", re.IGNORECASE)
# "who's getting called out the most for great moments": named, praised (no phone call in it)
_CALLED_OUT = re.compile(r"\b(?<!to\s)called\s+out\b", re.IGNORECASE)
# "stick it up on the staff room wall": a room of the staff's, not the waiting room
_STAFF_ROOM = re.compile(r"\b(?P<whose>staff|break|tea|common|locker|changing)\s+room\b", re.IGNORECASE)
# Letters left out: "chk-in", "chkout", "call-appt", "appts" (beside a hyphen or a slash too)
_CHK = re.compile(r"\bchk(?=[\s/-]*(?:in|out)\b)|\bchk\b", re.IGNORECASE)
_APPT = re.compile(r"\bappt(?P<s>s?)\b", re.IGNORECASE)
# "trend chk-in 3m", "last 6m": months (not minutes after a wait, not millions of anything)
_N_M = re.compile(r"(?<![\w.$£€])(?:(?:last|past|previous|over\s+the\s+last)\s+)?(?P<n>\d{1,2})\s?m\b(?![\w%])"
                  r"(?![\s-]*(?:wait|waits|walk|drive|queue|queues|delay|delays|hold|holds|late)\b)",
                  re.IGNORECASE)
_A_WAIT_BEFORE = re.compile(r"\b(?:over|under|than|wait\w*|about|around|took|takes|for)\s*$", re.IGNORECASE)
# Quarter on quarter: this quarter against the last unless a quarter is named ("QoQ on the waiting room vs Q3")
_QOQ = re.compile(r"\bq[\s/-]?o[\s/-]?q\b(?!.*\b(?:q[1-4]|quarters?)\b)", re.IGNORECASE)
_STORY_TELLERS = re.compile(r"\bstory[\s-]+(?:tellers?|submitters?|contributors?|posters?|senders?|writers?)\b",
                            re.IGNORECASE)
# "which part customers most happy", "the most bad step": a superlative built the way many languages build it
_MOST_PLAIN = re.compile(r"\b(?:the\s+)?most\s+(?P<adj>happy|unhappy|good|bad|nice)\b", re.IGNORECASE)
_SUPERLATIVE = {"happy": "happiest", "unhappy": "unhappiest", "good": "best", "bad": "worst", "nice": "nicest"}
# "which part of the appointment", "which bits of a meal": the whole visit, not the booking or serving moment
_PART_OF_VISIT = re.compile(r"\b(?P<lead>parts?|stages?|steps?|bits?|moments?|points?)\s+of\s+(?:the|an|their|a|our)\s+"
                            r"(?:appointment|meal|dinner|lunch|breakfast|brunch)\b", re.IGNORECASE)


# "H2", "H1 2025": half years; "november so far v october": versus; "driving our detractors": causing;
# "would you say", "do you reckon": fillers, not a request for what people say.
_HALF = re.compile(r"\bh(?P<half>[12])\s+(?P<year>20\d\d)\b", re.IGNORECASE)  # without a year: name_the_spans
# "the front" alone is the front desk ("how's the front been", "most praised at the front"), not its door
_THE_FRONT = re.compile(r"\bthe\s+front\b(?!\s*-?\s*(?:door|doors|entrance|entrances|gate|of|desk|counter|office|"
                        r"line|lines|page|row|seat|seats|car|garden|cover|end|runner|room|steps|window)\b)",
                        re.IGNORECASE)
# "v" before a word of degree or quality is "very" ("doing v good", "v slow"), never "versus"
_VERY = re.compile(r"(?<=\w)\s+v\s+(?=(?:good|well|bad|badly|poor|poorly|slow|quick|fast|busy|nice|happy|unhappy|"
                   r"long|low|high|few|many|much|little|strong|weak|positive|negative|pleased|kind|rude|helpful|"
                   r"friendly|clean|quiet|late|early|impressed|disappointed|annoyed|annoying|irritating|shining)\b)",
                   re.IGNORECASE)
_VERSUS = re.compile(r"(?<=\w)\s+v\.?\s+(?=\w)", re.IGNORECASE)
_DRIVING = re.compile(r"\bdriv(?:ing|e|es)\s+(?=(?:our|the|these|those|all|most|more)\s+(?!cars?\b|car\s+park)|"
                      r"(?:(?:positive|negative|good|bad|great|poor|high|higher|low|lower|better|worse)\s+)?"
                      r"(?:sentiment|scores?|ratings?|satisfaction|dissatisfaction|complaints?|praise|feedback|nps|"
                      r"loyalty)\b)", re.IGNORECASE)
# "the whole history", "everything we have": all time
_WHOLE_HISTORY = re.compile(r"\b(?:the\s+)?(?:whole|entire|full|complete)\s+history\b|"
                            r"\ball\s+(?:of\s+)?(?:our\s+)?history\b|"
                            r"\beverything\s+(?:we\s+have|we\s*'?ve\s+got|we\s+got|you\s+have|you\s*'?ve\s+got)\b",
                            re.IGNORECASE)
_ASKING_FILLER = re.compile(r",?\s*\b(?:would\s+you\s+say|do\s+you\s+(?:think|reckon|know)|would\s+you\s+reckon|"
                            r"in\s+your\s+(?:view|opinion))\b", re.IGNORECASE)


# Dictated or typed homophones: "last weak", "this weak", "weak on weak" are weeks; "week spots", "the week
# points" are weak ones; "the for worst moments" is four of them.
_WEAK_AS_WEEK = re.compile(
    r"\b(?P<lead>this|last|next|past|previous|prev|prior|per|each|every|a|one|two|three|four|five|six|seven|eight|"
    r"nine|ten|twelve|couple\s+of|few|\d{1,2})\s+weak(?P<s>s)?\b(?!\s+(?:spots?|points?|areas?|links?|moments?|stages?|"
    r"steps?|bits?|parts?|ones?|touch\s*points?|performers?|results?|scores?|ratings?|and|or|sides?)\b)"
    r"|\bweak(?=\s+(?:on|over|by|to)\s+weak\b)|(?<=\bweek\s(?:on|by|to)\s)weak\b|(?<=\bweek\sover\s)weak\b",
    re.IGNORECASE)
_WEEK_AS_WEAK = re.compile(r"\bweek(?=\s+(?:spots?|points?|areas?|links?|performers?)\b)|\bweekest\b", re.IGNORECASE)
_FOR_AS_FOUR = re.compile(r"\b(?P<lead>the|our|my|your)\s+for\s+(?=(?:worst|best|weakest|strongest|lowest|highest|"
                          r"top|bottom|most|least)\b)", re.IGNORECASE)


def _weak_as_week(m: re.Match[str]) -> str:
    if m["lead"] is None:
        return "week"
    return f"{m['lead']} week{m['s'] or ''}"


_UNIT_NAMED = {"quarter": re.compile(r"\bq[1-4]\b|\bquarter\b", re.IGNORECASE),
               "month": re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\bmonth\b", re.IGNORECASE),
               "year": re.compile(r"\b20\d\d\b|\byear\b", re.IGNORECASE)}


def _over_this_unit(m: re.Match[str]) -> str:
    """"over the quarter" is this quarter, unless a quarter was named before it ("roadworks all through Q3 - did
    parking get worse over the quarter?": that one)."""
    if _UNIT_NAMED[m["unit"].lower()].search(m.string, 0, m.start()):
        return m.group(0)
    return f"{m['lead']} this {m['unit']}"


# "since the end of the summer", "since october ended": from the first day after it
_AFTER_SEASON = {"spring": "june", "summer": "september", "autumn": "december", "fall": "december", "winter": "march"}
_ENDED_PART = r"summer|spring|autumn|fall|winter|jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|" \
              r"aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
_SINCE_ENDED = re.compile(
    rf"\bsince\s+(?:the\s+)?(?:end\s+of\s+(?:the\s+)?(?P<a>{_ENDED_PART})|(?P<b>{_ENDED_PART})\s+(?:ended|finished|"
    rf"was\s+over|came\s+to\s+an\s+end))\b", re.IGNORECASE)


def _since_ended(m: re.Match[str]) -> str:
    part = (m["a"] or m["b"]).lower()
    if part in _AFTER_SEASON:
        return f"since 1 {_AFTER_SEASON[part]}"
    return f"since 1 {_MONTH_NAMES[_MONTHS[part[:3]] % 12].lower()}"  # the month after it ("sepember": sep)


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
    r"(?P<summerbh>(?:the\s+)?august\s+bank\s+holiday(?:\s+monday)?|(?:the\s+)?summer\s+bank\s+holiday)"
    r"|(?P<mlk>mlk\s+day|martin\s+luther\s+king(?:\s+jr\.?)?\s+day)|"
    r"(?P<cup>melbourne\s+cup(?:\s+day)?|cup\s+day)|(?P<david>st\.?\s+david'?s(?:\s+day)?)|(?P<victoria>victoria\s+day)|"
    r"(?P<civic>civic\s+holiday(?:\s+monday)?)|(?P<heritage>heritage\s+day)|(?P<freedom>freedom\s+day)|(?P<youth>youth\s+day)|"
    r"(?P<reconciliation>day\s+of\s+reconciliation)|(?P<juneteenth>juneteenth)|(?P<presidents>presidents'?\s+day)")
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
           "civic": lambda y: _nth_weekday(y, 8, 0, 1)}  # each named day, by year


_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
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
    n = _NUMBER_WORDS.get(said) or int(said)
    if m["unit"].lower().startswith("week"):
        monday = today - timedelta(days=today.weekday() + 7 * n)
        return f"w/c {_day_text(monday)}"
    first = _add_months(today.replace(day=1), -n)
    return f"in {_MONTH_NAMES[first.month - 1].lower()} {first.year}"


def _week_of_month(m: re.Match[str], today: date) -> str:
    month = _MONTHS[m["month"][:3].lower()]
    year = today.year if month <= today.month else today.year - 1
    if m["nth"].lower() == "last":
        last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
        first = last - timedelta(days=6)
    else:
        first = date(year, month, 1 + 7 * _WEEK_ORDINAL[m["nth"].lower()])
        last = first + timedelta(days=6)
    if first > today:  # "the last week of January" said on the 3rd: last year's
        return _week_of_month_in(m, year - 1)
    return f"between {_day_text(first)} and {_day_text(last)}"


def _week_of_month_in(m: re.Match[str], year: int) -> str:
    month = _MONTHS[m["month"][:3].lower()]
    if m["nth"].lower() == "last":
        last = _month_end(year, month)
        return _between(last - timedelta(days=6), last)
    first = date(year, month, 1 + 7 * _WEEK_ORDINAL[m["nth"].lower()])
    return _between(first, first + timedelta(days=6))


def _quarter_before_last(today: date) -> str:
    quarter, year = (today.month - 1) // 3 - 2, today.year  # zero-based: the quarter before last
    if quarter < 0:
        quarter, year = quarter + 4, year - 1
    return f"q{quarter + 1} {year}"


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
_L_N_D = re.compile(r"\bl(?P<n>\d{1,3})d\b", re.IGNORECASE)
_MONTH_SLASH_YEAR = re.compile(r"(?<![\d/])(?P<m>\d{1,2})/(?P<y>20\d\d)\b")
_DAYS_OF_MONTH = re.compile(rf"\b(?P<a>\d{{1,2}})(?:st|nd|rd|th)?\s*[-–—]\s*(?P<b>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m>{_MONTH_SAID})",
                            re.IGNORECASE)
_SIDE_BY_SIDE = re.compile(r"\b(?:compare\w*|comparison|side\s+by\s+side|vs|versus|against|better|worse|differ\w*|"
                           r"change\w*|stack\s+up)\b", re.IGNORECASE)
_TWO_MONTHS = re.compile(rf"\b(?P<a>{_MONTH_SAID})\s+(?:and|&|\+)\s+(?P<b>{_MONTH_SAID})", re.IGNORECASE)
_OF_YEAR = re.compile(rf"\b(?P<what>{_MONTH_SAID}|q[1-4])\s+(?P<which>this|last)\s+year\b", re.IGNORECASE)
_SINCE_SAID_AFTER = re.compile(rf"\b(?:from\s+)?(?P<when>{_DAY_MONTH}(?:\s+20\d\d)?|(?:the\s+)?\d{{1,2}}(?:st|nd|rd|th)\b|\d{{1,2}}/\d{{1,2}}\b)"
                               rf"\s+(?:to\s+date|to\s+now|till\s+now|until\s+now|onwards)\b", re.IGNORECASE)
_FROM_ALONE = re.compile(rf"\bfrom\s+(?P<when>(?:the\s+)?\d{{1,2}}(?:st|nd|rd|th)\b(?:\s+of)?(?:\s+{_MONTH_SAID})?)"
                         r"(?!\s*(?:to|till|til|until|through|thru|-|–|—|and)\b)(?=\s*(?:[,;?!.]|$))", re.IGNORECASE)
_TO_YESTERDAY = re.compile(rf"\b(?P<when>{_DAY_MONTH})\s+(?:to|till|until|-|–)\s+yesterday\b", re.IGNORECASE)
_NTH_THROUGH_NTH = re.compile(r"\b(?P<a>the\s+\d{1,2}(?:st|nd|rd|th))\s+(?:through|thru|till|until|to)\s+(?P<b>the\s+\d{1,2}(?:st|nd|rd|th))\b",
                              re.IGNORECASE)
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
_DASHED_DATE = re.compile(r"(?<![\d-])(?P<a>\d{1,2})-(?P<b>\d{1,2})-(?P<y>20\d\d)\b")
_ARROW = re.compile(r"\s*(?:→|->|⟶|=>)\s*")
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
    return f"1 jan {year} to 30 jun {year}" if first else f"1 jul {year} to 31 dec {year}"


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
        day = next((d for back in range(0, 3) if (d := _day_in_month(_add_months(today.replace(day=1), -back), number))
                    and d <= today), None)
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
    n = _NUMBER_WORDS.get(said) or int(said)
    if not 1 <= n <= 60:
        return m.group(0)
    if (m["unit"] or m["unit2"]).lower() == "weeks":
        monday = today - timedelta(days=today.weekday())
        return _between(monday - timedelta(days=7 * n), monday - timedelta(days=1))
    return _between(_add_months(today.replace(day=1), -n), today.replace(day=1) - timedelta(days=1))


def _two_months(m: re.Match[str], today: date) -> str:
    a, b = _month_of(m["a"]), _month_of(m["b"])
    if b != a % 12 + 1 or _SIDE_BY_SIDE.search(m.string):
        return m.group(0)  # not two months in a row, or two set side by side: each is its own
    year_b = today.year if b <= today.month else today.year - 1
    year_a = year_b if a < b else year_b - 1
    if (year_b, b) == (today.year, today.month):
        return f"since {_day_text(date(year_a, a, 1))}"
    return _between(date(year_a, a, 1), _month_end(year_b, b))


def _part_of_month(m: re.Match[str], today: date) -> str:
    month = _month_of(m["m"])
    year = today.year if month <= today.month else today.year - 1
    said = m["n"].lower()
    n = 14 if said == "fortnight" else 7 if said == "week" else (_NUMBER_WORDS.get(said) or int(said))
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


_WEEKDAY_INDEX = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}


def _weekday_of(said: str) -> int:
    return _WEEKDAY_INDEX[said.lower()[:3]]


_SINCE_BEFORE = re.compile(r"\b(?:since|from|after|between|and|to|until|till)\s*$", re.IGNORECASE)


def _on(m: re.Match[str]) -> str:
    """"on " before a day said alone; nothing after "since", "from", "to" ... (they say what the day is to the window)."""
    return "" if _SINCE_BEFORE.search(m.string, 0, m.start()) else "on "


def _more_shapes(text: str, today: date) -> str:
    """Halves of a month or a year, weekdays of this or last week, "Jan '25", 10-13-2026, "→", "the year ending
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
    text = _ARROW.sub(" to ", text)
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


def _named_dates(text: str, today: date) -> str:
    """Calendar spans with their own shape: "the week ending 8 Nov", "the weekend of the 14th", "the last two full
    weeks", "Sep and Oct", "1-31 October", "November last year", "Oct 1 to date", "from the 10th", "L30D", "2025"."""
    text = _TODAY_SAID.sub("today", _more_shapes(text, today))
    text = _SAID_WEEKDAY.sub(lambda m: m["day"], text)
    text = _WEEKDAY_TO_TODAY.sub(lambda m: f"since {m['day']}", text)
    text = _DAY_MON_YY.sub(lambda m: (f"{m['d']} {m['m']} {m['y'] if len(m['y']) == 4 else '20' + m['y']}"
                                      if len(m["y"]) == 4 or int(m["y"]) <= today.year % 100 + 1 else m.group(0)), text)
    text = _WEEKDAY_BEFORE_DATE.sub("", text)
    text = _AGO_DAYS.sub(lambda m: "on " + _day_text(today - timedelta(
        days=7 if not m["n"] else (_NUMBER_WORDS.get(m["n"].lower()) or int(m["n"])))), text)
    text = _JUST_GONE.sub(lambda m: f"last {m['unit']}", text)
    text = _WEEK_ENDING.sub(lambda m: _week_ending(m, today), text)
    text = _WEEKEND_OF.sub(lambda m: _weekend_of(m, today), text)
    text = _SAT_AND_SUN.sub("the weekend", text)
    text = _FULL_UNITS.sub(lambda m: _full_units(m, today), text)
    text = _L_N_D.sub(lambda m: f"last {m['n']} days", text)
    text = _MONTH_SLASH_YEAR.sub(lambda m: (f"{_MONTH_NAMES[int(m['m']) - 1].lower()} {m['y']}" if 1 <= int(m["m"]) <= 12
                                            else m.group(0)), text)
    text = _DAYS_OF_MONTH.sub(lambda m: f"between {m['a']} {m['m']} and {m['b']} {m['m']}", text)
    text = _PART_OF_MONTH.sub(lambda m: _part_of_month(m, today), text)
    text = _TWO_MONTHS.sub(lambda m: _two_months(m, today), text)
    text = _OF_YEAR.sub(lambda m: f"{m['what']} {today.year - (m['which'].lower() == 'last')}", text)
    text = _SINCE_SAID_AFTER.sub(lambda m: f"since {m['when']}", text)
    text = _FROM_ALONE.sub(lambda m: f"since {m['when']}", text)
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
    text = _MID_MONTH.sub("", text)
    text = _CLOCK_TIME.sub("today", text)
    return _N_HOURS.sub(lambda m: f"{m['lead']} {m['n']} hours", text)


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
                return f"{m['prep']} {day.day} {day:%b} {day.year}".lower()
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
    return name_the_spans(_NAMED_DAY_ITSELF.sub(itself, _NAMED_DAY.sub(when, text)), today, zone)


def _half_year(m: re.Match[str]) -> str:
    year = m["year"]
    return f"1 jan {year} to 30 jun {year}" if m["half"] == "1" else f"1 jul {year} to 31 dec {year}"


def _n_months(m: re.Match[str]) -> str:
    """"3m" as the last three months, unless it is how long something took ("waits over 10m")."""
    if int(m["n"]) > 24 or _A_WAIT_BEFORE.search(m.string, 0, m.start()):
        return m.group(0)
    return f"last {m['n']} months"


def expand_abbreviations(text: str) -> str:
    """"how many ppl rated us rn" -> "how many people rated us now"; "no. of", "# stories" -> "number of";
    "how much stories" -> "how many stories"; "the passed 30 days" -> "the past 30 days"; "this weeks
    stories" -> "this week's stories"."""
    text = _WEEK_AS_WEAK.sub(lambda m: "weakest" if m.group(0).lower() == "weekest" else "weak", text)
    text = _WEAK_AS_WEEK.sub(_weak_as_week, text)
    text = _FOR_AS_FOUR.sub(lambda m: f"{m['lead']} four ", text)
    text = _WAIT_INTERJECTION.sub(" ", text)
    text = _PERIOD_POSSESSIVE.sub(lambda m: f"{m['lead']} {m['unit']}'s", text)
    text = _MONTH_MO.sub(lambda m: f"{m['lead']} month", text)
    text = _NTH_QUARTER.sub(lambda m: f"q{_QUARTER_OF[m['nth'].lower()]}", text)
    text = _FROM_TILL_DATE.sub(lambda m: f"since {m['when']}", text)
    text = _TILL_DATE.sub("to date", text)
    text = _LAST_TO_LAST.sub(lambda m: f"the {m['unit']} before last", text)
    text = _NTH_OF_MONTH.sub(lambda m: f"{_ORDINALS[m['nth'].lower()]} ", text)
    text = _BEFORE_AND_AFTER.sub(lambda m: f"since {m['when']} compared to before", text)
    text = _THE_PRACTICE.sub(lambda m: f"{m['lead']} clinic", text)
    text = _SINCE_ENDED.sub(_since_ended, text)
    text = _UNIT_SO_FAR.sub(lambda m: f"this {m['unit']}", text)
    text = _OVER_THE_UNIT.sub(_over_this_unit, text)
    text = _ALL_UNIT.sub(lambda m: f"this {m['unit']}", text)
    text = _DIRECTION_OF_TRAVEL.sub("trajectory", text)
    text = _GREETING_CARD.sub(lambda m: f"{m['kind']} note", text)
    text = _N_DAYS.sub(lambda m: f"{m['lead'] or 'last'} {m['n']} days", text)
    text = _N_UNITS_BARE.sub(lambda m: f"last {m['n']} {m['unit']}", text)
    text = _N_FOR_NUMBER.sub("number of ", text)
    text = _N_SAMPLE.sub("number of ratings ", text)
    text = _OUT_OF_THE_PARK.sub("doing best", text)
    text = _CALLED_OUT.sub("mentioned", text)
    text = _APPT.sub(lambda m: f"appointment{m['s']}", _CHK.sub("check", text))
    text = _N_M.sub(_n_months, text)
    text = _STAFF_ROOM.sub(lambda m: f"{m['whose']}room", text)
    text = _QOQ.sub("this quarter vs last quarter", text)
    text = _STORY_TELLERS.sub("storytellers", text)
    text = _MOST_PLAIN.sub(lambda m: _SUPERLATIVE[m["adj"].lower()], text)
    text = _PART_OF_VISIT.sub(lambda m: f"{m['lead']} of the visit", text)
    text = _HALF.sub(_half_year, text)
    text = _VERSUS.sub(" vs ", _VERY.sub(" very ", text))
    text = _THE_FRONT.sub("the front desk", text)
    text = _DRIVING.sub("causing ", text)
    text = _WHOLE_HISTORY.sub("all time", text)
    text = _ASKING_FILLER.sub(" ", text)
    text = _DAYS_UNSAID.sub(lambda m: f"{m['lead']} {m['n']} days", text)
    text = _NUMBER_OF.sub(lambda m: "number " if m.string.startswith("of", m.end()) else "number of ", text)
    text = _PASSED.sub("past  ", _HOW_MUCH_COUNT.sub("how many", text))
    return re.sub(r"(?<![\w/'-])[^\W\d_]+(?![\w/-])", lambda m: _ABBREVIATIONS.get(m.group(0), m.group(0)), text)

"""A manager's follow-up read against the question answered just before it.

    previous = parse_question("which moments are weakest this week?", ...)
    follow_up(previous, parse_question("and last week?", ...), "and last week?", now=now, tz=tz)
        # the weakest moments, last week
    follow_up(previous, parse_question("what about parking?", ...), "what about parking?", now=now, tz=tz)
        # Find a parking place, this week
    follow_up(parking_this_month, parse_question("ok and the month before?", ...), ..., now=now, tz=tz)
        # Find a parking place, last month

A message is a follow-up when it opens like one ("and …", "what about …", "how about …", "same for …",
"now …"), when it names only what to change (a period, a moment, a person or a rating, and no question of
its own: "last week?", "and the waiting room?"), or when it points back at the moment just asked about
("how does that compare with last month", "what do people say about it"). What it names replaces the
previous question's part; the rest is kept: its question, moment, period (when the manager named one),
person, rating and words. "The month before", "the previous one" and "before that" step the previous
question's period back by its own length. A request of a few words that names neither a moment nor a period
("show me the quotes", "any stories?") right after a moment's answer is about that moment. A question of another kind keeps only what fits it: "and the
strongest?" after a moment's numbers ranks the whole cycle; "what about parking?" after a ranking shows
that moment.

Pure: `bot.dialogs.ask` keeps the previous question (`bot.dialogs.ask.context`) and calls this.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.nlp.period import Period, named_period, previous_period
from bot.nlp.period_calendar import span_label
from bot.nlp.question import DEFAULT_PERIODS, Question

__all__ = ["follow_up", "sounds_like_a_request"]

# How a follow-up opens, after any "ok", "thanks", "right": "and", "what about", "same for", "now show"
_OPENING = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|ok+|right|cool|great|thanks|thank\s+you|nice|hmm+|so|alright)\W+)*"
    r"(?P<cue>and|n|&|plus|also|then|now|what\s+about|how\s+about|how\s+'?bout|what\s+of|ditto|likewise|"
    r"same\s+(?:for|with|but|again|thing|question|please|here)|the\s+same\s+(?:for|with|but)|"
    r"do\s+the\s+same|again\s+(?:for|but|with)|repeat\s+(?:for|that|with)|and\s+what\s+about)(?=\W|$)",
    re.IGNORECASE)
# A request, however chatty: "could you tell me …", "… please", "show me …", a question mark
_REQUEST = re.compile(r"\b(?:can|could|would|will)\s+(?:you|u)\b|\?|\bplease\b|\bpls\b|\bshow\s+me\b|\btell\s+me\b|"
                      r"\bi(?:'d|\s+would)\s+like\s+to\s+(?:see|know)\b", re.IGNORECASE)
_BECAUSE = re.compile(r"[,;]?\s+(?:because|cos|coz|'cause|as\s+(?:I|we|she|he|they)\b)", re.IGNORECASE)
_SAME = re.compile(r"\b(?:same|ditto|likewise|again|repeat)\b", re.IGNORECASE)
# The moment just asked about, pointed at: "how does that compare", "what do people say about it"
_POINTING = re.compile(r"\b(?:that|it|its|those|them|this\s+one|that\s+one|there)\b", re.IGNORECASE)
# The previous question's period, stepped back: "the month before", "the previous one", "before that"
_BEFORE = re.compile(
    r"\b(?:the\s+)?(?:day|week|wk|fortnight|month|mo|mth|quarter|year|period|one|time)\s+before(?!\s+(?:last|\d))\b|"
    r"\bbefore\s+that\b|\b(?:the\s+)?(?:previous|prior|preceding|earlier)\s+(?:one|period|window|week|wk|month|mo|"
    r"quarter|year)\b|\bthe\s+one\s+before\b", re.IGNORECASE)
_COMPARING = re.compile(r"\bcompar|\bvs\.?\b|\bversus\b|\bdifferen|\bchanged?\b|\bbetter\s+or\s+worse\b", re.IGNORECASE)
# Words asking for a moment's numbers rather than the previous question's kind of answer
_SCORING = re.compile(r"\b(?:how|score[sd]?|scoring|do|did|doing|numbers?|ratings?|rated|perform\w*)\b", re.IGNORECASE)
# Questions that are about one moment when one is named; a ranking, the overview or "who told the most" are not
# Words that say which kind of answer about people is wanted ("and Alice's stories?", "how many did Alice tell")
_KIND = re.compile(r"\b(?:stor(?:y|ies)|list|show|how\s+many|count|number|most|who|told|tell)\b", re.IGNORECASE)
_OF_A_MOMENT = frozenset({"mot_detail", "comments", "practices", "trend", "stories", "story_count", "rating_count",
                          "compare", "people"})
_WITH_A_PERSON = frozenset({"stories", "story_count", "people"})
_NOT_ANSWERED = frozenset({"unknown", "help", "off_topic"})
# "list them", "show them", "can I see them": what the question before counted
_LISTING = re.compile(r"^\W*(?:\w+\W+){0,3}?(?:list|show|see|read|view|give)\s+(?:me\s+)?(?:them|those|these|the\s+list)\b|"
                      r"^\W*(?:which|what)\s+(?:ones|were\s+they|are\s+they)\b", re.IGNORECASE)
# A question's tail said alone: "compared to last month?", "vs october", "week by week?"
_FRAGMENT = re.compile(r"^\W*(?:compared|comparing|vs\.?|versus|against|relative\s+to|week\s+by\s+week|"
                       r"month\s+by\s+month|week\s+on\s+week|month\s+on\s+month|over\s+time|by\s+(?:week|month))\b",
                       re.IGNORECASE)
_COUNTS = frozenset({"story_count", "rating_count"})
# "what it looked like", "how did it look" (not "what did they like"): no ranking asked
_LOOKED = re.compile(r"\blook(?:ed|s|ing)?\s+like\b|\bhow\s+(?:did|does)\s+(?:it|that|they)\s+look\b", re.IGNORECASE)
_RANKED = re.compile(r"\b(?:best|worst|strongest|weakest|top|bottom|most|least)\b", re.IGNORECASE)
_LISTED = {"story_count": "stories", "rating_count": "comments"}


def sounds_like_a_request(text: str) -> bool:
    """A follow-up's shape, for a message the message-kind reader took for a story: it opens like a follow-up
    ("OK and what about …") or asks for something ("could you tell me …", "… please", "?")."""
    return bool(_OPENING.match(text) or _REQUEST.search(text))


def follow_up(previous: Question, new: Question, text: str, *, now: datetime, tz: str,
              reparse: Callable[[str], Question] | None = None, period_only: bool = True) -> Question | None:
    """`new` (the parse of `text`) completed from `previous` when `text` follows up on it, else None. `reparse`
    parses the words after an opening ("n this month?": "this month?"), which read better without it. A question
    of its own that names no period takes the previous one's (unless not `period_only`: then it is None)."""
    opening = _OPENING.match(text)
    rest = text[opening.end():] if opening else text
    if opening and reparse is not None and re.search(r"\w", rest):
        new = reparse(_BECAUSE.split(rest)[0])  # without why it is asked: "…, because Alice said the heating broke"
    if new.intent in ("help", "off_topic"):
        return None
    if new.intent in ("strongest", "weakest") and _LOOKED.search(text) and not _RANKED.search(text):
        new = dataclasses.replace(new, intent="unknown")  # "what it looked like the week before": no liking in it
    before = _BEFORE.search(text)
    names = bool(new.period_named or new.mot_id or new.person or new.rating or new.versus or before)
    about_a_moment = new.problems or new.intent in _OF_A_MOMENT | {"chart"}
    pointing = (not new.mot_id and (previous.mot_id is not None or previous.person is not None) and about_a_moment
                and (_POINTING.search(text) is not None or _bare(new, text)))
    listing = _LISTING.search(text) is not None and not new.period_named and not new.mot_id
    someone = new.person is not None and previous.intent in _WITH_A_PERSON and new.intent in _WITH_A_PERSON | {"unknown"}
    # "just the number" after a count: that count, alone
    alone = new.brief and not (new.period_named or new.mot_id or new.person) and previous.intent in _COUNTS
    moment_alone = new.mot_id is not None and not new.problems and _bare(new, text)  # "the waiting room?"
    if not (opening or (new.intent == "unknown" and names) or pointing or listing or someone or before or alone
            or moment_alone):
        if (period_only and previous.period_named and not new.period_named and new.intent not in _NOT_ANSWERED
                and new.intent != "trend" and (previous.period != new.period or new.problems)):  # (its own default:
            # nothing to carry, but problem reports' default is the last 30 days, not the period parsed)
            return dataclasses.replace(new, period=previous.period, compare=previous.compare if new.intent == previous.intent
                                       else None, period_named=True)  # "who told the most?" after last week's stories
        return None
    if new.intent == "unknown" and not names and not new.problems and not listing:
        return None  # "and?", "so what": nothing to go on
    intent = _intent(previous, new, rest, same=bool(opening and _SAME.search(opening.group("cue"))),
                     before=before is not None, pointing=pointing, listing=listing, someone=someone)
    if intent in _NOT_ANSWERED:
        return None
    same = intent == previous.intent
    if new.mot_id:
        mot_id = new.mot_id
    elif intent in _OF_A_MOMENT or new.problems or (same and intent in ("weakest", "strongest") and not previous.limit):
        mot_id = previous.mot_id
    else:
        mot_id = None
    if new.mot_id and intent in ("weakest", "strongest", "chart", "people") and not new.problems:
        intent, same = "mot_detail", False  # "what about parking?" after a ranking: that moment
    if before is not None and intent == "compare" and previous.period_named:
        period, compare, period_named = previous.period, None, True  # "vs the week before?": that week against its last
    elif before is not None:
        period, compare, period_named = _stepped_back(previous.period, before.group(0), now=now), None, True
    elif new.period_named:
        period, compare, period_named = new.period, new.compare, True
    elif previous.period_named and (same or intent != "trend"):  # a trend's default spans weeks, not last week
        period, compare, period_named = previous.period, previous.compare if same else None, True
    else:
        period = named_period(DEFAULT_PERIODS.get(intent, "this_week"), now=now, tz=tz)
        compare, period_named = None, False
    keep_person = not new.person and intent in _WITH_A_PERSON and previous.intent in _WITH_A_PERSON
    person_from = previous if keep_person else new
    took_previous = intent == previous.intent and new.intent != intent
    return dataclasses.replace(
        new,
        intent=intent,
        period=period,
        compare=compare,
        period_named=period_named,
        mot_id=mot_id,
        person=person_from.person,
        person_said=person_from.person_said,
        person_options=person_from.person_options,
        on_team=person_from.on_team,
        mine=person_from.mine,
        measure=new.measure or (previous.measure if same else None),
        rating=new.rating or (previous.rating if same else None),
        topic=new.topic or (previous.topic if same and not new.mot_id else None),
        limit=new.limit or (previous.limit if same else None),
        series=new.series or (previous.series if same else None),
        versus=new.versus or (previous.versus if same and not new.mot_id else ()),
        brief=new.brief or (previous.brief if same else False),
        counted=new.counted or (previous.counted if same else None),
        problems=new.problems or (previous.problems and (took_previous or listing or new.intent in ("unknown", "mot_detail"))),
        confidence=max(new.confidence, 0.9),
        alternatives=(),
    )


def _intent(previous: Question, new: Question, rest: str, *, same: bool, before: bool, pointing: bool, listing: bool,
            someone: bool) -> str:
    """The kind of question the follow-up asks: its own when it says one, else the previous one's."""
    if listing:  # "list them", "show them" after a count: the stories (or reports) counted
        return _LISTED.get(previous.intent, previous.intent)
    if new.brief and new.intent in _COUNTS and previous.intent in _COUNTS and not new.mot_id and not new.person:
        return previous.intent  # "just the number" after how many ratings: how many ratings
    if new.intent == "mot_detail" and previous.problems and not _SCORING.search(rest):
        return previous.intent  # "what about parking?" after the problems flagged at the waiting room
    if someone and not _KIND.search(rest):  # "and Alice?" after how many stories Sam told: how many Alice told
        return "story_count" if previous.intent == "people" else previous.intent
    if new.intent == "unknown" or same:
        return previous.intent
    if before and new.intent == "compare" and not _COMPARING.search(rest):
        return previous.intent  # "and the month before?": the same question, a period earlier
    if new.intent == "mot_detail" and previous.intent in _OF_A_MOMENT - {"mot_detail"} and not _SCORING.search(rest):
        return previous.intent  # "what about parking?" after what people say about check-in: what they say about it
    if new.intent == "chart" and pointing:
        return "mot_detail"  # "how is it doing this week"
    return new.intent


def _bare(new: Question, text: str) -> bool:
    """A request of a few words that names no moment and no period ("show me the quotes", "any stories?"):
    about the moment just asked about."""
    if _FRAGMENT.match(text):  # "compared to last month?", "week by week?"
        return True
    return not new.period_named and not new.person and len(re.findall(r"\w+", text)) <= 4


_UNITS = {"day": "day", "week": "week", "wk": "week", "fortnight": "fortnight", "month": "month", "mo": "month",
          "mth": "month", "quarter": "quarter", "year": "year"}


def _stepped_back(period: Period, said: str, *, now: datetime) -> Period:
    """The period before `period`: of the unit said ("the month before" last week: the calendar month before the
    one it starts in), else of its own length ("before that", "the previous one")."""
    unit = next((_UNITS[w] for w in re.findall(r"[a-z]+", said.lower()) if w in _UNITS), None)
    zone = period.start.tzinfo
    first = period.start.date()
    if unit is None or not isinstance(zone, ZoneInfo):
        stepped = previous_period(period)  # labelled "previous month (September 2026)": "September 2026"
        label = re.search(r"\((.+)\)$", stepped.label)
        return dataclasses.replace(stepped, label=label.group(1)) if label else stepped
    if unit == "day":
        start, stop = first - timedelta(days=1), first
    elif unit == "week":  # the Monday-to-Monday week before the one it starts in
        stop = first - timedelta(days=first.weekday())
        start = stop - timedelta(days=7)
    elif unit == "fortnight":
        start, stop = first - timedelta(days=14), first
    elif unit in ("month", "quarter"):
        months = 1 if unit == "month" else 3
        here = date(first.year, first.month if unit == "month" else 3 * ((first.month - 1) // 3) + 1, 1)
        stop = here
        start = date(here.year + (here.month - 1 - months) // 12, (here.month - 1 - months) % 12 + 1, 1)
    else:
        start, stop = date(first.year - 1, 1, 1), date(first.year, 1, 1)
    local = datetime.combine(start, time(), zone), datetime.combine(stop, time(), zone)
    return Period(local[0], local[1], span_label(start, stop, now.astimezone(zone).year))

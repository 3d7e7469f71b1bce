"""Private to bot.nlp.question: reading a message's words before any intent is decided. The text is
normalised (case, emoji, Unicode, "date >= X"), chat shorthand expanded, typos corrected, "top 3"
taken, people and periods found and blanked, and the remaining words scanned for MOT phrases and
intent cues (`read_words` -> `_Reading`). The same reading gives the trained intent model its text
(`_Reading.model_text`): the words with each period, person and MOT replaced by a placeholder, so the
model learns how a question is asked, not which moment or month it names."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo
from typing import TypeVar
import unicodedata

from bot.nlp.period import PeriodMatch, find_periods
from bot.nlp.period_calendar import _local_now
from bot.nlp.question_intent import _Evidence
from bot.nlp.question_french import from_french
from bot.nlp.question_offtopic import off_topic
from bot.nlp.question_calendar import _MONTH_SAID, drop_taken_back, name_the_days
from bot.nlp.question_shorthand import expand_abbreviations
from bot.nlp.question_topic import find_topic
from bot.nlp.question_signal import (feeling, filler_likes, find_limit, find_unnamed_person, lifts_up, pulls_down,
                                     ranked_feeling)
from bot.nlp.forename import FORENAMES
from bot.nlp.question_spelling import _lexicon, _osa, _stem
from bot.nlp.question_table import MotRef, _People, _people, _Tables, _tables
from bot.nlp.question_vocabulary import COMPARE, TITLES, _NOISE, _TOKEN, _TOP_OF_WORST

# A date compared as in a query ("where date >= 2026-06-01", "> 1 June"): from then on, or up to then.
_SINCE_SIGN = re.compile(r"(?:\b(?:where\s+)?(?:the\s+)?dates?\s*)?(?:>=|=>|>|≥)\s*(?=\d|[a-z])", re.IGNORECASE)
_UNTIL_SIGN = re.compile(r"(?:\b(?:and\s+)?(?:the\s+)?dates?\s*)?(?:<=|=<|<|≤)\s*(?=\d|[a-z])", re.IGNORECASE)


# days said as an exception or an event, not as the window: "last month, excluding 3 to 5 Nov", "we had an outage 3 to
# 5 Aug", "the system was down from 12 to 14 oct"
_ASIDE = re.compile(r"\b(?:excluding|exclude|except|ignoring|ignore|not\s+counting|apart\s+from|other\s+than|outage|down|"
                    r"closed|shut|off\s+sick|on\s+leave|away|broken|refurb\w*|strike|without)\b[^.;!?]*$")
# what the question follows, said first with its day: "after the complaint yesterday ...", "following Monday's incident"
_AFTER_EVENT = re.compile(r"\W*(?:(?:so|ok|okay|hi|hey|right)\W+)*(?:after|following|given|because\s+of|due\s+to|"
                          r"in\s+light\s+of)\s+(?:the|that|this|a|an|our|di|de|yesterday'?s|last\s+night'?s)\s+(?:[\w'-]+\s+){0,2}?"
                          r"(?:complaints?|incidents?|meetings?|outages?|issues?|problems?|audit|inspection|visit|call|e-?mail|letter|"
                          r"fire\s+alarm|power\s+cut|flood|leak|drama|fiasco|mess|chaos|row|argument|event|party|huddle|"
                          r"briefing|review)\s+", re.IGNORECASE)
# results that keep people waiting: "results being late", "delayed lab results", "results taking ages"
_RESULTS_LATE = re.compile(r"\bresults?\b[\s,]+(?:\w+[\s,]+){0,4}?(?:late|delayed|slow|overdue|taking\s+(?:ages|forever|too\s+long|so\s+long|"
                           r"weeks)|(?:still\s+)?not\s+back)\b|\b(?:late|delayed|slow|overdue)\s+(?:test\s+|lab\s+|blood\s+|scan\s+)?"
                           r"results?\b", re.IGNORECASE)
# a day of the month as a number ("9", "22nd", the "15" of "15/8"), not part of a year or of a month after a slash
_DAY_NUMBER = re.compile(r"(?<![\d/])\b\d{1,2}(?:st|nd|rd|th)?\b(?![\d])")
# Slack's markup and emoji codes: "*bold*", "_shining_", ":chart_with_upwards_trend:" are not words
_SLACK_EMOJI = re.compile(r":[a-z0-9_+-]+:")
_SLACK_MARK = re.compile(r"(?<![\w*_~`])[*_~`]+(?=\w)|(?<=\w)[*_~`]+(?![\w*_~`])")
# "For Tuesday's huddle": when the meeting is, not the window asked about
_MEETING_DAY = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|today|tonight)(?:\s+(?=(?:team\s+)?(?:huddle|meeting|"
    r"meetin|briefing|stand-?up|catch-?up|handover|board\s+meeting)\b)|'?s\s+(?=(?:team\s+)?"
    r"(?:huddle|meeting|board|call|session|stand-?up|review|briefing|catch-?up|presentation|qbr|away\s*day|handover|"
    r"governance|committee|sync)\b))",
    re.IGNORECASE,
)

# "How did the new starters on Monday get on": the day they started is the window asked about
_PAST_ASKED = re.compile(r"\b(?:did|was|were|had|got\s+on|went|have\s+been|has\s+been)\b", re.IGNORECASE)
# "so I can brief the board on Thursday": when the asker meets someone, not the window asked about
_MEETING_ON = re.compile(
    r"\b(?P<keep>(?:brief|update|tell|show|present\s+to|report\s+to|meet|see|thank|message|email|write\s+to|"
    r"send\s+(?:[\w-]+\s+){0,3}?(?:message|note|email|e-mail|update|card|thanks)\s+to)\s+(?:the\s+|our\s+|my\s+)?"
    r"(?:board|team|partners|committee|execs?|directors?|managers?|huddle|staff|ward|trust|governors?))\s+"
    r"(?:on|at|for|by|before|this|next)\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|"
    r"tonight)\b"
    # "for the governance meeting on friday", "the huddle tomorrow": when the meeting is
    r"|\b(?P<held>(?:huddle|meeting|meetin|board|session|stand-?up|briefing|catch-?up|presentation|handover|committee|"
    r"governance|sync|away\s*day|(?<=for\s)(?:training\s+day|training|induction|inset\s+day)|"
    r"(?<=for\sthe\s)(?:training\s+day|training|induction|inset\s+day)|(?<=quarterly\s)review|(?<=annual\s)review)s?)"
    # "the nurses meeting is thursday", "the quarterly review with Graham on friday"
    r"(?:\s+is|\s+with\s+[\w'-]+(?:\s+[\w'-]+)?(?=\s+on\s))?"
    r"\s+(?:(?:on\s+|of\s+|this\s+|next\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|"
    r"sunday|tomorrow|tonight)(?:\s+(?:morning|afternoon|evening))?|this\s+(?:morning|afternoon|evening)|later(?:\s+today)?)\b"
    # "for my paper to the board on the second of December": when the paper is due, not the window
    r"|\b(?P<due>(?:paper|report|presentation|pack|slides|meeting|huddle|briefing|board\s+meeting)"
    r"(?:\s+(?:to|for)\s+the\s+[\w-]+)?)\s+(?:on|for|by|due)\s+(?:the\s+)?(?:\d{1,2}(?:st|nd|rd|th)?|first|second|third|"
    r"fourth|fifth|sixth|seventh|eighth|ninth|tenth|[a-z]+teenth|twentieth|twenty[\s-]\w+|thirtieth|thirty[\s-]first)"
    r"(?:\s+of)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b"
    # "she's up for review in dec", "his appraisal is in January": when that is, not the window
    r"|\b(?P<upcoming>(?:up\s+for|due\s+(?:an?|her|his|their)|having\s+(?:an?|her|his|their)|getting\s+(?:an?|her|his|their))"
    r"\s+(?:annual\s+)?(?:review|appraisal|evaluation|assessment|interview|revalidation)|(?:her|his|their)\s+(?:annual\s+)?"
    r"(?:review|appraisal|evaluation|revalidation)\s+is)\s+(?:in|on|for|due\s+in|coming\s+up\s+in)\s+(?:early\s+|mid\s+|late\s+)?"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b"
    # "the new receptionist starting Monday", "a new nurse who joins next week": when someone starts, not the window
    r"|\b(?P<starts>(?:new|the|a|our)\s+(?:[\w-]+\s+){0,2}?(?:receptionists?|nurses?|starters?|hires?|staff|"
    r"doctors?|gps?|waiters?|waitress(?:es)?|servers?|hosts?|chefs?|assistants?|hcas?|admins?|colleagues?|"
    r"team\s+members?|locums?|students?|trainees?|apprentices?|manager|receps?)\s+(?:who\s+)?(?:is\s+|are\s+)?"
    r"(?:starting|starts|start|joining|joins|join|arriving|arrives))\s+(?:with\s+us\s+)?(?:on\s+|next\s+|this\s+|in\s+)?"
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|wed|thur?s?|fri|sat|sun|tomorrow|week|month|"
    r"jan|feb|mar|apr|may|jun|jul|aug|"
    r"sep|sept|oct|nov|dec|january|february|march|april|june|july|august|september|october|november|december)\b"
    # "two new starters on monday": the day they come, the verb left out
    r"|\b(?P<arrive>new\s+(?:starters?|joiners?|hires?|recruits?))\s+(?:on|this|next)\s+(?:monday|tuesday|wednesday|"
    r"thursday|friday|saturday|sunday)\b"
    # "Mrs Hargreaves ... retires at Christmas", "she's leaving in December": when someone goes, not the window
    r"|\b(?P<leaves>(?:retires|retiring|is\s+retiring|leaves|is\s+leaving|finishes|moves\s+on|is\s+moving\s+on)"
    r"(?:\s+(?:us|the\s+team|the\s+practice|the\s+clinic))?)\s+(?:at|on|in|"
    r"for|this|next|before)\s+(?:christmas|xmas|easter|new\s+year|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"january|february|march|april|june|july|august|september|october|november|december|the\s+end\s+of\s+(?:the\s+)?"
    r"(?:month|year|week|january|february|march|april|june|july|august|september|october|november|december))\b"
    # "CQC inspection is due in January": when it comes, not the window
    r"|\b(?P<due_in>(?:inspection|visit|audit|review|appraisal|accreditation|assessment)s?\s+(?:is\s+|are\s+)?(?:due|coming|booked|"
    r"scheduled|planned))\s+(?:in|on|for)\s+(?:early\s+|mid\s+|late\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b"
    # "the practice meeting fortnight Friday": when the meeting is
    r"|\b(?P<soon>(?:huddle|meeting|board|session|briefing|catch-?up|presentation|handover|committee))\s+(?:a\s+)?"
    r"(?:fortnight|week)\s+(?:on\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
    re.IGNORECASE,
)


# who wants the answer, said after the question: "... please Dr Mackenzie wants to know before his review"
_ASKER_AFTER = re.compile(r"(?:[,.;!?]|\bplease\b|\bpls\b)\s+(?!(?:i|we|i'd|we'd|myself)\s)(?:[\w.']+\s+){1,3}?(?:wants|wanted|would\s+like|needs|is\s+keen)\s+"
                          r"to\s+(?:know|see|hear)\b[^?]*$", re.IGNORECASE)
# who will hear it, by where they work: "something nice to tell the girls at reception"
_AUDIENCE_AT = re.compile(r"(?P<who>\bto\s+(?:tell|show|share\s+with|give|pass\s+on\s+to|read\s+out\s+to)\s+(?:the|my|our)\s+"
                          r"(?:girls|boys|lads|ladies|team|staff|crew|folks|gang|lot|guys|people|troops))\s+(?:at|on|in)\s+(?:the\s+)?"
                          r"[\w-]+(?:\s+desk)?(?=\s*(?:[.!?,;]|$))", re.IGNORECASE)
_WOW = re.compile(r"\bWoW\b|\bW/W\b|\bw/w\b(?!\s*(?:price|prices|cost|costs))")
_WINDOW_SAID = re.compile(r"\b(?:trend\w*|since|past|last|over|this|months?|quarters?|years?|weeks|\d+)\b", re.IGNORECASE)


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = _ASKER_AFTER.sub("", _AUDIENCE_AT.sub(lambda m: m["who"], text))
    text = _SLACK_MARK.sub("", _SLACK_EMOJI.sub(" ", text))
    text = _MEETING_ON.sub(lambda m: m["keep"] or m["held"] or m["due"] or m["upcoming"] or m["soon"] or m["starts"] or m["due_in"]
                           or (m["arrive"] if m["arrive"] and not _PAST_ASKED.search(m.string) else None) or m["leaves"]
                           or m.group(0),
                           _MEETING_DAY.sub("the ", text))
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    text = _UNTIL_SIGN.sub(" until ", _SINCE_SIGN.sub(" since ", text))
    if _WOW.search(text):  # "WoW on all MOTs": a dashboard's week over week, not "wow"; alone, this week vs last
        text = _WOW.sub("week on week" if _WINDOW_SAID.search(text) else "this week vs last week", text)
    text = _N_EQUALS.sub(lambda m: " count " if _STORIES_SAID.search(m.string) else " number of ratings ", text)
    # "diners n= last mo", "n= for check-in": how many ratings (an analyst's sample size); of stories when said
    text = _NOISE.sub(" ", text.lower())  # emoji, symbols
    return text


_N_EQUALS = re.compile(r"(?<![\w=])n\s*=(?=\s|$|[?.,;])", re.IGNORECASE)
_STORIES_SAID = re.compile(r"\bstor(?:y|ies)\b", re.IGNORECASE)
_LEADING_PREPOSITION = re.compile(r"(?:in|on|for|of|during|over|throughout|from|by|at)\s+", re.IGNORECASE)


def _core(text: str, match: PeriodMatch, tables: _Tables) -> tuple[int, int]:
    """The span of a period, minus a leading preposition that ends a MOT's own id or name
    ("how was check in October": "in" belongs to "check in"; "signs in May": "in" is the period's)."""
    lead = _LEADING_PREPOSITION.match(text, match.start, match.end)
    if lead is None:
        return match.start, match.end
    before = _TOKEN.findall(text[: match.start])
    if before:
        key = (_stem(before[-1]), _stem(lead.group(0).strip().lower()))
        if max(tables.strong.get(key, {}).values(), default=0.0) >= 3.0:
            return lead.end(), match.end
    return match.start, match.end


# how long something takes, not a window: "the wait for results is 2 weeks or more", "patients wait 3 weeks", "it took
# a month to get through" (not "were there any 2 weeks ago")
_DURATION = re.compile(r"(?P<verb>\b(?:wait|waits|waited|waiting|takes?|took|taking|lasted|is|are|was|were)\s+)(?P<span>(?:(?:for|about|around|"
                       r"over|nearly|almost|roughly|up\s+to|at\s+least|more\s+than|less\s+than|under)\s+)?(?:\d+|a|an|one|two|"
                       r"three|four|five|six)\s+(?:days?|weeks?|months?|hours?|minutes?|mins?)\b(?:\s+or\s+(?:more|longer|so|less))?)"
                       r"(?!\s+(?:ago|back|before|earlier|later|after|since|of|in)\b)", re.IGNORECASE)


def _blank(text: str, spans: Iterable[tuple[int, int]]) -> str:
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


_V = TypeVar("_V")


def _scan(keys: Sequence[str], used: list[bool], table: Mapping[tuple[str, ...], _V], max_len: int) -> list[_V]:
    """Greedy longest-first phrase matching over words not yet used; marks the words it takes."""
    hits: list[_V] = []
    n = len(keys)
    i = 0
    while i < n:
        if used[i]:
            i += 1
            continue
        longest = 1
        while longest < max_len and i + longest < n and not used[i + longest]:
            longest += 1
        for length in range(longest, 0, -1):
            value = table.get(tuple(keys[i : i + length]))
            if value is not None:
                hits.append(value)
                for k in range(i, i + length):
                    used[k] = True
                i += length
                break
        else:
            i += 1
    return hits


@dataclass(frozen=True, slots=True)
class _PersonFound:
    person: str | None = None  # the team member meant
    spans: tuple[tuple[int, int], ...] = ()
    said: str | None = None  # "Dr Patel" when a title or a lone surname/forename picked them
    options: tuple[str, ...] = ()  # team members it could be, when it can't be one for sure


_OWNER = re.compile(r"[a-z]{3,}s")


def _find_person(text: str, original: str, people: _People) -> _PersonFound:
    """The first team member the words name. A title before the name ("Dr Patel") is part of it (so
    "dr" is not the physician moment) and must fit: a name carrying another kind of title ("Nurse
    Sam Patel" asked as "Dr Patel") is offered, not taken; so is a surname or forename two people
    share ("Patel" for Sam Patel and Priya Patel)."""
    if not people.names and not people.shared:
        return _PersonFound()
    tokens = list(_TOKEN.finditer(text))
    words = [t.group(0) for t in tokens]
    i = 0
    while i < len(words):
        for length in range(min(people.max_len, len(words) - i), 0, -1):
            key = tuple(words[i : i + length])
            person = people.names.get(key)
            if person is None and key not in people.shared and _OWNER.fullmatch(key[-1]) and (
                    (bare := (*key[:-1], key[-1][:-1])) in people.names):
                key, person = bare, people.names[bare]  # "danas stories": Dana's, the apostrophe left out
            owners = people.shared.get(key, ()) if person is None else ()
            if person is None and not owners:
                continue
            if " ".join(key) in people.needs_capital and not re.search(
                rf"\b{re.escape(key[0].capitalize())}\b", original
            ):
                continue
            title = words[i - 1] if i > 0 and words[i - 1] in TITLES else None
            start = tokens[i - 1].start() if title else tokens[i].start()
            spans = ((start, tokens[i + length - 1].end()),)
            typed = " ".join(w.capitalize() for w in ((title,) if title else ()) + key)
            if owners:
                return _PersonFound(None, spans, typed, owners)
            assert person is not None
            kind = people.titles.get(person)
            if title and kind and "courtesy" not in (kind, TITLES[title]) and kind != TITLES[title]:
                return _PersonFound(None, spans, typed, (person,))  # "Dr Patel" for Nurse Sam Patel
            return _PersonFound(person, spans, typed if title else None)
        i += 1
    return _PersonFound()


# Words that only make another stronger: left out before the cues are read, so "went really well",
# "doing so badly" and "pretty much the worst" read like the plain phrase.
_INTENSIFIER = re.compile(
    r"\b(?:really|very|super|pretty|quite|extremely|particularly|especially|truly|genuinely|rly|actually|"
    r"absolutely|totally|incredibly|seriously|terribly|awfully|massively|hugely|steadily|consistently)\b"
)

_STRETCH = re.compile(r"\b(?:over|across|throughout|(?:all\s+)?through)\s+$")
_STRETCH_FROM = re.compile(r"\b(?:from|for)\s+(?:the\s+)?$")  # "from the last 3 months"
_LAST_SPAN = re.compile(r"(?:the\s+)?(?:last|past)\s+\S+\s+(?:days?|weeks?|months?|quarters?|years?)\b")
_STRETCH_IN = re.compile(r"\s*(?:over|across|throughout)\b")

_STORY_CONTEXT = re.compile(
    r"\b(?:stor(?:y|ies|ys)|mention\w*|kudos|shout\s*outs?|tales?|anecdotes?|praise\w*|"
    r"(?:said|say|saying|says|written|wrote)\s+(?:about|of))\b"
)


# Staff roles asked for with "which"/"what" or ranked ("which waiter got the most praise", "rank nurses by
# stories"): the answer is a person, so the role reads as "staff", not as the moment the role belongs to
# (a waiter's order, the receptionist's check-in).
_ROLE_ASKED = re.compile(
    r"\b(?P<which>which|what|rank|ranking|ranked|leaderboard\s+of)\s+(?:of\s+)?(?:(?:the|our|all)\s+)?"
    r"(?:waiters?|waitress(?:es)?|waiting\s+staff|servers?|"
    r"nurses?|receptionists?|doctors?|gps?|consultants?|chefs?|cooks?|hosts?|hostess(?:es)?|porters?|"
    r"cashiers?|bartenders?|baristas?|volunteers?|clinicians?|assistants?|runners?|managers?)\b(?=\s+\w)",
    re.IGNORECASE,
)

_THE_CHECK = re.compile(r"\bthe\s+check\b(?!\s*-?\s*(?:in|ins|back|backs|up|ups|on|over)\b)")

# "top 3 servers by stories": a role ranked by what the stories say is staff, not the role's moment
_ROLE_BY = re.compile(
    r"\b(?:waiters?|waitress(?:es)?|servers?|nurses?|receptionists?|doctors?|chefs?|cooks?|hosts?|hostess(?:es)?|"
    r"porters?|bussers?|bartenders?|runners?|staff|people|colleagues|team)(?=\s+(?:by|for|with\s+the\s+most)\s+"
    r"(?:(?:the\s+)?(?:no\.?|number|count|#)\s+of\s+)?(?:stories|story|storys|praise|mentions|kudos|shout\s*outs?)\b)",
    re.IGNORECASE,
)

# The best of a role is a person: "best waiter at the restaurant by praise", "what are our best waiters doing right"
_ROLE_RANKED = re.compile(r"\b(?P<lead>(?:best|top|worst|star|favourite|favorite|most\s+praised|most\s+mentioned|"
                          r"most\s+thanked|most\s+named)\s+)(?:waiters?|waitress(?:es)?|servers?|nurses?|"
                          r"receptionists?|doctors?|chefs?|cooks?|hosts?|hostess(?:es)?|porters?|bartenders?|baristas?|cashiers?)\b",
                          re.IGNORECASE)
# Staff who told or were praised: "how many stories my waiters told", "the waiter most praised by the diners"
_ROLE_TOLD = re.compile(
    r"\b(?:waiters?|waitress(?:es)?|servers?|nurses?|receptionists?|doctors?|chefs?|cooks?|hosts?|hostess(?:es)?|"
    r"porters?|bussers?|bartenders?|runners?|baristas?|cashiers?)(?=\s+(?:\w+\s+)?(?:told|tell|tells|shared|share|posted|wrote|"
    r"logged|praised|mentioned|thanked|complimented|named)\b)", re.IGNORECASE)
# The staff who should learn or copy a practice ("what should the new waitress copy", "good practices across the
# reception team", "habits from the café team worth sharing"): people, not the moment their role belongs to
_PRACTICE_ASKED = re.compile(r"\b(?:copy|copied|(?:could|can|should|to)\s+learn|learn\s+from|standardi[sz]\w*|practi[cs]es?|habits?|"
                             r"tips?|doing\s+right|"
                             r"what'?s\s+working|worth\s+(?:sharing|spreading|rolling\s+out)|roll(?:ing)?\s+out)\b",
                             re.IGNORECASE)
_ROLE_AS_STAFF = re.compile(r"\b(?:waiters?|waitress(?:es)?|waiting\s+staff|wait\s+staff|floor\s+staff|front\s+of\s+house|"
                            r"(?:new\s+)?receptionists|(?:reception|registration|front\s+desk|front\s+counter|caf[eé]|restaurant|floor)\s+"
                            r"(?:team|staff|crew|folks?|people|lot))\b",
                            re.IGNORECASE)

# "results" said of a period ("july results", "this quarter's results", "Q3 results") are its figures, not
# the test-results moment.
_PERIOD_RESULTS = re.compile(
    r"\b(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|"
    r"jun|jul|aug|sep|sept|oct|nov|dec|week|weeks|month|months|quarter|year|q[1-4]|today|yesterday|weekend|fortnight|"
    r"weekly|monthly|quarterly|yearly|annual)(?:'s|s)?\s+(results)\b"
    # "how did the results change", "our results moved": the figures, not the results MOTs
    r"|\b(?:the|our|overall)\s+(results)\s+(?:change|changed|changing|move|moved|moving|shift|shifted|differ|"
    r"compare|go\s+(?:up|down)|went\s+(?:up|down)|improve|improved|drop|dropped)\b"
)

def _figures(m: re.Match[str]) -> str:
    """"October's results", "how did the results change": the word "results" read as "figures"."""
    group = 1 if m.start(1) >= 0 else 2
    return m.group(0)[: m.start(group) - m.start()] + "figures" + m.group(0)[m.end(group) - m.start():]


# "since we changed the script at the start of oct" is since the start of October, and so is "after we put new
# signs in October": the clause between "since" (or "after") and when it happened goes before it ("we changed the
# script ; since the start of oct").
# "trending since supplier change 1st Oct": a few words of the event, then its date (no "on")
_SINCE_BARE_CLAUSE = re.compile(
    rf"\bsince\s+(?P<clause>(?!(?:the\s+)?(?:(?:start|beginning|end|middle|first|last|week|month)\b|{_MONTH_SAID}))"
    rf"(?:[a-z][\w'-]*\s+){{1,6}}?)(?=\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_SAID}|"
    rf"{_MONTH_SAID}\s+\d{{1,2}}(?:st|nd|rd|th)?\b|(?!24/7\b)\d{{1,2}}/\d{{1,2}}\b)", re.IGNORECASE)
# "Since the new check-in kiosks, Tue 10 Nov.", "since our flu clinic started - 26 Sept": the event, then its date
_SINCE_EVENT_DATED = re.compile(
    r"\bsince\s+(?P<clause>(?:we|i|they|you|he|she|it|the|our|a|an|that|this|my|his|her|their)\s+(?:[\w'-]+\s+){0,10}?"
    r"[\w'-]+)\s*(?:[,;(]|\s[-–—])\s*(?:(?:on|in|from)\s+)?"
    rf"(?=(?:the\s+)?\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_SAID}|{_MONTH_SAID}\s+\d{{1,2}}\b|"
    r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?\s+(?:the\s+)?\d{1,2}|(?!24/7\b)\d{1,2}/\d{1,2}\b)", re.IGNORECASE)
# the date after the event opens a span ("since the move, 2 Nov to 9 Nov, ..."): a span, not "since"
_RANGE_NEXT = re.compile(r"[^,;.?!]{0,24}?\s(?:to|till|until|through|thru|and)\s+\S*\d|[^,;.?!]{0,24}?\d\s*[-–]\s*\d",
                         re.IGNORECASE)
_EVENT_CHANGE = re.compile(r"\bchang(?:e|es|ed|ing)\b", re.IGNORECASE)


def _clause_then_since(m: re.Match[str]) -> str:
    """"since the kiosks went in on 2 Nov" -> "the kiosks went in ; since 2 Nov": the event, then the window."""
    return f"{_EVENT_CHANGE.sub('revamp', m['clause'].rstrip())} ; since "  # "since the menu change": the event, no comparison


_SINCE_CLAUSE = re.compile(
    r"\b(?:since|after)\s+(?P<clause>(?:we|i|they|you|he|she|it|the|our|a|an|that|this)\s+(?:[\w'-]+\s+){0,10}?)"
    r"(?:(?:at|around|towards?)\s+(?=the\s+(?:start|beginning|end|middle)\s+of\b)|(?:(?:back\s+)?in|on|during)\s+"
    r"(?=(?:the\s+)?(?:(?:early|mid|late)\s+)?(?:\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|spring|summer|autumn|"
    r"fall|winter|q[1-4]\b|mon|tue|wed|thu|fri|sat|sun|last\b|this\b))|"
    r"(?=last\s+(?:week|month|quarter|year|spring|summer|autumn|fall|winter|mon|tue|wed|thu|fri|sat|sun)))"
)

# A capitalised word that is no English word after "about", "mentioning", "where" ...: a name as typed
# ("stories about Marco"), never a typo to correct ("march").
_NAME_AFTER = re.compile(
    r"\b(?:about|mentioning|mentions?|mentioned|featuring|involving|naming|regarding|where|by)\s+([A-Z][a-z'-]+)"
)


def _names_typed(original: str) -> frozenset[str]:
    """Words the speller must leave alone: names typed after "about", "mentioning" ..., and acronyms typed in
    capitals ("ANPs", "PALS", "UTC": not "maps", "pals", "cut")."""
    names = {w for m in _NAME_AFTER.finditer(original) if (w := m.group(1).lower()) not in _lexicon()}
    # a forename typed with its capital ("Declan the head chef": not "decline")
    forenames = {w for m in _CAPITALISED.finditer(original) if (w := m.group(0).lower()) in FORENAMES and w not in _lexicon()}
    return frozenset(names | forenames | {m.group(0).lower() for m in _ACRONYM.finditer(original)})


_ACRONYM = re.compile(r"\b[A-Z]{2,5}s?\b")
_CAPITALISED = re.compile(r"\b[A-Z][a-z]{2,}\b")




# Placeholders in the model's text: what a question names matters less than how it asks.
PERIOD_MARK, PERSON_MARK, MOT_MARK = "xperiod", "xperson", "xmot"
TOP_MARK, BOTTOM_MARK = "xtop", "xbottom"  # "top 5", "bottom 3": a ranking, and which end when the words say


@dataclass(frozen=True, slots=True)
class _Reading:
    """What the words of one message say, before an intent is decided."""

    original: str
    normalised: str
    corrected: str
    without_person: str
    limit: int | None
    found: _PersonFound
    person: str | None
    on_team: bool
    evidence: _Evidence
    model_text: str
    topic: str | None = None  # the words a story search looks for (question_topic.py)


# A name that asks rather than is asked about: "Dana wants our top four", "Dana's asked me for the bottom five"
_REQUESTER = re.compile(r"\s*(?:'?s\s+)?(?:(?:has|had|is|was)\s+)?(?:just\s+|also\s+)?(?:wants?|needs?|would\s+like|"
                        r"d\s+like|(?:asked|asks|asking)\s+(?:me|us|for|if|whether)|requested|requests|"
                        r"(?:is\s+|s\s+)?asking(?=\W*$))\b")  # "how many stories last month, Dana's asking"
_CLAUSE_START = re.compile(r"(?:^|[,.;:!?—–-]\s*|\b(?:so|and|but|hi|hey|morning|afternoon|ok|okay)\s+)\W*$")
# A post someone holds, said after their name ("Bethan on reception", "Sam on the front desk")
_POST_HELD = re.compile(r"\s+(?:on|from|at|in)\s+(?:the\s+)?(?:front\s+)?(?:reception|desk|door|doors|phones?|switchboard|till|tills|"
                        r"counter|checkout|lab|laboratory|pharmacy|kitchen|bar|ward|floor)\b|"
                        r",?\s+(?:the|our)\s+(?:new\s+)?(?:waitress|waiter|server|host|hostess|receptionist|nurse|porter|"
                        r"volunteer|chef|cashier|barista|assistant|hca|doctor|manager|starter|joiner|hire|recruit)\b"
                        # "Aoife the volunteer at the front desk": the post after the role
                        r"(?:\s+(?:on|at|in)\s+(?:the\s+)?(?:front\s+)?(?:reception|desk|door|doors|switchboard|till|tills|"
                        r"counter|kitchen|bar|floor)\b)?"  # "Lerato the waitress"
                        # "stories:Jess (new starter on reception)": what is said of them in brackets
                        r"|\s*\((?:the\s+|our\s+|a\s+)?(?:new\s+)?[a-z][\w\s'-]{0,30}?\)")


def _one_letter_off(said: str, people: Sequence[str]) -> str | None:
    """The one team member whose name (or first name) `said` misses by a letter ("Pria", "Alcie" for Priya,
    Alice); None when none or several do, or the name is too short to tell (Sam and Pam)."""
    said = said.casefold()
    if len(said) < 4:
        return None
    near = {p for p in people if isinstance(p, str) and p.strip() and any(
        len(name) >= 4 and _osa(said, name) == 1 for name in {p.casefold(), p.split()[0].casefold()})}
    return near.pop() if len(near) == 1 else None


def read_words(text: str, *, now: datetime, tz: str, mots: Sequence[MotRef], people: Sequence[str] = ()) -> _Reading:
    original = text
    tables = _tables(tuple(mots))
    people_index = _people(tuple(p for p in people if isinstance(p, str) and p.strip()))

    normalised = drop_taken_back(name_the_days(expand_abbreviations(from_french(_normalise(original))),
                                               _local_now(now, ZoneInfo(tz)).date(), tz), now=now, tz=tz)
    corrected, fixes = tables.speller.correct(normalised, people_index.words | _names_typed(original))
    if any("bill" in m.name.lower() for m in mots):  # a restaurant's "the check" is the bill (US)
        corrected = _THE_CHECK.sub("the bill ", corrected)
    limit, direction, limit_spans = find_limit(corrected)
    ranked_top = bool(limit_spans) and direction is None
    corrected = _TOP_OF_WORST.sub(" ", _blank(corrected, limit_spans))  # "top worst" ranks the worst
    found = _find_person(corrected, original, people_index)
    person, person_spans, on_team = found.person, list(found.spans), True
    if found.options:  # several team members, or one whose title doesn't fit: the words as typed
        person, on_team = found.said, False
    elif person is None:
        story_context = _STORY_CONTEXT.search(corrected) is not None
        person, person_spans = find_unnamed_person(corrected, original, tables.speller.targets,
                                                   story_context=story_context)
        on_team = person is None
        if person is not None and (near := _one_letter_off(person, people)):
            found = _PersonFound(None, tuple(person_spans), person, (near,))  # "Pria": did you mean Priya?
    if person is not None and person_spans:
        start, end = person_spans[0]
        if _REQUESTER.match(corrected, end) and _CLAUSE_START.search(corrected, 0, start):
            person, on_team, found = None, True, _PersonFound()  # "Dana wants our top four": who asks, not whom
        elif (post := _POST_HELD.match(corrected, end)) is not None:
            person_spans.append((post.start(), post.end()))  # "Bethan on reception": her post, not the moment
        said = corrected[start:end]
        if " " in said.strip():  # "Dr Kulkarni was praised ... stories mentioning Dr Kulkarni": each time, not the physician
            person_spans.extend((m.start(), m.end()) for m in re.finditer(rf"\b{re.escape(said)}\b", corrected)
                                if m.start() != start)
    without_person = _ROLE_ASKED.sub(lambda m: f"{m['which']} staff" + " " * (len(m.group(0)) - len(m['which']) - 6),
                                     _blank(corrected, person_spans))  # "which waiter": a person, not ordering
    without_person = _ROLE_BY.sub(lambda m: "staff".ljust(len(m.group(0))), without_person)
    without_person = _ROLE_TOLD.sub(lambda m: "staff".ljust(len(m.group(0))), without_person)
    without_person = _ROLE_RANKED.sub(lambda m: (m["lead"] + "staff").ljust(len(m.group(0))), without_person)
    if _PRACTICE_ASKED.search(without_person):
        without_person = _ROLE_AS_STAFF.sub(lambda m: "staff".ljust(len(m.group(0))), without_person)
    without_person = _PERIOD_RESULTS.sub(_figures, without_person)
    without_person = _SINCE_EVENT_DATED.sub(lambda m: m.group(0) if _RANGE_NEXT.match(m.string, m.end())
                                            else _clause_then_since(m), without_person)
    without_person = _SINCE_CLAUSE.sub(_clause_then_since, without_person)
    without_person = _SINCE_BARE_CLAUSE.sub(_clause_then_since, without_person)
    without_person = _DURATION.sub(lambda m: m["verb"] + " " * len(m["span"]), without_person)  # "the wait is 2 weeks"
    matches = find_periods(without_person, now=now, tz=tz)
    cores = [_core(without_person, m, tables) for m in matches]
    rest = _blank(without_person, cores)
    rest = _INTENSIFIER.sub(lambda m: " " * len(m.group(0)), rest)  # "went really well" is "went well"
    rest = _blank(rest, filler_likes(without_person))  # "the weakest part like ever": no feeling

    tokens = list(_TOKEN.finditer(rest))
    words = [t.group(0) for t in tokens]
    stems = [_stem(w) for w in words]
    used = [False] * len(words)
    mot_scores: dict[int, float] = {}
    cues: dict[str, float] = {}
    for hit in _scan(stems, used, tables.strong, tables.max_len):  # a second phrase for a MOT adds to it:
        for index, weight in hit.items():  # "results ... explained" is receiving them, not waiting
            seen = mot_scores.get(index, 0.0)
            mot_scores[index] = max(seen, weight) + (0.5 if seen else 0.0)
    mot_words = list(used)
    for hit in _scan(words, used, tables.cues, tables.max_len):
        for label, weight in hit.items():
            cues[label] = max(cues.get(label, 0.0), weight)
    cue_words = list(used)
    for hit in _scan(stems, used, tables.weak, tables.max_len):
        for index, weight in hit.items():
            mot_scores[index] = max(mot_scores.get(index, 0.0), weight)
    mot_words = [m or (u and not c) for m, u, c in zip(mot_words, used, cue_words)]
    if _RESULTS_LATE.search(rest) and "wait-results" in tables.mot_ids and "receive-results" in tables.mot_ids:
        # "stories about test results being late": the wait for them, though "test results" is receiving them
        waiting, given = tables.mot_ids.index("wait-results"), tables.mot_ids.index("receive-results")
        if given in mot_scores:
            mot_scores[waiting] = max(mot_scores.get(waiting, 0.0), mot_scores.pop(given))

    negative, positive = feeling(words)
    if pulls_down(rest):
        negative = max(negative, 3.5)
    if lifts_up(rest):
        positive = max(positive, 3.5)
    if len(matches) > 1 and COMPARE not in cues:
        # "the last fortnight, by which I mean the two full weeks before this one, 9 to 22 Nov": days said by their
        # dates say which window a vaguer one meant
        dated = [m for m in matches if (m.period.end - m.period.start).days > 1 and (
            len(days := _DAY_NUMBER.findall(without_person, m.start, m.end)) >= 2
            or days and without_person.startswith("since", m.start))
            and not _ASIDE.search(without_person, max(0, m.start - 50), m.start)]
        if dated:
            matches = (dated[-1],)
        elif _AFTER_EVENT.fullmatch(without_person, 0, matches[0].start):
            matches = tuple(matches[1:])  # "after the complaint yesterday, which parts are worst this week": why asked
    evidence = _Evidence(
        cues=cues,
        mot_scores=mot_scores,
        person=person,
        periods=matches,
        fixes=fixes,
        direction=direction,
        ranked_top=ranked_top,
        negative=negative,
        positive=positive,
        ranked_feeling=ranked_feeling(rest),
        off_topic=off_topic(corrected, mot_named=bool(mot_scores), person_named=person is not None, asked=bool(cues)),
        words=tuple(words),
        stretched=tuple(bool(_STRETCH.search(without_person, 0, m.start) or _STRETCH_IN.match(without_person, m.start)
                             or (_STRETCH_FROM.search(without_person, 0, m.start)
                                 and _LAST_SPAN.match(without_person, m.start)))
                        for m in matches),
    )
    marks = ([(start, PERIOD_MARK) for start, _ in cores] + [(start, PERSON_MARK) for start, _ in person_spans]
             + [(start, BOTTOM_MARK if direction == "down" else TOP_MARK) for start, _ in limit_spans[:1]])
    model_text = _marked(tokens, mot_words, sorted(marks))
    return _Reading(original, normalised, corrected, without_person, limit, found, person, on_team, evidence,
                    model_text, find_topic(words, used))


def _marked(tokens: Sequence[re.Match[str]], mot_words: Sequence[bool], marks: Sequence[tuple[int, str]]) -> str:
    """The words in order, a MOT's words as one `MOT_MARK`, with each period or person's mark where it began."""
    out: list[str] = []
    pending = list(marks)
    for token, is_mot in zip(tokens, mot_words):
        while pending and pending[0][0] < token.start():
            out.append(pending.pop(0)[1])
        word = MOT_MARK if is_mot else token.group(0)
        if not (is_mot and out and out[-1] == MOT_MARK):
            out.append(word)
    out.extend(mark for _, mark in pending)
    return " ".join(out)

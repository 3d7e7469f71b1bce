"""What a manager is asking the bot about Moments of Truth (MOTs): `parse_question(text, ...) -> Question`.

Rules, not a trained model: the phrasings are a small, closed set and a manager who gets a wrong
answer should be able to see why. The text is normalised (case, emoji, Unicode), obvious typos are
corrected against the words the rules care about ("weakset" -> "weakest"), people and periods are
found and blanked out, MOTs are matched as phrases (ids, names, aliases, and built-in synonyms such as
"reception" for a check-in MOT or "the doctor" for a physician MOT), and the remaining words are
scored against intent cues.

Intents and their default periods (used when the question names none; see `DEFAULT_PERIODS`):

    weakest      "which MOTs are weakest", "worst touchpoints"            this week
    strongest    "strongest moments", "what went well"                    this week
    mot_detail   "how did check-in do", "waiting room scores"             this month
    comments     "what are people saying about parking"                   this month
    practices    "best practices for the waiting room", "tips"            this month
    stories      "stories this week", "stories about Dana"                this week
    story_count  "how many stories this week"                             this week
    compare      "compare this week with last" (sets `compare`)           this week
    chart        "show me the chart", "give me an overview"               this week
    help         "help", "what can you do"                                this week
    rating_count "how many ratings this week", "how many irritating        this week
                 votes for parking" (sets `rating`)
    trend        "trend for check-in since October", "has it got worse    the last 8 weeks
                 since October" (a change over a "since" of 4+ weeks)
    people       "who shared the most stories" (`measure` "told"),         this month
                 "who was mentioned most" ("credited")
    off_topic    "book me an appointment", "who is the best employee",    this week
                 "what's the weather": not a question about the numbers
    unknown      anything else (see below)                                this week

Besides the word cues: "top 3" / "bottom five" set `limit` (and "top" alone does not decide the end:
"top 3 things patients hate" is the weakest), as does "show me 3 quotes" for comments and practices;
feelings are read from lemmas ("irritates", "annoying", "loves" -> weakest/strongest; "least happy" ->
weakest); chat shorthand is expanded first (ppl, rn, r, re, u, hw, mny, ths, no. of, # stories); in a
comparison of two MOTs ("parking vs drive out") the one named first is `mot_id`, the other leads the
alternatives;
a name after "about"/"mentioning" that is not on the team is kept as `person` with `on_team=False`
("mentioning dr smith" -> "Dr Smith", so "dr" is not the physician MOT); `period_named` is False when
`period` is the intent's default. These pattern signals live in `question_signal.py`.

Word classes rather than phrasings: a plain quality word with a degree or after "doing" ranks ("most bad",
"least good", "doing great"); a superlative with a rating noun in a ranking question ranks ("which steps
got the worst feedback"); a staff role asked with "which" or ranked is a person, not its moment ("which
waiter got the most praise", "rank nurses by ..."); "each/every/per month" is a series (trend); "how much"
with a count noun counts; people who responded/replied are ratings; a capitalised non-word after "about",
"where" ... is a name, never spell-corrected; a period's "results" are its figures; "date >= 2026-06-01"
is "since"; "passed 30 days" is "past"; office equipment (printer, toner ...) is off-topic.

Confidence and alternatives (the "did you mean" convention):

- `confidence >= 0.7`: act on `intent`.
- `0.5 <= confidence < 0.7` with a real intent: a plausible reading from weak evidence (a bare
  "parking last week", "how did we do"); act, and `alternatives` may offer other readings.
- `intent == "unknown"` and `alternatives` non-empty: ask "did you mean ...?" offering those intents
  (best first), e.g. "hmm parking?" -> (mot_detail, comments, practices) with mot_id set, or
  "weakest or strongest?" -> (weakest, strongest). `confidence < 0.5`.
- `intent == "unknown"` with (weakest, strongest, ...) alternatives and low confidence is also what a
  bare period or follow-up gives ("last week?", "what about last week"): the dialog may reuse the
  previous question's intent with the new `period`.
- `intent == "unknown"` and no intent alternatives: nothing recognisable (gibberish, another
  language, empty): `confidence == 0.0`; show help. Messages that look like another language
  (several French/Spanish/German/Italian/Portuguese function words) are always this.

`alternatives` holds candidate intents first (members of `INTENTS`), then other MOT ids that matched
(ties in cycle order first: "parking" -> find-parking, alternatives ("drive-out",)). Use the
`alternative_intents` / `alternative_mots` properties rather than splitting it yourself.

Typos are corrected only towards words the rules use and never for real English words, people's
names or words under 4 letters; each correction lowers `confidence` by 0.05 (at most 0.15).
Input beyond `MAX_CHARS` characters is ignored.

`mot_id`, `person` and `period` are filled whenever they are recognised, whatever the intent, so a
follow-up ("did you mean ...") can reuse them. For a comparison `period` is the first period
mentioned and `compare` the second; with only one ("compare this week with last") `compare` is the
period just before it; with only a baseline ("compare with last month") `period` is the current period
of the same kind. A comparison cue next to a ranking ("weakest MOTs compared to last week") keeps the
ranking intent and sets `compare`.

This module is the public API and the parsing pipeline; the internals are private siblings:
`question_vocabulary.py` (intents, cues, MOT synonyms, words), `question_spelling.py` (stemmer, lemmas,
typo corrector), `question_signal.py` (limits, people not on the team, off-topic, feelings), `question_table.py` (per-cycle and per-people phrase tables) and `question_intent.py`
(evidence -> intent, confidence, alternatives).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
import dataclasses
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from bot.nlp.period import Period, PeriodMatch, find_periods
from bot.nlp.question_model import confident_reading
from bot.nlp.question_intent import _decide, _Evidence, _mot_choice, _periods, measure_asked, rating_asked
from bot.nlp.question_signal import (
    expand_abbreviations,
    feeling,
    find_count,
    find_limit,
    find_unnamed_person,
    off_topic,
)
from bot.nlp.question_spelling import _lexicon, _stem
from bot.nlp.question_table import MotRef, _People, _people, _Tables, _tables
from bot.nlp.question_vocabulary import (
    CHART,
    COMMENTS,
    COMPARE,
    HELP,
    INTENTS,
    MEASURES,
    MOT_DETAIL,
    OFF_TOPIC,
    PEOPLE,
    PRACTICES,
    RATING_COUNT,
    RATINGS,
    TITLES,
    TREND,
    STORIES,
    STORY_COUNT,
    STRONGEST,
    UNKNOWN,
    WEAKEST,
    DEFAULT_PERIODS,
    _FOREIGN,
    _NOISE,
    _STOPWORDS,
    _TOKEN,
    _TOP_OF_WORST,
)

__all__ = [
    "CHART",
    "COMMENTS",
    "COMPARE",
    "DEFAULT_PERIODS",
    "HELP",
    "INTENTS",
    "MAX_CHARS",
    "MEASURES",
    "MOT_DETAIL",
    "MotRef",
    "OFF_TOPIC",
    "PEOPLE",
    "RATINGS",
    "RATING_COUNT",
    "TREND",
    "PRACTICES",
    "Question",
    "STORIES",
    "STORY_COUNT",
    "STRONGEST",
    "UNKNOWN",
    "WEAKEST",
    "parse_question",
]


MAX_CHARS = 500  # longer messages are truncated: questions are short, and parsing stays fast


@dataclass(frozen=True, slots=True)
class Question:
    """One parsed question; see the module docstring for the confidence/alternatives convention."""

    intent: str
    period: Period
    mot_id: str | None = None
    person: str | None = None
    compare: Period | None = None
    confidence: float = 1.0
    alternatives: tuple[str, ...] = ()
    rating: str | None = None  # rating_count: "shining" / "dull" / "irritating", None = every rating
    limit: int | None = None  # "top 3", "bottom five", "3 quotes": how many to list (None = the answer's default)
    measure: str | None = None  # people: "told" (stories shared) or "credited" (named in stories)
    on_team: bool = True  # False when `person` is a name the team's list does not have
    period_named: bool = True  # False when no period was named and `period` is the intent's default
    person_said: str | None = None  # "Dr Patel": how `person` was named, when a title or one name picked them
    person_options: tuple[str, ...] = ()  # team members `person` (as typed, on_team=False) could be

    @property
    def alternative_intents(self) -> tuple[str, ...]:
        return tuple(a for a in self.alternatives if a in INTENTS)

    @property
    def alternative_mots(self) -> tuple[str, ...]:
        return tuple(a for a in self.alternatives if a not in INTENTS)


# ---------------------------------------------------------------------------------------------
# Parsing


# A date compared as in a query ("where date >= 2026-06-01", "> 1 June"): from then on, or up to then.
_SINCE_SIGN = re.compile(r"(?:\b(?:where\s+)?(?:the\s+)?dates?\s*)?(?:>=|=>|>|≥)\s*(?=\d|[a-z])", re.IGNORECASE)
_UNTIL_SIGN = re.compile(r"(?:\b(?:and\s+)?(?:the\s+)?dates?\s*)?(?:<=|=<|<|≤)\s*(?=\d|[a-z])", re.IGNORECASE)


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    text = _UNTIL_SIGN.sub(" until ", _SINCE_SIGN.sub(" since ", text))
    text = _NOISE.sub(" ", text.lower())  # emoji, symbols
    return text


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

_STRETCH = re.compile(r"\b(?:over|across|throughout)\s+$")
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

# "results" said of a period ("july results", "this quarter's results", "Q3 results") are its figures, not
# the test-results moment.
_PERIOD_RESULTS = re.compile(
    r"\b(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|"
    r"jun|jul|aug|sep|sept|oct|nov|dec|week|weeks|month|months|quarter|year|q[1-4]|today|yesterday|weekend|fortnight|"
    r"weekly|monthly|quarterly|yearly|annual)(?:'s|s)?\s+(results)\b"
)

# A capitalised word that is no English word after "about", "mentioning", "where" ...: a name as typed
# ("stories about Marco"), never a typo to correct ("march").
_NAME_AFTER = re.compile(
    r"\b(?:about|mentioning|mentions?|mentioned|featuring|involving|naming|regarding|where|by)\s+([A-Z][a-z'-]+)"
)


def _names_typed(original: str) -> frozenset[str]:
    return frozenset(w for m in _NAME_AFTER.finditer(original) if (w := m.group(1).lower()) not in _lexicon())


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=\S)")


def _question_sentence(text: str) -> str | None:
    """In a message of several sentences with exactly one question, that question: "We added chairs on
    Monday. Is the waiting room doing better this week than last week?" asks about the weeks, and the
    story around it ("staff say patients hate them") is context, not what is asked."""
    sentences = [s for s in _SENTENCE_END.split(text.strip()) if s.strip()]
    asked = [s for s in sentences if s.rstrip().endswith("?")]
    if len(sentences) < 2 or len(asked) != 1 or min(len(_TOKEN.findall(s)) for s in sentences) < 3:
        return None  # one sentence, or a dot that ends an abbreviation ("no. of stories")
    return asked[0]


def parse_question(
    text: str,
    *,
    now: datetime,
    tz: str,
    mots: Sequence[MotRef],
    people: Sequence[str] = (),
) -> Question:
    """Parse one chat message. Never raises on odd input (empty, emoji, other languages, very long).

    `now` is the moment of the message (naive = local time in `tz`); `tz` is the team's IANA zone;
    `mots` are the team's cycle in order; `people` are names stories may mention. A message of several
    sentences with one question is read for that question; a moment named only in the sentences
    around it ("that paperwork stage") is the one the question is about.
    """
    focus = _question_sentence(text[:MAX_CHARS]) if isinstance(text, str) else None
    if focus is None:
        return _parse_one(text, now=now, tz=tz, mots=mots, people=people)
    asked = _parse_one(focus, now=now, tz=tz, mots=mots, people=people)
    if asked.intent in (UNKNOWN, OFF_TOPIC):
        return _parse_one(text, now=now, tz=tz, mots=mots, people=people)
    whole = _parse_one(text, now=now, tz=tz, mots=mots, people=people)
    context = []  # what the question refers back to: "that paperwork stage", "where he's been mentioned"
    named = next((m for m in mots if m.id == whole.mot_id), None)
    if asked.mot_id is None and not asked.person and asked.intent not in (PEOPLE, HELP) and named is not None:
        context.append(named.name)
    if asked.person is None and whole.person and asked.intent in (STORIES, STORY_COUNT, COMMENTS):
        context.append(f"stories about {whole.person}")
    if context:
        asked = _parse_one(f"{focus} ({'; '.join(context)})", now=now, tz=tz, mots=mots, people=people)
    spans_days = (whole.period.end - whole.period.start).days > 1  # not the day something happened
    if not asked.period_named and whole.period_named and spans_days and asked.intent != COMPARE:
        asked = dataclasses.replace(asked, period=whole.period, period_named=True)  # "... over the past 30
    return asked  # days. Could you give me the four worst?"


def _parse_one(
    text: str,
    *,
    now: datetime,
    tz: str,
    mots: Sequence[MotRef],
    people: Sequence[str] = (),
) -> Question:
    original = text[:MAX_CHARS] if isinstance(text, str) else ""
    tables = _tables(tuple(mots))
    people_index = _people(tuple(p for p in people if isinstance(p, str) and p.strip()))

    normalised = expand_abbreviations(_normalise(original))
    corrected, fixes = tables.speller.correct(normalised, people_index.words | _names_typed(original))
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
    without_person = _ROLE_ASKED.sub(lambda m: f"{m['which']} staff" + " " * (len(m.group(0)) - len(m['which']) - 6),
                                     _blank(corrected, person_spans))  # "which waiter": a person, not ordering
    without_person = _PERIOD_RESULTS.sub(lambda m: m.group(0)[: m.start(1) - m.start()] + "figures", without_person)
    matches = find_periods(without_person, now=now, tz=tz)
    rest = _blank(without_person, (_core(without_person, m, tables) for m in matches))
    rest = _INTENSIFIER.sub(lambda m: " " * len(m.group(0)), rest)  # "went really well" is "went well"

    words = _TOKEN.findall(rest)
    stems = [_stem(w) for w in words]
    used = [False] * len(words)
    mot_scores: dict[int, float] = {}
    cues: dict[str, float] = {}
    for hit in _scan(stems, used, tables.strong, tables.max_len):  # a second phrase for a MOT adds to it:
        for index, weight in hit.items():  # "results ... explained" is receiving them, not waiting
            seen = mot_scores.get(index, 0.0)
            mot_scores[index] = max(seen, weight) + (0.5 if seen else 0.0)
    for hit in _scan(words, used, tables.cues, tables.max_len):
        for label, weight in hit.items():
            cues[label] = max(cues.get(label, 0.0), weight)
    for hit in _scan(stems, used, tables.weak, tables.max_len):
        for index, weight in hit.items():
            mot_scores[index] = max(mot_scores.get(index, 0.0), weight)

    negative, positive = feeling(words)
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
        off_topic=off_topic(corrected),
        words=tuple(words),
        stretched=tuple(bool(_STRETCH.search(without_person, 0, m.start) or _STRETCH_IN.match(without_person, m.start))
                        for m in matches),
    )
    intent, confidence, intent_alternatives = _decide(evidence)
    all_words = _TOKEN.findall(normalised)
    foreign = sum(1 for w in all_words if w in _FOREIGN)
    if foreign >= 2 and foreign >= sum(1 for w in all_words if w in _STOPWORDS):
        intent, confidence, intent_alternatives = UNKNOWN, 0.0, ()  # not English: offer help
        mot_scores, person = {}, None
    elif intent == UNKNOWN and confidence == 0.0 and not intent_alternatives:  # the rules found nothing:
        guess, offered = confident_reading(" ".join(_TOKEN.findall(corrected)))  # the trained model reads it
        if guess is not None:
            intent, confidence, intent_alternatives = guess, 0.55, offered
        elif offered:
            confidence, intent_alternatives = 0.3, offered
    if intent == OFF_TOPIC:  # "book me an appointment for friday": not the booking MOT, not Friday
        mot_scores, person, on_team, evidence = {}, None, True, _Evidence({}, {}, None, (), 0)
        found = _PersonFound()
    mot_id, mot_alternatives = _mot_choice(mot_scores, tables.mot_ids, first_named=intent == COMPARE)
    compare_wanted = intent not in (TREND, OFF_TOPIC, PEOPLE) and (
        intent == COMPARE or (COMPARE in cues and cues[COMPARE] >= 4)
        or (intent in (WEAKEST, STRONGEST, STORY_COUNT, RATING_COUNT, CHART) and len(matches) >= 2
            and sum(evidence.stretched) != 1)  # "on Monday ... over the past 30 days": one window, not two
    )
    period, compare = _periods(intent, intent_alternatives, evidence, without_person, compare_wanted, now, tz)
    return Question(
        intent=intent,
        period=period,
        mot_id=mot_id,
        person=person,
        compare=compare,
        confidence=max(0.0, min(1.0, round(confidence, 2))),
        alternatives=(*intent_alternatives, *mot_alternatives),
        rating=rating_asked(cues) if intent == RATING_COUNT else None,
        limit=(limit if intent in (WEAKEST, STRONGEST, PEOPLE)
               else (limit or find_count(corrected)) if intent in (COMMENTS, PRACTICES, STORIES) else None),
        measure=measure_asked(cues) if intent == PEOPLE else None,
        on_team=on_team,
        period_named=bool(evidence.periods),
        person_said=found.said if person else None,
        person_options=found.options if person else (),
    )

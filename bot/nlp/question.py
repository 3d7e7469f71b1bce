"""What a manager is asking the bot about Moments of Truth (MOTs): `parse_question(text, ...) -> Question`.

Rules first, so a manager who gets a wrong answer can see why, and a trained intent model where the
rules' evidence is weak (`question_model.py`): it learns from generated paraphrases and every outside
author's labelled questions, reads the question with its MOTs, periods and people as placeholders, and
- reads what the rules found no intent in (a likely reading answered weakly, else "did you mean");
- overrules a weak rules reading (confidence < 0.9) when it is at least 0.5 sure of another, and a
  strong one only at 0.8; the model's reading is then answered as a weak one (0.6) with the rules'
  reading first among the alternatives. The rules' own "did you mean", off-topic and help stand.
Its thresholds come from leave-one-author-out (bench/question_authors.py --frozen), not from one set.
The text is normalised (case, emoji, Unicode), obvious typos are
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
`period` is the intent's default. These pattern signals live in `question_signal.py`, `question_shorthand.py`
and `question_offtopic.py`.

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

Also read generally: a change against how things were with no period ("better or worse than it used to
be", "which way is it heading", "how did X evolve") is a trend; two periods weighed with a comparative
("did X do better in October than in September", "did this month improve on last month") compare;
copying, standardising, "do differently" ask for practices; "dragging/holding our scores down/back"
and "least shining" rank the weakest; "since spring" runs from the season's first day to today.
Context told before the question: "X happened on 2 Nov — which moments ...?" (a dash after something told)
is two sentences; "... since?" is since the date told; in a question about the whole team (a ranking,
people, stories, counts) a moment named only in the event that dates the window ("since the phones
got sorted on the 2nd") is not the one asked about; "the reception team" is people, not check-in.

This module is the public API and the parsing pipeline; the internals are private siblings:
`question_front.py` (normalising, people, periods, the word scan, the model's text),
`question_model.py` / `question_paraphrase.py` (the trained intent model, `settle`, the paraphrases),
`question_vocabulary.py` (intents, cues, MOT synonyms, words), `question_spelling.py` (stemmer, lemmas,
typo corrector), `question_shorthand.py` (shorthand for periods and counts rewritten first, the series unit),
`question_calendar.py` (named days, the financial year and calendar spans rewritten to dates),
`question_signal.py` (limits, people not on the team, feelings), `question_offtopic.py` (requests that are
not questions about the moments), `question_table.py` (per-cycle and per-people phrase tables) and
`question_intent.py` (evidence -> intent, confidence, alternatives).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo
from typing import Any

from bot.nlp.period import ALL_TIME_LABEL, Period, find_periods, named_period, unread_periods
from bot.nlp.period_calendar import _local_now
from bot.nlp.period_point import _MONTHS, _WEEKDAYS
from bot.nlp.question_front import _PersonFound, read_words  # noqa: F401 - read_words for benchmarks
from bot.nlp.question_intent import (_BEFORE_VS_AFTER, _decide, in_the_asking_clause, _Evidence, _long_since, _mot_choice, _periods, comment_rating, measure_asked,
                                     ranking_rating, rating_asked, series_rating)
from bot.nlp.question_model import IntentReader, default_reader, settle
from bot.nlp.question_calendar import _COMPARED, name_the_days
from bot.nlp.question_shorthand import in_english, series_asked, since_as_length
from bot.nlp.question_signal import find_count
from bot.nlp.question_table import MotRef, _tables
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
    _CHANGE,
    _EXPLICIT_COMPARE,
    _FOREIGN,
    _RANKING,
    _SERIES,
    _STOPWORDS,
    _TOKEN,
)

__all__ = [
    "asks_for_problems",
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
    rating: str | None = None  # rating_count and comments: "shining" / "dull" / "irritating", None = every rating;
    # trend and compare: the share followed ("are shining votes going up"), None = the irritating share
    limit: int | None = None  # "top 3", "bottom five", "3 quotes": how many to list (None = the answer's default)
    series: str | None = None  # trend: "month" ("month on month", "monthly") or "week" as asked; None = by length
    measure: str | None = None  # people: "told" (stories shared) or "credited" (named in stories)
    on_team: bool = True  # False when `person` is a name the team's list does not have
    period_named: bool = True  # False when no period was named and `period` is the intent's default
    person_said: str | None = None  # "Dr Patel": how `person` was named, when a title or one name picked them
    person_options: tuple[str, ...] = ()  # team members `person` (as typed, on_team=False) could be
    brief: bool = False  # a count asked for alone ("just the number"): no breakdown under it
    topic: str | None = None  # stories, their count and comments: words they must say ("mentioning christmas")
    versus: tuple[str, ...] = ()  # compare: two moments side by side in one window ("check-in vs the waiting room")
    mine: bool = False  # stories and their count: the asker's own ("my stories", "stories I told this quarter")
    counted: str | None = None  # "comments": a count of customers' comments asked for ("how many comments this month")
    problems: bool = False  # "how many problems were reported this month", "list the problem reports": what staff
    # flagged as problems, not stories or ratings
    period_unread: str | None = None  # "31 feb", "the last 9999 days", "next month": written like a period, but
    # none a question can cover (so `period` is the default), as written

    @property
    def alternative_intents(self) -> tuple[str, ...]:
        return tuple(a for a in self.alternatives if a in INTENTS)

    @property
    def alternative_mots(self) -> tuple[str, ...]:
        return tuple(a for a in self.alternatives if a not in INTENTS)


# ---------------------------------------------------------------------------------------------
# Parsing


# between sentences, or lines (shared with bot/nlp/answer.py)
# (a title's dot is no sentence's end: "Can you book Mrs. Henderson in …")
SENTENCE_BREAK = re.compile(r"(?<=[.!?])(?<!\b[Mm]r\.)(?<!\b[Mm]rs\.)(?<!\b[Mm]s\.)(?<!\b[Dd]r\.)(?<!\bProf\.)\s+(?=\S)|"
                            r"\s*\n+\s*(?=\S)")


# A message written like a letter: "Good morning,\n\n… ?\n\nKind regards,\nMargaret". The salutation and the
# sign-off are not the question ("good" is no shining rating, the signer no person asked about).
_SALUTATION = re.compile(
    r"^\s*(?:(?:good\s+(?:morning|afternoon|evening|day)|hello|hi|hey|hiya|dear\s+\w+|greetings)(?:\s+(?:there|all|bot|storybot))?"
    r"\s*(?:[,.!;\n-]|:(?=\s))+|good\s+(?:morning|afternoon|evening)\s+)\s*(?=\S)", re.IGNORECASE)
_SIGN_OFF = re.compile(
    r"(?:(?<=[.!?…)])|(?<=\n)|^)\s*(?i:(?:kind(?:est)?|best|warm(?:est)?|many)\s+(?:regards|wishes|thanks)|regards|"
    r"(?:with\s+)?(?:many\s+)?thanks(?:\s+(?:in\s+advance|again|so\s+much))?|thank\s+you(?:\s+(?:in\s+advance|so\s+much))?|"
    r"yours\s+(?:sincerely|faithfully|truly)|cheers|ta|best|sincerely)\s*[,.!]?\s*(?:[A-Z][\w'-]*\.?\s*){0,2}$")
_TITLE_BEFORE = re.compile(rf"\b(?:{'|'.join(TITLES)}|sr|st)\.$", re.IGNORECASE)  # the parser's titles, and Sr. / St.
_SIGNED = re.compile(r"(?<=[?.!])\s+(?:[-–—~]\s*)?([A-Z][a-z'-]*|[A-Z])\.?\s*$")
# a period said alone after the question: a month or weekday as the calendar spells it (not "Mark", "Maybe": names)
_WHEN_WORDS = frozenset({*_MONTHS, *_WEEKDAYS, "summer", "winter", "spring", "autumn", "today", "yesterday", "ytd",
                         "mtd", "qtd"})


# A change said to be still going on, or a series: a trend whatever the window ("getting better in the last 2 weeks")
_GOING_ON = re.compile(r"\b(?:getting|improving|worsening|slipping|sliding|declining|dropping|falling|rising|climbing|"
                       r"trend\w*|moving|moved|going|heading|over\s+time|on\s+the\s+(?:rise|up|way)|"
                       r"day\s+(?:on|by|to|after)\s+day)\b", re.IGNORECASE)  # or a series (weeks, months: series_asked)


_REPORTING = (r"\s+(?:has\s+|had\s+|have\s+)?(?:mentioned(?!\s+(?:in|by|on)\b)|said|says|told\s+(?:me|us)|asked(?:\s+me)?|suggested|noticed|"
              r"pointed\s+out|raised|thinks|thought|feels|felt|wondered|wonders|reckons|tells\s+me)\b")


# "are patients happier with parking", "any less of a nightmare": a change said by a comparative
_COMPARED_SAID = re.compile(r"\b(?:happier|unhappier|easier|harder|better|worse|less|more|nicer|faster|slower|quicker|"
                            r"calmer|angrier|shorter|longer|smoother|improv\w*|deteriorat\w*)\b")
_TEAMMATE_SAID = re.compile(r"\bwhat\s+(?:did|has|have|does)\s+xperson\s+(?:say|said|write|wrote|written)\s+"
                            r"(?:about|on|re|regarding|of)\b")


# The asker's own stories: "my (own) stories", "stories I've shared", "what did I write", "stories mentioning me"
# (past tenses only after "I": "stories I could share at the huddle" are anyone's)
_MINE = re.compile(
    r"\bmy\s+(?:own\s+)?(?:(?:latest|recent|last|past|old)\s+)?(?:stor(?:y|ies|ys)|shout\s*outs?|submissions|entries|posts)\b"
    r"|\b(?:i|i'?ve|ive)\s+(?:(?:have|had|just|already|recently|personally|ever|myself)\s+)*"
    r"(?:told|wrote|written|shared|logged|posted|submitted|put\s+in|sent|added|entered|filed)\b"
    r"|\b(?:did|have|had)\s+i\s+(?:(?:ever|already|actually|even|personally)\s+)?"
    r"(?:tell|told|write|wrote|written|share|shared|log|logged|post|posted|submit|submitted|put\s+in|send|sent|add|added|file|filed)\b"
    r"|\b(?:mention(?:s|ed|ing)?|naming|about)\s+(?:me|myself)\b")


def _only_reporting(person: str, text: str) -> bool:
    """Whether every mention of `person` (by first name) opens a sentence as the one who said something:
    "Dana mentioned that ...", "Priya told me ..." — the source of the question, not whom it is about (not
    "what has Tom said about parking?", which asks for his stories)."""
    name = re.escape(person.split()[0])
    said = len(re.findall(rf"\b{name}\b", text, re.IGNORECASE))
    reporting = len(re.findall(rf"(?:^|(?<=[.!?\n]))\W*\b{name}\b(?:\s+[A-Z][\w'-]*)?{_REPORTING}", text, re.IGNORECASE))
    return said > 0 and said == reporting


def _unframed(text: str, people: Sequence[str]) -> str:
    """The message without a letter's salutation and sign-off (and a lone signature after the question:
    "What do our guests love most? Margaret"), when anything is left; a team member's name alone after
    the question stays ("any stories? Priya" may ask about her)."""
    body = _SIGN_OFF.sub("", _SALUTATION.sub("", text, count=1), count=1)
    signed = _SIGNED.search(body)
    if (signed is not None and signed.group(1).lower() not in {p.lower() for p in people}
            and signed.group(1).lower() not in _WHEN_WORDS  # "... calls. October.", "List stories: booking. Summer."
            and not _TITLE_BEFORE.search(body[: signed.start()])):  # "stories about Dr. Patel"
        body = body[: signed.start()]
    return body if _TOKEN.search(body) else text


# "where are we falling over heaps lately... say the last 30 days?": the dots carry on the question (the window
# said as an example), they end no sentence
_DOTS_THEN_SAY = re.compile(r"\s*(?:\.{2,}|…)\s*(?=(?:let'?s\s+|lets\s+)?say\b)", re.IGNORECASE)


def _question_sentence(text: str) -> str | None:
    """In a message of several sentences with exactly one question, that question: "We added chairs on
    Monday. Is the waiting room doing better this week than last week?" asks about the weeks, and the
    story around it ("staff say patients hate them") is context, not what is asked."""
    sentences = [part for s in SENTENCE_BREAK.split(text.strip()) if s.strip() for part in _told_then_asked(s)]
    asked = [s for s in sentences if s.rstrip().endswith("?")]
    if not asked and len(sentences) >= 2 and _ASKING_START.match(sentences[-1]) and not any(
            _ASKING_START.match(s) for s in sentences[:-1]):
        asked = sentences[-1:]  # "we changed how results get sent out in spring. is getting results rated better" (no "?")
    if len(sentences) < 2 or len(asked) != 1 or min(len(_TOKEN.findall(s)) for s in sentences) < 3:
        return None  # one sentence, or a dot that ends an abbreviation ("no. of stories")
    return asked[0]


# A group of staff named by where they work ("the reception team", "the front desk staff")
_GROUP = re.compile(r"(?<![\w-])(?:the|our|your|a|of|from|by|in)\s+(?:(?!(?:have|has|had|are|is|were|was|do|did)\b)[\w-]+\s+){1,2}"
                    r"(?=(?:team|teams|staff|crew)\b)",
                    re.IGNORECASE)
# Who will hear the answer, named by where they work: "the front desk huddle", "the front desk would love to know"
_AUDIENCE = re.compile(r"\b(?:the|our|your|for)\s+(?:[\w-]+\s+){1,2}(?=(?:team\s+)?(?:huddle|meeting|briefing|"
                       r"handover|stand-?up)\b|(?:would|will|d|are|is)\s+(?:love|like|keen|want|asking)\w*\s+"
                       r"(?:to\s+)?(?:know|hear|see)\b)", re.IGNORECASE)
# A correction of what was just said: "..., I mean", "(i.e. the forms)"
_I_MEAN = re.compile(r",?\s*\b(?:i\s+mean|i\s+meant|i\.e\.?|ie,|that\s+is\s+to\s+say)(?!\w)", re.IGNORECASE)
_DASH = re.compile(r"\s+(?:[—–]|-{1,2})\s+")
_ASKING_START = re.compile(r"^\W*(?:is|are|was|were|did|does|do|has|have|had|how|what|which|who|where|when|why|"
                           r"can|could|would|will|should|any|(?:what|how|who|where|which)'?s|hows|whos)\b", re.IGNORECASE)


# A check on a ranking asked beside it: "- and is parking one of them?", ", is check-in in there?"
_ONE_OF_THEM = re.compile(r"\s*(?:[-–—,;(]|(?<=[?.!]))\s*(?:and\s+|but\s+|also\s+|so\s+)?(?:is|are|was|were)\s+"
                          r"[^?.!;]{1,60}?\b(?:one\s+of\s+them|one\s+of\s+those|among\s+them|in\s+there|"
                          r"on\s+(?:the|that)\s+list|in\s+(?:the|that)\s+list|in\s+the\s+mix)\b\s*\)?\s*\??"
                          # "... and is it still the doctors?", "- is it still parking": the ranking answers it
                          r"|\s*(?:[-–—,;(]|(?<=[?.!]))\s*(?:and\s+|but\s+|so\s+)?(?:is|was)\s+it\s+(?:still|again)\s+"
                          r"[^?.!;]{1,40}\??\s*$",
                          re.IGNORECASE)
# A guess said after a ranking is asked: "which bits did worst - I suspect the waiting room but ..."
_HUNCH = re.compile(r"\s*[-–—,;]\s*(?:i\s+(?:suspect|think|reckon|guess|bet|assume|imagine|expect)|"
                    r"my\s+(?:guess|hunch|bet|money)\s+(?:is|s|would\s+be|'s)|probably)\b[^?]*$", re.IGNORECASE)
# A hunch said before the question asked: "I've a feeling it's the phones again but tell me straight, which moments
# were patients most annoyed with last week" (the question decides; the hunch is one answer it may give)
_HUNCH_BEFORE = re.compile(
    r"^\W*(?:(?:i'?ve|i\s+have)\s+(?:got\s+)?a\s+(?:feeling|hunch|suspicion|sneaking\s+suspicion)|i\s+(?:suspect|reckon|"
    r"bet|guess)|my\s+(?:guess|hunch|bet|money)\s+(?:is|'s|s|would\s+be))\b[^?]*?[,;:–—]\s*"
    r"(?=(?:which|what|where|how|who)\b)", re.IGNORECASE)
# Why the asker wants it, said after the request: "..., I want to put them on the wall in reception", "... please
# I need them before the sisters meeting" (context: not what is asked, nor its moment)
_PURPOSE_AFTER = re.compile(
    r"(?:\s*[,;:.!–—]|\s+-|(?<=\bplease)|(?<=\bpls))\s+(?:(?:as|because|cos|since)\s+)?"
    r"(?:i\s+(?:want|need|would\s+like|'d\s+like|have|am\s+going|plan)\s+to|i'd\s+like\s+to|i'?m\s+going\s+to|so\s+(?:that\s+)?(?:i|we)\s+can|"
    r"i\s+need\s+(?:them|it|this|these)|it'?s\s+for|it\s+is\s+for|they'?re\s+for|for\s+my|"
    r"(?:i'?ve|i\s+have)\s+(?:got\s+)?(?:the|a|an|my|our)\s+(?:[\w-]+\s+){0,3}?(?:meeting|huddle|briefing|handover|"
    r"presentation|review|board|call|catch-?up|one-?to-?one|appraisal|audit|inspection)s?)\b"
    r"(?!\s+(?:know|see|find\s+out|understand|check|ask)\b)[^?]*$",
    re.IGNORECASE)
_WH_WORD = re.compile(r"\b(?:which|what|how|who|where|when|whether|if)\b", re.IGNORECASE)
# Two periods set side by side in a sentence of their own: "Compare October with September."
_COMPARE_SAID = _COMPARED
# A count wanted alone: "just the number", "only the total please", "number only"
_JUST_THE_NUMBER = re.compile(r"\b(?:just|only)\s+(?:give\s+me\s+|tell\s+me\s+)?(?:the|a)\s+(?:number|count|total|figure)\b|"
                              r"\b(?:the\s+)?(?:number|count|total|figure)\s+only\b|\bno\s+breakdown\b", re.IGNORECASE)
# A question that only points back at what was just said ("who was it?", "which one?", "what were they?")
_POINTER = re.compile(r"(?:so\s+)?(?:who|which|what)(?:\s+one|\s+ones)?(?:\s+(?:was|were|is|are|s))?"
                      r"(?:\s+(?:it|they|that|those|them))?\s*\??", re.IGNORECASE)


def _told_then_asked(sentence: str) -> list[str]:
    """"we had the new phones put in on 2 Nov — where are we falling down worst?": something told, a
    dash, then the question, are two sentences (the told part is context); else the sentence as it is."""
    parts = _DASH.split(sentence, maxsplit=1)
    if (len(parts) == 2 and parts[1].rstrip().endswith("?") and not parts[0].rstrip().endswith("?")
            and _EVENT_TOLD.search(parts[0]) and not _ASKING_START.match(parts[0])
            and not _POINTER.fullmatch(parts[1].strip())):  # "... most stories last week - who was it?": one
        return parts
    return [sentence]


# "The portal went live on 1 October. How many responses since then?": "then" is the date said before.
_SINCE_THEN = re.compile(
    r"\bsince\s+(?:then|den|that\s+(?:date|day|point|time|change)|it\s+(?:opened|started|launched|went\s+live|"
    r"was\s+(?:installed|introduced|launched|opened|changed)))\b|\bsince(?=\s*[?!.]*\s*$|\s*,\s*(?:compared|vs\b|versus|"
    r"against|or\s+not|than)\b)|"  # "... got any better since, compared wi before?"
    r"\bfrom\s+then(?:\s+on(?:wards?)?)?\b|"  # "... in August. From then calls getting better or not?"
    r"\b(?P<after>after)\s+(?:that|this|the\s+same)(?:\s+on(?:wards?)?)?(?=\s*(?:[?!.,;]|$))",  # "come after the same?"
    re.IGNORECASE,
)
_START_OF = re.compile(r"(?:\bat\s+)?the\s+(?:start|beginning|end|middle)\s+$", re.IGNORECASE)
_EVENT_PREP = re.compile(r"^(?:on|in|at|from|during|around)\s+", re.IGNORECASE)
# A period said as the window to look at ("over the past 30 days", "for Q3"), not when something happened
_WINDOW_BEFORE = re.compile(r"\b(?:over|across|throughout|during|for|within|in|from)\s+(?:the\s+)?$", re.IGNORECASE)
_WINDOW_ITSELF = re.compile(r"(?:over|across|throughout|during|for|within|from)\s|since\b|all[\s-]+time\b|(?:(?:in|from)\s+)?the\s+(?:last|past)\b|"
                            r"(?:last|past|previous)\s+(?:\d+|few|couple|two|three|four|five|six|seven|eight|nine|ten|"
                            r"twelve)\b", re.IGNORECASE)
# A question with no subject of its own, which goes on from what was just said ("- any better or still bad?")
_ELLIPTIC = re.compile(r"\W*(?:any\s+(?:better|worse|good|improvement|change)|still\b|better\b|worse\b|improved\b)",
                       re.IGNORECASE)
# What a count counts, said in the question itself
_COUNTED = re.compile(r"\b(?:stor(?:y|ies)|ratings?|rated|feedback|responses?|reviews?|comments?|votes?|scores?|"
                      r"surveys?|kudos|shout[\s-]*outs?)\b", re.IGNORECASE)
# A sentence telling something that happened ("a patient wrote ... last week", "we moved it on Monday")
_EVENT_TOLD = re.compile(r"\b(?:\w{3,}ed|wrote|went|came|got|had|was|were|been|began|put|took|made|said|told|sent|left|"
                         r"opened|starts?|is|are)\b", re.IGNORECASE)
# the sentence before asks too ("What is the position of our problem areas this year. Which MOTs ...?"): no event told
_ASKED_AROUND = re.compile(r"\W*(?:what|which|where|how)(?:'s|\s+(?:is|are))\s+(?!(?:happening|going\s+on)\b)", re.IGNORECASE)
_THEY = re.compile(r"\bwhat\s+(?:are|were|have|did|do)\s+(?:they|people|patients|guests|customers)\s+(?:been\s+)?(?:writing|"
                   r"saying|said|say|write|wrote|telling|commenting|complaining|moaning)\b", re.IGNORECASE)
_IN_GENERAL = re.compile(r"\b(?:overall|general|generally|in\s+total|about\s+us|across\s+the\s+board)\b", re.IGNORECASE)
# A question that points back at what the sentences before it named ("how did that stage do")
_ANAPHOR = re.compile(r"\b(?:that|this|it|its|there|those|these|them|same|such)\b(?!\s+(?:week|month|quarter|year|"
                      r"morning|afternoon|evening|term|season|spring|summer|autumn|winter|fortnight|weekend)\b)",
                      re.IGNORECASE)  # "this quarter" points at no moment


# "since the new cook? he started 2 november", "since the new card reader?? (came 9th nov)": the event's date said
# after the question, brought to the event
_MONTHS_SAID = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_DAY_AND_MONTH = rf"\d{{1,2}}(?:st|nd|rd|th|\.)?\s+(?:of\s+)?{_MONTHS_SAID}|{_MONTHS_SAID}\s+\d{{1,2}}(?:st|nd|rd|th)?"
_EVENT_DATED_AFTER = re.compile(
    r"\b(?:since|after)\s+(?P<event>(?:the|we|our|a|an|they|my)\s+[^?.!(),]{1,50}?)"
    # "... after we moved the tables, compared with before? We did it 9. november."
    r"(?P<compared>\s*,?\s*(?:compared\s+(?:with|to)|vs\.?|versus|against)\s+before)?\s*(?P<end>[?.!,;]+)\s*\(?\s*"
    r"(?:(?:he|she|it|they|that|this|which)\s+(?:was|were|started|came|arrived|went\s+live|began|opened|went\s+in|landed|"
    r"happened)|came|arrived|started|went\s+live|installed|from|(?:we\s+)?did\s+(?:it|that|this))\s+(?:(?:on|in)\s+)?(?:the\s+)?"
    # (a day and month, "14/09", as the team's clock writes it)
    rf"(?P<date>{_DAY_AND_MONTH}|[0-3]?\d/[01]?\d(?!/))\b\)?",
    re.IGNORECASE)
# "is ordering better after new menu? menu came 2 november": the event without its article, named again as the next
# sentence's subject ("machine came on 1 november" after "...before and after new card machine")
_EVENT_NAMED_AGAIN = re.compile(
    r"\b(?:since|after)\s+(?P<event>(?:[a-z'-]+\s+){0,3}?(?P<head>[a-z]{3,}))\s*(?P<end>[?.!,;]+)\s*\(?\s*"
    r"(?:(?:the|our|this|that|new)\s+)*(?P=head)\s+(?:(?:was|were|got)\s+)?(?:came|arrived|started|went\s+live|began|"
    r"opened|went\s+in|landed|installed|introduced|fitted|launched|put\s+in)\s+(?:on\s+)?(?:the\s+)?"
    rf"(?P<date>{_DAY_AND_MONTH})\b\)?",
    re.IGNORECASE)
_DETERMINED = re.compile(r"(?:the|our|a|an|my|we|they)\s", re.IGNORECASE)

# "how is check in now compared with before we got the new kiosk on 1. october?": since that day, against before it
_BEFORE_EVENT_ON = re.compile(
    r"(?P<lead>\b(?:compared\s+(?:with|to)|vs\.?|versus|against|than|better|worse)\s+before\s+(?:we|the|our|they|a|an|it)\s+[^?.!()]{1,50}?)"
    rf"\s+(?:on|in)\s+(?:the\s+)?(?P<date>\d{{1,2}}(?:st|nd|rd|th|\.)?\s+(?:of\s+)?{_MONTHS_SAID}|{_MONTHS_SAID}"
    r"(?:\s+\d{1,2}(?:st|nd|rd|th)?)?)(?=\s*(?:[?.!,;]|$))", re.IGNORECASE)

# "did check-in improve on 2 Nov when the kiosks went in?", "did parking get better after the 9th": a change from a
# day on is a change since that day (not that day's figures against the day before); "from 2 to 9 Nov" stays a range
_DAY_SAID = (rf"(?:the\s+)?\d{{1,2}}(?:st|nd|rd|th)?(?:\s+(?:of\s+)?{_MONTHS_SAID})?|{_MONTHS_SAID}\s+(?:the\s+)?"
             r"\d{1,2}(?:st|nd|rd|th)?")
_CHANGED_FROM_DAY = re.compile(
    r"\b(?:(?P<change>improv\w*|(?:get|gets|got|gotten|getting|go|gone|went)\s+(?:any\s+|much\s+|a\s+lot\s+)?"
    r"(?:better|worse)|pick(?:ed|s)?\s+up)\s+(?:on|from|after)|(?P<changed>chang\w*)\s+(?:from|after))\s+"
    rf"(?=(?>{_DAY_SAID})\b(?!\s*(?:to|till|until|through|thru|and|[-–—])\s*(?:the\s+)?\d|\s*(?:to|till|until|through|"
    rf"thru|and|[-–—])\s*{_MONTHS_SAID}|'s|’s|\s*,?\s*(?:compared|vs\.?|versus|against|than)\b))",
    re.IGNORECASE)


def _since_then(text: str, now: datetime, tz: str) -> str:
    """"... installed on 1 September. Better since then?" -> "... installed . Better since 1 September?"."""
    said = _SINCE_THEN.search(text)
    if said is None:
        return text
    named = name_the_days(text, _local_now(now, ZoneInfo(tz)).date(), tz)  # "Since Bonfire Night we ... since then?"
    if named != text and (said_named := _SINCE_THEN.search(named)) is not None:
        text, said = named, said_named
    before = [m for m in find_periods(text[: said.start()], now=now, tz=tz) if len(m.parts) <= 1]
    if not before:
        return text
    m = before[-1]
    if said.groupdict().get("after") and re.search(r"\b(?:\d|since|on\s|the\s+\d)", text[m.start : m.end]) is None:
        return text  # "after that" goes on from a day said ("on 1st November"), not from a month ("awful in October")
    start, end = m.start, m.end
    if text[start:end].lower().startswith("of ") and (lead := _START_OF.search(text, 0, start)):
        start = lead.start()  # "at the beginning of October": since the beginning of October
    when = _EVENT_PREP.sub("", text[start:end])
    if when.endswith("."):  # the sentence's full stop stays where it was
        when, end = when[:-1], end - 1
    return f"{text[:start]}{text[end : said.start()]}since {when}{text[said.end() :]}"


# "since the new phones went live on 2 Nov": a date said with the event that happened on it
_SINCE_BEFORE = re.compile(r"\bsince\s+(?P<event>(?:[^\W\d][\w'’-]*\s+){1,8}?)\(?(?:(?:on|in|at)\s+)?"
                           r"(?P<part>(?:the\s+)?(?:start|beginning|end|middle|first|second|third|fourth|fifth|last)\s+"
                           r"(?:week\s+)?of\s+)?$", re.IGNORECASE)
_ORDINAL_EVENT = re.compile(r"\b(?:of|the|first|second|third|start|beginning|end|middle)\s*$", re.IGNORECASE)
# Readings that are about the whole team, where a moment named in such an event is only when it happened
# ("since the phones got sorted on the 2nd, which moments shine most?") and not what is asked
_WHOLE_TEAM = (WEAKEST, STRONGEST, PEOPLE, STORIES, STORY_COUNT, RATING_COUNT)
_MOMENT_WORDS = r"(?:bits?|parts?|moments?|steps?|stages?|touchpoints?|touch\s+points?|areas?|mots?)"
# which of the moments is asked: "which bits", "best bits only", "what do we do best", "where are we failing"
_MOMENTS_ASKED = re.compile(rf"\b(?:which|what)\s+{_MOMENT_WORDS}\b|\b(?:best|worst|top|bottom)\s+{_MOMENT_WORDS}\b|"
                            r"\bwhat\s+do\s+we\s+do\s+(?:best|worst)\b|\bwhere\s+(?:are|do)\s+we\s+(?:do\w*\s+)?(?:best|worst|"
                            r"well|badly|fall\w*|fail\w*)\b", re.IGNORECASE)


def _since_event(text: str, now: datetime, tz: str, min_words: int = 1) -> str:
    """"... since the new phones went live on 2 Nov?" -> "... since 2 Nov?" (the event's words dropped), or
    the text unchanged when it has no such event (of at least `min_words` words)."""
    for m in reversed(find_periods(text, now=now, tz=tz)):
        if (len(m.parts) > 1 or (lead := _SINCE_BEFORE.search(text, 0, m.start)) is None
                or _ORDINAL_EVENT.search(lead["event"])  # "since the first of september" is only a date
                or len(lead["event"].split()) < min_words):
            continue
        when = (lead["part"] or "") + _EVENT_PREP.sub("", text[m.start : m.end])
        close = 1 if text[lead.end() - 1 : lead.end()] == "(" and text[m.end : m.end + 1] == ")" else 0
        return f"{text[: lead.start()]}since {when}{text[m.end + close :]}"
    return text


def _window_in(text: str, now: datetime, tz: str, *, lengths: bool = True) -> bool:
    """Whether the sentences around a question name a window ("over the past 30 days", "for Q3"; with `lengths`,
    "since two weeks", the calque of the past two weeks)."""
    text = since_as_length(text) if lengths else text
    return any(_WINDOW_BEFORE.search(text, 0, m.start) or _WINDOW_ITSELF.match(text, m.start)
               or _SINCE_BEFORE.search(text, 0, m.start)
               or (_TACKED_ON.search(text, 0, m.start) and _SENTENCE_END.match(text, m.end)
                   and _REQUEST_START.match(re.split(r"[.!?]\s+", text[: m.start])[-1]))
               or _said_alone(text, m.start, m.end)
               for m in find_periods(text, now=now, tz=tz))


# a window said as a sentence of its own, with only manners around it: "... not being listened to. mwezi huu please"
_WINDOW_ALONE = re.compile(r"[\s,]*(?:(?:please|pls|plz|kindly|thanks|thank\s+you|only|just|and|for)\b[\s,]*)*",
                           re.IGNORECASE)


def _said_alone(text: str, start: int, end: int) -> bool:
    """Whether the window at text[start:end] is a sentence of its own but for manners around it."""
    after = _WINDOW_ALONE.match(text, end)
    return (_WINDOW_ALONE.fullmatch(re.split(r"[.!?\n]\s*", text[:start])[-1]) is not None and after is not None
            and _SENTENCE_END.match(text, after.end()) is not None)


# a window tacked on at the end of a sentence: "Only the comments rated irritating, this month."
_TACKED_ON = re.compile(r"[,;:–—-]\s*$")
_SENTENCE_END = re.compile(r"\s*(?:[.!?]|$)")
_REQUEST_START = re.compile(r"\W*(?:only|just|show|list|give|pull|send|get|filter|limit|restrict|and|plus|also)\b",
                            re.IGNORECASE)


def parse_question(
    text: str,
    *,
    now: datetime,
    tz: str,
    mots: Sequence[MotRef],
    people: Sequence[str] = (),
    reader: IntentReader | None = None,
) -> Question:
    """Parse one chat message. Never raises on odd input (empty, emoji, other languages, very long).

    `now` is the moment of the message (naive = local time in `tz`); `tz` is the team's IANA zone;
    `mots` are the team's cycle in order; `people` are names stories may mention. A message of several
    sentences with one question is read for that question; a moment named only in the sentences
    around it ("that paperwork stage") is the one the question is about. `reader` is the trained intent
    model to consult (default: the one fitted on every labelled set; benchmarks pass one fitted without
    an author's rows).
    """
    if not isinstance(text, str):
        return _parse_message(text, now=now, tz=tz, mots=mots, people=people, reader=reader)
    text = in_english(text[:MAX_CHARS])  # "kitne ratings aaye is hafte", "worst 5 moments llynedd": in English first
    text = _SAID_ALONE.get(re.sub(r"[^\w\s]", "", text).strip().lower(), text)  # "dull", "rankings": what they ask
    text = _EVENT_DATED_AFTER.sub(lambda m: f"since {m['event']} ({m['date']}){m['compared'] or ''}{m['end']}", text)
    text = _EVENT_NAMED_AGAIN.sub(lambda m: f"since {'' if _DETERMINED.match(m['event']) else 'the '}{m['event']} "
                                  f"({m['date']}){m['end']}", text)
    text = _BEFORE_EVENT_ON.sub(lambda m: f"{m['lead']} since {m['date']}", text)
    text = _CHANGED_FROM_DAY.sub(lambda m: "got better since " if (m["change"] or "").lower().startswith("improv")
                                 else f"{m['change'] or m['changed']} since ", text)
    text = _since_then(_unframed(_DOTS_THEN_SAY.sub(", ", text), people), now, tz)
    asked = None
    if ((check := _ONE_OF_THEM.search(text) or _HUNCH.search(text)) is not None
            and _TOKEN.search(rest := text[: check.start()]) and not find_periods(check.group(0), now=now, tz=tz)):
        # "which moments are weakest this quarter - and is parking one of them?", "... did worst - I suspect the
        # waiting room": the ranking answers both
        ranked = _parse_message(rest + text[check.end() :], now=now, tz=tz, mots=mots, people=people, reader=reader)
        if ranked.intent in (WEAKEST, STRONGEST, PEOPLE):
            text, asked = rest + text[check.end() :], ranked
    if asked is None and (hunch := _HUNCH_BEFORE.match(text)) is not None:
        question = _parse_message(text[hunch.end():], now=now, tz=tz, mots=mots, people=people, reader=reader)
        if question.intent in (WEAKEST, STRONGEST, PEOPLE):
            text, asked = text[hunch.end():], question
    if asked is None and (claimed := _after_a_claim(text, now=now, tz=tz, mots=mots, people=people, reader=reader)):
        text, asked = claimed
    if (asked is None and (why := _PURPOSE_AFTER.search(text)) is not None and not _WH_WORD.search(why.group(0))
            and _TOKEN.search(head := text[: why.start()])):
        # "Show me 5 shining comments since the start, I want to put them on the wall in reception": the request
        request = _parse_message(head, now=now, tz=tz, mots=mots, people=people, reader=reader)
        if request.intent not in (UNKNOWN, OFF_TOPIC, HELP):
            text, asked = head, request
    if asked is None:
        asked = _parse_message(text, now=now, tz=tz, mots=mots, people=people, reader=reader)
    if ((asked.intent in _WHOLE_TEAM or asked.intent in (COMMENTS, MOT_DETAIL) and _MOMENTS_ASKED.search(text))
            and (asked.mot_id is not None or asked.intent in (WEAKEST, STRONGEST))
            and (dated := _since_event(text, now, tz, 1 if asked.mot_id is not None else 2)) != text):
        # the same question without the event's words: its moment, if any, is the one asked about (a ranking
        # drops a moment it names as context, so it is read again whenever an event of some words is told:
        # "since the kiosks went live (2 Nov)", not "since good friday"); a ranking of the moments asked around a
        # moment's event is that ranking ("which bits are irritating patients most since we moved reception in Sept?")
        without = _parse_message(dated, now=now, tz=tz, mots=mots, people=people, reader=reader)
        if without.intent == asked.intent or (
                without.intent in (WEAKEST, STRONGEST) and without.mot_id is None and _MOMENTS_ASKED.search(dated)):
            asked = without
    if asked.person and _only_reporting(asked.person, text):
        # "Dana mentioned that the number of stories has dropped off. How many have we had this year?": Dana
        # said it; the stories asked about are everyone's
        asked = dataclasses.replace(asked, person=None)
    if (meant := _I_MEAN.search(text)) is not None and asked.intent not in (OFF_TOPIC, UNKNOWN, HELP):
        # "... the bit after the consultation? Paying and checking out, I mean.": the moment meant
        before = SENTENCE_BREAK.split(text[: meant.start()])[-1]
        after = SENTENCE_BREAK.split(text[meant.end() :])[0]
        said = after if _TOKEN.search(after) else before  # "I mean the exit barrier" / "Paying, I mean."
        named = _parse_one(said, now=now, tz=tz, mots=mots, people=people, reader=reader)
        if named.mot_id is not None and named.mot_id != asked.mot_id:
            others = (m for m in (asked.mot_id, *named.alternative_mots) if m and m != named.mot_id)
            asked = dataclasses.replace(asked, mot_id=named.mot_id, alternatives=(*asked.alternative_intents, *others))
    if not asked.period_named and (unread := [u for u in unread_periods(text, now=now, tz=tz) if _WORTH_SAYING.search(u)]):
        asked = dataclasses.replace(asked, period_unread=unread[0])
    if asked.intent in (STORIES, STORY_COUNT) and (asked.person or asked.mine) and _TOLD_BY.search(text):
        asked = dataclasses.replace(asked, measure="told")  # "how many stories did Tom tell": his, not naming him
    if (asked.intent in (STORY_COUNT, RATING_COUNT, COMMENTS) and _COMMENTS_COUNTED.search(text)
            and not re.search(r"\bstor(?:y|ies|ys)\b", text, re.IGNORECASE)):
        asked = dataclasses.replace(asked, intent=RATING_COUNT, counted="comments")
    if asked.intent not in (OFF_TOPIC, HELP, TREND, COMPARE, PEOPLE) and asks_for_problems(text):
        asked = dataclasses.replace(asked, problems=True)
    return asked


def asks_for_problems(text: str) -> bool:
    """Staff's problem reports asked for ("how many problems were reported this month", "list the open issues"),
    not what customers have problems with ("what problems do patients have with parking")."""
    return bool(_PROBLEMS_ASKED.search(text)) and not _CUSTOMERS_SAID.search(text)


# Stories told by someone, not naming them: "how many stories did Tom tell", "stories by Sam", "Priya's stories",
# "stories I've logged this month"
_TOLD_VERBS = r"(?:tell|told|share|shared|write|wrote|written|log|logged|submit|submitted|post|posted|send|sent|file|filed|put\s+in)"
_TOLD_BY = re.compile(
    rf"\b(?:did|has|have|had|does|do)\s+(?:[\w'-]+\s+){{1,3}}?{_TOLD_VERBS}\b|\b{_TOLD_VERBS}\s+by\b|"
    rf"\bstor(?:y|ies|ys)\s+(?:by|from)\s+(?!(?:patients?|customers?|guests?|staff|the\s+team|last|this|the\s+last)\b)|"
    rf"\b[A-Za-z]+'s\s+(?:own\s+)?stor(?:y|ies|ys)\b|\b(?:i|i'?ve|ive)\s+(?:(?:have|had|just|already|personally)\s+)*{_TOLD_VERBS}\b",
    re.IGNORECASE)


# A count of customers' words: "how many comments this month", "number of patient comments on parking"
_COMMENTS_COUNTED = re.compile(r"\b(?:how\s+many|number\s+of|no\.?\s+of|count(?:\s+of)?|total)\s+(?:[\w'-]+\s+){0,2}?"
                               r"(?:comments?|verbatims?|written\s+(?:comments?|feedback))\b",
                               re.IGNORECASE)


# Staff's problem reports asked for: counted or listed ("how many problems this month", "show me the open issues"),
# or said to be reported ("which problems were flagged at check-in"); not what customers have problems with
_PROBLEM_NOUN = r"(?:problems?|probs?|issues?|incidents?|problem\s+reports?|reported\s+problems?|reports\s+of\s+problems?)"
_PROBLEMS_ASKED = re.compile(
    rf"\b(?:how\s+many|number\s+of|no\.?\s+of|count\s+(?:of\s+)?(?:the\s+)?|list(?:\s+(?:of|all))?|show(?:\s+me)?|"
    rf"see|read|recent|latest|open|outstanding|unresolved|"
    rf"(?:were|was)\s+there\s+any)\s+(?:the\s+|all\s+|any\s+|our\s+|of\s+the\s+)?(?:[\w-]+\s+){{0,2}}?{_PROBLEM_NOUN}\b"
    rf"|\b(?:problems?|probs?|issues?|incidents?)\s+(?:\w+\s+){{0,3}}?(?:reported|reporting|flagged|raised|logged|filed|submitted)\b"
    rf"|^\W*(?:the\s+|all\s+|our\s+)?problems\b(?!\s+(?:with|for|of|in\s+the)\b)"
    rf"|\bproblem\s+reports?\b|\b(?:reported|flagged)\s+(?:problems?|issues?)\b"
    rf"|\b(?:staff|the\s+team|colleagues)\s+(?:\w+\s+){{0,2}}?(?:report|reported|flag|flagged|raise|raised|log|logged)\b",
    re.IGNORECASE)
_CUSTOMERS_SAID = re.compile(r"\b(?:patients?|customers?|guests?|visitors?|diners?|clients?|people|they|public)\s+"
                             r"(?:\w+\s+)?(?:have|had|has|say|said|saying|complain\w*|mention\w*|rate\w*|wrote|write)\b"
                             r"|\b(?:comments?|ratings?|reviews?|feedback)\b", re.IGNORECASE)


# A word a manager sends alone, and the question it stands for
_SAID_ALONE = {
    **dict.fromkeys(("dull", "boring", "meh", "most dull", "dullest"), "which moments are most often dull"),
    **dict.fromkeys(("rankings", "ranking", "rank", "ranked", "league table", "leaderboard of moments"),
                    "weakest or strongest"),
    **dict.fromkeys(("averages", "average", "avg", "averages please", "mean scores"), "average scores"),
}


# A period read as none worth telling the asker about: one with a number in it or in the future ("fall" is a verb)
_WORTH_SAYING = re.compile(r"\d|\b(?:next|coming|upcoming|tomorrow|future)\b", re.IGNORECASE)


_SHARE_ASKED = re.compile(r"\bwhat\s+(?:share|proportion|percentage|percent|fraction)\b|\bhow\s+many\s+percent\b",
                          re.IGNORECASE)  # ("%" is gone by the time the rules read the words)
_RANK_ASKED = re.compile(r"\b(?:which|rank\w*|top|bottom|most|least|highest|lowest|best|worst)\b", re.IGNORECASE)
# Two ends of the visit: "from the reservation book through to the door", "from booking to paying"
_FROM_TO = re.compile(r"(?<!\bwalk)(?<!\bwalks)(?<!\bwalking)(?<!\bescort)(?<!\bway)(?<!\bjourney)(?<!\broute)"
                      r"(?<!\bpath)(?<!\btrip)(?<!\bmove)(?<!\btransfer)\s\bfrom\s+"
                      r"(?P<a>(?:the\s+)?[\w'-]+(?:\s+[\w'-]+){0,3}?)\s+(?:through\s+to|right\s+through\s+to|through|to|till|"
                      r"until)\s+(?P<b>(?:the\s+)?[\w'-]+(?:\s+[\w'-]+){0,5})", re.IGNORECASE)
# A claim put as a question before what is asked: "Would I be wrong to say the car park is our weakest point?
# Which three moments were rated worst?", "Am I right in thinking ...?", "Is it not the case that ...?"
_CLAIM = re.compile(
    r"^\W*(?:(?:would|wd)\s+i\s+be\s+wrong\s+(?:to|in)\s+|am\s+i\s+(?:right|correct|wrong)\s+(?:in|to)\s+|"
    r"is\s+it\s+(?:not\s+)?(?:the\s+case|so|true|fair\s+to\s+say)\s+|isn'?t\s+it\s+(?:the\s+case|so|true)\s+|"
    r"i\s+(?:suspect|reckon|sense|gather|have\s+a\s+feeling)\s+|my\s+(?:sense|impression|feeling|hunch)\s+is\s+)"
    r"(?:(?:say|saying|think|thinking|suppose|supposing|suggest|suggesting|assume|assuming|believe|believing)\s+)?"
    r"(?:that\s+)?", re.IGNORECASE)
_POLITE = re.compile(r"\b(?:if\s+you\s+(?:please|would(?:\s+be\s+so\s+kind)?|could|can|don'?t\s+mind)|please|pls|pray|"
                     r"thanks?|thank\s+you|kindly|i\s+should\s+like\s+to\s+see|i\s+would\s+like\s+to\s+see|"
                     r"let\s+me\s+see|show\s+me)\b", re.IGNORECASE)


def _whole_visit(text: str, *, now: datetime, tz: str, mots: Sequence[MotRef]) -> bool:
    """"which stages, from the reservation book to the valediction at the door, ...": two different moments as
    the ends of the visit, and no other moment named; not "the escort from the waiting room to the examination
    area" (a moment between two places), nor "tips from the team on giving directions to patients who ask the
    way" (one moment said twice)."""
    ends = _FROM_TO.search(text)
    if ends is None or _MOVED.search(text, max(0, ends.start() - 40), ends.start()):
        return False  # "when they take pt thru from waiting area to clinic room": a walk between two places

    def named(part: str) -> set[int]:
        return set(read_words(part, now=now, tz=tz, mots=mots).evidence.mot_scores)

    first, last = named(ends["a"]), named(ends["b"])
    return bool(first and last and first != last) and not named(f"{text[: ends.start()]} {text[ends.end():]}")


_YES_NO = re.compile(r"\W*(?:is|are|was|were|do|does|did|has|have|had|can|could|will|would|should)\b")
_RANKING_ASKED = re.compile(r"\b(?:which|where|what)\b")
_SENTENCES = re.compile(r"[.!?;]\s+\w|\n")
_MOMENTS_RANKED = re.compile(r"\b(?:mots|moments|touchpoints|touch\s+points|steps|stages|areas)\b|"
                             # "the clinic's weak spots", not "the weak spots at check-in" (that moment's)
                             r"\b(?:weak\s+spots|pain\s+points)\b(?!\s+(?:at|in|for|with|of|on)\s+(?!(?:the\s+|our\s+)?(?:whole|visit|"
                             r"journey|meal|day|practice|clinic|restaurant|hospital|surgery|place)\b))|\bwhich\s+(?:\d|two|three|"
                             r"four|five)\b|\b(?:top|bottom|worst|best)\s+(?:\d|two|three|four|five)\b"
                             # one of them asked for ("the single worst rated moment", "which step comes out bottom",
                             # "which part of a meal", "top rated step"), or where we do worst ("where are we losing people")
                             r"|(?<!\bthat\s)(?<!\bthis\s)(?<!\bsame\s)\b(?:moment|step|stage|touchpoint|touch\s+point)\b(?!\s+(?:of|at|in|for)\s+(?!(?:the\s+|our\s+)?(?:whole|visit|"
                             r"journey|meal|day|practice|clinic|restaurant|hospital|surgery|place)\b)\w)|\bwhich\s+one\b"
                             r"|\bwhich\s+(?:parts?|bits?|stages?|steps?)\s+of\s+the\s+visit\b"
                             r"|\bwhere\s+(?:do|are|were|did|have|is)\s+we\b|\bwhere\s+we\s+(?:are|were)\b")
_RATING_NAMED = re.compile(rf"\b({'|'.join(RATINGS)})\b")
# two ratings side by side ("shining v irritating", "shining/dull/irritating", "kitne shining kitne irritating", "v" read
# as "very" and "kitne" as "how many" by then): a split
_RATINGS_LISTED = re.compile(r"\b(shining|dull|irritating)\s*(?:[/,:&+]|\bv\b|\bvery\b|\bvs\b\.?|\bversus\b|\band\b|\bor\b|\bhow\s+many\b)?\s*"
                             r"(?!\1\b)(?:shining|dull|irritating)\b", re.IGNORECASE)
_REPORTED = re.compile(r"\b(?:says|said|reckons|reckoned|i\s+reckon|thinks|thought|asked|mentioned|told\s+me|claims)\b")
_USE_A_MOMENT = frozenset({MOT_DETAIL, COMPARE, TREND, COMMENTS, STORIES, PRACTICES, RATING_COUNT, STORY_COUNT})
_MOVED = re.compile(r"\b(?:take|takes|taking|took|bring|brings|bringing|brought|walk\w*|escort\w*|lead|leads|leading|led|"
                    r"guide\w*|accompan\w*|transfer\w*|push|pushes|pushing|pushed|wheel|wheels|wheeling|wheeled)\b"
                    r"(?:\s+[\w'-]+){0,3}\s*$",
                    re.IGNORECASE)
_BACK = re.compile(r"\b(?:them|those|these|ones|they)\b", re.IGNORECASE)  # "Let me see them", "the shining ones"


def _after_a_claim(text: str, **kw: Any) -> tuple[str, Question] | None:
    """"Would I be wrong to say <claim>? <request>": the request, with the claim's moment and window when the
    request is about one moment and names none ("Am I right that parking has not improved since the summer?
    I should like the autumn set against the summer": parking); a request that only points back ("Let me
    see them.", "The exact number, if you please.") is the claim asked. None when the message is not so."""
    sentences = [x for x in SENTENCE_BREAK.split(text.strip()) if x.strip()]
    if len(sentences) < 2 or (lead := _CLAIM.match(sentences[0])) is None or lead.end() == len(sentences[0]):
        return None
    claim, request = sentences[0][lead.end():], " ".join(sentences[1:])
    hedged_off = f"{claim} {request}"
    alone = _parse_message(request, **kw)
    whole = _parse_message(hedged_off, **kw)
    said = _TOKEN.findall(_POLITE.sub(" ", request))
    if (alone.intent in (UNKNOWN, OFF_TOPIC, HELP) or _BACK.search(request)
            or (len(said) <= 5 and alone.mot_id is None and not alone.period_named
                and alone.intent not in (WEAKEST, STRONGEST, PEOPLE, PRACTICES))):  # "the bottom few" stands alone
        if not whole.period_named and alone.period_named:
            whole = dataclasses.replace(whole, period=alone.period, period_named=True)
        if alone.intent in (UNKNOWN, OFF_TOPIC, HELP) or alone.intent == whole.intent or _BACK.search(request):
            return hedged_off, whole
        # "The weekly movement, if you please.", "The exact number": what is wanted, of what the claim is about
        if alone.intent in (STORY_COUNT, RATING_COUNT):
            alone = dataclasses.replace(alone, intent=_parse_message(f"how many {claim}", **kw).intent)
        return hedged_off, dataclasses.replace(
            alone, mot_id=whole.mot_id, person=whole.person, on_team=whole.on_team, period=whole.period,
            period_named=whole.period_named, compare=whole.compare if alone.intent == COMPARE else None)
    if alone.intent in (STORY_COUNT, RATING_COUNT) and whole.intent in (STORY_COUNT, RATING_COUNT):
        alone = dataclasses.replace(alone, intent=whole.intent, rating=whole.rating)  # what the claim counts
    if alone.mot_id is None and alone.intent not in _WHOLE_TEAM and whole.mot_id is not None:
        alone = dataclasses.replace(alone, mot_id=whole.mot_id)
    if not alone.period_named and whole.period_named:
        alone = dataclasses.replace(alone, period=whole.period, period_named=True,
                                    compare=whole.compare if alone.intent == COMPARE else alone.compare)
    return request, alone


def _parse_message(
    text: str,
    *,
    now: datetime,
    tz: str,
    mots: Sequence[MotRef],
    people: Sequence[str] = (),
    reader: IntentReader | None = None,
) -> Question:
    """`parse_question` after the "since" rewrites: the one question of a message of several sentences."""
    focus = _question_sentence(text[:MAX_CHARS]) if isinstance(text, str) else None
    if focus is None:
        return _parse_one(text, now=now, tz=tz, mots=mots, people=people, reader=reader)
    asked = _parse_one(focus, now=now, tz=tz, mots=mots, people=people, reader=reader)
    if asked.intent in (UNKNOWN, OFF_TOPIC, HELP):  # "did the new signage help? compare the signs ..."
        return _parse_one(text, now=now, tz=tz, mots=mots, people=people, reader=reader)
    whole = _parse_one(text, now=now, tz=tz, mots=mots, people=people, reader=reader)
    around = text.replace(focus, " ")  # what the message says besides its question
    if (asked.intent in (MOT_DETAIL, STRONGEST, WEAKEST, CHART) and whole.intent in (TREND, COMMENTS, PRACTICES, RATING_COUNT)
            and whole.mot_id == asked.mot_id):
        # "since how long the parking is so bad? show me the evolution", "what's working well for the team? best
        # practices pls": the request said after the question is what is wanted, when it asks that plainly on its own
        alone = _parse_one(around, now=now, tz=tz, mots=mots, people=people, reader=reader)
        if alone.intent == whole.intent and alone.confidence >= 0.9 and alone.mot_id in (None, asked.mot_id):
            asked = whole
    if (asked.confidence < 0.7 and whole.confidence >= 0.9 and whole.intent not in (UNKNOWN, OFF_TOPIC, HELP)
            and whole.period_named and not asked.period_named and asked.mot_id in (None, whole.mot_id)):
        # "Clinic, everything: this week compared to last week - any big swings?": a vague tag after a clear request
        asked = whole
    context = []  # what the question refers back to: "that paperwork stage", "where he's been mentioned"
    named = next((m for m in mots if m.id == whole.mot_id), None)
    if (asked.mot_id is None and not asked.person and asked.intent not in (PEOPLE, HELP) and named is not None
            and (_ANAPHOR.search(focus) or _ELLIPTIC.match(focus)
                 or not focus.rstrip().endswith("?")  # no "?": the sentence before may be a heading ("bp checks... how r they")
                 or asked.intent == COMMENTS and _THEY.search(focus) and not _IN_GENERAL.search(focus)
                 # "... complaining about the exit gate. What are they writing?", not "... saying overall?"
                 or asked.intent in (MOT_DETAIL, RATING_COUNT, COMMENTS, TREND, COMPARE) and not _ASKING_START.match(focus)
                 and _HEADING.fullmatch(text[: max(0, text.find(focus))]) and not _EVERYTHING.search(focus)
                 # a heading on its own line, then the bullet asking ("Escort to exam room\n- how many ratings this quarter?")
                 or _LINE_HEADING.fullmatch(text[: max(0, text.find(focus))]) and not _EVERYTHING.search(focus))):
        # "... the paperwork. How did that stage do?", "waiting room this quarter vs last - any better or still bad?",
        # "Food being served - ratings last month?" (a heading, then what is wanted of it)
        context.append(named.name)
    if (asked.person is None and whole.person and asked.intent in (STORIES, STORY_COUNT, COMMENTS)
            and not re.search(rf"\b{re.escape(whole.person)}\s+{_REPORTED.pattern}", text, re.IGNORECASE)):
        # not someone who only reports ("what patients wrote about the exit barrier? Tom says it was blocked twice")
        context.append(f"stories about {whole.person}")
    if context:
        asked = _parse_one(f"{focus} ({'; '.join(context)})", now=now, tz=tz, mots=mots, people=people, reader=reader)
    spans_days = (whole.period.end - whole.period.start).days > 1  # not the day something happened
    if (not asked.period_named and whole.period_named and spans_days and asked.intent != COMPARE
            and (_window_in(around, now, tz, lengths=not asked.person) or not _EVENT_TOLD.search(around)
                 or _ASKED_AROUND.match(around) or _DASH_HEADING.fullmatch(text[: max(0, text.find(focus))]))):
        # "... over the past 30 days. Could you give me the four worst?", "...? Worst stages last month pls":
        # the window; not "a letter about Maria came last week. Any stories?", nor how long someone has been here
        # ("Any story of Lucía? She is the new receptionist since two weeks")
        asked = dataclasses.replace(asked, period=whole.period, period_named=True)
    if ((asked.intent == COMPARE and not asked.period_named
         or asked.intent in (TREND, MOT_DETAIL) and (_COMPARE_SAID.search(around) or _BEFORE_VS_AFTER.search(around)
                                                     or _BETTER_AFTER.search(focus)))
            and whole.intent == COMPARE and whole.period_named and whole.compare is not None):
        # "Has check-in improved? Compare this quarter to last", "Is the barrier better since we changed the pay
        # station? Compare October with September.", "parking better after that? before/after pls": those two periods
        asked = dataclasses.replace(asked, intent=COMPARE, period=whole.period, compare=whole.compare, period_named=True)
    if (asked.intent in (STORY_COUNT, RATING_COUNT) and whole.intent in (STORY_COUNT, RATING_COUNT)
            and asked.intent != whole.intent and not _COUNTED.search(focus)):
        # "Dana mentioned that stories have dropped off. How many have we had this month?": what the sentence
        # before names is what is counted
        others = tuple(dict.fromkeys(a for a in (asked.intent, *asked.alternatives) if a != whole.intent))
        asked = dataclasses.replace(asked, intent=whole.intent, rating=whole.rating, alternatives=others)
    if asked.intent in (STORIES, COMMENTS) and whole.intent in (STORY_COUNT, RATING_COUNT):
        # "any stories yesterday? just the number": the count
        asked = dataclasses.replace(asked, intent=whole.intent, rating=whole.rating, limit=None)
    if asked.intent == whole.intent and whole.brief:  # "how many this month? just the number"
        asked = dataclasses.replace(asked, brief=True)
    if asked.limit is None and whole.limit is not None and asked.intent == whole.intent:  # "going well? top 5 ..."
        asked = dataclasses.replace(asked, limit=whole.limit)
    return asked


# a heading of a few words before a dash, colon or full stop ("Food being served - ratings last month?",
# "follow up calls. going up or down this year?")
_HEADING = re.compile(r"\s*(?:[\w'&/-]+\s+){0,4}[\w'&/-]+\s*(?:[-–—:]+|\.)\s*", re.IGNORECASE)
# a heading before a dash or colon, whose window is the question's ("Stories told in October - how many are they?")
_DASH_HEADING = re.compile(r"\s*(?:[\w'&/-]+\s+){0,5}[\w'&/-]+\s*[-–—:]+\s*", re.IGNORECASE)
_LINE_HEADING = re.compile(r"\s*(?:[\w'&/-]+\s+){0,3}[\w'&/-]+\s*:?\s*\n[\s\-–—•*\d.)]*", re.IGNORECASE)
_EVERYTHING = re.compile(r"\b(?:overall|total|whole|everything|all|every|entire|general)\b", re.IGNORECASE)
_LISTED = re.compile(r"\w\s*,\s*\w[^,?]*,|\w\s*/\s*\w[^/?]*/")  # "reception, doctor, bloods": moments listed
_THROUGHOUT = re.compile(r"\b(?:all\s+through|throughout|over\s+the\s+course\s+of|across\s+the\s+whole\s+of|"
                         r"all\s+(?:the\s+)?way\s+through)\b")
# a comparison named as such ("MoM", "compare", "vs"), not only a change ("went up")
_COMPARISON_NAMED = re.compile(r"\b(?:compare|compared|comparing|comparison|vs|versus|mom|wow|yoy|qoq|side\s+by\s+side|"
                               r"(?:month|week|year|quarter)\s+(?:on|over)\s+(?:month|week|year|quarter))\b")
# the change asked after the event told before it: "... on 15 october. The check back is better after or not?"
_BETTER_AFTER = re.compile(r"\b(?:better|worse|improv\w*)\s+(?:after|afterwards)\b|\b(?:better|worse)\s+(?:since\s+then|after\s+"
                           r"(?:that|it|this|then))\b", re.IGNORECASE)
_SINCE_LAST_UNIT = re.compile(r"\bsince\s+last\s+(?:week|month|quarter|year)\b")
_QUESTION_SENTENCE = re.compile(r"[^.!?;\n]*\?")


def _named_before_the_question(text: str, *, now: datetime, tz: str, mots: Sequence[MotRef]) -> bool:
    """True when a text of several sentences asks its question(s) in sentences that name no moment: the
    moment was named only in what was told before."""
    asked = " ".join(_QUESTION_SENTENCE.findall(text))
    if (not _SENTENCES.search(text.strip()) or not asked or len(asked) >= len(text.strip()) - 2
            or _ANAPHOR.search(asked)):  # "... What's the worst part of that stage?": the one named
        return False
    return not read_words(asked, now=now, tz=tz, mots=mots).evidence.mot_scores


# what sets one moment beside another: "check-in vs the waiting room", "is ordering doing better than paying the bill",
# "put parking and driving out side by side"
_VERSUS = re.compile(r"\s(?:vs\.?|versus|v\.?|against|compared\s+(?:to|with)|or|than|and|&)\s")
_BEFORE_AFTER = re.compile(r"\b(?:before|after|beforehand|previously)\b")


def _side_by_side(text: str, *, now: datetime, tz: str, mots: Sequence[MotRef]) -> tuple[str, str] | None:
    """Two moments named on either side of "vs", "than", "or", "and" ..., each the clearest on its side and no
    clearer on the other (not one phrase read as two: "the car park" is parking and driving out; "parking vs drive
    out" is both): the moments set against each other."""
    if _BEFORE_AFTER.search(text):
        return None  # "parking since the barrier fix vs before it": a moment before and after, not two moments
    ids = _tables(tuple(mots)).mot_ids
    for join in _VERSUS.finditer(text):
        sides = [read_words(part, now=now, tz=tz, mots=mots).evidence.mot_scores
                 for part in (text[:join.start()], text[join.end():])]
        if not all(sides):
            continue
        # the clearest on each side; of equals ("parking": finding a space or driving out), the one less said across
        left = max(sides[0], key=lambda i: (sides[0][i], -sides[1].get(i, 0.0)))
        right = max(sides[1], key=lambda i: (sides[1][i], -sides[0].get(i, 0.0)))
        if (left != right and sides[0][left] >= 2.0 and sides[1][right] >= 2.0
                and sides[1].get(left, 0.0) <= sides[0][left] and sides[0].get(right, 0.0) <= sides[1][right]):
            return ids[left], ids[right]
    return None


def _parse_one(
    text: str,
    *,
    now: datetime,
    tz: str,
    mots: Sequence[MotRef],
    people: Sequence[str] = (),
    reader: IntentReader | None = None,
) -> Question:
    reading = read_words(text[:MAX_CHARS] if isinstance(text, str) else "", now=now, tz=tz, mots=mots, people=people)
    evidence, found, person, on_team = reading.evidence, reading.found, reading.person, reading.on_team
    mot_scores, cues, matches = evidence.mot_scores, evidence.cues, evidence.periods
    intent, confidence, intent_alternatives = _decide(evidence)
    all_words = _TOKEN.findall(reading.normalised)
    foreign = sum(1 for w in all_words if w in _FOREIGN)
    if intent != OFF_TOPIC and foreign >= 2 and foreign >= sum(1 for w in all_words if w in _STOPWORDS):
        intent, confidence, intent_alternatives = UNKNOWN, 0.0, ()  # not English: offer help
        mot_scores, person = {}, None
    else:  # the trained model reads what the rules found nothing in, or read weakly (see question_model.py)
        rules = (intent, confidence, intent_alternatives)
        intent, confidence, intent_alternatives = settle(rules, reading.model_text, reader or default_reader(),
                                                         mot_named=bool(mot_scores), asked=text.rstrip().endswith("?"))
        if (rules[0] == COMPARE and intent == TREND and matches and not _long_since(matches)
                and not _GOING_ON.search(reading.normalised) and series_asked(reading.corrected) is None):
            # "has check-in got worse since last week": how far back decides, and the model's text hides it
            # behind a placeholder; a change done over under four weeks is a comparison, as the rules read it
            # (one still going on, "getting better in the last 2 weeks", is the model's trend)
            intent, confidence, intent_alternatives = rules
        elif rules[0] == TREND and intent == MOT_DETAIL and _SERIES in cues and rules[1] >= 0.9:
            # "monthly breakdown of the consultant part for this year": a series asked is the trend, whatever the
            # model makes of "breakdown"
            intent, confidence, intent_alternatives = rules
        elif (rules[0] == COMPARE and intent == MOT_DETAIL and rules[1] >= 0.9 and matches
              and _COMPARISON_NAMED.search(reading.normalised)):
            # "MoM for parking since the start of the month": a comparison said in so many words, with its window, stays
            # one whatever the model makes of the moment's name
            intent, confidence, intent_alternatives = rules
        elif rules[0] == TREND and intent == COMPARE and _THROUGHOUT.search(reading.normalised):
            # "did parking get worse all through Q3?": how it went within the window, the rules' trend
            intent, confidence, intent_alternatives = rules
        elif (intent == TREND and rules[0] not in (TREND, COMPARE) and not matches
              and not {TREND, _CHANGE, _SERIES, _EXPLICIT_COMPARE} & set(cues)
              and not _GOING_ON.search(reading.normalised) and not _COMPARED_SAID.search(reading.normalised)
              and series_asked(reading.corrected) is None):
            # "are overseas patients struggling with the embassy letters and forms?": no window, no change, no
            # series said, so no trend: the model read it from the words around ("are patients struggling more")
            intent, confidence, intent_alternatives = rules
        elif (rules[0] in (WEAKEST, STRONGEST) and intent in (WEAKEST, STRONGEST) and intent != rules[0]
              and (evidence.positive > 0 and not evidence.negative) == (rules[0] == STRONGEST)
              and (evidence.positive > 0) != (evidence.negative > 0)):
            # "what are patients most pleased with": a feeling said, not turned ("least pleased" is read as
            # turned), names the end; the model reads the words around it and may not know the feeling
            intent, confidence, intent_alternatives = rules
        elif (intent == TREND and _SINCE_LAST_UNIT.search(reading.normalised) and len(matches) == 1
              and not _GOING_ON.search(reading.normalised) and series_asked(reading.corrected) is None):
            # "have things gone up or down since last quarter": this quarter beside the last, as "better than
            # last quarter" is (a trend since then is asked with "trend", "getting ...", or a series)
            intent, intent_alternatives = COMPARE, (TREND,)
    if intent == COMMENTS and person and on_team and _TEAMMATE_SAID.search(reading.model_text):
        intent = STORIES  # "what did Priya say about the follow-up calls": what she told, her stories
    if intent == OFF_TOPIC:  # "book me an appointment for friday": not the booking MOT, not Friday
        mot_scores, person, on_team, evidence = {}, None, True, _Evidence({}, {}, None, (), 0)
        found = _PersonFound()
    if (intent in (WEAKEST, STRONGEST) and mot_scores and _SHARE_ASKED.search(reading.normalised)
            and not _RANK_ASKED.search(reading.normalised)):
        intent = MOT_DETAIL  # "what share of the waiting room ratings were shining": that moment's shares
    if mot_scores and (intent in (WEAKEST, STRONGEST) and len(set(_RATING_NAMED.findall(reading.normalised))) >= 2
                       or intent == RATING_COUNT and _RATINGS_LISTED.search(reading.normalised)):
        # "la salle d'attente - shining/dull/irritating for yesterday?", "Doctor consultation part, Q3 how many
        # shining dull irritating?": that moment's split
        intent = MOT_DETAIL
    if intent == STRONGEST and ranking_rating(WEAKEST, evidence.words) == "dull":
        intent = WEAKEST  # "the highest share of dull ratings": the moments most often dull, a weakness
    if mot_scores and _whole_visit(reading.normalised, now=now, tz=tz, mots=mots):
        mot_scores = {}
    grouped = _GROUP if intent in (STORIES, STORY_COUNT, PEOPLE) else _AUDIENCE if intent in _WHOLE_TEAM else None
    if grouped is not None and mot_scores and grouped.search(reading.normalised):
        # "stories from the reception team", "which of the waiting staff": people, not their moment; "to focus
        # the front desk huddle on", "the front desk would love to know": who will hear the answer
        ungrouped = read_words(grouped.sub(" ", reading.normalised), now=now, tz=tz, mots=mots, people=people)
        if not ungrouped.evidence.mot_scores:
            mot_scores = {}
    mot_id, mot_alternatives = _mot_choice(mot_scores, _tables(tuple(mots)).mot_ids, first_named=intent == COMPARE)
    if (intent in (WEAKEST, STRONGEST) and mot_id is not None and set(intent_alternatives) & _USE_A_MOMENT
            and _named_before_the_question(reading.normalised, now=now, tz=tz, mots=mots)):
        # "had a week of it with the heating in the waiting room. Where are we doing worst?": the moment is news
        # told before the question, which ranks every moment
        mot_id, mot_alternatives = None, ()
        intent_alternatives = tuple(a for a in intent_alternatives if a not in _USE_A_MOMENT)
    if intent in (WEAKEST, STRONGEST) and mot_id is not None and not set(intent_alternatives) & _USE_A_MOMENT:
        if _YES_NO.match(reading.normalised) and not _RANKING_ASKED.search(reading.normalised):
            # "are patients struggling with the forms?", "is the booking widget causing problems?": that moment
            intent, intent_alternatives = MOT_DETAIL, (intent, *intent_alternatives)
        elif (_SENTENCES.search(reading.normalised.strip()) or _REPORTED.search(reading.normalised)
              or _MOMENTS_RANKED.search(reading.normalised) or evidence.ranked_feeling
              or (sum(s >= 2.0 for s in mot_scores.values()) >= 3 and _LISTED.search(reading.normalised))):
            # a ranking ranks every moment: one named in another sentence, or in what someone said, is context
            # ("where are we weakest. I'm in the treatment room the now", "Alice says reception is the star ...
            # what's the single best rated bit?"); one named in the question itself stays ("what's the worst
            # thing about parking": its own figures are a button away), nor in a ranking of several moments ("which
            # restaurant touchpoints did worst", "of the post-consult MOTs (checkout onwards), which 2 are worst",
            # "where are patients most happy - reception, doctor, bloods, which one?")
            mot_id, mot_alternatives = None, ()
    if (intent in (WEAKEST, STRONGEST) and mot_id is not None and (reading.limit or _MOMENTS_RANKED.search(reading.normalised))
            and not (_YES_NO.match(reading.normalised) and not _RANKING_ASKED.search(reading.normalised))):
        # one moment, or a few, asked for out of all of them ("what 3 things do patients like best", "which step comes
        # out bottom", "the single worst rated moment"): a ranking of every moment, whatever else the message names
        mot_id, mot_alternatives = None, ()
        intent_alternatives = tuple(a for a in intent_alternatives if a not in _USE_A_MOMENT)
    if (intent == COMPARE and len(matches) == 1 and len(matches[0].parts) <= 1
            and matches[0].period.label == ALL_TIME_LABEL):
        # "is check-in better since we started": nothing before the beginning to set it against; how it has moved
        intent, intent_alternatives = TREND, tuple(a for a in (COMPARE, *intent_alternatives) if a != TREND)
    versus = (_side_by_side(reading.normalised, now=now, tz=tz, mots=mots)
              if intent == COMPARE and len(matches) <= 1 and mot_id is not None else None)
    if versus is not None:  # "check-in vs the waiting room, which is doing better this month?": one window, two moments
        mot_id, mot_alternatives = None, ()
    # "meeting is thursday ..., so, last quarter, what were the bottom 3": the window of the clause that asks
    asked_window = in_the_asking_clause(matches, reading.without_person) if len(matches) > 1 else None
    compare_wanted = intent not in (TREND, OFF_TOPIC, PEOPLE) and versus is None and (
        intent == COMPARE or (COMPARE in cues and cues[COMPARE] >= 4)
        or (intent in (WEAKEST, STRONGEST, STORY_COUNT, RATING_COUNT, CHART) and len(matches) >= 2
            and sum(evidence.stretched) != 1  # "on Monday ... over the past 30 days": one window, not two
            and len({(m.period.start, m.period.end) for m in matches}) > 1  # "like ever, since we started": one, said twice
            and asked_window is None)
    )
    period, compare = _periods(intent, intent_alternatives, evidence, reading.without_person, compare_wanted, now, tz,
                               asked_window)
    if versus is not None and not matches:  # two moments side by side: a month of ratings, as one moment's details
        period = named_period("this_month", now=now, tz=tz)
    limit = reading.limit
    mine = intent in (STORIES, STORY_COUNT) and person is None and _MINE.search(reading.normalised) is not None
    return Question(
        intent=intent,
        period=period,
        mot_id=mot_id,
        person=person,
        compare=compare,
        confidence=max(0.0, min(1.0, round(confidence, 2))),
        alternatives=(*intent_alternatives, *mot_alternatives),
        rating=(rating_asked(cues) if intent == RATING_COUNT
                else ranking_rating(intent, evidence.words) if intent in (WEAKEST, STRONGEST)
                else comment_rating(evidence.words) if intent == COMMENTS
                else series_rating(evidence.words) if intent in (TREND, COMPARE) else None),
        limit=(limit if intent in (WEAKEST, STRONGEST, PEOPLE)
               else (limit or find_count(reading.corrected)) if intent in (COMMENTS, PRACTICES, STORIES) else None),
        measure=measure_asked(cues) if intent == PEOPLE else None,
        series=series_asked(reading.corrected) if intent == TREND else None,
        on_team=on_team,
        period_named=bool(evidence.periods),
        person_said=found.said if person else None,
        person_options=found.options if person else (),
        mine=mine,
        brief=intent in (STORY_COUNT, RATING_COUNT) and _JUST_THE_NUMBER.search(reading.normalised) is not None,
        topic=reading.topic if intent in (STORIES, STORY_COUNT, COMMENTS) and mot_id is None and person is None else None,
        versus=versus or (),
    )

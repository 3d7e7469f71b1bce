"""Private to bot.nlp.question: from the evidence found in a question (cues, MOTs, person, periods)
to an intent, a confidence and alternatives, to the MOT meant, and to the period(s) asked about."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from bot.nlp.period import (
    ALL_TIME_LABEL,
    ALL_TIME_START,
    Period,
    PeriodMatch,
    current_period_like,
    find_periods,
    named_period,
    previous_period,
)
from bot.nlp.question_calendar import _COMPARED, _day_text
from bot.nlp.question_vocabulary import (
    DEFAULT_PERIODS,
    CHART,
    COMMENTS,
    COMPARE,
    HELP,
    INTENTS,
    OFF_TOPIC,
    PEOPLE,
    PERIOD_ONLY,
    RATING_COUNT,
    TREND,
    MOT_DETAIL,
    PRACTICES,
    STORIES,
    STORY_COUNT,
    STRONGEST,
    UNKNOWN,
    WEAKEST,
    _DETAIL,
    _FOLLOW_UP,
    _GREETING,
    _HOW_ARE_YOU,
    _HEDGE,
    _HOW,
    _OVERVIEW,
    _CHANGE,
    _EXPLICIT_COMPARE,
    _SERIES,
    _WORKING,
    _CREDITED,
    _DULL,
    _IRRITATING,
    _RANKING,
    _RATING_NOUN,
    _RECEIVED,
    _SHINING,
    _STORY_NOUN,
    _TOLD,
    _WHO,
)

_LONG_SINCE_DAYS = 28  # "getting worse since X": a trend when X is at least four weeks back


@dataclass(frozen=True, slots=True)
class _Evidence:
    cues: Mapping[str, float]
    mot_scores: Mapping[int, float]
    person: str | None
    periods: tuple[PeriodMatch, ...]
    fixes: int
    direction: str | None = None  # "up" / "down" from "best 3" / "bottom five"; None for "top 3"
    ranked_top: bool = False  # "top 3" said: the strongest unless other words say the weakest
    negative: float = 0.0  # feelings (lemmas): "annoying", "hate" -> weakest
    positive: float = 0.0
    ranked_feeling: bool = False  # "where are patients most irritated": the feeling ranks every moment
    off_topic: bool = False
    words: tuple[str, ...] = ()
    stretched: tuple[bool, ...] = ()  # per period: said as a stretch ("over the past 90 days", "across Q3")

    @property
    def stretch(self) -> bool:
        return any(self.stretched)


def rating_asked(cues: Mapping[str, float]) -> str | None:
    """Which rating a count is about: "irritating votes", "complaints", "positive reviews"; None for all."""
    said = [r for r, marker in (("shining", _SHINING), ("dull", _DULL), ("irritating", _IRRITATING)) if marker in cues]
    return said[0] if len(said) == 1 else None


# Which comments are asked for: "irritated comments about parking", "any complaints", "shining comments".
_COMMENT_RATINGS = (
    ("shining", frozenset("""shining shiny positive glowing compliments compliment praise praising good great nice
        happy lovely kind promoter promoters nicest kindest loveliest warmest friendliest best positives""".split())),
    ("dull", frozenset("dull neutral meh lukewarm indifferent middling".split())),
    ("irritating", frozenset("""irritating irritated negative complaints complaint complaining angry annoyed annoying
        bad unhappy frustrated upset moaning moans grumbles grumbling detractor detractors complain complained
        scathing harshest harsh brutal worst nastiest angriest rudest critical criticism negatives""".split())),
)


def _the_one_rating(table: Sequence[tuple[str, frozenset[str]]], words: Sequence[str]) -> str | None:
    """The one rating whose marks the words use; None when none or several are used."""
    said = [rating for rating, marks in table if marks.intersection(words)]
    return said[0] if len(said) == 1 else None


def comment_rating(words: Sequence[str]) -> str | None:
    """The one rating a request for quotes names ("complaints about parking" -> irritating); None for all."""
    return _the_one_rating(_COMMENT_RATINGS, words)


# A ranking by one rating, said outright: "which moments get the most dull ratings", "highest % of shining"
_RANKING_RATINGS = (
    ("shining", frozenset("shining shine shiny".split())),
    ("dull", frozenset("dull neutral meh lukewarm indifferent middling".split())),
    ("irritating", frozenset("irritating irritated irritation".split())),
)
_RANKED_BY = {"weakest": ("dull",)}  # the weakest by irritating and the strongest by shining are the plain rankings


def ranking_rating(intent: str, words: Sequence[str]) -> str | None:
    """"dull" for a weakest ranking asked by its dull share ("which moments get the most dull ratings");
    None otherwise: irritating (weakest) and shining (strongest) are what the plain rankings rank by."""
    said = _the_one_rating(_RANKING_RATINGS, words)
    return said if said in _RANKED_BY.get(intent, ()) else None


def series_rating(words: Sequence[str]) -> str | None:
    """The share a trend or a comparison follows when one rating is said outright ("are shining votes going
    up", "dull ratings week by week", "more irritation in November than October"); None: the irritating share,
    the plain reading of better or worse."""
    return _the_one_rating(_RANKING_RATINGS, words)


def measure_asked(cues: Mapping[str, float]) -> str:
    return "credited" if _CREDITED in cues and _TOLD not in cues else "told"


def _long_since(periods: tuple[PeriodMatch, ...], words: set[str] = frozenset(), stretch: bool = False) -> bool:
    """A change over a long stretch is a trend: "since X" four or more weeks back, all time ("since we
    started"), or a long plain period said as a stretch ("over Q3", "across the last 90 days") or with a
    change still going on ("sliding in Q3"). With several periods, a first "since X" that is long
    ("improving since July, or was the summer a blip")."""
    if len(periods) > 1:  # "moaning in the spring ... getting better since june": the "since" is the stretch
        return any(len(p.parts) == 1 and (p.period.end - p.period.start).days >= _LONG_SINCE_DAYS for p in periods)
    if len(periods) != 1 or len(periods[0].parts) > 1:
        return False
    period = periods[0].period
    if (period.end - period.start).days < _LONG_SINCE_DAYS:
        return False
    return bool(periods[0].parts) or period.label == "all time" or stretch or bool(words & _ONGOING)


# A change still going on, with no period named, is a trend ("is X getting worse"); a change that
# has happened ("has X got worse") compares this period with the one before.
_ONGOING = frozenset({"getting", "improving", "declining", "deteriorating", "worsening", "going", "slipping",
                      "sliding", "moving", "dropping", "falling", "rising", "climbing", "dipping", "changing",
                      "shifting", "recovering"})
_COMPARATIVE = frozenset({"better", "worse", "improve", "improved", "improvement", "higher", "lower", "happier",
                          "than", "outperform", "outperformed", "beat"})
_CAUSING = frozenset({"causing", "cause", "causes", "caused", "behind"})  # "driving" is read as causing first
_RATING_NAMES = frozenset({"shining", "dull", "irritating", "detractors", "promoters"})
_PLACE_WORDS = frozenset({"where", "which", "what"})
# The nouns a bare count asks for: "votes today?", "responses last wk" (nothing else said: how many)
_COUNTED_ALONE = frozenset({"ratings", "votes", "responses", "reviews", "feedback", "scores", "surveys"})
_PEOPLE_NOUNS = frozenset({"people", "staff", "colleagues", "colleague", "members", "employees", "storytellers",
                           "individuals", "person", "nurses", "receptionists", "employee", "member"})
_RANK_WORDS = frozenset({"most", "top", "ranking", "ranked", "rank", "leaderboard", "league"})
_RANK_VERBS = frozenset({"rank", "ranking", "ranked", "leaderboard", "league"})
_ABOUT_PEOPLE = frozenset({"stories", "kudos", "mentioned", "named", "praised", "praise", "credited", "thanked",
                           "recognised", "recognized",
                           "recognise", "recognize", "shouted", "shoutout", "shoutouts", "nominated", "complimented",
                           "appreciated", "celebrated",
                           "ranking", "ranked", "rank", "leaderboard", "league", "shared", "posted", "told", "wrote",
                           "written", "logged", "active"})


def _people_ranked(ev: _Evidence, words: set[str]) -> bool:
    """"top 3 people mentioned", "most praised staff", "people ranking": people ranked by what the
    stories say of them (no MOT named: "people mentioned parking most" is about parking; unless the ranking is said
    outright, "most mentioned person in stories about check in")."""
    ranked = any(w in _RANK_WORDS
                 and (w in _RANK_VERBS or not (i + 1 < len(ev.words) and ev.words[i + 1] in _PEOPLE_NOUNS))
                 for i, w in enumerate(ev.words))  # "most people told us" counts people; "rank staff" ranks them
    # "most mentioned person in stories about check in": the people ranked said outright, a moment named or not
    said = any(a in ("most", "top") and b in _ABOUT_PEOPLE and c in _PEOPLE_NOUNS
               for a, b, c in zip(ev.words, ev.words[1:], ev.words[2:]))
    return ((not ev.mot_scores or said) and bool(words & _PEOPLE_NOUNS) and bool(words & _ABOUT_PEOPLE)
            and (ranked or ev.ranked_top or ev.direction is not None))


# asked yes or no of a moment ("is it still a nightmare?", "do patients hate it?")
_YES_NO_PAIRS = frozenset({("is", "it"), ("are", "they"), ("is", "that"), ("is", "this"), ("was", "it"), ("does", "it"),
                           ("do", "they"), ("do", "patients"), ("do", "people"), ("do", "customers"), ("do", "diners"),
                           ("do", "guests"), ("do", "folk"), ("is", "everyone"), ("are", "patients"), ("are", "people")})


_WINDOW_NEXT = frozenset({"this", "last", "the", "previous", "prev", "yesterday", "today", "q1", "q2", "q3", "q4",
                          "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
                          "january", "february", "march", "april", "june", "july", "august", "september", "october",
                          "november", "december"})


def _and_what_about(words: Sequence[str]) -> bool:
    """"how many stories and what about", "how many stories, what were they about": the count and what each
    story is about, i.e. the stories; not "... and what about last week?" (the count again, another window)."""
    for i in range(len(words) - 1):
        if words[i:i + 2] == ("what", "about") and i and words[i - 1] == "and":
            if i + 2 >= len(words) or words[i + 2] not in _WINDOW_NEXT:
                return True
        if words[i:i + 2] == ("about", "what") or (
                words[i] == "what" and words[i + 1] in ("were", "was") and "about" in words[i + 2:i + 5]):
            return True
    return False


def _new_intents(ev: _Evidence, scores: dict[str, float]) -> None:
    """Ratings counts, people rankings, trends and feelings, on top of the cue scores."""
    cues, has_mot = ev.cues, bool(ev.mot_scores)
    count = (scores.get(STORY_COUNT, 0.0) >= 4 or RATING_COUNT in scores
             or any(ev.words[i:i + 2] == ("how", "much") and set(ev.words[i + 2:i + 4]) & _RATING_NAMES
                    for i in range(len(ev.words))))  # "how much dull we had in the waiting room": a count
    plain_received = _RECEIVED in cues and not {"what", "which", "any"} & set(ev.words)
    words = set(ev.words)
    named_rating = bool(words & _RATING_NAMES) and not words & _PLACE_WORDS  # not "where are ratings dull"
    if _WORKING in cues and PRACTICES not in scores:  # "key learnings - what's working": the practices
        reading = PRACTICES if has_mot else STRONGEST
        scores[reading] = max(scores.get(reading, 0.0), 3.5)
    changing = (TREND in scores or _CHANGE in cues  # "irritating ratings going up", "... on the rise",
                or _EXPLICIT_COMPARE in cues or _SERIES in cues or len(ev.periods) >= 2  # "... vs the 30 days before"
                or cues.get(COMPARE, 0.0) >= 4)
    if _STORY_NOUN not in cues and (
        (_RATING_NOUN in cues and (count or plain_received))
        or (named_rating and (count or (_RATING_NOUN in cues and not changing and COMMENTS not in scores
                                        and not (ev.ranked_top and _RANKING in cues))))  # "top 3 moments for shining ratings"
    ):
        scores[RATING_COUNT] = 5.0
        scores.pop(STORY_COUNT, None)
    elif not scores and not has_mot and ev.periods and ev.words and set(ev.words) <= _COUNTED_ALONE:
        scores[RATING_COUNT] = 3.0  # "votes today?": only what is counted and when
    if STORY_COUNT in scores and _and_what_about(ev.words):
        scores[STORIES] = max(scores.get(STORIES, 0.0), scores.pop(STORY_COUNT))  # the stories, with their count
    if not ev.person and (
        (_WHO in cues and (_TOLD in cues or _CREDITED in cues or _STORY_NOUN in cues))
        or _people_ranked(ev, words)
        or (_WHO in cues and not has_mot and words & {"most", "fewest", "least"}  # "who got the fewest complaints"
            and words & {"complaints", "compliments", "praise", "mentions", "kudos", "thanks", "nominations"})
    ):
        scores[PEOPLE] = 6.0
    if PRACTICES in scores and scores[PRACTICES] < 3 and _CHANGE in cues:
        del scores[PRACTICES]  # "are things improving": a change over time, not a request for tips
    since = any(len(p.parts) == 1 for p in ev.periods)  # "better since the start of october" is a change too
    if (_CHANGE in cues or (since and words & {"better", "worse"})) and TREND not in scores and PRACTICES not in scores:
        # "is X getting better?", "sliding over Q3", "better since we started"
        # "is X getting better or worse" (no period): still going on, a trend
        if _long_since(ev.periods, words, ev.stretch) or (not ev.periods and words & _ONGOING):
            scores[TREND] = 5.0
        else:
            scores[COMPARE] = max(scores.get(COMPARE, 0.0), 4.0)
    if _SERIES in cues and _EXPLICIT_COMPARE not in cues and len(ev.periods) <= 1 and (
            not ev.periods or _long_since(ev.periods, words, True)):
        scores[TREND] = 5.0  # "month on month, how's the doctor bit doing over the last 3 months"
    if TREND in scores:
        scores.pop(COMPARE, None)
    ends = [i for i in (WEAKEST, STRONGEST) if scores.get(i, 0.0) >= 3]
    if len(ends) == 1 and _RANKING in cues and _RATING_NOUN in cues and scores.get(COMMENTS, 0.0) >= scores[ends[0]]:
        scores[ends[0]] = scores[COMMENTS] + 0.5  # "which mots got the worst feedback": a ranking, not quotes
    caused = comment_rating(ev.words) if _RANKING in cues and words & _CAUSING and COMMENTS in scores else None
    if caused is not None and caused != "dull":  # "which moments are causing complaints / positive sentiment"
        reading = WEAKEST if caused == "irritating" else STRONGEST
        scores[reading] = max(scores.get(reading, 0.0), scores[COMMENTS] + 0.5)
    rating_class = named_rating and _RATING_NOUN in cues and _RANKING not in cues and not ev.direction
    # a moment named beside "top 3" is where, not what is ranked ("top 3 moments patients hate most at the clinic next
    # door"): the feeling still names the end
    if (not has_mot or ev.ranked_top or ev.ranked_feeling) and not ev.person and not rating_class:  # "irritating ratings only": a class
        if ev.negative and not ev.positive:
            scores[WEAKEST] = max(scores.get(WEAKEST, 0.0), ev.negative)
            if ev.ranked_top:
                scores.pop(STRONGEST, None)
        elif ev.positive and not ev.negative:
            scores[STRONGEST] = max(scores.get(STRONGEST, 0.0), ev.positive)
    elif (has_mot and not ev.person and not scores and (ev.negative or ev.positive) and not ev.direction
          and set(zip(ev.words, ev.words[1:])) & _YES_NO_PAIRS):
        # "the pay station at the carpark exit... is it still a nightmare?": how that moment is felt, its figures
        scores[MOT_DETAIL] = 2.5
    if ev.direction == "down" or (ev.ranked_top and WEAKEST in scores and STRONGEST not in scores):
        scores[WEAKEST] = max(scores.get(WEAKEST, 0.0), 3.0)
        if ev.direction == "down" and "by" in words and scores.get(STRONGEST, 0.0) <= 3:
            scores.pop(STRONGEST, None)  # "bottom 5 by shining share": the lowest on that measure, the weakest
    elif ev.direction == "up" or (ev.ranked_top and not scores.get(WEAKEST)):
        if not any(scores.get(i, 0) >= 3 for i in (PEOPLE, RATING_COUNT, STORY_COUNT, STORIES, TREND, CHART)):
            scores[STRONGEST] = max(scores.get(STRONGEST, 0.0), 3.0)


# What asks for people's own words: "feedback text", "verbatim", "what patients wrote", "examples of ..."
_WORDS_ASKED = frozenset({"text", "texts", "verbatim", "verbatims", "quotes", "quote", "comments", "comment", "say", "said",
                          "saying", "says", "wrote", "write", "written", "writing", "examples", "example", "complaints",
                          "complaint", "complaining", "compliments", "compliment", "praise", "moaning", "remarks", "words",
                          "think", "thoughts", "mentions", "mentioning", "mentioned", "according", "read", "share",
                          "sharing", "send", "sending", "forward", "pass"})
_OUTRANKED = re.compile(r"\b(?:anyone|anybody|someone|somebody|who)\b.*\b(?:more|fewer|less)\b.*\bthan\b|"
                        r"\b(?:more|most|fewer|less)\b.*\bthan\s+(?:the\s+rest|anyone|anybody|everyone|everybody|"
                        r"the\s+others|the\s+other|all\s+the\s+others|the\s+team)\b|\btop\s+storyteller|"
                        r"\b(?:rank|ranks|ranking|ranked|leaderboard|league\s+table)\b")


_COMPLAINED = frozenset({"complain", "complaining", "complains", "complained", "complaint", "complaints", "moan", "moans",
                         "moaning", "moaned", "gripe", "gripes", "griping", "grumble", "grumbles", "grumbling",
                         "fuss", "fussing"})


def _moment_feedback(ev: _Evidence) -> bool:
    """"parking lot feedback MTD", "feedback on the consultation for Q3", "goodbye at the door ratings +
    comments": how that moment is doing, its ratings and its words (the moment's answer shows both); not
    "feedback text on the forms", "verbatim feedback", "negative feedback on check-in" (the words asked)."""
    words = set(ev.words)
    if (words & {"ratings", "rating", "rated", "scores", "scored", "numbers"}
            and words & {"comments", "comment", "said", "say", "saying", "wrote"} and not words & _RATING_NAMES):
        return True  # "how patients rated our signage last month, and what they said about it"
    return ("feedback" in words and not words & _WORDS_ASKED and not ev.negative and not ev.positive
            and not words & _RATING_NAMES
            and bool(ev.periods or len(ev.words) > 4))  # "folow up feedback" alone: what was said


_WHAT = frozenset({"what", "whats", "what's", "wat", "wot", "whit", "whit's"})
_WELL_DONE = frozenset({"works", "working", "work", "worked"})


def _works_well_at(words: Sequence[str]) -> bool:
    """"what works well at check-in", "what's working well in the waiting room" (a moment named, no ranking word): the
    practices there, as the authors label it, not the strongest moments."""
    said = [w.lower() for w in words]
    return (bool(set(said) & _WHAT) and any(a in _WELL_DONE and b == "well" for a, b in zip(said, said[1:]))
            and not set(said) & {"most", "best", "top", "which", "least", "worst"})


_WHICH = frozenset({"which", "what", "wat", "wot", "whit"})
_SAID_NOUNS = frozenset({"comments", "comment", "quotes", "quote", "reviews", "remarks", "complaints", "compliments"})


def _said_asked_for(words: Sequence[str]) -> bool:
    """"which comments were rated shining", "what nice comments": the comments are the thing asked for."""
    said = [w.lower() for w in words]
    return any(w in _WHICH and (nxt in _SAID_NOUNS or (nxt not in _WHICH and after in _SAID_NOUNS))
               for w, nxt, after in zip(said, said[1:], [*said[2:], ""]))


def _intent_scores(ev: _Evidence) -> dict[str, float]:
    scores = {label: weight for label, weight in ev.cues.items() if label in INTENTS}
    _new_intents(ev, scores)
    has_mot = bool(ev.mot_scores)
    if has_mot and any(m in ev.cues for m in (_HOW, _DETAIL, _OVERVIEW, _FOLLOW_UP)):
        scores[MOT_DETAIL] = max(scores.get(MOT_DETAIL, 0.0), 2.5 if _DETAIL in ev.cues and _HOW not in ev.cues else 3.0)
    if has_mot and STRONGEST in scores and max(scores.values()) <= scores[STRONGEST] and _works_well_at(ev.words):
        scores[PRACTICES] = scores[STRONGEST] + 0.5  # "what is working well in the follow up calls": what staff do there
    if has_mot and COMMENTS in scores and max(scores.values()) <= scores[COMMENTS] and _moment_feedback(ev):
        scores[MOT_DETAIL] = scores[COMMENTS] + 0.5
    if (not has_mot and not ev.person and COMMENTS in scores and set(ev.words) & _COMPLAINED
            and (ev.ranked_top or ("most" in ev.words and not set(ev.words) & {"recent", "recently", "latest"}))):
        scores[WEAKEST] = max(scores.get(WEAKEST, 0.0), scores[COMMENTS] + 0.5)  # "what are patients moaning about
        # most", "the top 3 things patients complain about": the moments most complained of (eleven authors so)
        if scores.get(STRONGEST, 0.0) <= 3 and not ev.positive:
            scores.pop(STRONGEST, None)  # read from "top" alone
    if COMMENTS in scores and _said_asked_for(ev.words):
        scores[COMMENTS] = max(scores.values()) + 0.5
    if ev.person and not has_mot and (_STORY_NOUN in ev.cues or _TOLD in ev.cues or set(ev.words) & _ABOUT_PEOPLE) and (
            _OUTRANKED.search(" ".join(ev.words))):
        scores[PEOPLE] = max(scores.get(PEOPLE, 0.0), 6.0)  # "has Priya told more stories than the rest", "where does
        # priya rank on stories": the ranking, with her in it
    if len(ev.periods) >= 2:
        scores[COMPARE] = max(scores.get(COMPARE, 0.0), 4.5 if _EXPLICIT_COMPARE in ev.cues else 2.5)  # "in october
        # as against september"
        if set(ev.words) & _COMPARATIVE and not ev.direction and not ev.ranked_top:
            # "did X do better in October than in September", "did this month improve on last month":
            # two periods weighed against each other, not tips ("do better") or a ranking
            scores[COMPARE] = max(scores.get(COMPARE, 0.0), 4.0)
            for reading in (PRACTICES, MOT_DETAIL):
                if scores.get(reading, 0.0) <= 3:
                    scores.pop(reading, None)
    if COMPARE in scores and any(scores.get(i, 0.0) >= 3 for i in (WEAKEST, STRONGEST, STORY_COUNT, CHART)):
        del scores[COMPARE]  # "weakest compared to last week": a ranking with a `compare` period
    if ev.person and not has_mot and COMMENTS in scores:
        scores[STORIES] = max(scores.get(STORIES, 0.0), scores.pop(COMMENTS))
    if ev.person and not has_mot and MOT_DETAIL not in scores and (
        _HOW in ev.cues or _DETAIL in ev.cues or not scores
    ):  # "how is Sam doing", "anything about Tariq": the stories about them
        scores[STORIES] = max(scores.get(STORIES, 0.0), 2.0)
    if not has_mot and not ev.person and not scores and (
        _OVERVIEW in ev.cues or _HOW in ev.cues or _DETAIL in ev.cues
    ):
        scores[CHART] = 1.5
    if not scores and not has_mot and _RANKING in ev.cues and rating_asked(ev.cues) == "dull" and not ev.person:
        scores[WEAKEST] = 2.0  # "which moment has most dull this month?": the dullest, at the weak end as every author has it
    if not scores and (_HOW_ARE_YOU in ev.cues or _GREETING in ev.cues):
        if has_mot:  # "how are you doing on parking": that moment's figures
            scores[MOT_DETAIL] = 2.5
        elif (_HOW_ARE_YOU in ev.cues and not ev.person
              and all(p.period.label.startswith("today") for p in ev.periods)):  # "good morning, how are you today?"
            scores[OFF_TOPIC] = 1.0  # small talk, the bot asked about itself: every author labels it off-topic
        elif not ev.person:
            scores[HELP] = 1.0  # a greeting alone
    return scores


# an end said only to be refused: "top 3 at the carvery, the best ones I mean, not the worst"
_ENDS_SAID = {"worst": WEAKEST, "weakest": WEAKEST, "bottom": WEAKEST, "lowest": WEAKEST, "best": STRONGEST,
              "strongest": STRONGEST, "highest": STRONGEST}


def _end_refused(words: Sequence[str]) -> str | None:
    refused = {_ENDS_SAID[w] for i, w in enumerate(words)
               if w in _ENDS_SAID and (words[i - 1:i] == ("not",) or words[max(0, i - 2):i] == ("not", "the"))}
    return refused.pop() if len(refused) == 1 else None


# Ties are broken in this order: a specific request beats a general one.
_PRECEDENCE = (OFF_TOPIC, PEOPLE, RATING_COUNT, TREND, CHART, STORY_COUNT, COMPARE, PRACTICES, COMMENTS, STORIES, WEAKEST, STRONGEST, MOT_DETAIL, HELP)


def _decide(ev: _Evidence) -> tuple[str, float, tuple[str, ...]]:
    """(intent, confidence, alternative intents)."""
    if ev.off_topic:
        return OFF_TOPIC, 0.9, ()
    scores = _intent_scores(ev)
    hedge = _HEDGE in ev.cues
    penalty = min(0.15, 0.05 * ev.fixes)
    if not scores:
        if ev.person:
            return STORIES, 0.7 - penalty, ()
        if ev.mot_scores:
            candidates = (MOT_DETAIL, COMMENTS, PRACTICES)
            if ev.periods and not hedge:
                return MOT_DETAIL, 0.6 - penalty, candidates[1:]
            return UNKNOWN, 0.4, candidates
        if _RANKING in ev.cues or _FOLLOW_UP in ev.cues:
            return UNKNOWN, 0.3, (WEAKEST, STRONGEST, CHART)
        if ev.periods:
            return UNKNOWN, 0.3, PERIOD_ONLY
        return UNKNOWN, 0.0, ()
    ranked = sorted(scores, key=lambda i: (-scores[i], _PRECEDENCE.index(i)))
    best = ranked[0]
    top = scores[best]
    if best in (WEAKEST, STRONGEST) and scores.get(WEAKEST, 0) >= 2 and scores.get(STRONGEST, 0) >= 2:
        if (unwanted := _end_refused(ev.words)) is not None:  # "the best ones I mean, not the worst"
            return (STRONGEST if unwanted == WEAKEST else WEAKEST), 0.9 - penalty, ()
        pair = (best, STRONGEST if best == WEAKEST else WEAKEST)
        return UNKNOWN, 0.4, pair
    confidence = 0.95 if top >= 3 else 0.8 if top >= 2 else 0.6
    confidence -= penalty + (0.25 if hedge else 0.0)
    if best == CHART and top < 2:
        alternatives: tuple[str, ...] = (WEAKEST, STRONGEST)
    else:
        alternatives = tuple(i for i in ranked[1:] if scores[i] >= top - 0.5 and i != COMPARE)
    if confidence < 0.5:
        return UNKNOWN, confidence, (best, *alternatives)
    return best, round(confidence, 2), alternatives


def _mot_choice(
    mot_scores: Mapping[int, float], mot_ids: Sequence[str], *, first_named: bool = False
) -> tuple[str | None, tuple[str, ...]]:
    """The MOT asked about and the others worth offering. `mot_scores` is in the order the words
    were read (MOT phrases first, in text order): equal scores go to the one named first, and with
    `first_named` (a comparison: "parking vs drive out") any clear match named first leads."""
    if not mot_scores:
        return None, ()
    order = {i: n for n, i in enumerate(mot_scores)}
    if first_named and sum(1 for v in mot_scores.values() if v >= 2.0) >= 2:
        ranked = sorted(mot_scores, key=lambda i: (mot_scores[i] < 2.0, order[i]))
    else:
        ranked = sorted(mot_scores, key=lambda i: (-mot_scores[i], order[i]))
    best = ranked[0]
    top = mot_scores[best]
    others = tuple(mot_ids[i] for i in ranked[1:] if mot_scores[i] == top or mot_scores[i] >= 2.0)
    return mot_ids[best], others


_IN_TOTAL = re.compile(r"\b(?:in\s+total|altogether|all\s+together|grand\s+total|overall\s+total)\b|"
                       r"\btotal\s*[?.!]*\s*$")  # "number of stories total"
_BASELINE_BEFORE = re.compile(r"(?:with|to|against|vs|versus|than(?:\s+(?:it|they|that|this|we)\s+(?:was|were|did|had))?|"
                              r"and|since|from|(?:improv\w*|better|worse\w*|up|down)\s+on)(?:\s+the)?\W*$")  # "than (the) last month"
# "improved on last month": the period, with its "on", is what it is set against
_CHANGED_ON = re.compile(r"\b(?:improv\w*|better|worse\w*|up|down)\s+$")
_ON_LAST = re.compile(r"on\s+(?:the\s+)?(?:last|previous|prior)\b")


# A message that tells first and asks after a clear break ("phones were down on monday ..., but can you tell me which
# moments are getting the worst feedback this week", "the nurses meeting is thursday ..., so, last quarter, what were the
# bottom 3", "we had a complaint last week ..., if you look at the whole of this year which are ..."): the window said in
# the clause that asks is the one asked; the others date what was told
_CLAUSE_BREAK = re.compile(r"[.?!;]\s+|,\s*so\b,?|\bso,|\bbut\s+(?=(?:can|could|would|will|what|which|who|how|where|please|pls)\b)"
                           r"|,\s*(?=if\s+you\s+(?:look|take|check)\b)|,\s*(?=(?:can|could|would)\s+you\b)", re.IGNORECASE)
_ASKING = re.compile(r"\b(?:which|what|who|where|how|can\s+you|could\s+you|show\s+me|tell\s+me|give\s+me)\b", re.IGNORECASE)


# a question word inside what is told ("I'd rather know where we're haemorrhaging", "he's bound to ask where ..."): no ask
_REPORTED_ASK = re.compile(r"\b(?:know|ask|asks|asking|see|wonder\w*|sure|idea|understand|find\s+out|work\s+out|figure\s+out|"
                           r"decide|tell\s+(?:him|her|them|me))\s+$", re.IGNORECASE)


def in_the_asking_clause(matches: Sequence[Any], text: str) -> Any | None:
    """The one window said in the clause that asks, when others are said elsewhere; else None."""
    breaks = list(_CLAUSE_BREAK.finditer(text))
    asks = [a for a in _ASKING.finditer(text) if not _REPORTED_ASK.search(text, 0, a.start())]
    if not breaks or not asks:
        return None
    asked_at = asks[-1].start()
    start = max((b.end() for b in breaks if b.end() <= asked_at), default=0)
    end = min((b.start() for b in breaks if b.start() > asked_at), default=len(text))
    inside = [m for m in matches if m.start >= start and m.end <= end]
    return inside[0] if len(inside) == 1 and len(matches) > 1 else None


def _periods(
    intent: str,
    alternatives: Sequence[str],
    ev: _Evidence,
    text: str,
    compare_wanted: bool,
    now: datetime,
    tz: str,
    asked_window: Any | None = None,
) -> tuple[Period, Period | None]:
    """The window and the one compared with; `asked_window`: `in_the_asking_clause` of the matches, when any."""
    default_intent = alternatives[0] if intent == UNKNOWN and alternatives else intent
    default = DEFAULT_PERIODS.get(default_intent, "this_week")
    matches = ev.periods
    if not compare_wanted:
        if len(matches) > 1 and sum(ev.stretched) == 1:  # "huddle on Monday ... over the past 30 days"
            return matches[ev.stretched.index(True)].period, None
        if asked_window is not None:
            return asked_window.period, None
        since = [m for m in matches if len(m.parts) == 1]
        if intent == TREND and len(matches) > 1 and since:  # "complaints in the spring; better since june?"
            return since[-1].period, None
        if matches:
            return matches[0].period, None
        if intent in (STORY_COUNT, RATING_COUNT) and _IN_TOTAL.search(text):  # "how many stories in total"
            everything = named_period("today", now=now, tz=tz)
            start = datetime.combine(ALL_TIME_START, datetime.min.time(), tzinfo=everything.start.tzinfo)
            return Period(start, everything.end, ALL_TIME_LABEL), None
        return named_period(default, now=now, tz=tz), None
    if len(matches) >= 3:  # "we changed it on Monday, so compare this week with last week": a pair of a
        pairs = [(a.period, b.period) for a, b in zip(matches, matches[1:]) if _same_kind(a.period, b.period)
                 and (a.period.start, a.period.end) != (b.period.start, b.period.end)]
        if pairs and _SIDE_BY_SIDE.fullmatch(text, matches[0].end, matches[1].start):  # "Q3 against Q2 ..., was the
            return matches[0].period, matches[1].period  # summer worth it": the pair asked, then the aside
        if pairs:  # kind is the comparison, the odd one out is when something happened
            return pairs[-1]
    if len(matches) >= 2:
        first, second = matches[0].period, matches[1].period
        if (first.start, first.end) == (second.start, second.end):  # "last 30 days vs previous 30 days"
            return first, previous_period(first)
        return first, second
    if len(matches) == 1:
        match = matches[0]
        parts = match.parts
        if len(parts) == 2 and _same_kind(parts[0], parts[1]) and (
                _COMPARED.search(text) or (parts[0].end - parts[0].start).days > 1):
            return parts[0], parts[1]  # "October to November", "compare Monday to Friday": the two side by side
        # ("Friday to Sunday just gone - how did the weekend team do?": the days between, against those before)
        baseline: Period | None = None
        if (match.period.end - match.period.start).days <= 1 and (
                _BEFORE_VS_AFTER.search(text) or (_BEFORE_SAID.search(text) and _AFTER_SAID.search(text))
                or match.period.end <= named_period("yesterday", now=now, tz=tz).end and _EVENT_ON.search(text[: match.start])):
            # "we moved the kiosks on 9 November, better or worse before vs after?", "new signs went up on 1 Oct, has
            # it helped?", "we changed the rota on 3 Nov, is check-in better?": the days since that day against as
            # many days before it, not that one day against the day before
            since = find_periods(f"since {_day_text(match.period.start.date())}", now=now, tz=tz)
            if since:
                return since[0].period, previous_period(since[0].period)
        if len(parts) == 1 and ((parts[0].end - parts[0].start).days <= 1 or _BEFORE_SAID.search(text)):
            return match.period, previous_period(match.period)  # "since 1 Nov, better than before?", "since oct
            # vs before": the days since against as many days before
        if len(parts) == 1:  # "changed since last week": since is the baseline
            baseline = parts[0]
        elif _BASELINE_BEFORE.search(text[: match.start]) or (
                _CHANGED_ON.search(text[: match.start]) and _ON_LAST.match(text, match.start)):
            baseline = match.period
        if baseline is not None:
            current = current_period_like(baseline, now=now, tz=tz)
            if (current.start, current.end) != (baseline.start, baseline.end):
                return current, baseline
            return baseline, previous_period(baseline)
        return match.period, previous_period(match.period)
    period = named_period(default, now=now, tz=tz)
    return period, previous_period(period)


_SIDE_BY_SIDE = re.compile(r"\s*(?:vs\.?|versus|against|v|compared\s+(?:to|with)|and|to|with)\s*", re.IGNORECASE)
_BEFORE_VS_AFTER = re.compile(r"\b(?:before\s*(?:and|n|vs\.?|versus|v|or|&|/)\s*after|after\s*(?:and|n|vs\.?|versus|v|or|&|/)\s*"
                              r"before|pre\s*(?:and|vs\.?|versus|&|/|-)\s*post)\b")
_AFTER_SAID = re.compile(r"\b(?:after\s+(?:that|it|this|then)|since\s+then|afterwards)\b")  # "... after that ... than before?"
# an event told just before its day ("the kiosk went in on", "we changed the rota on"): the day of a change; not
# asked of it ("what changed on 12 Nov")
_EVENT_ON = re.compile(r"(?<!\bwhat\s)(?<!\bwhat's\s)(?<!\bwhats\s)(?<!\bhow\s)\b(?:went\s+(?:up|in|live|out)|came\s+in|put|began|begun|brought|kicked\s+off|set\s+up|opened|"
                       r"start\w*|mov\w*|swap\w*|built|fitt\w*|hired|joined|arrived|launch\w*|chang\w*|introduc\w*|"
                       r"install\w*|add\w*|replac\w*|switch\w*|paint\w*|fix\w*|repair\w*|roll\w*\s+out|train\w*|"
                       r"reorganis\w*|reorganiz\w*|redesign\w*|refurbish\w*|upgrad\w*|new)\b[^.?!;]{0,40}?(?:\bon|\bfrom)?\s*$",
                       re.IGNORECASE)
_BEFORE_SAID = re.compile(r"\b(?:before|beforehand|previously|prior)\s*(?:[?.!]|$)")


def _same_kind(a: Period, b: Period) -> bool:
    """Both whole months (any lengths), or the same number of local days: worth comparing."""
    if all(p.start.day == 1 and p.end.day == 1 and p.start.time() == p.end.time() for p in (a, b)):
        return True
    return (a.end.date() - a.start.date()).days == (b.end.date() - b.start.date()).days

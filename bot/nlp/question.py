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
    unknown      anything else (see below)                                this week

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
"""

from __future__ import annotations

import gzip
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from importlib import resources
from typing import TypeVar

from bot.nlp.period import (
    Period,
    PeriodMatch,
    current_period_like,
    find_periods,
    named_period,
    previous_period,
)

__all__ = [
    "CHART",
    "COMMENTS",
    "COMPARE",
    "DEFAULT_PERIODS",
    "HELP",
    "INTENTS",
    "MAX_CHARS",
    "MOT_DETAIL",
    "MotRef",
    "PRACTICES",
    "Question",
    "STORIES",
    "STORY_COUNT",
    "STRONGEST",
    "UNKNOWN",
    "WEAKEST",
    "parse_question",
]

WEAKEST = "weakest"
STRONGEST = "strongest"
MOT_DETAIL = "mot_detail"
COMMENTS = "comments"
PRACTICES = "practices"
STORIES = "stories"
STORY_COUNT = "story_count"
COMPARE = "compare"
CHART = "chart"
HELP = "help"
UNKNOWN = "unknown"
INTENTS = (WEAKEST, STRONGEST, MOT_DETAIL, COMMENTS, PRACTICES, STORIES, STORY_COUNT, COMPARE, CHART, HELP, UNKNOWN)

DEFAULT_PERIODS: Mapping[str, str] = {
    WEAKEST: "this_week",
    STRONGEST: "this_week",
    MOT_DETAIL: "this_month",
    COMMENTS: "this_month",
    PRACTICES: "this_month",
    STORIES: "this_week",
    STORY_COUNT: "this_week",
    COMPARE: "this_week",
    CHART: "this_week",
    HELP: "this_week",
    UNKNOWN: "this_week",
}

MAX_CHARS = 500  # longer messages are truncated: questions are short, and parsing stays fast


@dataclass(frozen=True, slots=True)
class MotRef:
    """What the parser needs to know about one MOT; pass them in cycle order."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()


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

    @property
    def alternative_intents(self) -> tuple[str, ...]:
        return tuple(a for a in self.alternatives if a in INTENTS)

    @property
    def alternative_mots(self) -> tuple[str, ...]:
        return tuple(a for a in self.alternatives if a not in INTENTS)


# ---------------------------------------------------------------------------------------------
# Words

_STOPWORDS = frozenset(
    """a an the of to for in on at by with and or but your you my our we us i me it its is was be been
    are were am do did does done how what which who whom whose this that these those from about up out
    into during than so as any all some there their they them he she his her has have had can could
    should would will just not no yes please pls plz s t ll re ve d m let lets get got give show tell
    me here where when why whats thats theres very really much many more most also then""".split()
)

# Words in MOT names that say nothing about which MOT it is.
_GENERIC = frozenset(
    """find go get sit show fill read ask enter take taken be seen see way out back place area lot your
    yourself check receive orient come make have give up during about go with and the""".split()
)

_HOW = "how"
_FOLLOW_UP = "follow_up"
_SMALL_TALK = "small_talk"
_DETAIL = "detail"
_OVERVIEW = "overview"
_HEDGE = "hedge"
_GREETING = "greeting"
_RANKING = "ranking"

# (label, weight, phrasings). Labels are intents or markers. Phrasings are matched on whole words,
# longest first, after MOT phrases have taken their words.
_CUES: tuple[tuple[str, float, str], ...] = (
    (WEAKEST, 3, """weakest|weakest mots|worst|lowest|poorest|bottom|least|weak spots|weak points|
        weak areas|weaknesses|needs attention|need attention|needs the most attention|
        need the most attention|most attention|needs improvement|need improvement|needs improving|
        need improving|needs work|need work|needs fixing|need fixing|struggling|underperforming|
        under performing|problem areas|problem spots|pain points|doing badly|doing poorly|doing worst|
        going wrong|went wrong|going badly|went badly|letting us down|falling short|most complaints|
        most negative|lowest rated|lowest scoring|worst rated|worst performing|biggest issues|
        biggest problems|where should we focus|what should we focus on|focus on|red flags|
        trouble spots|least liked|lagging|behind|letting us down|letting patients down|
        letting people down|letting customers down|letting guests down|let down|let us down|
        dropping the ball|dropped the ball|going downhill|slipping"""),
    (WEAKEST, 2, "weak|weakness|worse|weaker|problems|problem"),
    (STRONGEST, 3, """strongest|best|top|highest|top performing|best performing|best rated|
        highest rated|highest scoring|top scoring|doing well|doing best|doing great|went well|
        going well|going right|went right|shining|excelling|excel|bright spots|strengths|strong points|
        strong spots|wins|most praised|most compliments|most positive|proud of|celebrate|good news|
        star performers|stand out|standouts|standout|working well|most liked|leading|nail|nailed|
        nailing|smashing it|smashed it|killing it|crushing it|going great|going brilliantly|
        going really well|doing brilliantly|doing really well|our pride|gold stars|getting right|
        get right|got right|shine|do well|does well|doing right"""),
    (STRONGEST, 2, "strong|strength|stronger"),
    (_HOW, 1, "how|how s|hows|how is|how was|how did|how does|how are|how were|how has|how have|how about"),
    (_FOLLOW_UP, 1, "what about|how about|and what about|and how about|same for|and for"),
    (_DETAIL, 2, """tell me about|tell me more about|details|detail|details on|breakdown|drill into|
        drill down|drill down into|deep dive|dig into|news on|news about|any news|latest on|
        break down|score|scores|scored|scoring|rating|ratings|rated|stats|statistics|numbers|figures|
        performance|performing|perform|performed|doing|going|status|update on|update|report on|
        look like|looking|looked|fared|faring|metrics|kpi|kpis|nps|average|avg|info on|information on|
        data on|data for|insight|insights|what happened|happening|how long"""),
    (COMMENTS, 3, """saying|say|says|said|comments|comment|commenting|feedback|quotes|quote|verbatims|
        verbatim|remarks|complaints|complaint|complaining|complain|compliments|compliment|praise|
        praising|opinions|opinion|thoughts|views|reviews|review|talking about|talk about|being said|
        feel about|feelings|sentiment|voice of the customer|moaning|moans|grumbles|what do people think|
        what do patients think|what do customers think|what do guests think|what do people say|
        what did people say|what did patients say|what did customers say|what are people saying|
        the word on|word on the street|what s the word|whats the word|
        what people think|people think|people say|people said|what are patients|what are customers"""),
    (COMMENTS, 2, """mentions|mentioning|mentioned|responses|patients|customers|guests|people|visitors|
        think|thinks|thought|feel"""),
    (PRACTICES, 3, """best practice|best practices|best practise|best practises|good practice|
        good practices|good practise|good practises|practice|practices|practise|practises|tips|tip|
        advice|advise|ideas|idea|suggestions|suggestion|recommendations|recommendation|recommend|
        how to improve|how can we improve|how do we improve|how could we improve|how should we improve|
        how to get better|how can we get better|how do we get better|improve|improvement ideas|
        what works|what worked|lessons|lessons learned|lessons learnt|learnings|learn from|other teams|
        others doing|what others do|best way|better way|playbook|guidance|do better|how to fix|
        how do we fix|how can we fix|how to handle|what can we do|what should we do|what can i do|
        how could we|how can we|how might we|how should we|how would we|how could i|how can i|
        make it better|make better|other clinics|other sites|other hospitals|other branches|
        other restaurants|other places|other locations|elsewhere|what are others doing|best clinics|
        best teams|best sites|best hospitals|best restaurants|best in class|best in the business|
        how can i improve|strategies|strategy|how to make|how do we make|how can we make"""),
    (PRACTICES, 2, "improving|improvements|fix|works|handle|handling|deal with|approach"),
    (STORIES, 3, """stories|story|storys|storie|anecdotes|anecdote|experiences|shout outs|shoutouts|
        shout out|shoutout|kudos|examples|example|latest stories|new stories|recent stories|tales"""),
    (STORY_COUNT, 4, """how many|hw many|how mnay|number of|count|counts|total|totals|tally|volume|no of|quantity|
        how much feedback|how many stories"""),
    (COMPARE, 4, """compare|compared|comparing|comparison|compair|versus|vs|v s|difference|differences|
        differ|week on week|week over week|month on month|month over month|year on year|year over year|
        wow|mom|yoy|better or worse|getting better or worse|got better or worse|improved|is improving|are improving|is it improving|got better|
        got worse|getting better|getting worse|gone up|gone down|went up|went down|better than|
        worse than|relative to|changed|change|changes|trend|trends|trending|over time|progress|
        progression|evolution|evolved"""),
    (COMPARE, 2, "against|than"),
    (CHART, 5, """chart|charts|graph|graphs|plot|plots|visual|visuals|visualise|visualize|visualisation|
        visualization|diagram|picture|image|dashboard|radar|spider|heatmap|heat map|bar chart|
        pie chart|infographic|draw|chrat"""),
    (_OVERVIEW, 1, """overview|summary|summarise|summarize|recap|report|scorecard|round up|roundup|
        snapshot|big picture|how are we doing|how did we do|how we doing|how is it going|how s it going|
        hows it going|how are things|how did it go|how are we|everything|all mots|all moments|
        all the mots|how did we get on|how are we getting on"""),
    (HELP, 3, """help|what can you do|what can i ask|what do you do|how does this work|how do i use|
        how to use|commands|command|instructions|usage|menu|options|what are my options|who are you|
        getting started|get started|faq|manual|hlep|halp|what do i ask|what should i ask|
        what can this bot do|what can the bot do|what does this bot do|what does the bot do|
        what can this do|what is this|what s this|how do you work|what are you|questions can i ask|
        what questions|kind of questions|what to ask|examples of questions|what do you know"""),
    (_GREETING, 1, """hi|hello|hey|hiya|morning|good morning|afternoon|good afternoon|start|yo|howdy|
        how are you|how are you doing|how r u|how s it going with you"""),
    (_SMALL_TALK, 0, "thanks|thank you|thx|ta|cheers|ok|okay|k|lol|bye|great|cool|nice|good|yes|no|sure"),
    (_HEDGE, 0, "hmm|hmmm|hm|um|umm|uh|erm|er|maybe|perhaps|idk|dunno|not sure|i guess|or something"),
    (_RANKING, 0, """mot|mots|moments|moment|moments of truth|touchpoints|touchpoint|touch points|
        touch point|steps|step|areas|area|stages|stage|parts|part|things|bits|ones|which|rank|ranking|
        ranked|leaderboard"""),
)

# Synonyms a manager uses for MOTs that any cycle might have. (phrasings, targets): a phrasing
# points at every MOT whose id/name/aliases contain all the words of one of the targets.
_CONCEPTS: tuple[tuple[str, str], ...] = (
    ("""parking|park|car park|carpark|car parks|parking lot|parking lots|parking space|parking spaces|
        parking spot|parking spots|parking place|place to park|somewhere to park|space to park|
        parking bays|parking garage|garage|valet""", "parking"),
    ("""leaving the car park|leaving the parking|leave the car park|exit the car park|exiting the car park|
        car park exit|parking exit|barrier|barriers|parking machine|parking meter|parking ticket|
        pay for parking|paying for parking|parking fees|parking fee|parking charges|parking payment""",
        "drive out"),
    ("""check in|checkin|checking in|checked in|reception|receptionist|receptionists|front desk|
        registration|registering|register|sign in|signing in|arrival desk|kiosk|check in desk""",
        "check in"),
    ("""waiting room|waiting rooms|waiting area|waiting areas|waiting|wait|waits|the wait|wait time|
        wait times|waiting time|waiting times|delay|delays|waiting list""", "wait room; wait area"),
    ("""doctor|doctors|doc|the doc|gp|gps|consultant|consultants|consultation|consultations|physician|
        physicians|dr|medic|clinician|clinicians|specialist|seeing the doctor""", "physician; doctor"),
    ("signs|sign|signage|signposting|signposted|signposts|sign posts|wayfinding|way finding|maps|map",
        "read sign; signage; signpost"),
    ("""directions|direction|asking the way|asking for directions|finding the way|find our way|
        getting lost|got lost|volunteers|volunteer|help desk|information desk""", "direction"),
    ("""entrance|entrances|entry|lobby|foyer|front door|doors|building|way in|walking in|
        first impressions|first impression""", "enter; entrance"),
    ("""forms|form|paperwork|insurance|insurance card|insurance cards|consent form|consent forms|admin""",
        "form; insurance"),
    ("""escort|escorted|called in|being called|fetched|exam|exams|exam room|exam rooms|examination room|
        examination|treatment room""", "escort; exam"),
    ("vitals|vital signs|obs|observations|blood pressure|bp|temperature|weighing", "vital"),
    ("interview|history|symptoms|assessment|triage|listened|being listened to|condition", "interview"),
    ("""tests|test|blood test|blood tests|bloods|scan|scans|x ray|x rays|xray|xrays|lab|labs|
        investigations|measurements|sample|samples|mri|ultrasound""", "test"),
    ("results|result|test results|lab results", "result"),
    ("""waiting for results|wait for results|the wait for results|the wait for the results|
        the wait for test results|results wait|turnaround|turnaround time|hearing back|
        waiting to hear""", "wait result"),
    ("""getting results|receiving results|results letter|results explained|explaining results|
        being told the results|giving results""", "receive result"),
    ("""payment|payments|paying|pay|bill|bills|billing|the bill|checkout|check out|checking out|
        invoice|card machine|till|settling up|settle up""", "pay; bill"),
    ("""booking|bookings|book|appointment|appointments|making an appointment|reservation|reservations|
        reserve|phone line|phone lines|phones|phone|getting through|scheduling|schedule|call centre|
        call center|online booking""", "book; appointment"),
    ("""follow up|followup|follow ups|aftercare|after care|referral|referrals|callback|call back|
        continuity""", "follow"),
    ("""back to the car|way back|way back to the car|finding the way back|find the way back|
        finding my way back|find my way back|finding our way back|find your way back|finding the car|find the car|walk back|walking back|exit|exits|way out|
        finding the exit|getting out|return to the car|porter""", "back car"),
    ("leave|leaving|goodbye|goodbyes|farewell|coats|saying goodbye|departure|last impression",
        "leave; goodbye"),
    ("""greeting|greeted|greet|welcome|welcomed|welcoming|host|hostess|door|front door|arrival|arriving|
        arrive""", "greet; arrive"),
    ("seating|seated|seat|seats|table|tables|being seated|getting seated", "seat"),
    ("""ordering|order|orders|menu|menus|taking the order|drinks order|waiter|waiters|waitress|allergies|
        allergy""", "order"),
    ("""food|meal|meals|dishes|dish|starter|starters|mains|main course|dessert|desserts|kitchen|
        serving""", "serve"),
    ("""checking on us|checked on us|check on us|checking back|check back|checked back|table check""",
        "check back"),
)

_PERIOD_WORDS = """today tonight yesterday week weeks weekend month months year years fortnight quarter
    days hours since between last this past previous until january february march april may june july
    august september october november december monday tuesday wednesday thursday friday saturday
    sunday""".split()

# Function words of other languages that English questions do not use: two or more of them, and
# more of them than English stop words, means the message is not in English.
_FOREIGN = frozenset(
    """le la les est était cette semaine une du quel quels quelle quelles qui avec pour sur dans
    el los las está esta qué cómo cuál cuáles del por para una semana fue
    der das ist diese woche wie welche welcher welches und nicht mit für ein eine war
    il gli è questa settimana quale quali sono della com qual quais são foi""".split()
)

_TOKEN = re.compile(r"[^\W_]+")
_TOP_OF_WORST = re.compile(
    r"\btop\s+(?:\d+\s+|three\s+|five\s+|ten\s+)?(?=(?:worst|weakest|lowest|poorest|bottom|weak)\b)"
)
_NOISE = re.compile(r"[^\w\s'/.,:;?!&()\-–—]")


def _split(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


def _phrasings(spec: str) -> list[list[str]]:
    return [words for part in spec.split("|") if (words := _split(part))]


# ---------------------------------------------------------------------------------------------
# Stemming and spelling


_IRREGULAR_STEMS = {"stories": "story", "storys": "story", "storie": "story", "children": "child", "people": "person"}


def _stem(word: str) -> str:
    """A crude, consistent stem so "waiting"/"waited"/"wait" and "signs"/"sign" meet."""
    if word in _IRREGULAR_STEMS:
        return _IRREGULAR_STEMS[word]
    w = word
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    if len(w) > 5 and w.endswith("ing"):
        w = w[:-3]
        if len(w) > 2 and w[-1] == w[-2] and w[-1] not in "lsz":
            w = w[:-1]
    elif len(w) > 4 and w.endswith("ed"):
        w = w[:-2]
        if len(w) > 2 and w[-1] == w[-2] and w[-1] not in "lsz":
            w = w[:-1]
    if len(w) > 4 and w.endswith("e"):
        w = w[:-1]
    return w


def _deletes(word: str, depth: int) -> set[str]:
    out = {word}
    frontier = {word}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1 :] for w in frontier for i in range(len(w))}
        out |= frontier
    return out


def _osa(a: str, b: str) -> int:
    """Optimal string alignment distance (Levenshtein plus adjacent transpositions)."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[len(b)]


@lru_cache(maxsize=1)
def _lexicon() -> frozenset[str]:
    """English words that are never "corrected" (spaCy's lookup tables; empty if not installed)."""
    words: set[str] = set()
    try:
        base = resources.files("spacy_lookups_data") / "data"
        with (base / "en_lemma_lookup.json.gz").open("rb") as raw, gzip.open(raw) as fh:
            lookup = json.load(fh)
        with (base / "en_lemma_index.json.gz").open("rb") as raw, gzip.open(raw) as fh:
            index = json.load(fh)
    except (ModuleNotFoundError, FileNotFoundError, OSError, ValueError):
        return frozenset()
    words.update(lookup)
    words.update(lookup.values())
    for group in index.values():
        words.update(group)
    return frozenset(w.lower() for w in words if w.isalpha())


class _Speller:
    """Corrects a word to a target word one (or, for long words, two) edits away; keeps real words."""

    __slots__ = ("_targets", "_index", "_cache")

    def __init__(self, targets: Iterable[str]) -> None:
        self._targets = frozenset(t for t in targets if t.isascii() and t.isalpha())
        self._index: dict[str, set[str]] = {}
        for word in self._targets:
            if len(word) >= 4:
                for variant in _deletes(word, 2):
                    self._index.setdefault(variant, set()).add(word)
        self._cache: dict[str, str] = {}

    def word(self, token: str) -> str:
        cached = self._cache.get(token)
        if cached is not None:
            return cached
        fixed = self._fix(token)
        if len(self._cache) > 20_000:
            self._cache.clear()
        self._cache[token] = fixed
        return fixed

    def _fix(self, token: str) -> str:
        if len(token) < 4 or not token.isascii() or not token.isalpha():
            return token
        if token in self._targets or token in _STOPWORDS or token in _lexicon():
            return token
        allowed = 2 if len(token) >= 8 else 1
        candidates: set[str] = set()
        for variant in _deletes(token, allowed):
            candidates |= self._index.get(variant, set())
        best: list[str] = []
        best_distance = allowed + 1
        for candidate in candidates:
            distance = _osa(token, candidate)
            if len(token) == 4 and distance == 1 and len(candidate) == 4 and sorted(candidate) != sorted(token):
                continue  # a 4-letter word may lose, gain or swap a letter, but not change one
            if distance < best_distance:
                best, best_distance = [candidate], distance
            elif distance == best_distance:
                best.append(candidate)
        if len(best) > 1:
            best = [c for c in best if c[0] == token[0]]
        return best[0] if len(best) == 1 else token

    def correct(self, text: str, protected: frozenset[str]) -> tuple[str, int]:
        fixes = 0

        def fix(match: re.Match[str]) -> str:
            nonlocal fixes
            token = match.group(0)
            if token in protected:
                return token
            fixed = self.word(token)
            fixes += fixed != token
            return fixed

        return re.sub(r"[^\W\d_]+", fix, text), fixes


# ---------------------------------------------------------------------------------------------
# Tables built once per cycle (cached; MotRef is hashable)


@dataclass(frozen=True, slots=True)
class _Tables:
    mot_ids: tuple[str, ...]
    strong: Mapping[tuple[str, ...], Mapping[int, float]]  # MOT phrases with a weight >= 2
    weak: Mapping[tuple[str, ...], Mapping[int, float]]  # single content words of MOT names
    cues: Mapping[tuple[str, ...], Mapping[str, float]]
    max_len: int
    speller: _Speller


@lru_cache(maxsize=1)
def _cue_table() -> dict[tuple[str, ...], dict[str, float]]:
    table: dict[tuple[str, ...], dict[str, float]] = {}
    for label, weight, spec in _CUES:
        for words in _phrasings(spec):
            entry = table.setdefault(tuple(words), {})
            entry[label] = max(entry.get(label, 0.0), weight)
    return table


def _name_variants(text: str) -> list[list[str]]:
    words = _split(text)
    variants = [words] if words else []
    if len(words) > 1:
        variants.append(["".join(words)])  # "check-in" -> "checkin"
    return variants


@lru_cache(maxsize=16)
def _tables(mots: tuple[MotRef, ...]) -> _Tables:
    phrases: dict[tuple[str, ...], dict[int, float]] = {}
    vocabulary: set[str] = set(_PERIOD_WORDS)

    def add(words: Sequence[str], index: int, weight: float) -> None:
        if not words or all(w in _STOPWORDS for w in words):
            return
        vocabulary.update(words)
        key = tuple(_stem(w) for w in words)
        entry = phrases.setdefault(key, {})
        entry[index] = max(entry.get(index, 0.0), weight)

    keywords: list[set[str]] = []
    for index, mot in enumerate(mots):
        own: set[str] = set()
        for text in (mot.id, mot.name, *mot.aliases):
            for variant in _name_variants(text):
                add(variant, index, 3.0)
                own.update(_stem(w) for w in variant)
        name = _split(mot.name)
        content = [w not in _STOPWORDS and w not in _GENERIC for w in name]
        for i in range(len(name)):
            for j in range(i + 2, len(name) + 1):
                if content[i] and content[j - 1] and j - i < len(name):
                    add(name[i:j], index, 2.0)
        for word in {*name, *_split(mot.id)}:
            if word not in _STOPWORDS and word not in _GENERIC and len(word) > 2:
                add([word], index, 1.0)
        keywords.append(own)

    for spec, targets in _CONCEPTS:
        groups = [{_stem(w) for w in _split(group)} for group in targets.split(";")]
        hits = [i for i, own in enumerate(keywords) if any(group <= own for group in groups)]
        for words in _phrasings(spec):
            vocabulary.update(words)
            for index in hits:
                add(words, index, 2.0)

    strong = {k: v for k, v in phrases.items() if max(v.values()) >= 2.0}
    weak = {k: v for k, v in phrases.items() if max(v.values()) < 2.0}
    cues = _cue_table()
    for key in cues:
        vocabulary.update(key)
    max_len = max([len(k) for k in (*phrases, *cues)] or [1])
    return _Tables(
        mot_ids=tuple(m.id for m in mots),
        strong=strong,
        weak=weak,
        cues=cues,
        max_len=max_len,
        speller=_Speller(vocabulary),
    )


@dataclass(frozen=True, slots=True)
class _People:
    names: Mapping[tuple[str, ...], str]  # words -> the name as given
    needs_capital: frozenset[str]  # names that are also common words: only matched when capitalised
    words: frozenset[str]
    max_len: int


@lru_cache(maxsize=16)
def _people(people: tuple[str, ...]) -> _People:
    full: dict[tuple[str, ...], str] = {}
    partial: dict[tuple[str, ...], set[str]] = {}
    for person in people:
        words = tuple(_split(person))
        if not words:
            continue
        full.setdefault(words, person)
        if len(words) > 1:
            for word in (words[0], words[-1]):
                partial.setdefault((word,), set()).add(person)
    names = dict(full)
    for key, owners in partial.items():
        if len(owners) == 1 and key not in names:
            names[key] = next(iter(owners))
    common = _STOPWORDS | frozenset(w for k in _cue_table() for w in k) | frozenset(_PERIOD_WORDS)
    needs_capital = frozenset(" ".join(k) for k in names if len(k) == 1 and k[0] in common)
    return _People(
        names=names,
        needs_capital=needs_capital,
        words=frozenset(w for k in names for w in k),
        max_len=max([len(k) for k in names] or [1]),
    )


# ---------------------------------------------------------------------------------------------
# Parsing


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
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


def _find_person(text: str, original: str, people: _People) -> tuple[str | None, list[tuple[int, int]]]:
    if not people.names:
        return None, []
    tokens = list(_TOKEN.finditer(text))
    words = [t.group(0) for t in tokens]
    i = 0
    while i < len(words):
        for length in range(min(people.max_len, len(words) - i), 0, -1):
            key = tuple(words[i : i + length])
            person = people.names.get(key)
            if person is None:
                continue
            if " ".join(key) in people.needs_capital and not re.search(
                rf"\b{re.escape(key[0].capitalize())}\b", original
            ):
                continue
            return person, [(tokens[i].start(), tokens[i + length - 1].end())]
        i += 1
    return None, []


@dataclass(frozen=True, slots=True)
class _Evidence:
    cues: Mapping[str, float]
    mot_scores: Mapping[int, float]
    person: str | None
    periods: tuple[PeriodMatch, ...]
    fixes: int


def _intent_scores(ev: _Evidence) -> dict[str, float]:
    scores = {label: weight for label, weight in ev.cues.items() if label in INTENTS}
    has_mot = bool(ev.mot_scores)
    if has_mot and any(m in ev.cues for m in (_HOW, _DETAIL, _OVERVIEW, _FOLLOW_UP)):
        scores[MOT_DETAIL] = max(scores.get(MOT_DETAIL, 0.0), 2.5 if _DETAIL in ev.cues and _HOW not in ev.cues else 3.0)
    if len(ev.periods) >= 2:
        scores[COMPARE] = max(scores.get(COMPARE, 0.0), 2.5)
    if COMPARE in scores and any(scores.get(i, 0.0) >= 3 for i in (WEAKEST, STRONGEST, STORY_COUNT, CHART)):
        del scores[COMPARE]  # "weakest compared to last week": a ranking with a `compare` period
    if ev.person and not has_mot and COMMENTS in scores:
        scores[STORIES] = max(scores.get(STORIES, 0.0), scores.pop(COMMENTS))
    if ev.person and not has_mot and MOT_DETAIL not in scores and (_HOW in ev.cues or _DETAIL in ev.cues):
        scores[STORIES] = max(scores.get(STORIES, 0.0), 2.0)
    if not has_mot and not ev.person and not scores and (
        _OVERVIEW in ev.cues or _HOW in ev.cues or _DETAIL in ev.cues
    ):
        scores[CHART] = 1.5
    if _GREETING in ev.cues and not scores:
        scores[HELP] = 1.0
    return scores


# Ties are broken in this order: a specific request beats a general one.
_PRECEDENCE = (CHART, STORY_COUNT, COMPARE, PRACTICES, COMMENTS, STORIES, WEAKEST, STRONGEST, MOT_DETAIL, HELP)


def _decide(ev: _Evidence) -> tuple[str, float, tuple[str, ...]]:
    """(intent, confidence, alternative intents)."""
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
            return UNKNOWN, 0.3, (WEAKEST, STRONGEST, STORY_COUNT)
        return UNKNOWN, 0.0, ()
    ranked = sorted(scores, key=lambda i: (-scores[i], _PRECEDENCE.index(i)))
    best = ranked[0]
    top = scores[best]
    if best in (WEAKEST, STRONGEST) and scores.get(WEAKEST, 0) >= 2 and scores.get(STRONGEST, 0) >= 2:
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


def _mot_choice(mot_scores: Mapping[int, float], mot_ids: Sequence[str]) -> tuple[str | None, tuple[str, ...]]:
    if not mot_scores:
        return None, ()
    ranked = sorted(mot_scores, key=lambda i: (-mot_scores[i], i))
    best = ranked[0]
    top = mot_scores[best]
    others = tuple(mot_ids[i] for i in ranked[1:] if mot_scores[i] == top or mot_scores[i] >= 2.0)
    return mot_ids[best], others


_BASELINE_BEFORE = re.compile(r"(?:with|to|against|vs|versus|than|and|since|from)\W*$")


def _periods(
    intent: str,
    alternatives: Sequence[str],
    ev: _Evidence,
    text: str,
    compare_wanted: bool,
    now: datetime,
    tz: str,
) -> tuple[Period, Period | None]:
    default_intent = alternatives[0] if intent == UNKNOWN and alternatives else intent
    default = DEFAULT_PERIODS.get(default_intent, "this_week")
    matches = ev.periods
    if not compare_wanted:
        if matches:
            return matches[0].period, None
        return named_period(default, now=now, tz=tz), None
    if len(matches) >= 2:
        return matches[0].period, matches[1].period
    if len(matches) == 1:
        match = matches[0]
        parts = match.parts
        if len(parts) == 2 and _same_kind(parts[0], parts[1]):
            return parts[0], parts[1]
        baseline: Period | None = None
        if len(parts) == 1:  # "changed since last week": since is the baseline
            baseline = parts[0]
        elif _BASELINE_BEFORE.search(text[: match.start]):
            baseline = match.period
        if baseline is not None:
            current = current_period_like(baseline, now=now, tz=tz)
            if (current.start, current.end) != (baseline.start, baseline.end):
                return current, baseline
            return baseline, previous_period(baseline)
        return match.period, previous_period(match.period)
    period = named_period(default, now=now, tz=tz)
    return period, previous_period(period)


def _same_kind(a: Period, b: Period) -> bool:
    """Both whole months (any lengths), or the same number of local days: worth comparing."""
    if all(p.start.day == 1 and p.end.day == 1 and p.start.time() == p.end.time() for p in (a, b)):
        return True
    return (a.end.date() - a.start.date()).days == (b.end.date() - b.start.date()).days


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
    `mots` are the team's cycle in order; `people` are names stories may mention.
    """
    original = text[:MAX_CHARS] if isinstance(text, str) else ""
    tables = _tables(tuple(mots))
    people_index = _people(tuple(p for p in people if isinstance(p, str) and p.strip()))

    normalised = _normalise(original)
    corrected, fixes = tables.speller.correct(normalised, people_index.words)
    corrected = _TOP_OF_WORST.sub(" ", corrected)  # "top 3 worst" ranks the worst, not the top
    person, person_spans = _find_person(corrected, original, people_index)
    without_person = _blank(corrected, person_spans)
    matches = find_periods(without_person, now=now, tz=tz)
    rest = _blank(without_person, (_core(without_person, m, tables) for m in matches))

    words = _TOKEN.findall(rest)
    stems = [_stem(w) for w in words]
    used = [False] * len(words)
    mot_scores: dict[int, float] = {}
    cues: dict[str, float] = {}
    for hit in _scan(stems, used, tables.strong, tables.max_len):
        for index, weight in hit.items():
            mot_scores[index] = max(mot_scores.get(index, 0.0), weight)
    for hit in _scan(words, used, tables.cues, tables.max_len):
        for label, weight in hit.items():
            cues[label] = max(cues.get(label, 0.0), weight)
    for hit in _scan(stems, used, tables.weak, tables.max_len):
        for index, weight in hit.items():
            mot_scores[index] = max(mot_scores.get(index, 0.0), weight)

    evidence = _Evidence(
        cues=cues,
        mot_scores=mot_scores,
        person=person,
        periods=matches,
        fixes=fixes,
    )
    intent, confidence, intent_alternatives = _decide(evidence)
    all_words = _TOKEN.findall(normalised)
    foreign = sum(1 for w in all_words if w in _FOREIGN)
    if foreign >= 2 and foreign >= sum(1 for w in all_words if w in _STOPWORDS):
        intent, confidence, intent_alternatives = UNKNOWN, 0.0, ()  # not English: offer help
        mot_scores, person = {}, None
    mot_id, mot_alternatives = _mot_choice(mot_scores, tables.mot_ids)
    compare_wanted = intent == COMPARE or (COMPARE in cues and cues[COMPARE] >= 4) or (
        intent in (WEAKEST, STRONGEST, STORY_COUNT, CHART) and len(matches) >= 2
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
    )

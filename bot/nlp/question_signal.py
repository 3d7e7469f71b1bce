"""Private to bot.nlp.question: signals read by pattern before the word scan, each with the span it
takes so the words are not read twice: chat abbreviations, "top 3" / "bottom five" (how many to
list), a person not on the team ("stories about Bob", "mentioning dr Smith"), requests that are not
questions about the numbers ("book me an appointment", "who is the best employee"), and feelings
said with any verb form ("which step irritates patients most") via lemmas."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from bot.nlp.forename import FORENAMES
from bot.nlp.question_spelling import _lemma, _lexicon
from bot.nlp.question_vocabulary import (
    _ABBREVIATIONS,
    _NEGATIVE_LEMMAS,
    _NUMBER_OF,
    _POSITIVE_LEMMAS,
    _STOPWORDS,
)

MAX_LIMIT = 10
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                 "nine": 9, "ten": 10, "a couple of": 2, "couple of": 2, "a few": 3, "few": 3}
_NUM = r"\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten"
_UP = ("best", "highest", "strongest", "greatest")
_DOWN = ("bottom", "worst", "lowest", "weakest", "poorest")
_EITHER = ("top", "most", "biggest", "least")  # the other words say which end
_RANK = "|".join((*_UP, *_DOWN, *_EITHER))
# "top 3", "bottom five", "the 3 worst", "our 4 best", "three biggest": not "last 3 weeks"
_LIMIT = re.compile(
    rf"\b(?P<dir>{_RANK})\s+(?P<n>{_NUM})\b|\b(?P<n2>{_NUM})\s+(?P<dir2>{_RANK})\b", re.IGNORECASE
)
# "which 5 stages got the worst feedback", "list the 3 moments patients hate": how many, the other words say which end
_HOW_MANY_MOMENTS = re.compile(
    rf"\b(?:which|what|the|our|list|name|give\s+me|show\s+me|scoring|rated|performing|ranked)\s+(?P<n>{_NUM})\s+(?:\w+\s+)?"
    r"(?:stages?|moments?|touchpoints?|touch\s+points?|steps?|mots?|areas?|things|parts?|points)\b",
    re.IGNORECASE,
)


_NUMBER_ONE = re.compile(r"\b(?:no\.?\s*|number\s+|#\s*)(?:1|one)\b(?!\s*(?:of|%|percent|star|stars)\b)", re.IGNORECASE)

# "show me 3 comments", "a couple of quotes", "5 tips": how many quotes or practices to show.
_COUNT = re.compile(
    rf"\b(?P<n>{_NUM}|a\s+couple\s+of|couple\s+of|a\s+few)\s+(?:(?:more|written|customer|patient|good|best|"
    r"recent|latest|new|newest|detractor|promoter|negative|positive|shining|irritating|irritated|dull|bad|"
    r"happy|unhappy|angry|glowing)\s+)?(?:comments?|quotes?|verbatims?|remarks|examples?|practices?|practises?|"
    r"tips?|ideas?|"
    r"suggestions?|stories|storys|anecdotes)\b|\b(?:latest|last|newest|recent|most\s+recent)\s+(?P<n2>\d{1,2}|one|two|"
    r"three|four|five|six|seven|eight|nine|ten)\s+(?:stories|storys|anecdotes|comments?|quotes?)\b",
    re.IGNORECASE,
)


def find_count(text: str) -> int | None:
    """N in "show me 3 comments", "a couple of quotes", "five tips" (at most MAX_LIMIT); None if not said."""
    m = _COUNT.search(text)
    if m is None:
        return None
    raw = re.sub(r"\s+", " ", (m["n"] or m["n2"]).lower())
    n = int(raw) if raw.isdigit() else _NUMBER_WORDS[raw]
    return n if 1 <= n <= MAX_LIMIT else None


# "how much stories" (a count noun after "how much") is "how many"; "the passed 30 days" is "past".
_HOW_MUCH_COUNT = re.compile(
    r"\bhow\s+much(?=\s+(?:\w+\s+)?(?:stories|storys|ratings|votes|responses|reviews|comments|complaints|"
    r"compliments|people|patients|customers|guests|diners|visitors|times|answers|replies|surveys|mentions)\b)"
)
_PASSED = re.compile(r"\bpassed(?=\s+(?:\d+|few|couple|two|three|four|five|six|seven|eight|nine|ten|twelve)?\s*"
                     r"(?:days?|weeks?|months?|years?|quarters?|fortnights?|hours?)\b)")


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
_THE_PRACTICE = re.compile(r"\b(?P<lead>the|our|this|my)\s+practice\b(?!\s+(?:of|for|is\s+to)\b)", re.IGNORECASE)


_SERIES_UNIT = re.compile(
    r"\b(?:(?P<month>month\s+(?:on|over|by|to|after)\s+month|monthly|each\s+month|every\s+month|per\s+month|by\s+month|mom)"
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
_STORY_TELLERS = re.compile(r"\bstory\s+tellers?\b", re.IGNORECASE)
# "which part of the appointment": the whole visit, not the booking moment
_PART_OF_VISIT = re.compile(r"\b(?P<lead>part|stage|step|bit|moment|point)\s+of\s+(?:the|an|their|a|our)\s+appointment\b",
                            re.IGNORECASE)


def expand_abbreviations(text: str) -> str:
    """"how many ppl rated us rn" -> "how many people rated us now"; "no. of", "# stories" -> "number of";
    "how much stories" -> "how many stories"; "the passed 30 days" -> "the past 30 days"; "this weeks
    stories" -> "this week's stories"."""
    text = _PERIOD_POSSESSIVE.sub(lambda m: f"{m['lead']} {m['unit']}'s", text)
    text = _MONTH_MO.sub(lambda m: f"{m['lead']} month", text)
    text = _NTH_QUARTER.sub(lambda m: f"q{_QUARTER_OF[m['nth'].lower()]}", text)
    text = _FROM_TILL_DATE.sub(lambda m: f"since {m['when']}", text)
    text = _TILL_DATE.sub("to date", text)
    text = _LAST_TO_LAST.sub(lambda m: f"the {m['unit']} before last", text)
    text = _NTH_OF_MONTH.sub(lambda m: f"{_ORDINALS[m['nth'].lower()]} ", text)
    text = _BEFORE_AND_AFTER.sub(lambda m: f"since {m['when']} compared to before", text)
    text = _THE_PRACTICE.sub(lambda m: f"{m['lead']} clinic", text)
    text = _N_DAYS.sub(lambda m: f"{m['lead'] or 'last'} {m['n']} days", text)
    text = _N_UNITS_BARE.sub(lambda m: f"last {m['n']} {m['unit']}", text)
    text = _N_FOR_NUMBER.sub("number of ", text)
    text = _STORY_TELLERS.sub("storytellers", text)
    text = _PART_OF_VISIT.sub(lambda m: f"{m['lead']} of the visit", text)
    text = _DAYS_UNSAID.sub(lambda m: f"{m['lead']} {m['n']} days", text)
    text = _NUMBER_OF.sub(lambda m: "number " if m.string.startswith("of", m.end()) else "number of ", text)
    text = _PASSED.sub("past  ", _HOW_MUCH_COUNT.sub("how many", text))
    return re.sub(r"(?<![\w/'-])[^\W\d_]+(?![\w/-])", lambda m: _ABBREVIATIONS.get(m.group(0), m.group(0)), text)


def find_limit(text: str) -> tuple[int | None, str | None, list[tuple[int, int]]]:
    """(N, "up"/"down"/None, spans) for "top 3 touchpoints", "bottom five", "the three biggest problems".
    "top"/"best" with a number says only how many; the words around it say which end ("top 3 things
    patients hate" is the 3 weakest)."""
    m = _LIMIT.search(text)
    if m is None and (many := _HOW_MANY_MOMENTS.search(text)) is not None:
        raw = many["n"].lower()
        n = int(raw) if raw.isdigit() else _NUMBER_WORDS[raw]
        return (min(n, MAX_LIMIT), None, [(many.start("n"), many.end("n"))]) if n > 1 else (None, None, [])
    if m is None:
        first = _NUMBER_ONE.search(text)  # "our no. 1 moment", "the number one touchpoint": the best
        return (1, "up", [(first.start(), first.end())]) if first else (None, None, [])
    number = "n" if m["n"] else "n2"
    raw = m[number].lower()
    n = int(raw) if raw.isdigit() else _NUMBER_WORDS[raw]
    if n < 1:
        return None, None, []
    word = (m["dir"] or m["dir2"]).lower()
    direction = "up" if word in _UP else "down" if word in _DOWN else None
    if word in ("top", "bottom"):  # the word only says how many (and which end, for bottom)
        return min(n, MAX_LIMIT), direction, [(m.start(), m.end())]
    return min(n, MAX_LIMIT), direction, [(m.start(number), m.end(number))]


_TITLES = r"dr|doctor|nurse|mr|mrs|ms|miss|prof|professor|sister|matron|dr\."
_ABOUT = (r"mentions\s+of|mention\s+of|about|mentioning|mention|mentions|mentioned|featuring|involving|naming|"
          r"regarding|from|by|with|did|for|on|where")  # "stories where Sinead is mentioned / comes up"
_NAME = re.compile(
    rf"\b(?P<lead>{_ABOUT})\s+(?:(?P<title>{_TITLES})\.?\s+)?(?P<first>[a-z][a-z'-]{{1,}})(?:\s+(?P<last>[a-z][a-z'-]{{1,}}))?",
    re.IGNORECASE,
)
# Given names that are also English words: after "stories about" they are names.
_WORD_NAMES = frozenset(
    """bob bill will pat sue tom jack mark frank rob rose grace hope joy dawn may ray sandy guy kit nick max
    sam jo di viv bea art chip daisy holly ivy jade ruby penny faith summer amber hazel""".split()
)
_NOT_NAMES = frozenset(
    """team staff everyone everybody anyone anybody someone somebody nobody people patients customers guests
    visitors us them me him her you myself ourselves it this that the a an all our my their his its week
    month year today yesterday mth mths mnth wk wks yr qtr fortnight quarter weekend jan feb mar apr jun jul aug
    sep sept oct nov dec january february march april june july august september october november
    december""".split()
)


def find_unnamed_person(
    text: str, original: str, known_words: Iterable[str], *, story_context: bool
) -> tuple[str | None, list[tuple[int, int]]]:
    """A person named after "about"/"mentioning"/"by" who is not on the team: "stories about bob" ->
    "Bob", "mentioning dr smith" -> "Dr Smith" (so "dr" is a title, not the physician MOT). A name with
    a title is always one; without, only next to story words, and only a word the rules don't use
    (a MOT, a cue, a period word) and not an ordinary English word unless typed with a capital."""
    known = frozenset(known_words)
    for m in _NAME.finditer(text):
        title, first, last = m["title"], m["first"].lower(), (m["last"] or "").lower()
        if first.split("'")[0] in _STOPWORDS | _NOT_NAMES or first in known or known.intersection(first.split("-")):
            continue
        capital = re.search(rf"\b{re.escape(first.capitalize())}\b", original) is not None
        if not title and not story_context and not (capital and first not in _lexicon() and m["lead"] == "about"):
            continue  # without story words, only "about" + a capitalised word that is no English word
        if not title and first in _lexicon() and not capital and first not in FORENAMES | _WORD_NAMES:
            continue
        words = [first]
        end = m.end("first")
        if last and last not in _STOPWORDS and last not in _NOT_NAMES and last not in known and (
            re.search(rf"\b{re.escape(last.capitalize())}\b", original) or last not in _lexicon()
        ):
            words.append(last)
            end = m.end("last")
        start = m.start("title") if title else m.start("first")
        label = " ".join(w.capitalize() for w in ([title.rstrip(".")] if title else []) + words)
        return label, [(start, end)]
    for m in _TELLER.finditer(text):  # "fatima's stories", "what has kenji shared": a known forename telling
        group = "name" if m["name"] else "name2"
        name = m[group]
        if (name in FORENAMES or name not in _lexicon()) and name not in known and name not in _STOPWORDS | _NOT_NAMES:
            return name.capitalize(), [(m.start(group), m.end(group))]
    for m in _TITLED.finditer(original):  # "any stories about the new locum Dr Okafor": a title and a
        name = m["name"].lower()  # capitalised name that is no English word, wherever it stands
        if name in _STOPWORDS | _NOT_NAMES or name in known or name in _lexicon():
            continue
        at = re.search(rf"\b{re.escape(m['title'].lower())}\.?\s+{re.escape(name)}\b", text)
        if at is not None:
            return f"{m['title'].rstrip('.').capitalize()} {m['name']}", [(at.start(), at.end())]
    for m in _ROLE_NAMED.finditer(original):  # "stories about our busser Jorge", "our server Jordan"
        name = m["name"].lower()
        if name in _STOPWORDS | _NOT_NAMES or name in known or name in _WEEKDAYS:
            continue
        at = re.search(rf"\b{re.escape(m['role'].lower())}\s+{re.escape(name)}\b", text)  # the role goes too: "the
        if at is not None:  # new receptionist Jess" is Jess, not the check-in moment
            return m["name"], [(at.start(), at.end())]
    return None, []


_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday today tomorrow yesterday".split())
_ROLE_NAMED = re.compile(
    r"\b(?P<role>(?i:(?:security\s+)?guards?|security\s+(?:guy|man|officer|staff)|bussers?|servers?|waiters?|waitress|hosts?|hostess|chefs?|cooks?|receptionists?|porters?|locums?|"
    r"registrars?|consultants?|colleagues?|runners?|bartenders?|baristas?|volunteers?|managers?|assistants?|hcas?|"
    r"phlebotomists?|cleaners?|sonographers?|radiographers?|physios?|physiotherapists?|pharmacists?))\s+"
    r"(?P<name>[A-Z][a-z'-]+)"
)
_TELLER = re.compile(
    r"\b(?P<name>[a-z][a-z-]{2,})(?:'s|s')\s+(?:(?:latest|recent|new|last)\s+)?(?:stories|story|storys|shout\s*outs?|kudos)\b"
    r"|\b(?:has|did|had)\s+(?P<name2>[a-z][a-z-]{2,})\s+(?:shared|told|written|wrote|posted|logged|submitted|sent)\b"
)
_TITLED = re.compile(rf"\b(?P<title>(?i:{_TITLES}))\.?\s+(?P<name>[A-Z][a-z'-]+)")


# Requests to *do* something, or about the world outside the team's moments: not ours to answer.
_ACTION = re.compile(
    r"^\s*(?:(?:hey|hi|ok|okay|so|please|pls|bot|kindly|cafe|café|restaurant)\W+)*(?:(?:can|could|would|will)\s+you\s+"
    r"(?:please\s+|kindly\s+)?|please\s+|kindly\s+|pls\s+|"
    r"i\s+(?:want|need)\s+(?:you\s+)?to\s+|i\s+(?:want|need|would\s+like)\s+to\s+|help\s+me\s+|let\s*s\s+|"
    r"(?:would|could)\s+you\s+be\s+so\s+kind\s+as\s+to\s+|"
    r"i\s+(?:should|would)\s+be\s+(?:grateful|obliged)\s+if\s+you\s+(?:could|would)\s+(?:please\s+)?|"
    r"(?:should|shall|must|do|can)\s+(?:i|we)\s+(?:just\s+)?)?"
    r"(?P<verb>book|rebook|schedule|reschedule|cancel|order|send|email|e-mail|text|message|call|ring|phone|remind|"
    r"set|create|add|delete|remove|buy|move|print|arrange|organise|organize|reserve|play|translate|turn|"
    r"open|close|hire|fire|sack|promote|pay|invite|forward|post|make|write|draft|discipline|appraise|reply|update|"
    r"edit|rename|replace|repair|fix|change|reorder|restock|delete|remove|add|place|prepone|postpone|inform|notify|"
    r"verify)\b"
    r"(?!\s+(?:line|lines|booking|bookings|calls|queue|queues|system|wait|waits|times|number|experience|taking|"
    r"taken|accuracy|speed|process|stage|step|on|ideas?|up|in|over|since|between|from|scheduling|booking|"
    r"for\s+(?:follow|results|an?\s+appointment))\b)",
    re.IGNORECASE,
)
_SIDE_BY_SIDE = re.compile(r"\b(?:against|versus|vs|alongside|beside|next\s+to|side\s+by\s+side)\b", re.IGNORECASE)
# Requests the bot can't carry out whatever they are about: it answers in the chat, it writes no e-mails.
_ONLY_ELSEWHERE = frozenset({"draft", "write", "email", "e-mail", "reply", "forward", "remind", "hire", "fire", "sack",
                             "promote", "discipline", "appraise", "print", "translate", "invite", "cancel", "schedule",
                             "reschedule", "update", "edit", "rename", "replace", "repair", "fix", "change",
                             "reorder", "restock", "delete", "remove", "add", "prepone", "postpone", "inform", "notify",
                             "verify"})
# The floor's admin ("make me a seating chart", "what got 86'd", "who's on the schedule"): never ours.
_ADMIN = re.compile(
    r"\b(?:seating\s+(?:chart|plan)|86'?d|eighty[\s-]+sixed|who'?s\s+on\s+(?:the\s+)?(?:schedule|shift|rota)|"
    r"on\s+the\s+(?:schedule|rota)\s+(?:tonight|today|tomorrow))\b",
    re.IGNORECASE,
)
# "text our patients the feedback link", "call the guests who complained": contacting people is not ours
_CONTACT = re.compile(
    r"^\s*(?:(?:hey|hi|ok|okay|so|please|pls|bot)\W+)*(?:(?:can|could|would|will)\s+you\s+(?:please\s+)?|please\s+)?"
    r"(?:(?:text|message|call|ring|phone|whatsapp|contact)\s+(?:me|us|our|the|them|him|her|all|every|everyone|"
    r"patients?|customers?|guests?|staff|team|people|back)\b(?!\s+(?:line|lines|centre|center|wait)\b)|"
    r"send\s+(?:\w+\s+){0,4}?(?:link|links|survey|surveys|reminders?|messages?|emails?|texts?|invites?|invitations?)\b)",
    re.IGNORECASE,
)
_OUTSIDE = re.compile(
    r"\b(?:weather|rain|raining|snow|snowing|sunny|forecast|temperature\s+outside|joke|jokes|riddle|pizza|"
    r"(?:what'?s|what\s+is|where|order|get|grab|book|for)\s+(?:\w+\s+)?(?:lunch|dinner)|coffee|football|soccer|stock|stocks|bitcoin|crypto|recipe|song|songs|movie|movies|"
    r"capital\s+of|meaning\s+of\s+life|president|prime\s+minister|what\s+time\s+is\s+it|time\s+in|"
    r"what\s+day\s+is\s+it|horoscope|lottery|password|wifi|wi-fi|what\s+time\s+(?:does|do|is|are)|"
    r"opening\s+(?:hours|times)|rota|rotas|roster|rosters|shift\s+pattern|shifts|payroll|salary|salaries|"
    r"overtime|annual\s+leave|holiday\s+requests?|sick\s+leave|sick\s+pay|sick\s+days?|sickness|policy|policies|"
    r"handbook|pension|national\s+average|industry\s+(?:average|benchmark)|national\s+benchmark|group\s+chat|"
    r"fasting|dosage|prescriptions?|medication|side\s+effects|leave\s+(?:balance|entitlement|days|requests?)|"
    r"holiday\s+(?:balance|entitlement|allowance|left)|pto|days\s+off|member\s+id|"
    r"take\s+(?:a\s+)?(?:holiday|day\s+off|time\s+off|leave)|time\s+off|vendors?|suppliers?|place\s+(?:an\s+)?order|"
    r"takings|take\s+through\s+the\s+till|revenue|turnover|profit|(?:lunch|dinner|breakfast|brekkie)\s+menu|"
    r"specials?\s+board|a\s+good\s+special|booked\s+in|in\s+the\s+diary|"
    r"86'?d|eighty[\s-]+sixed|comps|comped|covers|turn\s+times?|table\s+turns?|seating\s+(?:chart|plan)|"
    r"who'?s\s+on\s+(?:the\s+)?(?:schedule|shift|rota|tonight|today|tomorrow)|on\s+the\s+schedule|"
    # office equipment: "how do I change the toner in the printer" is a how-to, not a question about moments
    r"printers?|toner|ink\s+cartridges?|cartridges?|photocopiers?|copiers?|fax|laptops?|computers?|pcs?|"
    r"keyboards?|projectors?|routers?|log\s*in\s+details|email\s+account|outlook|"
    r"coffee\s+machine|kettle|microwave|dishwasher|fridge|light\s+bulbs?|batteries|paper\s+jam|jammed)\b",
    re.IGNORECASE,
)
_JUDGE = re.compile(
    r"\b(?:who|which\s+(?:\w+\s+)?(?:employee|employees|staff|nurse|nurses|receptionist|receptionists|worker|"
    r"workers|colleague|colleagues|person|member|doctor|doctors|assistant|assistants))\b.*\b(?:best|worst|"
    r"laziest|lazy|slowest|fastest|rudest|nicest|friendliest|smartest|dumbest|promote|promoted|promotion|fire|"
    r"fired|sack|sacked|hire|bonus|raise|underperforming|useless|incompetent|most\s+productive|"
    r"least\s+productive|employee\s+of\s+the\s+month)\b|\b(?:good|bad|poor|lazy|useless|weak|terrible|great)\s+"
    r"(?:employee|worker|staff\s+member|colleague|team\s+member|nurse|receptionist|doctor|manager)\b|"
    r"\b(?:performance\s+(?:review|appraisal|rating)|out\s+of\s+(?:10|ten|5|five))\b|\b(?:best|worst|laziest|rudest)\s+(?:employee|"
    r"staff\s+member|nurse|receptionist|worker|colleague|team\s+member|doctor)\b",
    re.IGNORECASE,
)
_OURS = re.compile(
    r"\b(?:stories|story|storys|told|shared|posted|mentioned|mentions|praised|praise|kudos|shout\s*outs?|"
    r"ratings?|rated|feedback|moments?|mots?|touchpoints?|steps?|chart|graph|dashboard|report|summary|"
    r"overview|stats|numbers|scores?|results?|trends?|trending|vs|versus|compared?|comparison)\b",
    re.IGNORECASE,
)


# Sport: "the score in the arsenal game" is no rating of ours, though "score" is a word we use.
_SPORT = re.compile(
    r"\b(?:game|games|match|matches|football|soccer|cricket|rugby|tennis|golf|basketball|baseball|hockey|"
    r"nfl|nba|world\s+cup|premier\s+league|league\s+table|kick\s*off|half\s*time|full\s*time|grand\s+prix)\b",
    re.IGNORECASE,
)
_OURS_NOT_SCORES = re.compile(_OURS.pattern.replace("scores?|results?|", ""), re.IGNORECASE)


# A change asked about a moment ("is check-in better since the new rota") is ours, whatever else is named.
_CHANGE_ASKED = re.compile(r"\b(?:better|worse|improv\w*|since|got\s+(?:better|worse)|affect\w*|impact\w*)\b",
                           re.IGNORECASE)


def off_topic(text: str, *, mot_named: bool = False) -> bool:
    """True for "book me an appointment for friday", "what's the weather", "who is the best employee",
    "which nurse is the laziest": a request to act, the world outside, or judging a person. Asking
    which *moments* are best, or who told the most stories, is ours."""
    if _CONTACT.search(text) or _ADMIN.search(text):
        return True
    action = _ACTION.search(text)
    if action and action["verb"].lower() in ("set", "put") and _SIDE_BY_SIDE.search(text):
        action = None  # "could you set Q3 against Q2 for the check-in desk": a comparison
    if action and (action["verb"].lower() in _ONLY_ELSEWHERE or not _OURS.search(text)):
        return True  # "draft an email to the team about the parking feedback": feedback named, still not ours
    if _JUDGE.search(text) and not _OURS.search(text):
        return True
    if _SPORT.search(text) and not _OURS_NOT_SCORES.search(text):
        return True
    if mot_named and _CHANGE_ASKED.search(text):
        return False
    return bool(_OUTSIDE.search(text)) and not _OURS.search(text)


_WOULD = frozenset({"d", "would", "wd", "should", "could"})
_AFTER_FILLER = frozenset({"to", "where", "what", "which", "how", "when", "who", "why", "we", "i", "you", "they",
                           "literally", "so", "idk", "honestly", "habits", "tips", "ideas"})
# Plain quality words: with a degree ("most bad", "least good", "more poor") or after "doing"/"going"/"faring"
# ("doing good", "going bad") they rank the moments like "worst"/"best" do.
_BAD = frozenset("""bad poor terrible awful horrible dreadful rubbish weak negative unpleasant disappointing
    frustrating annoying slow crap shit lousy""".split())
_GOOD = frozenset("""good great fine nice positive excellent brilliant amazing fantastic strong pleasant
    awesome superb lovely fast smooth ok okay""".split())
_DEGREE = frozenset({"most", "more", "least", "less", "doing", "going", "faring", "done", "gone", "went", "did"})
_NEGATORS = frozenset({"least", "not", "never", "less", "nt", "hardly", "barely"})


# "dragging our scores down", "what holds the check-in back": something pulling the numbers down.
_PULLS_DOWN = re.compile(
    r"\b(?:dragg?\w*|pull\w*|bring\w*|brought|hold\w*|held|weigh\w*|lett\w*|let)\s+(?:\w+\s+){1,3}(?:down|back)\b"
    r"|\bwhere\s+(?:are\s+)?we\s+(?:are\s+)?(?:lacking|bad|weak|weakest|poor|failing|behind)\b"
    r"|\b(?:bad|poor|weak|worst)\s+(?:moments?|stages?|touchpoints?|steps?|parts?|mots?|spots?)\b")
# "where we are good? which stage", "good moments this week": the strongest
_LIFTS_UP = re.compile(
    r"\bwhere\s+(?:are\s+)?we\s+(?:are\s+)?(?:good|great|strong|strongest|best|winning|doing\s+well)\b"
    r"|\b(?:good|great|strong|best)\s+(?:moments?|stages?|touchpoints?|steps?|parts?|mots?|spots?)\b")


def lifts_up(text: str) -> bool:
    return _LIFTS_UP.search(text) is not None


def pulls_down(text: str) -> bool:
    return _PULLS_DOWN.search(text) is not None


def feeling(words: Sequence[str]) -> tuple[float, float]:
    """(negative, positive) evidence from the lemmas of `words`: "annoying", "irritates", "hated" ->
    negative; "loves", "enjoyed", "happiest" -> positive; "least happy", "not pleased" -> negative."""
    negative = positive = 0.0
    for i, word in enumerate(words):
        lemma = _lemma(word)
        if lemma == "like" and (i + 1 < len(words) and words[i + 1] in _AFTER_FILLER or i > 0 and words[i - 1] in _WOULD):
            continue  # "I'd like to", "would like": a request; "like where r we weakest": a filler
        turned = i > 0 and words[i - 1] in _NEGATORS
        if i > 0 and words[i - 1] in _DEGREE and (word in _BAD or word in _GOOD):
            bad = (word in _BAD) != (words[i - 1] in ("least", "less"))  # "least good" is bad
            negative, positive = (3.5, positive) if bad else (negative, 3.5)
            continue
        if lemma in _NEGATIVE_LEMMAS or word in _NEGATIVE_LEMMAS:
            positive, negative = (3.5, negative) if turned else (positive, 3.5)
        elif lemma in _POSITIVE_LEMMAS or word in _POSITIVE_LEMMAS:
            negative, positive = (3.5, positive) if turned else (negative, 3.5)
    return negative, positive

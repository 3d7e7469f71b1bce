"""Private to bot.nlp.question: signals read by pattern before the word scan, each with the span it
takes so the words are not read twice: "top 3" / "bottom five" (how many to list), a person not on the
team ("stories about Bob", "mentioning dr Smith", "our busser Jorge"), and feelings said with any verb
form ("which step irritates patients most") via lemmas. Shorthand is rewritten first
(`question_shorthand.py`); requests that are not questions about the numbers are `question_offtopic.py`."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from bot.nlp.forename import FORENAMES
from bot.nlp.question_spelling import _common_word, _lemma, _lexicon
from bot.nlp.question_vocabulary import _NEGATIVE_LEMMAS, _POSITIVE_LEMMAS, _SAYERS, _STOPWORDS

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
    r"(?:stages?|moments?|touchpoints?|touch\s+points?|steps?|mots?|areas?|things|parts?|points|"
    r"colleagues|people|staff|members\s+of\s+staff|team\s+members|nurses|receptionists|storytellers)\b",
    re.IGNORECASE,
)


_NUMBER_ONE = re.compile(r"\b(?:no\.?\s*|number\s+|#\s*)(?:1|one)\b(?!\s*(?:of|%|percent|star|stars)\b)", re.IGNORECASE)

# "show me 3 comments", "a couple of quotes", "5 tips": how many quotes or practices to show.
_COUNT = re.compile(
    rf"\b(?P<n>{_NUM}|a\s+couple\s+of|couple\s+of|a\s+few)\s+(?:(?:of\s+)?(?:the|our|their)\s+)?"
    r"(?:(?!(?:days?|weeks?|months?|years?|hours?|of|from|in|since|about|for)\b)[^\W\d_][\w'-]*\s+){0,3}"
    r"(?:comments?|quotes?|verbatims?|remarks|examples?|practices?|practises?|"
    r"tips?|ideas?|complaints?|compliments?|reviews?|"
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


# "anything about gary", "owt about gary in there": a forename typed in lower case, asked after as such
_ANYTHING_ABOUT = re.compile(r"\b(?:anything|something|owt|any\s+news|news)\s*$", re.IGNORECASE)
_TITLES = r"dr|doctor|nurse|mr|mrs|ms|miss|prof|professor|sister|matron|dr\."
_ABOUT = (r"mentions\s+of|mention\s+of|about|mentioning|mention|mentions|mentioned|featuring|involving|naming|"
          r"regarding|from|by|with|did|for|on|where|"  # "stories where Sinead is mentioned / comes up"
          r"(?:(?<=stories\s)|(?<=story\s)|(?<=storys\s))of")  # "the stories of Kumari from reception"
_NAME = re.compile(
    rf"\b(?P<lead>{_ABOUT})\s+(?:(?P<title>{_TITLES})\.?\s+)?(?P<first>[^\W\d_](?:[^\W\d_]|['-]){{1,}})(?:\s+(?P<last>[^\W\d_](?:[^\W\d_]|['-]){{1,}}))?",
    re.IGNORECASE,
)
# A place's name ends in one of these ("Shisa Nyama Corner", "Ah Hock Noodle House"): not a person
_VENUE_WORDS = frozenset("""corner house kitchen cafe café bar grill bistro spot yard shack restaurant clinic hospital
    surgery centre center practice diner inn tavern pub canteen""".split())
_VENUE_AFTER = re.compile(rf"\s+(?:(?!(?:in|at|on|from|of|the|our|to|for|with|by)\s)[a-z'-]+\s+){{0,2}}"
                          rf"(?:{'|'.join(sorted(_VENUE_WORDS))})\b", re.IGNORECASE)
# Given names that are also English words: after "stories about" they are names.
_WORD_NAMES = frozenset(
    """bob bill will pat sue tom jack mark frank rob rose grace hope joy dawn may ray sandy guy kit nick max
    sam jo di viv bea art chip daisy holly ivy jade ruby penny faith summer amber hazel""".split()
)
_NOT_NAMES = frozenset(
    """team staff everyone everybody anyone anybody someone somebody nobody people patients customers guests
    visitors us them me him her you myself ourselves it this that the a an all our my their his its week jobinterview
    y'all yall ya'll youse yous folks
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
        if (first.split("'")[0] in _STOPWORDS | _NOT_NAMES or first.removesuffix("'s") in _NOT_NAMES or first in known
                or known.intersection(first.split("-"))):
            continue
        capital = re.search(rf"\b{re.escape(first.capitalize())}\b", original) is not None
        # "anything on kevin?", "anything from Giuseppe?": asked after as "about" is
        about = m["lead"] == "about" or (m["lead"] in ("on", "from") and _ANYTHING_ABOUT.search(text, 0, m.start()))
        if not title and not story_context and not (capital and (first not in _lexicon() or first in FORENAMES)
                                                   and about) and not (
                about and first in FORENAMES and not _common_word(first) and _ANYTHING_ABOUT.search(text, 0, m.start())):
            continue  # without story words, only "about" + a capitalised word that is no English word or a forename
        if not title and first in _lexicon() and not capital and first not in FORENAMES | _WORD_NAMES:
            continue
        if not title and not capital and not first.isascii():
            continue  # "stories mentioning crème brûlée": an accented word no list knows is a name only with a capital
        if _VENUE_AFTER.match(text, m.end("first")) or (last and last in _VENUE_WORDS):
            continue  # "about Shisa Nyama Corner", "about the Noodle House": a place, not a person
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
    for m in _NAME_AT_POST.finditer(original):  # "Ffion on reception - anything about her": someone by their post
        name = m["name"].lower()
        if (name in _STOPWORDS | _NOT_NAMES or name in known or name in _WEEKDAYS or name in _lexicon()
                or (at := re.search(rf"\b{re.escape(name)}\b", text)) is None):
            continue
        return m["name"], [(at.start(), at.end())]
    for m in _TELLER.finditer(text):  # "fatima's stories", "what has kenji shared": a known forename telling
        group = "name" if m["name"] else "name2"
        name = m[group]
        if m["owner"] == "s" and name not in FORENAMES:
            continue  # "kevins stories" (the apostrophe left out) only for a forename: not "patients stories"
        if ((name in FORENAMES or name not in _lexicon()) and name not in known
                and name.removesuffix("'s") not in _STOPWORDS | _NOT_NAMES):
            return name.capitalize(), [(m.start(group), m.end(group))]
    for m in _TITLED.finditer(original):  # "any stories about the new locum Dr Okafor": a title and a
        name = m["name"].lower()  # capitalised name that is no English word, wherever it stands; next to story
        if (name in _STOPWORDS | _NOT_NAMES or name in known or (name in _lexicon() and not story_context)
                or _common_word(name)):  # "a Dr Note" is no person
            continue  # words, one that is too ("stories about the locum (Dr Hayes)", not "since Dr Hughes joined")
        at = re.search(rf"\b{re.escape(m['title'].lower())}\.?\s+{re.escape(name)}\b", text)
        if at is not None:
            return f"{m['title'].rstrip('.').capitalize()} {m['name']}", [(at.start(), at.end())]
    for m in _ROLE_NAMED.finditer(original):  # "stories about our busser Jorge", "our server Jordan"
        name = m["name"].lower()
        if name in _STOPWORDS | _NOT_NAMES or name in known or name in _WEEKDAYS:
            continue
        if (m.end("role") + 1 < m.start("name") or m["role"].lower().startswith("new")) and (
                "-" in name or (name in _lexicon() and name not in FORENAMES | _WORD_NAMES)):
            continue  # "the new hire Starts soon"; "the porters, Check-in and parking": no one's name
        at = re.search(rf"\b{re.escape(m['role'].lower())}(?:[\s,]+[\w-]+){{0,5}}?[\s,]+{re.escape(name)}\b", text)  # the role goes too: "the
        if at is not None:  # new receptionist Jess" is Jess, not the check-in moment
            return m["name"], [(at.start(), at.end())]
    if story_context and (back := _PRONOUN_ASKED.search(original)) is not None:
        # "Declan the head chef, any stories about him?", "what's Morag been putting in? stories from her": the
        # person asked after by a pronoun is the name said before it
        for m in reversed(list(_CAPITALISED.finditer(original, 0, back.start()))):
            name = m.group(0).lower()
            opens = not original[: m.start()].strip() or original[: m.start()].rstrip()[-1] in ".!?\n"
            if (name in _STOPWORDS | _NOT_NAMES or name in known or name in _WEEKDAYS or _common_word(name)
                    or (name not in FORENAMES and (opens or name in _lexicon()))
                    or (at := re.search(rf"\b{re.escape(name)}\b", text)) is None):
                continue
            return m.group(0), [(at.start(), at.end())]
    return None, []


_PRONOUN_ASKED = re.compile(r"\b(?:about|mentioning|mentions?|from|on|of|by|naming|featuring)\s+(?:him|her)\b", re.IGNORECASE)
_CAPITALISED = re.compile(r"\b[A-Z][a-zà-ÿ'-]{2,}\b")


_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday today tomorrow yesterday".split())
_ROLE_NAMED = re.compile(
    r"\b(?P<role>(?i:(?:security\s+)?guards?|security\s+(?:guy|man|officer|staff)|bussers?|servers?|waiters?|waitress|hosts?|hostess|chefs?|cooks?|receptionists?|porters?|locums?|"
    r"registrars?|consultants?|colleagues?|runners?|bartenders?|baristas?|volunteers?|managers?|assistants?|hcas?|"
    r"phlebotomists?|cleaners?|sonographers?|radiographers?|physios?|physiotherapists?|pharmacists?|"
    r"new\s+starters?|new\s+joiners?|trainees?|apprentices?|"  # "starters" alone are a course
    # "the new lad Ewan", "the new loon Ewan on reception" (Doric), "the new girl at the reception, Chloé"
    r"new\s+(?:lad|lass|girl|boy|guy|loon|quine|kid|recruit|hire|colleague|team\s+member)))"
    r"(?:\s+(?:at|on|in)\s+(?:the\s+)?(?:front\s+)?(?:reception|desk|door|phones?|switchboard|till|counter|bar|floor))?,?\s+"
    r"(?P<name>[A-Z][a-zà-ÿ'-]+)"
)
_TELLER = re.compile(
    r"\b(?P<name>[^\W\d_](?:[^\W\d_]|-){2,})(?P<owner>'s|s'|s)\s+(?:(?:latest|recent|new|last)\s+)?(?:stories|story|storys|shout\s*outs?|kudos)\b"
    r"|\b(?:has|did|had)\s+(?P<name2>[^\W\d_](?:[^\W\d_]|-){2,})\s+(?:shared|told|written|wrote|posted|logged|submitted|sent)\b"
)
# a capitalised word that is no English word, first in its clause, then where that person works
_NAME_AT_POST = re.compile(r"(?:^|[.,;:!?(-]\s*|\babout\s+)(?P<name>[A-Z][a-zà-ÿ'-]+)(?=,?(?:\s+(?:the|our)\s+(?:new\s+)?[a-z]+)?"
                           r",?\s+(?:on|at)\s+(?:the\s+)?(?:front\s+)?"
                           r"(?:reception|desk|door|switchboard|till|counter|bar)\b)")
_TITLED = re.compile(rf"\b(?P<title>(?i:{_TITLES}))\.?\s+(?P<name>[A-Z][a-z'-]+)")


_WOULD = frozenset({"d", "would", "wd", "should", "could"})
_AFTER_FILLER = frozenset({"to", "where", "what", "which", "how", "when", "who", "why", "we", "i", "you", "they",
                           "literally", "so", "idk", "honestly", "habits", "tips", "ideas"})
# Plain quality words: with a degree ("most bad", "least good", "more poor") or after "doing"/"going"/"faring"
# ("doing good", "going bad") they rank the moments like "worst"/"best" do.
_BAD = frozenset("""bad poor poorly terrible awful horrible dreadful rubbish weak negative unpleasant disappointing
    frustrating annoying slow crap shit lousy""".split())
_GOOD = frozenset("""good great fine nice positive excellent brilliant amazing fantastic strong pleasant
    awesome superb lovely fast smooth ok okay""".split())
_SAID_FEELINGS = frozenset({"moan", "complain", "grumble", "whinge", "gripe", "rave", "gush"})
# "anyone moaning about the dunny": whether anyone said so, what they said
_ANYONE = frozenset({"anyone", "anybody", "someone", "somebody", "everyone", "everybody", "nobody"})
_RANKED = frozenset({"which", "most", "top", "biggest", "least"})  # "which moment do patients moan about most"
_DEGREE = frozenset({"most", "more", "least", "less", "doing", "going", "faring", "done", "gone", "went", "did"})
# "not", and "n't" as the words split it ("don't like": "don", "t") or typed without the apostrophe
_NEGATORS = frozenset({"least", "not", "never", "less", "nt", "hardly", "barely", "t", "dont", "doesnt", "didnt", "dnt",
                       "cant", "wont", "isnt", "arent", "wasnt", "werent", "aint"})
# "don't really like", "do not much enjoy": a softener between the negation and the feeling
_SOFTENERS = frozenset({"really", "much", "particularly", "quite", "so", "exactly", "always", "totally"})
# "what don't people like": who feels it, between the negation and the feeling
_FEELERS = frozenset({"people", "patients", "customers", "diners", "guests", "folk", "folks", "they", "visitors",
                      "clients", "punters"})


# "dragging our scores down", "what holds the check-in back": something pulling the numbers down.
_PULLS_DOWN = re.compile(
    r"\b(?:dragg?\w*|pull\w*|bring\w*|brought|hold\w*|held|weigh\w*|lett\w*|let)\s+(?:\w+\s+){1,3}(?:down|back)\b"
    r"|\b(?:where|(?:in\s+)?which\s+(?:moments?|bits?|parts?|steps?|stages?|areas?|touchpoints?|mots?))\s+(?:are\s+)?we\s+(?:are\s+)?(?:lacking|bad|weak|weakest|poor|failing|behind)\b"
    r"|\b(?:bad|poor|weak|worst)\s+(?:moments?|stages?|touchpoints?|steps?|parts?|mots?|spots?)\b"
    r"|\blet[\s-]*downs?\b|\bletdowns?\b|\bdisappointments\b"  # "the biggest let-downs for patients"
    r"|\bfed\s+up\b|\bsick\s+(?:and\s+tired\s+)?of\b|\b(?:cheesed|brassed|hacked|ticked)\s+off\b"
    r"|\b(?:lose|loses|losing|lost|drop|drops|dropping|dropped)\s+(?:(?:the\s+)?most\s+)?(?:marks|points|stars)\b")  # "where we lose marks"
# "where we are good? which stage", "good moments this week": the strongest
_LIFTS_UP = re.compile(
    r"\b(?:where|(?:in\s+)?which\s+(?:moments?|bits?|parts?|steps?|stages?|areas?|touchpoints?|mots?))\s+(?:are\s+)?we\s+(?:are\s+)?(?:good|great|strong|strongest|best|winning|doing\s+well|outperforming|excelling)\b"
    r"|\bwhere\s+(?:have\s+|are\s+|do\s+)?we\s+(?:been\s+)?(?:getting\s+(?:it|things)\s+right|get\s+(?:it|things)\s+right|"
    r"doing\s+(?:things\s+)?right)\b"
    r"|\b(?:good|great|strong|best)\s+(?:moments?|stages?|touchpoints?|steps?|parts?|mots?|spots?)\b")


# "like" as a filler, not a feeling: "the weakest part like ever", "top 3 like", "the worst this week, like" (what
# people like ends on who likes it: "what do patients like"; "like where r we weakest" is `feeling`'s)
_FILLER_LIKE = re.compile(r"\blike(?=\s+(?:ever(?!\s+since)|genuinely|seriously|basically|actually|properly|literally|honestly)\b)|"
                          r"(?:(?<=\d)|(?<=,)|" + "|".join(rf"(?<=\b{w})" for w in (
                              "week", "weeks", "month", "months", "year", "years", "days", "today", "lately", "recently",
                              "ever", "quarter", "wk", "mth", "rn"))
                          + r")\s*like(?=\s*[?.!]*\s*$)")


def filler_likes(text: str) -> list[tuple[int, int]]:
    """Where `text` says "like" as a filler, to be left out of the words feelings are read from."""
    return [m.span() for m in _FILLER_LIKE.finditer(text)]


def lifts_up(text: str) -> bool:
    return _LIFTS_UP.search(text) is not None


def pulls_down(text: str) -> bool:
    return _PULLS_DOWN.search(text) is not None


# "what can't patients stand", "the thing diners cannot bear": a dislike
_WHO_FEELS = r"(?:people|patients|customers|diners|guests|folk|folks|they|visitors|clients)"
_CANT_STAND = re.compile(rf"\b(?:can\s+t|cant|cannot|can\s+(?:{_WHO_FEELS}\s+)?not)\s+(?:{_WHO_FEELS}\s+)?"
                         r"(?:stand|bear|abide|stomach)\b")


_ASKED_WHICH = frozenset({"which", "where", "what", "whats", "wat", "wot"})
_MOST = frozenset({"most", "least"})
_FELT_ABOUT = frozenset({"about", "with", "regarding", "re", "concerning", "of", "abt", "in"})  # "hate most about parking"
_PRONOUNS = frozenset({"it", "them", "this", "that", "us", "here"})
_BREAKS = frozenset(",.;:!?()")


def ranked_feeling(text: str) -> bool:
    """A feeling in the superlative, asked which or where ("where are patients most irritated", "which one do ppl hate
    the most", "whats bugging diners the most", "where are patients getting the most fed up"): a ranking of every
    moment, whatever moment the message also names ("... is it still the car park?"); not what is felt about one
    ("what do patients hate most about parking")."""
    words = re.findall(r"[^\W_]+|[,.;:!?()]", text.casefold())
    for i, word in enumerate(words):
        if word not in _MOST or not _ASKED_WHICH.intersection(words[:i]):
            continue
        near = [*words[max(0, i - 3):i], *words[i + 1:i + 3]]
        after = words[i + 1:i + 4]
        if ":" not in after and any(w in _FELT_ABOUT for w in after[:2]) and after[-1] not in _FELT_ABOUT | _PRONOUNS | _BREAKS:
            continue  # "what do patients hate most about parking", "moan about most in the waiting room": that moment
        if any(_lemma(w) in _NEGATIVE_LEMMAS or _lemma(w) in _POSITIVE_LEMMAS or w in _NEGATIVE_LEMMAS
               or w in _POSITIVE_LEMMAS for w in near) or " ".join(words[i + 1:i + 3]) == "fed up":
            return True
    return False


def feeling(words: Sequence[str]) -> tuple[float, float]:
    """(negative, positive) evidence from the lemmas of `words`: "annoying", "irritates", "hated" ->
    negative; "loves", "enjoyed", "happiest" -> positive; "least happy", "not pleased", "like least" -> negative."""
    negative = positive = 0.0
    if _CANT_STAND.search(" ".join(words)):
        negative = 3.5
    for i, word in enumerate(words):
        lemma = _lemma(word)
        if lemma == "like" and (i + 1 < len(words) and words[i + 1] in _AFTER_FILLER or i > 0 and words[i - 1] in _WOULD):
            continue  # "I'd like to", "would like": a request; "like where r we weakest": a filler
        if (lemma in _SAID_FEELINGS and i > 0 and (words[i - 1] in _SAYERS or words[i - 1] in _ANYONE)
                and not _RANKED.intersection(words)):
            continue  # "what did patients moan about": what they said (comments), not how a moment feels
        turned = (i > 0 and words[i - 1] in _NEGATORS
                  or i > 1 and words[i - 1] in _SOFTENERS | _FEELERS and words[i - 2] in _NEGATORS
                  or words[i + 1 : i + 2] in (["least"], ["less"]) or words[i + 1 : i + 3] == ["the", "least"])
        if i > 0 and words[i - 1] in _DEGREE and (word in _BAD or word in _GOOD):
            bad = (word in _BAD) != (words[i - 1] in ("least", "less"))  # "least good" is bad
            negative, positive = (3.5, positive) if bad else (negative, 3.5)
            continue
        if lemma in _NEGATIVE_LEMMAS or word in _NEGATIVE_LEMMAS:
            positive, negative = (3.5, negative) if turned else (positive, 3.5)
        elif lemma in _POSITIVE_LEMMAS or word in _POSITIVE_LEMMAS:
            negative, positive = (3.5, positive) if turned else (negative, 3.5)
    return negative, positive

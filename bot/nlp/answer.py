"""Reading a person's answer to a question the bot asked: which of the offered choices they meant, yes or
no, a shining / dull / irritating rating. Pure functions over text (a leaf: no other `bot` imports).

    match_choice("the 2nd one", choices)            # "green": numbers, ordinals, labels, ids, synonyms, typos
    read_yes_no("yes please")                       # True; "no thanks" -> False; "maybe" -> None
    read_rating("the wait was terrible")            # ("irritating", "the wait was terrible")
    read_rating("😍")                               # ("shining", None)

Nothing here guesses between two equally good readings: an answer that fits two choices, or says yes
and no, reads as None and the caller asks again."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from typing import Protocol

from spacy.lang.en.stop_words import STOP_WORDS

from bot.nlp.analyzer import english_words
from bot.nlp.answer_told import nothing_more, scorned, told_complaint, told_praise
from bot.nlp.question import SENTENCE_BREAK

RATINGS = ("shining", "dull", "irritating")


class Option(Protocol):
    """Anything with an `id` and a `label` (e.g. `bot.events.Choice`)."""

    @property
    def id(self) -> str: ...

    @property
    def label(self) -> str: ...


# --- tables ---------------------------------------------------------------------------------------

_YES_PHRASES = frozenset({
    "yes", "y", "yeah", "yea", "yep", "yup", "ya", "yah", "aye", "sure", "ok", "okay", "k", "kk", "alright",
    "all right", "of course", "absolutely", "definitely", "certainly", "indeed", "right", "correct", "true",
    "go ahead", "go for it", "please do", "please", "why not", "fine", "fine by me", "i do", "i would",
    "that's right", "thats right", "that's it", "sounds good", "no problem", "no worries", "sure thing", "affirmative",
    "looks good", "looks fine", "looks right", "looks great", "all good", "lgtm", "that works", "works for me",
    "si", "oui", "ja", "da", "sim", "jawohl", "claro", "bien sur", "d'accord", "natuurlijk",
    "👍", "✅", "👌", "✔", "✔️", "🙆", "🙋",
})
_NO_PHRASES = frozenset({
    "no", "n", "nope", "nah", "naw", "not really", "not now", "no way", "never", "negative", "not at all",
    "don't", "dont", "do not", "i don't", "i dont", "rather not", "i'd rather not", "id rather not",
    "better not", "no need", "not interested", "no, thanks", "false", "wrong", "incorrect",
    "non", "nein", "nee", "nao", "niet", "pas du tout", "nicht",
    "👎", "❌", "✖", "✖️", "🙅", "🚫",
})
# Words that only soften an answer ("yes please", "no thank you").
_POLITE = ("please", "thanks", "thank you", "thank u", "thankyou", "thx", "ty", "cheers", "mate",
           "merci", "danke", "gracias", "bitte", "por favor", "s'il vous plait")

_RATING_EMOJI: Mapping[str, str] = {
    **{e: "shining" for e in ("✨", "🌟", "⭐", "👍", "😊", "🙂", "😍", "😀", "😃", "😄", "😁", "🥰", "❤", "💯",
                              "👏", "🙌", "🤩", "💖", "♥", "☺", "💚", "💙", "🎉", "🔥", "👌")},
    **{e: "dull" for e in ("😐", "🤷", "😶", "😑", "🫤", "😕", "🥱", "😴", "➖", "🆗")},
    # an eye-roll is exasperation, not indifference
    **{e: "irritating" for e in ("🙄", "😠", "👎", "😡", "😞", "🤬", "😤", "😢", "😭", "☹", "🙁", "💢", "😣", "😩",
                                 "😫", "💩", "🤮", "😒", "😖")},
}
# word or phrase -> (rating, weight); weight 2 for words that settle the rating on their own
_RATING_WORDS: Mapping[str, tuple[str, int]] = {
    **{w: ("shining", 2) for w in (
        "shining", "shine", "shone", "great", "excellent", "brilliant", "amazing", "awesome", "fantastic",
        "superb", "wonderful", "outstanding", "perfect", "loved it", "love it", "loved", "lovely", "fabulous",
        "terrific", "marvellous", "marvelous", "exceptional", "impressive", "top notch", "first class",
        "spot on", "very good", "really good", "so good", "super", "magnificent", "delightful", "10/10",
        "5/5", "five stars", "5 stars", "best", "incredible", "stellar", "sublime", "exemplary", "glowing",
        "tres bien", "genial", "toll", "excelente",
        # everyday praise and slang (British, American, Australian, Irish)
        # (not words that are also everyday nouns: "class", "star", "gem", "joke", "mint" stay out, and a
        # noun counts only with its article: "a gem", "an angel")
        "lush", "brill", "cracking", "legend", "legends", "a legend", "a gem", "a star", "an angel", "fab",
        "smashing", "top class", "top drawer", "bang on", "chef's kiss", "faultless", "flawless", "seamless",
        "painless", "effortless", "couldn't fault it", "could not fault it", "can't fault", "cant fault",
        "couldnt fault", "no faults", "couldn't ask for more", "couldn't have asked for better",
        "could not have asked for better", "above and beyond", "not bad at all", "heaps good", "stoked",
        "a sweetheart", "a gent", "superstar", "absolute star", "real star", "proper star", "absolute gem",
        "real gem", "absolute angel", "absolute legend", "absolute diamond", "total win", "a real win", "a big win",
        "charming", "considerate", "courteous", "a breeze", "a total star", "a diamond", "huge relief",
        "such a relief", "what a relief", "couldn't have asked for more", "could not have asked for more",
        "very patient", "so patient", "ever so patient", "really patient", "incredibly patient", "a true gentleman",
        "a real gentleman", "love that place", "love this place", "couldn't believe it", "wins by a mile",
        # a few everyday words of the customers' other languages (accents are stripped first)
        # a comparison with a previous visit: "much better than last time", "way better"
        "much better", "so much better", "far better", "way better", "a lot better", "loads better",
        "better than expected", "better than ever", "much nicer", "so much nicer", "a lot nicer",
        # no way to go wrong: "even my grandson couldn't get lost", "you can't miss it"
        "couldn't get lost", "could not get lost", "can't get lost", "cannot get lost", "impossible to get lost",
        "couldn't go wrong", "can't go wrong", "couldn't miss it", "can't miss it", "a miracle worker", "miracle worker",
        "saved my life", "saved the day", "delicious", "scrumptious", "a lifesaver", "a life saver", "a godsend",
        "muy amable", "muy amables", "amable", "amables", "precioso", "perfecto", "rapidisimo", "muy bien",
        "sympathique", "tres sympathique", "a l'ecoute", "parfait", "formidable", "freundlich", "sehr freundlich",
        "sehr gut", "wunderbar", "pycha", "swietnie", "wspaniale", "super obsluga", "bardzo dobrze", "otimo",
        "muito bom", "ottimo", "gentilissimi")},
    # feeling bad about something is guilt or sympathy, not a rating ("felt a bit bad keeping them after closing")
    **{w: ("dull", 0) for w in ("felt bad", "feel bad", "felt a bit bad", "feel a bit bad", "felt so bad",
                                "a good long while", "a good long time")},
    # a question reported is a weak verdict ("they asked once if everything was ok"; "asked if everything was ok
    # 4 times" is a complaint)
    **{w: ("dull", 1) for w in ("if everything was ok", "if everything was okay", "if everything was alright",
                                "if everything was fine", "if all was ok", "if all was well", "if it was ok")},
    **{w: ("shining", 1) for w in (
        "good", "nice", "kind", "friendly", "helpful", "quick", "fast", "smooth", "easy", "pleasant",
        "clean", "clear", "caring", "polite", "efficient", "welcoming", "warm", "attentive", "happy",
        "impressed", "gentle", "reassuring", "thorough", "professional", "on time", "well done", "thanks",
        "only waited", "hardly waited", "barely waited", "no wait", "no waiting", "didn't have to wait",
        "didnt have to wait", "didn't wait long", "didnt wait long", "hardly any wait",
        "thank you", "bien", "gut", "bueno", "tasty", "yummy", "with a smile")},
    **{w: ("dull", 2) for w in (
        "dull", "meh", "average", "so so", "so-so", "mediocre", "okay", "ok", "fine", "alright", "all right",
        "nothing special", "as expected", "ordinary", "unremarkable", "could be better", "could have been better",
        "not bad", "not great", "not terrible", "not the best", "middling", "neutral", "bland", "forgettable",
        "standard", "normal", "adequate", "acceptable", "passable", "nothing to write home about", "meh-ish",
        "so and so", "comme ci comme ca", "indifferent", "whatever", "usual", "decent", "satisfactory",
        "5/10", "3/5", "average-ish", "it was ok", "it was fine", "no complaints", "nothing wrong",
        "did the job", "does the job", "did its job", "nothing to report", "nothing memorable",
        "nothing much", "about what i expected", "what i expected", "as you'd expect", "same as always",
        "same as usual", "as usual", "uneventful", "functional",
        "it's fine", "fair enough", "not much to say", "nothing to say", "it is what it is", "par for the course",
        "so-so-ish", "evens out", "evened out", "balances out",
        "middle of the road", "run of the mill", "could've been worse", "could have been worse", "could be worse",
        # a grudging "at least ...": "at least someone said hello", "at least it was quick"
        "at least someone", "at least somebody", "at least they", "at least she", "at least he", "at least it",
        "at least we", "not as bad as", "basic", "not their fault", "not her fault", "not his fault",
        "a mixed bag", "mixed bag", "hit and miss", "hit or miss")},
    **{w: ("dull", 1) for w in ("boring", "bit slow", "a bit slow", "could improve", "room for improvement",
                                "no issues", "no problems", "no bother")},  # "no problems, lovely staff" shines
    **{w: ("irritating", 2) for w in (
        "irritating", "irritated", "annoying", "annoyed", "awful", "terrible", "horrible", "horrendous",
        "dreadful", "rude", "appalling", "atrocious", "disgusting", "disgraceful", "abysmal", "worst",
        "unacceptable", "useless", "pathetic", "shocking", "hated it", "hated", "hate it", "frustrating",
        "frustrated", "infuriating", "furious", "angry", "upset", "disappointing", "disappointed",
        "very bad", "really bad", "so bad", "not good", "not ok", "not okay", "not fine", "poor",
        "very poor", "bad", "rubbish", "lousy", "nightmare", "chaotic", "chaos", "ridiculous", "0/10",
        "1/10", "1/5", "1 star", "one star", "unfriendly", "dismissive", "incompetent", "mal", "schlecht",
        "nul", "horrible", "fatal",
        "grim", "shambles", "shambolic", "was a joke", "what a joke", "is a joke", "total joke", "absolute joke",
        "complete joke", "farce", "a farce", "dire", "naff", "pointless", "a mess",
        "a disaster", "disaster", "hopeless", "clueless", "daylight robbery", "rip off", "ripoff", "rip-off",
        "waste of time", "a waste of time", "not ideal", "end of the world",
        "not impressed", "unimpressed", "fuming", "gutted", "livid",
        "a nightmare", "torture", "cowboys", "worse than", "much worse", "far worse", "way worse", "even worse",
        "not as good as", "joke of a", "ruined it", "ruined", "soured", "spoiled it", "spoilt it",
        # the part that was wrong, named: "ordering was the problem", "parking was the hard part"
        "the problem", "the issue", "the pain", "a pain", "the hard part", "the worst part", "the worst bit",
        "annoy", "annoys", "irritate", "irritates", "frustrate", "disappoint", "drove me mad", "drove me crazy",
        "drove me nuts", "drives me mad", "up the wall",
        # exasperation said in a sound ("grrr" is read as "grr")
        "ugh", "urgh", "argh", "grr",
        "beznadziejne", "beznadziejnie", "okropne", "okropnie", "fatalnie", "muy mal", "fatal", "larga espera",
        "espere casi", "trop long", "trop d'attente", "tres long", "unfreundlich", "zu lange", "sehr schlecht",
        "pessimo", "terribile", "horrivel", "pessimo servico", "esperamos", "esperando", "nadie", "keine zeit",
        "gewartet", "lange gewartet", "j'ai attendu", "attendu", "heures d'attente")},
    **{w: ("irritating", 1) for w in (
        "slow", "late", "delay", "delayed", "long wait", "waited", "waiting", "took ages", "ages", "forever",
        "dirty", "confusing", "confused", "lost", "ignored", "forgot", "forgotten", "broken", "wrong",
        "mistake", "problem", "cold", "rushed", "noisy", "messy", "queue", "expensive", "unhelpful",
        "impolite", "careless", "no one", "nobody", "hours", "stressful", "painful", "complicated", "long",
        "too long", "took too long", "took long", "dry", "stale", "greasy", "chewy", "slower", "busier", "ruder")},
}
_NEGATIONS = ("not", "wasn't", "wasnt", "isn't", "isnt", "weren't", "never", "hardly", "barely", "not very",
              "not that", "not so", "not too", "not particularly", "not really", "didn't feel", "no",
              "nothing", "less")  # "nothing awful", "less stressful than usual"
# Words that carry no meaning of their own in a short answer ("it was great", "I'd say the second one").
_FILLER = frozenset({
    "it", "it's", "its", "was", "is", "were", "be", "been", "i", "i'd", "id", "i'm", "im", "would", "say",
    "think", "guess", "the", "a", "an", "one", "that", "this", "just", "really", "very", "quite", "pretty",
    "so", "too", "bit", "at", "rather", "overall", "all", "in", "all", "honestly", "tbh", "to", "be", "me",
    "for", "my", "option", "choice", "answer", "number", "no.", "nr", "#", "please", "thanks", "thank",
    "you", "u", "um", "uh", "erm", "hmm", "well", "oh", "like", "mostly", "kinda", "kind", "of", "sort",
    "experience", "there", "everything", "thing", "things", "felt", "seemed", "looked", "truly", "absolutely",
    "totally", "completely", "extremely", "super", "and", "but", "actually", "definitely", "go", "with",
    "pick", "choose", "take", "want", "let's", "lets", "ok", "okay", "yes", "yeah", "them", "these", "those",
    "on", "about",
})
_ORDINALS: Mapping[str, int] = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "fifth": 5,
    "5th": 5, "sixth": 6, "6th": 6, "seventh": 7, "7th": 7, "eighth": 8, "8th": 8, "ninth": 9, "9th": 9,
    "tenth": 10, "10th": 10, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10,
}
# Choices whose id is one of these also answer to these words (the survey's ratings, skip, yes/no).
_ID_SYNONYMS: Mapping[str, tuple[str, ...]] = {
    "skip": ("skip", "pass", "skip it", "skip this", "next", "n/a", "na", "not applicable", "doesn't apply",
             "does not apply", "didn't apply", "didn't use", "did not use", "don't know", "dont know", "dunno",
             "no idea", "not sure", "no opinion", "none", "-", "⏭", "⏭️", "🤐"),
    "other": ("other", "another", "another one", "something else", "a different one", "none of these",
              "none of them", "neither", "different", "not listed"),
}
# A few everyday words for the places and people of a service, so "the doctor" finds a MOT named
# "Seen by the physician" and "front desk" one about reception: a word in a group stands for all of it.
_THESAURUS: tuple[tuple[str, ...], ...] = (
    ("doctor", "physician", "consultant", "consultation", "gp", "doc", "dr", "medic"),
    ("reception", "front desk", "desk", "receptionist", "check in", "checkin", "registration", "register"),
    ("pay", "paying", "payment", "bill", "billing", "till", "cashier", "checkout"),
    ("park", "parking", "car park", "carpark", "car", "parking lot", "space"),
    ("wait", "waiting", "waiting room", "queue", "delay", "lobby"),
    ("nurse", "nurses", "assistant"),
    ("sign", "signs", "signage", "signpost", "signposts", "map"),
    ("result", "results", "outcome", "findings"),
    ("test", "tests", "blood test", "scan", "x-ray", "xray", "lab", "sample"),
    ("form", "forms", "paperwork", "insurance"),
    ("book", "booking", "appointment", "reservation", "reserve", "phone"),
    ("food", "meal", "dish", "dishes", "starter", "dessert", "kitchen"),
    ("waiter", "server", "waitress", "order", "ordering"),
    ("greet", "greeted", "welcome", "host", "door", "greeting", "arrive", "arrival"),
    ("leave", "goodbye", "exit", "coat", "coats", "leaving", "way out"),
)
_LAST = 10**9  # "the last one"
_SUFFIXES = ("ments", "ment", "ings", "ing", "ers", "er", "ed", "es", "s")


# --- helpers --------------------------------------------------------------------------------------

def normalise(text: str) -> str:
    """Lower-case, accents folded (emoji kept), punctuation around the edges stripped, spaces collapsed."""
    text = unicodedata.normalize("NFKC", text).strip().lower().replace("’", "'")
    folded = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in folded if unicodedata.category(ch) != "Mn" or ch == "\ufe0f")
    text = unicodedata.normalize("NFC", text).replace("\ufe0f", "")
    text = re.sub(r"\s+", " ", text)
    return text.strip(" .!?,;:'\"`*_~()[]")


def _words(text: str) -> list[str]:
    return re.findall(r"[\w'/-]+|[^\w\s]", text)


def _stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if len(word) > len(suffix) + 2 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def _close(a: str, b: str) -> bool:
    """A small typo apart: one edit (insert, delete, change, swap) when one word has 5+ letters and the
    other 4+; two when both have 7+ letters and start alike."""
    if a == b:
        return True
    if max(len(a), len(b)) < 5 or min(len(a), len(b)) < 4 or not (a.isalpha() and b.isalpha()):
        return False
    limit = 2 if min(len(a), len(b)) >= 7 and a[0] == b[0] else 1
    if abs(len(a) - len(b)) > limit:
        return False
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                value = min(value, previous2[j - 2] + 1)
            current.append(value)
        previous2, previous = previous, current
    return previous[-1] <= limit


def _strip_polite(said: str) -> str:
    changed = True
    while changed and said:
        changed = False
        for word in _POLITE:
            for pattern in (rf"^{re.escape(word)}\b[ ,!.]*", rf"[ ,!.]*\b{re.escape(word)}$"):
                stripped = re.sub(pattern, "", said).strip(" ,.!")
                if stripped != said and stripped:
                    said, changed = stripped, True
    return said


def _emoji_only(text: str) -> list[str]:
    """The symbols of a message that is nothing but emoji (else [])."""
    chars = [ch for ch in text if not ch.isspace() and ch not in "\ufe0f\u200d"]
    if not chars or any(ch.isalnum() for ch in chars):
        return []
    return chars


# --- yes / no -------------------------------------------------------------------------------------

def read_yes_no(text: str) -> bool | None:
    """True for the usual ways of saying yes ("yes please", "sure", "👍", "oui"), False for no ("no thanks",
    "nope", "👎", "nein"), None when it says neither, or both."""
    said = normalise(text)
    if not said:
        return None
    for candidate in (said, _strip_polite(said)):
        if candidate in _YES_PHRASES:
            return True
        if candidate in _NO_PHRASES or candidate in ("no thanks", "no thank you"):
            return False
    symbols = _emoji_only(said)
    if symbols:
        # a shrug or a neutral face (a "dull" rating emoji) says neither yes nor no: asked again
        votes = {s in _YES_PHRASES or _RATING_EMOJI.get(s) == "shining" for s in symbols
                 if s in _YES_PHRASES or s in _NO_PHRASES or _RATING_EMOJI.get(s) in ("shining", "irritating")}
        return votes.pop() if len(votes) == 1 else None
    if {"yes", "no"} <= set(re.findall(r"\w+", said)):  # "yes and no"
        return None
    # "yes, that's fine", "nope - not now", "sure, go on": the first words decide.
    head = re.split(r"[,;.!-]| but ", said, maxsplit=1)[0].strip()
    first = head.split(" ")[0] if head else ""
    yes = head in _YES_PHRASES or first in {"yes", "yeah", "yep", "yup", "sure", "absolutely", "definitely",
                                             "certainly", "ok", "okay", "oui", "ja", "si"}
    no = head in _NO_PHRASES or first in {"no", "nope", "nah", "non", "nein", "never"}
    if yes != no:
        return yes
    return None


# --- ratings --------------------------------------------------------------------------------------

# A question back ("do I need to fast before the bloods?", "are they normally this slow?") rates nothing.
_ASKING = frozenset({"do", "does", "did", "is", "are", "was", "were", "can", "could", "will", "would", "should",
                     "shall", "may", "how", "what", "why", "when", "where", "who", "which", "whats", "what's"})


# A request said without its question mark (dictated): "can I speak to someone", "could we get a copy".
# (Not "where do I start, ...": that opens a complaint.)
_REQUEST = re.compile(r"^(?:can|could|may)\s+(?:i|we)\s+(?:please\s+)?(?:talk|speak|get|have|ask|book|change|"
                      r"cancel|contact)\b")


def asks_back(text: str) -> bool:
    """Whether `text` is a question (it leads with a question word or an auxiliary and ends with "?"), or a
    request dictated without its question mark ("can I talk to a real person")."""
    said = normalise(text)
    words = said.split()
    if not words:
        return False
    if text.rstrip().endswith("?"):
        return words[0] in _ASKING
    return len(words) <= 8 and _REQUEST.search(said) is not None  # a longer one goes on to say how it was


def read_rating(text: str) -> tuple[str | None, str | None]:
    """(rating, comment): the rating ("shining" | "dull" | "irritating") the words or emoji give, or None
    when they give none or are mixed (something shone and something irritated: the person is asked); the comment is the text itself when it says more than the
    rating ("the wait was terrible"), else None ("great!", "😠", "really not bad")."""
    said = normalise(text)
    if not said:
        return None, None
    if asks_back(text) or read_not_done(text):  # a question back, or "still waiting, ask me next week": no rating
        return None, text.strip()
    symbols = _emoji_only(said)
    if symbols:
        found = {_RATING_EMOJI[s] for s in symbols if s in _RATING_EMOJI}
        return (found.pop() if len(found) == 1 else None), None
    scores, used, lowered = _scores(said)
    rating = _clear(scores)
    turned = turned_from(said)
    if weighed_up(said):  # "ECG fine. X-ray waited an hour. Mixed.": the customer has weighed it up
        rating = "dull"
    elif turned is not None:  # "parking was fine. the waiting room though, an hour": the point is after the shrug
        rating = turned[1]
    elif rating is None:  # mixed or unclear: a summing up ("all told, ..."), or a short, strong closing verdict
        rating = _summed_up(said) or _closing_verdict(said)
    rest = [w for i, w in enumerate(lowered) if i not in used and w not in _FILLER and w.isalnum()
            and w not in _NEGATIONS and w not in _RATING_EMOJI]
    comment = text.strip() if rest else None
    return rating, comment


# "didn't have any tests", "haven't had them yet", "no follow-up was needed", "came by taxi": the moment
# asked about did not happen to them. Only in a short answer that leads with it and gives no time ("didn't
# get called for an hour" is a complaint).
_NOT_DONE = re.compile(
    # "didn't go to checkout", "we didn't use the kiosk", "haven't needed one": the teller (or nobody)
    # did not do it; never someone else ("they didn't have my appointment on the system" is a complaint)
    r"^(?:(?:i|we)\s+)?(?:didn'?t|did not|haven'?t|have not|never)\s+(?:go|went|use|used|book|booked|"
    r"drive|drove|park|parked|come|came|notice|noticed|see|saw|apply|applied|bother with|read|look at)\b"
    r"(?!\s+(?:me|my|our|us|back|it coming)\b)"
    r"|^(?:(?:i|we)\s+)?(?:didn'?t|did not|haven'?t|have not|never)\s+(?:need|needed)\b"
    r"(?!\s+(?:to|me|my|our|us)\b)"  # "didn't need to wait" is praise
    # "didn't have any tests", "haven't had them yet", "didn't get one"
    r"|^(?:(?:i|we)\s+)?(?:didn'?t|did not|haven'?t|have not|never)\s+(?:have|had|get|got)\s+"
    r"(?:any(?:\s+\w+)?|one|them|it|an?\s+(?!clue\b)\w+(?:\s+(?:done|taken))?)\s*(?:yet|this time|today)?[.!]*$"
    r"|^(?:(?:i|we)\s+)?came (?:by|on) (?:taxi|cab|uber|bus|train|tube|foot|bike|bicycle|ambulance)\b"
    r"|^(?:there was |there were )?no (?:\w+[ -]?){1,2} (?:was |were )?(?:needed|required|necessary)\b"
    r"|^(?:not|wasn'?t|weren'?t) (?:needed|required|necessary)\b"
    r"|^(?:did not|didn'?t|does not|doesn'?t) apply\b")
# Anywhere in a short answer: someone else did it and the customer can't say ("my son drove, ask him"), it hasn't
# happened yet ("ask me next week", "too early to say"), or they weren't there at all ("haven't been to any
# clinic", "wrong number", "no car, I walked").
_NOT_THEIRS = re.compile(
    r"^(?:my|our)\s+(?:\w+\s+){1,2}(?:booked|paid|drove|did|sorted|handled|arranged|phoned|rang|called|filled)\b.*"
    r"\b(?:no\s+idea|don'?t\s+know|dunno|not\s+sure|ask\s+(?:him|her|them)|didn'?t\s+see|wouldn'?t\s+know)\b"
    r"|\bask\s+me\s+(?:again\s+)?(?:later|next\s+(?:week|month|time)|in\s+a\s+(?:week|few\s+days)|another\s+time|"
    r"tomorrow)\b"
    r"|\btoo\s+(?:early|soon)\s+to\s+(?:say|tell)\b|\bhaven'?t\s+been\s+(?:to|there|in)\b"
    r"|\bwrong\s+(?:number|person|chat)\b"
    r"|^(?:i\s+|we\s+)?(?:wasn'?t|weren'?t)\s+(?:waiting\s+(?:on|for)|having)\s+any\b|^no\s+car\b"
    # nothing yet, and nothing more said: "still waiting tbh" ("still waiting. 3 weeks." gives a time: a complaint)
    r"|^(?:i'?m\s+|we'?re\s+)?still\s+waiting(?:\s+(?:tbh|tbf|honestly|to\s+be\s+honest|lol|i'?m\s+afraid))?$")
# What they did instead: "..., I just followed the lady in front", "..., we only sat in the car".
_INSTEAD = re.compile(r"[,.;]\s+(?:i|we)\s+(?:just|only)\s+\w+")
# Someone else did it, and the customer only looked on: "my husband dealt with all of that, I just sat down",
# "my daughter sorted it". (Not "my son booked it and it was easy": the customer saw it go well.)
_SOMEONE_ELSE = re.compile(
    r"^(?:my|our)\s+(?:\w+\s+){1,2}(?:dealt\s+with|did|sorted|handled|took\s+care\s+of|saw\s+to|filled\s+in|"
    r"organi[sz]ed|arranged)\s+(?:all\s+(?:of\s+)?)?(?:that|it|this|those|them|the\s+\w+)"
    r"(?:\s+(?:bit|side|part|for\s+(?:me|us)))?(?:[,.;]?\s+(?:i|we)\s+(?:just|only)\b.*)?$")
_DURATION = re.compile(r"(?:\d+|\ban?|\bone|\btwo|\bfew|\bcouple of)\s*(?:min|minute|hr|hour|day|week|month)"
                       r"|\bages\b|\bforever\b|\blong\b|\bhours\b|\bcalled\b")


def _clear(scores: dict[str, int]) -> str | None:
    """The one rating the scores give, or None when none does or praise and complaint are mixed ("lovely
    nurse but the wait was long": the person is asked)."""
    best = max(scores.values())
    leaders = [r for r, s in scores.items() if s == best]
    mixed = scores["shining"] > 0 and scores["irritating"] > 0
    return leaders[0] if best > 0 and len(leaders) == 1 and not mixed else None


# A sentence that sums the answer up: "All told I came away happy", "On balance, fine", "I'd say it evens out".
_SUMMING_UP = re.compile(r"^(?:all\s+told|all\s+in\s+all|overall|on\s+the\s+whole|on\s+balance|"
                         r"all\s+things\s+considered|"
                         r"taken\s+together|(?:but\s+)?in\s+the\s+end|i'?d\s+say)\b")


def _summed_up(said: str) -> str | None:
    """The rating of the sentence that sums up a mixed answer ("... although there were four people ahead of me.
    All told I felt looked after."): the last sentence or clause that opens with a summing-up phrase, when it
    gives one rating clearly."""
    clauses = [c.strip() for c in re.split(r"(?<=[.!?;,])\s+", said) if c.strip()]
    for clause in reversed(clauses[1:]):
        if _SUMMING_UP.search(clause):
            rating = _clear(_scores(clause)[0])
            if rating is not None:
                return rating
    return None


# A story that turns for the better ("queue was long at first. then a second desk opened"): its closing praise is meant.
_RECOVERY = re.compile(r"\b(?:then|but|though|however|eventually|finally|at\s+first|luckily|thankfully|"
                       r"in\s+the\s+end)\b")


# A closing verdict that weighs good and bad together: "... Mixed.", "so a mixed bag really", "Hit and miss."
_WEIGHED_UP = re.compile(r"(?:^|[.!?;,—–-]\s*)(?:(?:so|overall|all\s+in\s+all|it\s+was|it'?s|a\s+bit|bit)\s*,?\s*)*"
                         r"(?:(?:a\s+)?mixed(?:\s+bag|\s+experience|\s+feelings)?|hit\s+(?:and|or)\s+miss|"
                         r"swings\s+and\s+roundabouts)(?:\s+(?:really|overall|then|tbh|honestly))?$")


def weighed_up(said: str) -> bool:
    """Whether a normalised answer closes by weighing good and bad together ("ECG fine. X-ray waited an hour.
    Mixed."): dull, whatever its parts say (also when it is the whole answer: "mixed")."""
    return _WEIGHED_UP.search(said) is not None


def _closing_verdict(said: str) -> str | None:
    """The rating of a story's last sentence when it is a short verdict with a word that settles a rating
    on its own ("... and found me a slot that same afternoon. Brilliant.", "... Ruined it."): at most five
    words, weight 2, after at least one other sentence. Praise closing a story of complaints is scorn."""
    sentences = [s for s in SENTENCE_BREAK.split(said.strip()) if s.strip()]
    if len(sentences) < 2 or len(sentences[-1].split()) > 5:
        return None
    scores = _scores(sentences[-1])[0]
    last = _clear(scores)
    if last is None or scores[last] < 2:
        return None
    before = " ".join(sentences[:-1])
    if last == "shining" and not told_praise(before, 0) and not told_praise(sentences[-1], 0):
        # a praise word closing nothing but complaints, with no turn for the better, is scorn ("... cash
        # point a 10 min walk. brilliant"); praise told ("Sorted in two minutes.") is not
        earlier = _scores(before)[0]
        only_complaints = earlier["irritating"] and not earlier["shining"] and not _RECOVERY.search(before)
        if told_complaint(before) or only_complaints:
            return "irritating"
    return last


# Where an answer's first clause ends: a sentence, a dash, a turn word, or a comma before "what I want to say".
_CLAUSE_END = re.compile(
    r"[.!?;:,]+\s+|\s+[—–-]+\s+|,?\s+(?:but|though|tho|however|although|then)\b\s*,?\s*"
    r"|,\s+(?=(?:what\s+i|i\s+(?:\w+\s+)?(?:want|would|'d|must|will|do)|may\s+i|can\s+we|let\s+me)\b)"
    # dictated, without a stop: "found the car fine it was the machine that ..."
    r"|(?:(?<=\bfine)|(?<=\bok)|(?<=\bokay)|(?<=\balright))\s+(?=(?:it|its|it's|they|the|she|he|we)\b)")
# A first clause that shrugs the moment off or has nothing to say of it: "can't remember that bit", "no
# complaints about X", "X was neither here nor there", "whatever", "didn't ask anyone", "no forms for me".
_SHRUG = re.compile(
    r"\b(?:(?:can'?t|cannot|couldn'?t|don'?t|do\s+not)\s+(?:\w+\s+)?(?:remember|recall)|"
    r"neither\s+here\s+nor\s+there|no\s+(?:trouble|issues?|problems?|complaints?)|whatever|"
    r"(?:didn'?t|did\s+not)\s+(?:\w+\s+)?(?:ask|need|use|have|notice)|"
    r"(?:not\s+much|nothing)\s+to\s+(?:say|report)|no\s+\w+\s+for\s+me|not\s+about|"
    r"not\s+(?:\w+\s+)?yet|sorted\s+(?:it\s+|that\s+)?(?:in\s+advance|beforehand|already))\b")


def turned_from(said: str) -> tuple[str, str] | None:
    """(the rest, its rating) when an answer opens with a short clause that shrugs something off ("check in
    was fine", "the forms were neither here nor there", "can't remember that bit": no praise, no complaint)
    and the rest gives a clear, strong praise or complaint ("... the wait though, an hour and nobody said a
    word"): the customer's point is the rest, perhaps about another moment. None otherwise ("he was alright.
    bit rushed" keeps its shrug: the rest is no strong rating)."""
    end = _CLAUSE_END.search(said)
    if end is None or end.start() == 0 or weighed_up(said):  # "ECG fine. X-ray an hour. Mixed.": both weighed
        return None
    before, after = said[:end.start()], said[end.end():]
    if len(before.split()) > 10 or not after.strip():
        return None
    first = _scores(before)[0]
    shrug = _SHRUG.search(before) or nothing_more(before)
    if first["shining"] or first["irritating"] or not (first["dull"] >= 2 or shrug):
        return None  # not "no bother" (weight 1) nor "wasn't great" (negated praise: a complaint, softly)
    if not shrug and any(w in _NEGATIONS for w in before.split()):
        return None
    rest = _scores(after)[0]
    rating = _clear(rest)
    return (after, rating) if rating in ("shining", "irritating") and rest[rating] >= 2 else None


def read_not_done(text: str) -> bool:
    """Whether a short answer says the moment asked about did not happen to them ("didn't have any
    tests", "came by taxi", "no follow up was needed"): a skip, not a rating."""
    said = normalise(text.replace("\u2019", "'"))
    words = len(said.split())
    # a longer one only when it goes on to say what they did instead ("didn't read any signs, I just followed ...")
    limit = 14 if _INSTEAD.search(said) else 10
    told = (words <= limit and (_NOT_DONE.search(said) or _NOT_THEIRS.search(said)) is not None
            or words <= 14 and _SOMEONE_ELSE.search(said) is not None)
    return 0 < words and told and _DURATION.search(said) is None


_MARK = re.compile(r"(?<![\d./])(\d{1,2}(?:\.\d)?)\s*(?:/|out of|outta)\s*(10|5)(?![\d./])")  # "7/10", "2 out of 5"
_STARS = re.compile(r"(?<![\d.])([0-5])\s*stars?\b")  # "4 stars"


_DATED = re.compile(r"\b(?:on|since|from|until|till|by|for|before|after|booked|due|dated|the)\s*$")


def _marked(said: str) -> str | None:
    """The rating a mark out of 10 or 5, or a number of stars, gives: 80 % and up shining, 50 % and up
    dull, below that irritating. None without one (a date such as 10/10/2026 is not one; nor is 6/5)."""
    mark = _MARK.search(said)
    if mark and _DATED.search(said, 0, mark.start()):  # "on 15/10", "booked for 4/5": a date
        mark = None
    stars = _STARS.search(said)
    if mark:
        share = float(mark.group(1)) / float(mark.group(2))
    elif stars:
        share = int(stars.group(1)) / 5
    else:
        return None
    if share > 1:
        return "shining" if mark and float(mark.group(2)) == 10 else None  # "11/10": beyond praise
    return "shining" if share >= 0.8 else "dull" if share >= 0.5 else "irritating"


def _scores(said: str) -> tuple[dict[str, int], set[int], list[str]]:
    """Rating word and emoji counts of a normalised text, the word positions that carried them, the words."""
    scores = dict.fromkeys(RATINGS, 0)
    marked = _marked(said)
    if marked is not None:
        scores[marked] += 2
    used: set[int] = set()  # word positions that carried the rating
    words = _words(re.sub(r"([a-z])\1{2,}", r"\1\1", said))  # "sooo goood" -> "soo good"
    lowered = [w.strip("'") for w in words]
    for size in (5, 4, 3, 2, 1):  # longest phrase first; a word counts once
        for start in range(len(lowered) - size + 1):
            span = range(start, start + size)
            if used.intersection(span):
                continue
            phrase = " ".join(lowered[start:start + size])
            hit = _RATING_WORDS.get(phrase)
            if hit is None and size == 1:
                hit = _fuzzy_rating_word(phrase)
            if hit is None:
                continue
            if start > 0 and lowered[start - 1] in _NOT_AFTER.get(phrase, ()):  # "found a spot on the left"
                continue
            rating, weight = hit
            if _negated(lowered, start):
                rating, weight = ("dull", 1) if rating != "dull" else ("irritating", 1)
                used.update(range(max(0, start - 2), start))
            elif rating == "shining" and _hedged(lowered, start, size):  # "clear enough", "perfectly pleasant"
                rating, weight = "dull", 2
                used.update(range(max(0, start - 1), min(len(lowered), start + size + 1)))
            elif rating == "irritating" and weight == 1 and start > 0 and lowered[start - 1] in _SOFTENERS:
                rating = "dull"  # "a bit rushed", "slightly late": a mild complaint softened is a shrug
            scores[rating] += weight
            used.update(span)
    for symbol in words:
        if symbol in _RATING_EMOJI:
            scores[_RATING_EMOJI[symbol]] += 1
    if nothing_more(said) and not scores["shining"]:  # "it was a waiting room. I waited.": dull, not a complaint
        scores["dull"] += scores["irritating"] + 2
        scores["irritating"] = 0
    elif scorned(said):  # the praise is scorn: it counts for the complaint
        scores["irritating"] += scores["shining"] + 2
        scores["shining"] = 0
    else:  # beside praise, a told complaint makes the answer mixed: the customer is asked
        complaint = told_complaint(said)
        if complaint and not scores["irritating"] and _GOT_THERE.search(said):
            scores["dull"] += complaint  # "pointed vaguely, found it eventually": a hitch, got past
            complaint = 0
        scores["irritating"] += complaint
        scores["shining"] += told_praise(said, complaint)
    if _GRUDGING.search(said) and not scores["irritating"]:  # "quicker than the old place, I'll give them that"
        scores["dull"] += scores["shining"] + 2
        scores["shining"] = 0
    return scores, used, lowered


# Praise conceded grudgingly is a shrug: "quieter than A&E, I'll give it that", "clean, I'll grant you".
_GRUDGING = re.compile(r"\b(?:i'?ll|i\s+will|i'?d|have\s+to|got\s+to|gotta)\s+(?:give|grant)\s+(?:it|them|you|her|him)"
                       r"(?:\s+that)?(?:\s+much)?\b|\bi'?ll\s+grant\s+you\b")


# A hitch told and got past: "found it eventually", "got there in the end", "sorted it in the end".
_GOT_THERE = re.compile(r"\b(?:found|got|sorted|worked|figured)\s+(?:it\s+|there\s+|it\s+out\s+)?"
                        r"(?:eventually|in\s+the\s+end)\b")


# Phrases that are something else after these words: "spot on" is praise, "a spot on the second lap" a place.
_NOT_AFTER: Mapping[str, frozenset[str]] = {
    "spot on": frozenset({"a", "the", "one", "any", "no", "every", "free", "empty", "parking", "disabled", "another"}),
}
# Mild praise hedged is a shrug: "clear enough", "pleasant enough", "perfectly nice" (not "perfect", a rating word of
# its own; not "couldn't do enough", whose "enough" follows no praise word).
_HEDGE_BEFORE = frozenset({"perfectly", "reasonably", "fairly", "ok", "okay"})
# A mild complaint after these is a shrug: "a bit rushed", "slightly noisy", "a tad late".
_SOFTENERS = frozenset({"bit", "abit", "slightly", "little", "tad", "touch"})


def _hedged(words: list[str], start: int, size: int) -> bool:
    """Whether the praise word at `start` is hedged: followed by "enough" or, a mild one, after "perfectly"."""
    after = words[start + size] if start + size < len(words) else ""
    before = words[start - 1] if start > 0 else ""
    mild = _RATING_WORDS.get(" ".join(words[start:start + size]), ("", 2))[1] == 1
    return after == "enough" or (mild and before in _HEDGE_BEFORE)


def _negated(words: list[str], start: int) -> bool:
    before = words[max(0, start - 2):start]
    return any(w in _NEGATIONS for w in before) or " ".join(before) in _NEGATIONS


def _is_word(word: str) -> bool:
    """Whether `word` is an English word: one the lemma table knows, a function word it leaves out
    ("through" is not a misspelt "thorough"), or a regular inflection of a known word ("wanted" is no
    misspelt "waited")."""
    known = english_words()
    if word in known or word in STOP_WORDS:
        return True
    for ending, put_back in (("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"), ("es", ""), ("s", ""), ("ly", "")):
        if word.endswith(ending) and len(word) - len(ending) >= 3 and word[:-len(ending)] + put_back in known:
            return True
    return False


def _fuzzy_rating_word(word: str) -> tuple[str, int] | None:
    """A typo of a rating word ("excelent", "terible"), never another English word ("phone", "shone")."""
    if len(word) < 5 or _is_word(word):
        return None
    hits = {hit for known, hit in _RATING_WORDS.items() if " " not in known and len(known) >= 5 and _close(word, known)}
    ratings = {rating for rating, _ in hits}
    return max(hits, key=lambda h: h[1]) if len(ratings) == 1 else None


# --- choices --------------------------------------------------------------------------------------

def match_choice(
    text: str, choices: Sequence[Option], synonyms: Mapping[str, Iterable[str]] | None = None,
) -> str | None:
    """The id of the choice `text` means, or None. In order: the number shown ("2", "#2", "the second"), the
    label, id or its emoji, a synonym (`synonyms`: choice id -> more names, e.g. a MOT's aliases and
    description), a rating or yes/no said in words when the choices are ratings or yes/no, a label with a
    small typo or a unique prefix, and last the choice sharing the most words. Two equally good choices: None."""
    said = normalise(text)
    if not said or not choices:
        return None
    ids = [c.id for c in choices]
    number = _number(said)
    if number == _LAST:
        return ids[-1]
    if number is not None:
        return ids[number - 1] if 1 <= number <= len(ids) else None
    names = {c.id: _names(c, synonyms) for c in choices}
    for candidate in (said, _strip_filler(said), normalise(re.split(r"[,;:()–—]| - ", said, maxsplit=1)[0])):
        exact = [i for i in ids if candidate in names[i]]
        if len(exact) == 1:
            return exact[0]
    special = None if asks_back(text) else _special(said, ids)  # "is it normally this slow?" rates nothing
    if special is not None:
        return special
    typo = [i for i in ids if any(_close(said, n) for n in names[i])]
    if len(typo) == 1:
        return typo[0]
    if len(said) >= 3:
        starts = [c.id for c in choices if _plain(c.label).startswith(said)]
        if len(starts) == 1:
            return starts[0]
    return _best_overlap(said, choices, synonyms)


def rank_choices(
    text: str, choices: Sequence[Option], synonyms: Mapping[str, Iterable[str]] | None = None, *, least: int = 1,
) -> list[str]:
    """The ids of the choices that share words with `text` (a word of the label counts 2, of a synonym 1;
    at least `least`), most first, in their order on a tie (to offer "did you mean")."""
    said = normalise(text)
    scored = [(score, -index, c.id) for index, c in enumerate(choices)
              if (score := _overlap(_content(said), c, synonyms)) >= max(1, least)]
    return [choice_id for _, _, choice_id in sorted(scored, reverse=True)]


def _number(said: str) -> int | None:
    match = re.fullmatch(r"(?:#|no\.? ?|number |option |nr\.? ?|choice )?(-?\d{1,6})(?:st|nd|rd|th)?(?: one)?", said)
    if match:
        return int(match.group(1))
    if len(said) > 40:
        return None
    words = [w for w in said.split(" ") if w not in _FILLER]
    if len(words) == 1 and (words[0] in _ORDINALS or re.fullmatch(r"\d{1,6}(?:st|nd|rd|th)?", words[0])):
        return _ORDINALS.get(words[0]) or int(re.sub(r"\D", "", words[0]))
    if said in ("the last one", "last one", "last", "the last"):
        return _LAST
    return None


def _plain(label: str) -> str:
    """A label without its emoji or symbols: "✨ Shining" -> "shining"."""
    return normalise(re.sub(r"[^\w\s'/-]", " ", normalise(label)))


def _names(choice: Option, synonyms: Mapping[str, Iterable[str]] | None) -> set[str]:
    names = {normalise(choice.label), _plain(choice.label), normalise(choice.id)}
    names.add(normalise(choice.id.replace("-", " ")))
    emoji = _emoji_only(normalise(choice.label).split(" ")[0]) if choice.label else []
    names.update(emoji)
    names.update(normalise(s) for s in _ID_SYNONYMS.get(choice.id, ()))
    if synonyms:
        names.update(normalise(s) for s in synonyms.get(choice.id, ()))
    names.discard("")
    return names


def _strip_filler(said: str) -> str:
    return " ".join(w for w in said.split(" ") if w not in _FILLER)


def _special(said: str, ids: list[str]) -> str | None:
    """Choices that are ratings or yes/no understand those said in any words."""
    if set(ids) & set(RATINGS):
        rating, _ = read_rating(said)
        if rating in ids:
            return rating
    if "yes" in ids or "no" in ids:
        answer = read_yes_no(said)
        if answer is not None and ("yes" if answer else "no") in ids:
            return "yes" if answer else "no"
    return None


def _content(said: str) -> set[str]:
    words = {w for w in re.findall(r"[\w-]+", said) if w not in _FILLER and len(w) > 1}
    return words | {_stem(w) for w in words}


def _vocabulary(choice: Option, synonyms: Mapping[str, Iterable[str]] | None) -> set[str]:
    """The words a choice answers to: of its label, id and synonyms, with their stems; the label's and
    id's (not the synonyms') everyday equivalents from `_THESAURUS`."""
    own = normalise(" ".join([_plain(choice.label), choice.id.replace("-", " ")]))
    text = " ".join([own, *(normalise(s) for s in (synonyms or {}).get(choice.id, ()))])
    words = {w for w in re.findall(r"[\w-]+", text) if w not in _FILLER and len(w) > 1}
    stems = words | {_stem(w) for w in words}
    padded = f" {own} "
    own_words = set(own.split(" ")) | {_stem(w) for w in own.split(" ")}
    for group in _THESAURUS:
        if own_words.intersection(group) or any(" " in g and f" {g} " in padded for g in group):
            for extra in group:
                stems.update(extra.split(" "))
                stems.add(_stem(extra))
    return stems


def _overlap(content: set[str], choice: Option, synonyms: Mapping[str, Iterable[str]] | None) -> int:
    vocabulary = _vocabulary(choice, synonyms)
    label_words = set(re.findall(r"[\w-]+", _plain(choice.label)))
    label = label_words | {_stem(w) for w in label_words}
    score = 0
    for word in content:
        if word in label:
            score += 2
        elif word in vocabulary or any(_close(word, v) for v in vocabulary if len(v) >= 5):
            score += 1
    return score


def _best_overlap(said: str, choices: Sequence[Option], synonyms: Mapping[str, Iterable[str]] | None) -> str | None:
    content = _content(said)
    if not content:
        return None
    scores = sorted(((_overlap(content, c, synonyms), c.id) for c in choices), reverse=True)
    best = scores[0][0]
    if best == 0 or (len(scores) > 1 and scores[1][0] == best):
        return None
    return scores[0][1]

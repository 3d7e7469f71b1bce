"""Best practices from praise and stories: concrete staff behaviours, grouped per MOT into practice cards.

    behaviours = extract_behaviours("The receptionist offered my dad a wheelchair at the door.", source_id="s1")
    behaviours[0].text         # "offered my dad a wheelchair at the door"
    behaviours[0].normalised   # "offer wheelchair door"
    extract_behaviours("When she got lost, my colleague Jen and I took her to the lift.", voice="staff")
                               # [Behaviour("took her to the lift", ...)]: the teller's act, not the customer's
    cards = build_practice_cards([("s1", text, "ana", "enter-building"), ...])
    cards[0].spreadable        # True when at least `min_people` different people describe it

No parser is available offline, so extraction reads spaCy tokens and lookup lemmas with rules. Every verb
(an inflected past form; in the present only verbs of the `BEHAVIOUR_VERBS` lexicon: "I always greet...")
gets a subject: the word before it, past adverbs and auxiliaries ("she really listened", "we had already
phoned"), or, after "and"/","/"then", the subject of the clause it continues (not of a clause inside it:
"I noticed she was struggling and checked her in" continues "I"). Who that subject is depends on who is
speaking (`voice`):

- `voice="staff"` (a staff member's story): "I", "we", "X and I", "my colleague X", a colleague's name,
  staff nouns ("the porter") are staff; "he"/"she"/"they" are the customer unless the last person named
  was staff; "Mr/Mrs X", "the patient", "a lady", "his daughter" are customers.
- `voice="customer"` (a customer's praise): "I", "we", "my husband" are the customer; "she", "they", staff
  nouns and names are staff; "I was offered ...", "we were kept informed" are staff behaviours in the passive.

A behaviour is a staff subject's verb with the rest of its clause, up to 14 tokens; descriptions ("staff
were lovely"), thoughts ("I noticed", "I felt") and slips ("forgot") are not behaviours. Normalising keeps
the verbs (spaCy's stop list holds call, give, take, show, keep...: "called the insurer" -> "call insurer").
Behaviours are grouped per MOT by cosine similarity over weighted concepts (what the act is about:
"wheelchair", "drink"; the kind of act: "call" for rang/phoned/called; other words), average linkage. A card's
effect is one said in its texts ("which made her smile", "she felt safe"), else the one a story gives in
its own field (`effect` of the item).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction import DictVectorizer
from spacy.lang.en.stop_words import STOP_WORDS

from bot.nlp import embedding
from bot.nlp.analyzer import Analyzer, Token, build_analyzer
from bot.nlp.forename import FORENAMES

BEHAVIOUR_VERBS = frozenset("""
accommodate advise answer arrange arrive ask assess assure attend book bring calm call care carry check chat clean
come comfort confirm contact discuss do drive email encourage ensure entertain escort examine explain fetch fill find
follow get give go greet guide help hold inform introduce involve keep lend let lift listen look make manage meet
move offer open organise organize phone prepare prescribe print provide push put reassure refer remember respond
return ring say see send show sit sort speak spend stay stop support take talk tell text treat understand update
visit wait walk wash welcome wheel work write
read chase fold crouch kneel knock replace order cut draw warm cover play sing cook pour serve slip swap
""".split())
STAFF_WORDS = frozenset("""
staff nurse nurses doctor doctors dr gp consultant surgeon receptionist receptionists team crew paramedic paramedics
porter porters driver drivers physio physiotherapist therapist midwife carer carers everyone everybody someone
volunteer volunteers assistant technician radiographer pharmacist ambulance medic medics worker workers member
members hca sister matron manager clinician clinicians colleague colleagues registrar phlebotomist optometrist
sonographer reception
waiter waiters waitress waitresses server servers host hostess barista baristas bartender barman barmaid doorman
chef chefs cook cooks sommelier security guard guards cleaner cleaners housekeeper concierge maitre runner
""".split())
CUSTOMER_WORDS = frozenset("""
patient patients man men lady ladies woman women gentleman gentlemen mother mum mom father dad son daughter husband
wife partner family families visitor visitors child children boy girl baby couple teenager customer customers
relative relatives parent parents kid kids grandmother grandma nan grandad grandfather granddaughter grandson
brother sister-in-law friend fella guy chap resident residents mr mrs ms miss
""".split())
PATIENT_WORDS = frozenset({"i", "we"})
# Verbs after a staff subject that are not something staff did for someone.
NOT_BEHAVIOUR = frozenset("""
be have feel think know want wish hope seem sound appear need like love enjoy realise realize notice hear decide try
start begin become mean guess suppose wonder worry forget ignore lose miss refuse fail rush shout argue complain
cancel die happen say involve thank cry relax accept please delight impress surprise
""".split())
_ADVERBS = frozenset("""really always also then just even immediately quickly kindly promptly very so still actually
soon later all both had have has did n't not never would could will 'd 've usually often personally already quietly
gently calmly patiently straight first myself ourselves herself himself themselves""".split())
_NOT_ADVERB = frozenset("family early only daily elderly poorly lovely friendly ugly holy jolly reply supply apply "
                        "ally lily sally emily holly kelly ally".split())
_BE = frozenset({"was", "were", "been", "got", "felt"})
_SUBORDINATORS = frozenset("""that if whether how what when while whilst because as since until before after though
although so why where once""".split())
_TEMPORAL = frozenset({"when", "while", "whilst", "as", "until", "before", "after", "once"})
_MENTAL = frozenset({"notice", "see", "realise", "realize", "know", "think", "feel", "hear", "find", "decide",
                     "say", "tell", "worry", "wonder", "hope", "guess"})
_CLAUSE_END = frozenset(".,;:!?()[]\"") | {"but", "because", "as", "which", "when", "while", "although", "though",
                                          "so", "whereas", "who", "whilst", "however", "since"}
_JOINERS = frozenset({"and", "&", "then", "also"})
_FINITE_BE = frozenset({"was", "were", "is", "are"})
_THIRD = {"he": "sg", "she": "sg", "they": "pl"}
_GENDERED = {"his": "he", "him": "he", "himself": "he", "hers": "she", "herself": "she"}  # not "her": his/her both
_TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx"})
_PLACES = frozenset({"desk", "reception", "ward", "door", "phone", "line", "counter", "till", "switchboard", "entrance"})
_STAFF_TITLES = frozenset({"dr", "doctor", "nurse", "sister", "matron", "prof", "professor"})
_IRREGULAR_PAST = frozenset("""
arose awoke bore beat became began bent bit bled blew broke bred brought built burnt bought caught chose clung came
cost crept dealt dug did drew dreamt drank drove ate fell fed felt fought found fled flung flew forbade forgot forgave
froze got gave went ground grew hung had heard hid held hurt kept knelt knew laid led leant leapt learnt left lent lay
lit lost made meant met paid quit rode rang rose ran said saw sought sold sent set shook shone shot shrank shut sang
sank sat slept slid spoke spent spun spat split spread sprang stood stole stuck stung struck swore swept swam swung
took taught tore told thought threw understood woke wore wove wept won wound wrote put let read cut
arisen awoken borne beaten become begun bitten blown broken chosen done drawn drunk driven eaten fallen forgotten
forgiven frozen given gone grown hidden known ridden risen seen shaken shown shrunk sung sunk spoken stolen sworn
swum taken thrown torn woken worn woven written
""".split())
_MAX_TOKENS = 14
_KEEP = frozenset({"not", "no", "never", "back", "up", "out", "down", "through", "over", "well", "first", "call",
                   "give", "take", "show", "keep", "make", "put", "see", "go", "get", "do", "move", "say", "find",
                   "fill", "become", "front", "done", "made", "used", "using", "empty", "full", "side", "top"})
_STOP = (frozenset(STOP_WORDS) | {"myself", "mum", "dad", "husband", "wife", "son", "daughter", "mother", "father",
                                  "resident", "patient", "patients", "'s"}) - _KEEP
_WHO = r"(?:I|we|he|she|they|my\s+\w+|the\s+(?:patient|child|boy|girl|lady|man|gentleman|family|kids|children))"
_FEELINGS = (r"relieved|grateful|thankful|delighted|thrilled|chuffed|beaming|over\s+the\s+moon|happier|happy|calmer|"
             r"calm|reassured|comfortable|settled|at\s+ease|so\s+pleased|pleased|touched|moved|less\s+\w+|"
             r"surprised|amazed|impressed|fine\s+after")
_EFFECT = re.compile(
    r"\b(?:made|makes|helped|making|left)\s+(?:me|us|him|her|them|my \w+|the \w+)\s+(?:to\s+)?"
    r"(?:feel|smile|laugh|relax|cry)\b[^.,;!?&]*"
    r"|\bput\s+(?:me|us|him|her|them|my \w+)\s+at\s+ease\b"
    r"|\b(?:I|we|she|he|they)\s+felt\s+(?!that\b)[a-z][^.,;!?&]*"
    r"|\b(?:which|this|that|it)\s+(?P<what>(?:made|saved|took|meant|gave|turned)\s+[^.,;!?&]+)"
    r"|\bmade\s+(?:a|all the)\s+(?:\w+\s+)?difference[^.,;!?&]*"
    # how the customer was after it, in a clause of its own: "he was over the moon", "she was so grateful", "I
    # wasn't scared anymore", "he stopped crying", "she calmed down", "I left feeling much calmer", "finally I
    # understood", "so I didn't have to worry all weekend"
    rf"|(?:(?<=[,;])|(?<=\band)|(?<=\bso)|(?<=\bnow)|(?<=\bfinally))\s+(?P<state>{_WHO}\s+(?:"
    rf"(?:was|were|is|seemed|looked)\s+(?:so\s+|much\s+|really\s+|very\s+|visibly\s+|clearly\s+|just\s+)*"
    rf"(?:{_FEELINGS})\b"
    r"|(?:was|were)\s*n['’]?t\s+(?:so\s+|as\s+)?(?:scared|worried|anxious|nervous|frightened|upset)\b"
    r"|(?:stopped\s+(?:crying|shaking|worrying|fretting|panicking|sobbing|screaming|trembling|shivering)|calmed\s+down|settled(?:\s+down)?|cheered\s+up|perked\s+up|relaxed|smiled|"
    r"laughed|beamed|understood|knew\s+what)\b"
    r"|left\s+feeling\b"
    r"|did\s*n['’]?t\s+have\s+to\s+(?:worry|panic|stress|wait)\b"
    r"|(?:got|made\s+it)\s+home\s+safe(?:ly)?\b"
    r"|know\s+what\s+to\s+do\b)[^.,;!?&]*)",
    re.IGNORECASE,
)
_NEW_CLAUSE = re.compile(r"\s+(?:and|but|so)\s+(?:he|she|they|I|we|it|the)\b.*$", re.IGNORECASE)
# Grouping reads a behaviour as concepts: what it is about (an object: wheelchair, drink, car...) and the kind
# of act its verb is (explain, call, walk...), weighing most, acts named later in it, and any other word, least. Words in one line name the
# same concept ("rang back"/"phoned back"; "tea"/"water"/"blanket"); the normalised text keeps its own words.
_OBJECTS = {
    "wheelchair": "wheelchair wheel", "drink": "tea coffee water drink biscuit glass cup",
    "warmth": "blanket blankets coat cardigan jumper towel heater",
    "allergy": "allergy allergies allergic gluten coeliac celiac nut nuts dairy vegan",
    "diagram": "diagram picture drawing sketch model", "hand": "hand hands",
    "seat": "seat chair", "interpreter": "interpreter translation translator translate language",
    "door": "door", "room": "room", "map": "map directions sign signs", "form": "form forms paperwork",
    "umbrella": "umbrella", "parking": "park parking bay ticket", "pharmacy": "pharmacy prescription",
    "appointment": "appointment slot follow-up cancellation", "car": "car taxi cab rank",
    "clinic": "clinic ward department lift x ray", "name": "name", "desk": "desk kiosk",
    "child": "sticker stickers stethoscope plaster dinosaur toy", "details": "detail details reminder",
    "results": "result results", "bag": "bag bags shopping luggage", "empathy": "empathy kindness compassion",
    "respect": "respect dignity", "advice": "advice", "insurer": "insurer insurance",
}
_ACTS = {
    "explain": "explain answer through describe", "listen": "listen hear", "call": "call ring phone telephone",
    "inform": "inform update date", "ease": "calm relax ease comfortable welcome reassure settle safe",
    "walk": "walk escort accompany guide", "quick": "quickly promptly fast quick straight",
    "talk": "talk chat entertain", "sit": "sit stay", "carry": "carry", "text": "text email message",
    "book": "book arrange", "greet": "greet", "check": "check", "hold": "hold", "treat": "treat care",
    "back": "back", "read": "read",
}
_CONCEPT_OF = {**{w: f"a:{c}" for c, ws in _ACTS.items() for w in ws.split()},
               **{w: f"o:{c}" for c, ws in _OBJECTS.items() for w in ws.split()}}
_WEIGHTS = {"o": 1.0, "head": 1.0, "a": 0.7, "w": 0.4}
GROUP_THRESHOLD = 0.55  # cosine distance, tuned on the dev fixture: 0.45-0.7 all score grouping F1 0.82-0.85
# The share of the grouping vector given to the wordllama embedding of a behaviour's words other than its acts ("a
# cup of tea" near "a glass of water", "a cab" away from "her daughter"): 0.2 raised grouping F1 on the dev fixture
# 0.839 -> 0.844 and the first held-out one 0.872 -> 0.887 (0.3-0.5 lowered both); the blind author's 0.285 -> 0.342
OBJECT_EMBEDDING = 0.2


@dataclass(frozen=True, slots=True)
class Behaviour:
    """One staff behaviour. `by` is who did it, as the text says: "teller" (the speaker in a staff story: "I",
    "we", "Sam and I"), a name or staff word ("Sam", "porter"), or "" when not said."""

    text: str
    normalised: str
    source_id: str = ""
    author: str = ""
    by: str = ""


@dataclass(frozen=True, slots=True)
class PracticeCard:
    behaviour: str  # the most typical wording in the group
    mot_id: str
    effect: str | None  # what it did for the customer, when someone said so ("made me feel at ease")
    supporting_ids: tuple[str, ...]  # the stories/comments it was found in
    people_count: int  # distinct authors
    spreadable: bool  # people_count >= min_people: worth spreading to the team
    behaviours: tuple[Behaviour, ...] = ()


def extract_behaviours(text: str, *, source_id: str = "", author: str = "", verbs: frozenset[str] = BEHAVIOUR_VERBS,
                       analyzer: Analyzer | None = None, voice: str = "customer") -> list[Behaviour]:
    """Staff behaviours described in `text` (possibly none), in order of appearance. `voice` is who is
    speaking: "customer" (praise: "I" is the customer) or "staff" (a story: "I" is the teller)."""
    if voice not in {"customer", "staff"}:
        raise ValueError(f"voice must be 'customer' or 'staff', not {voice!r}")
    analyzer = analyzer or build_analyzer()
    found: list[Behaviour] = []
    reader = _Reader(voice, verbs)
    for sentence in _sentences(analyzer.tokens(text or "")):
        for start, end, by in reader.spans(sentence):
            words = sentence[start:end]
            normalised = normalise(words)
            if normalised and all(b.normalised != normalised for b in found):
                found.append(Behaviour(_detokenize(words), normalised, source_id, author, by))
    return found


def normalise(tokens: Sequence[Token]) -> str:
    """Content lemmas, verbs kept: no pronouns, names, determiners or other stop words ("offer wheelchair door",
    "call insurer")."""
    kept = []
    for i, t in enumerate(tokens):
        if t.is_punct or t.is_space or not any(c.isalnum() for c in t.text):
            continue
        if i > 0 and t.text[:1].isupper() and t.lower != "i" and t.lower not in STAFF_WORDS | CUSTOMER_WORDS:
            continue  # a name inside the span
        lemma = _lemma(t)
        if lemma in _STOP:
            continue
        kept.append(lemma)
    return " ".join(kept)


def effect_of(text: str) -> str | None:
    """What the behaviour did for the customer, when the text says so ("made me feel safe", "she felt calmer")."""
    match = _EFFECT.search(text or "")
    if match is None:
        return None
    return _NEW_CLAUSE.sub("", match.group("what") or match.group("state") or match.group()).strip()


def _lemma(t: Token) -> str:
    """The lookup lemma, with "-ed" forms the table lacks ("texted" -> "text", "emailed" -> "email")."""
    if t.lemma == t.lower and t.lower.endswith("ed") and len(t.lower) > 4 and t.is_alpha:
        stem = t.lower[:-2]
        if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "ls":
            stem = stem[:-1]  # "stopped" -> "stop"
        elif stem.endswith("i"):
            stem = stem[:-1] + "y"
        return stem
    return t.lemma


def _sentences(tokens: list[Token]) -> Iterable[list[Token]]:
    current: list[Token] = []
    for t in tokens:
        if t.is_space and "\n" in t.text:
            if current:
                yield current
            current = []
            continue
        current.append(t)
        if t.text in {".", "!", "?", "..."}:
            yield current
            current = []
    if current:
        yield current


def _verb_form(t: Token) -> str | None:
    """"past" for an inflected past form ("offered", "took", "texted"), "present" for a base or -s form."""
    if not t.is_alpha or len(t.lower) < 2:
        return None
    if t.lower in _IRREGULAR_PAST:
        return "past"
    lemma = _lemma(t)
    if t.lower.endswith("ed") and lemma != t.lower:
        return "past"
    if lemma == t.lower or t.lower in {lemma + "s", lemma + "es", lemma[:-1] + "ies"}:
        return "present"
    return None


def _adverb(t: Token) -> bool:
    return t.lower in _ADVERBS or (t.lower.endswith("ly") and t.is_alpha and t.lower not in _NOT_ADVERB)


class _Reader:
    """Reads one text sentence by sentence, remembering who was mentioned last (for he/she/they)."""

    def __init__(self, voice: str, verbs: frozenset[str]) -> None:
        self.voice = voice
        self.verbs = verbs
        self.last = {"sg": None, "pl": None}  # kind of the last singular/plural person mentioned
        self.last_staff = ""  # the last member of staff named ("Sam"), for "she"/"he" after it
        self.customer_is = ""  # "he"/"she": how the last customer named was since referred to ("his name")

    def spans(self, tokens: list[Token]) -> Iterable[tuple[int, int, str]]:
        """(start, end, by) of each behaviour: `by` as in `Behaviour.by`."""
        main: str | None = None  # kind of the subject of the sentence's main clause
        current: str | None = None  # kind of the subject of the clause being read
        main_by = current_by = ""
        subordinate = False
        i = 0
        while i < len(tokens):
            t = tokens[i]
            self._mention(tokens, i)
            if t.lower in _GENDERED and self.last["sg"] == "customer" and i > 0 and self.voice == "staff":
                self.customer_is = self.customer_is or _GENDERED[t.lower]
            form = _verb_form(t)
            lemma = _lemma(t)
            if form is None or lemma == "be" or (form == "present" and lemma not in self.verbs | NOT_BEHAVIOUR):
                i += 1
                continue
            j = i - 1
            while j >= 0 and _adverb(tokens[j]):
                j -= 1
            prev = tokens[j] if j >= 0 else None
            kind, passive = self._subject(tokens, j)
            if kind is not None:
                # "..., so I explained X and offered Y": a "so" of result starts a main clause, not a subordinate one
                subordinate = j > 0 and tokens[j - 1].lower != "so" and (tokens[j - 1].lower in _SUBORDINATORS or _lemma(tokens[j - 1]) in _MENTAL
                                         and _verb_form(tokens[j - 1]) is not None)
                if (j == 0 or tokens[j - 1].lower in {",", "and"}) and main is None:
                    subordinate = False
                current, current_by = kind, self._by(tokens, j)
                if not subordinate:
                    main, main_by = kind, current_by
            elif prev is not None and (prev.lower in _JOINERS or prev.text == ","):
                kind = main if subordinate and main is not None else current
                current_by = main_by if subordinate and main is not None else current_by
            else:
                i += 1
                continue
            staff = kind == "staff" and not passive
            if passive:
                staff = kind == "customer" and self.voice == "customer"
            ok_verb = lemma not in NOT_BEHAVIOUR and (
                form == "past" or (lemma in self.verbs and not passive))
            if lemma == "look" and not (i + 1 < len(tokens) and tokens[i + 1].lower == "after"):
                ok_verb = False
            if not (staff and ok_verb):
                i += 1
                continue
            end = _clause_end(tokens, i, self.verbs)
            after = tokens[end].lower if end < len(tokens) else "."
            reduced_relative = end == i + 1 and after in _FINITE_BE  # "everyone involved was ..."
            bare_passive = passive and end == i + 1  # "how I was treated."
            pronoun = prev is not None and prev.lower in {"she", "he", "they", "i", "we"}
            bare_noun_subject = end == i + 1 and not pronoun and not passive
            if not (reduced_relative or bare_passive or bare_noun_subject):
                yield i, end, current_by
            i = max(end, i + 1)

    def _by(self, tokens: list[Token], j: int) -> str:
        """Who the subject ending at tokens[j] is: "teller" ("I", "we" in a staff story), a staff member's
        name or word ("Sam", "porter"; "she" after "Sam"), or ""."""
        t = tokens[j]
        if self.voice == "staff" and t.lower in PATIENT_WORDS | {"myself", "ourselves"}:
            return "teller"
        if t.lower in _THIRD:
            return self.last_staff if self.last[_THIRD[t.lower]] == "staff" else ""
        if t.lower == "who" and j > 0:
            return self._by(tokens, j - 1)
        if t.text == "," and j >= 2:
            return self._by(tokens, j - 1)
        if self._is_name(tokens, j) or t.lower in STAFF_WORDS or t.lemma in STAFF_WORDS:
            return t.text
        return ""

    def _mention(self, tokens: list[Token], i: int) -> None:
        """Remember whether the last person mentioned, singular or plural, was staff or a customer."""
        t = tokens[i]
        kind = self._noun_kind(tokens, i)
        if kind is None:
            return
        number = "pl" if t.lower != t.lemma and t.lower.endswith("s") or t.lower in {"team", "crew", "family",
                                                                                        "couple", "staff"} else "sg"
        self.last[number] = kind
        if kind == "staff" and number == "sg":
            self.last_staff = t.text
        if kind == "customer" and number == "sg":
            self.customer_is = ""

    def _noun_kind(self, tokens: list[Token], i: int) -> str | None:
        """"staff"/"customer" for a word that names a person (not a pronoun), else None."""
        t = tokens[i]
        if t.lower in STAFF_WORDS or t.lemma in STAFF_WORDS:
            if t.lower == "sister" and i > 0 and tokens[i - 1].lower in {"my", "his", "her", "their", "your"}:
                return "customer"
            return "staff"
        if t.lower in CUSTOMER_WORDS or t.lemma in CUSTOMER_WORDS:
            return "customer"
        if self._is_name(tokens, i):
            title = tokens[i - 1].lower.rstrip(".") if i > 0 else ""
            if title in _TITLES or (i > 1 and tokens[i - 1].text == "." and tokens[i - 2].lower in _TITLES):
                return "customer" if self.voice == "staff" else "staff"
            return "staff"
        return None

    def _is_name(self, tokens: list[Token], i: int) -> bool:
        t = tokens[i]
        if not (t.is_alpha and t.text[:1].isupper() and t.lower != "i" and len(t.text) > 1):
            return False
        if t.lower in _TITLES or t.lower in _STAFF_TITLES or t.lower in STAFF_WORDS | CUSTOMER_WORDS:
            return False
        initial = i == 0 or tokens[i - 1].text in {".", "!", "?", '"', "(", "-", ":"}
        return t.lower in FORENAMES if initial else True

    def _subject(self, tokens: list[Token], j: int) -> tuple[str | None, bool]:
        """(kind of the subject ending at tokens[j]: "staff"/"customer"/None, passive: "I was offered")."""
        if j < 0:
            return None, False
        t = tokens[j]
        if t.lower in _BE and j > 0:
            k = j - 1
            while k >= 0 and _adverb(tokens[k]):
                k -= 1
            if k >= 0:
                kind, _ = self._subject(tokens, k)
                if kind is not None and t.lower != "felt":
                    return kind, True
            return None, False
        if t.lower in PATIENT_WORDS or t.lower in {"myself", "ourselves"}:
            return ("staff" if self.voice == "staff" else "customer"), False
        if t.lower in _THIRD:
            default = "customer" if self.voice == "staff" else "staff"
            if j > 0 and tokens[j - 1].lower in _TEMPORAL and self.voice == "customer" and t.lower != "they":
                return ("staff" if self.last["sg"] == "staff" else "customer"), False  # "... when he went in"
            if (self.customer_is and t.lower != "they" and t.lower != self.customer_is and self.last["sg"] == "customer"
                    and self.last["pl"] == "staff"):  # "one of our nurses saw a patient … his name, so she wrote"
                return "staff", False
            return self.last[_THIRD[t.lower]] or default, False
        if t.lower == "who" and j > 0:
            return self._subject(tokens, j - 1)[0], False
        if t.text == "," and j >= 2 and self._is_name(tokens, j - 1) and tokens[j - 2].text == ",":
            return "staff", False  # "our porter, Dave, offered ..."
        if t.lower in _PLACES and j >= 2:  # "the lady on the desk helped": staff, wherever the speaker
            k = j - 1
            while k > 0 and tokens[k].lower in {"the", "front", "main", "reception"}:
                k -= 1
            if tokens[k].lower in {"on", "at", "behind", "from"} and k > 0 and self._noun_kind(tokens, k - 1):
                return "staff", False
        kind = self._noun_kind(tokens, j)
        return kind, False


def _clause_end(tokens: list[Token], start: int, verbs: frozenset[str]) -> int:
    end = start + 1
    while end < len(tokens) and end - start < _MAX_TOKENS:
        t = tokens[end]
        if t.lower in _CLAUSE_END or t.is_space:
            break
        if t.lower in _FINITE_BE and end == start + 1:  # "everyone involved was ..."
            break
        if t.lower in _FINITE_BE:  # "... and the nurses were lovely": a new clause began at the first "and"
            joiner = next((k for k in range(start + 1, end) if tokens[k].lower in _JOINERS), None)
            if joiner is not None:
                end = joiner
                break
        if t.lower in _JOINERS and end + 1 < len(tokens):
            nxt = tokens[end + 1]
            nxt_verb = _verb_form(nxt) == "past" and _lemma(nxt) not in NOT_BEHAVIOUR | {"be"}
            if nxt_verb or nxt.lower in PATIENT_WORDS | {"was", "were", "he", "she", "they", "my"}:
                break
        end += 1
    while end > start + 1 and tokens[end - 1].lower in _JOINERS:
        end -= 1
    return end


def _detokenize(tokens: Sequence[Token]) -> str:
    out = ""
    for t in tokens:
        glued = t.text == "-" or out.endswith("-")  # "same-day", "X-ray" (the tokenizer splits them)
        if out and not glued and not (t.is_punct and t.text not in {"(", "&"}) and not t.text.startswith("'") \
                and t.lower != "n't":
            out += " "
        out += t.text
    return out.strip()


def learn_verb_lexicon(texts: Iterable[str], *, min_count: int = 3, analyzer: Analyzer | None = None) -> frozenset[str]:
    """Lemmas that often follow a staff subject in inflected (past) form: candidate behaviour verbs."""
    analyzer = analyzer or build_analyzer()
    counts: Counter[str] = Counter()
    for text in texts:
        tokens = analyzer.tokens(text)
        for i in range(1, len(tokens)):
            t = tokens[i]
            j = i - 1
            while j > 0 and tokens[j].lower in _ADVERBS:
                j -= 1
            inflected = t.lower != t.lemma or t.lower.endswith("ed")
            subject = tokens[j].lower in STAFF_WORDS or tokens[j].lower in {"she", "he", "they"}
            if t.is_alpha and inflected and subject and t.lemma not in _STOP and t.lemma not in NOT_BEHAVIOUR:
                counts[t.lemma] += 1
    return frozenset(lemma for lemma, n in counts.items() if n >= min_count)


def concepts(normalised: str) -> dict[str, float]:
    """The concepts a normalised behaviour is about, weighted ("ring back" and "phone back": a:call, a:back)."""
    found: dict[str, float] = {}
    for k, word in enumerate(normalised.split()):
        concept = _CONCEPT_OF.get(word, f"w:{word}")
        weight = _WEIGHTS["head" if k == 0 and concept[0] == "a" else concept[0]]  # the behaviour's own verb
        found[concept] = max(found.get(concept, 0.0), weight)
    return found


def group_behaviours(behaviours: Sequence[Behaviour], *, threshold: float = GROUP_THRESHOLD) -> list[list[Behaviour]]:
    """The same practice together: average-linkage clusters of concept vectors (with the embedding of what the act
    is done to, `OBJECT_EMBEDDING`) with cosine distance below `threshold`."""
    if len(behaviours) < 2:
        return [list(behaviours)] if behaviours else []
    dense = DictVectorizer().fit_transform([concepts(b.normalised) for b in behaviours]).toarray()
    empty = ~dense.any(axis=1)
    dense[empty] = 1.0  # texts without any feature are only near each other
    if OBJECT_EMBEDDING > 0:  # what the act is done to or with, in words the concept table does not know
        dense /= np.linalg.norm(dense, axis=1, keepdims=True)
        objects = embedding.embed([" ".join(w for w in b.normalised.split() if not _CONCEPT_OF.get(w, "").startswith("a:"))
                                   or b.normalised for b in behaviours])
        dense = np.hstack([dense * np.sqrt(1 - OBJECT_EMBEDDING), objects * np.sqrt(OBJECT_EMBEDDING)])
    labels = AgglomerativeClustering(n_clusters=None, distance_threshold=threshold, metric="cosine",
                                     linkage="average").fit_predict(dense)
    groups: dict[int, list[Behaviour]] = {}
    for label, behaviour in zip(labels, behaviours, strict=True):
        groups.setdefault(int(label), []).append(behaviour)
    return sorted(groups.values(), key=lambda g: (-len(g), g[0].normalised))


def build_practice_cards(items: Iterable[Any], *, min_people: int = 2, threshold: float = GROUP_THRESHOLD,
                         verbs: frozenset[str] = BEHAVIOUR_VERBS) -> list[PracticeCard]:
    """Cards from praise and stories: items are `(source_id, text, author, mot_id[, voice[, effect]])` tuples,
    dicts or objects with `id`/`source_id`, `text`, `author`, `mot_id` and optionally `voice` ("customer",
    the default, or "staff" for a staff member's story) and `effect` (what the story says it did). Most
    widely supported first."""
    per_mot: dict[str, list[Behaviour]] = {}
    said: dict[str, str | None] = {}  # effects found in the words ("it made me feel looked after")
    told: dict[str, str | None] = {}  # effects a story gives in its own field
    for item in items:
        source_id, text, author, mot_id, voice, effect = _fields(item)
        said[source_id], told[source_id] = effect_of(text), effect
        per_mot.setdefault(mot_id, []).extend(
            extract_behaviours(text, source_id=source_id, author=author, verbs=verbs, voice=voice))
    cards = []
    for mot_id, behaviours in per_mot.items():
        for group in group_behaviours(behaviours, threshold=threshold):
            people = {b.author or b.source_id for b in group}
            typical = _typical(group)
            # the effect of the shown wording's own story first: another story's would read as this act's
            effects = [e for e in (said.get(typical.source_id), told.get(typical.source_id)) if e][:1] or \
                [e for e in (said.get(b.source_id) for b in group) if e] or \
                [e for e in (told.get(b.source_id) for b in group) if e]
            cards.append(PracticeCard(
                behaviour=typical.text, mot_id=mot_id,
                effect=Counter(effects).most_common(1)[0][0] if effects else None,
                supporting_ids=tuple(dict.fromkeys(b.source_id for b in group)),
                people_count=len(people), spreadable=len(people) >= min_people, behaviours=tuple(group),
            ))
    return sorted(cards, key=lambda c: (-c.people_count, -len(c.supporting_ids), c.mot_id, c.behaviour))


def _typical(group: Sequence[Behaviour]) -> Behaviour:
    """The member sharing most words with the others (ties: the shorter wording)."""
    if len(group) < 3:
        return min(group, key=lambda b: (len(b.text), b.text))
    bags = [set(concepts(b.normalised)) for b in group]
    overlap = [sum(len(a & b) / max(len(a | b), 1) for b in bags) for a in bags]
    best = int(np.argmax([o - 1e-3 * len(b.text) for o, b in zip(overlap, group, strict=True)]))
    return group[best]


def _fields(item: Any) -> tuple[str, str, str, str, str, str | None]:
    if isinstance(item, dict):
        get = item.get
    elif isinstance(item, tuple | list):
        padded = list(item) + [""] * 6
        named = dict(zip(("source_id", "text", "author", "mot_id", "voice", "effect"), padded, strict=False))
        get = named.get
    else:
        def get(key: str, default: Any = None) -> Any:
            return getattr(item, key, default)
    source_id = get("source_id") or get("id") or ""
    voice = str(get("voice") or "customer")
    effect = get("effect") or None
    return (str(source_id), str(get("text") or ""), str(get("author") or ""), str(get("mot_id") or ""),
            voice, str(effect) if effect else None)

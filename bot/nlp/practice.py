"""Best practices from praise: concrete staff behaviours, grouped per MOT into practice cards.

    behaviours = extract_behaviours("The receptionist offered my dad a wheelchair at the door.", source_id="s1")
    behaviours[0].text         # "offered my dad a wheelchair at the door"
    behaviours[0].normalised   # "offer dad wheelchair door"
    cards = build_practice_cards([("s1", text, "ana", "enter-building"), ...])
    cards[0].spreadable        # True when at least `min_people` different people describe it

No parser is available offline, so extraction is pattern based over spaCy tokens and lookup lemmas:
sentences are split at end punctuation; a behaviour starts at a past-tense verb from a behaviour-verb
lexicon (`BEHAVIOUR_VERBS`, seeded from NHS feedback; `learn_verb_lexicon` finds more in any corpus)
when it follows a staff subject ("she", "they", "the nurse", "Dr Patel", "staff", possibly with an
adverb between: "she really listened"), continues a staff subject's clause ("..., and made sure I was
ok"), or follows a passive patient subject ("I was offered ...", "we were kept informed"). It runs to
the end of the clause. Descriptions ("staff were lovely") are not behaviours. Behaviours are grouped
per MOT by TF-IDF cosine similarity of their normalised lemmas with average-linkage clustering.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import TfidfVectorizer
from spacy.lang.en.stop_words import STOP_WORDS

from bot.nlp.analyzer import Analyzer, Token, build_analyzer

BEHAVIOUR_VERBS = frozenset("""
accommodate advise answer arrange arrive ask assess assure attend bring calm call care check chat clean come
comfort confirm contact discuss do drive encourage ensure entertain examine explain fetch find follow get give go
greet guide help inform introduce involve keep lift listen look make manage meet move offer organise organize
phone prepare prescribe provide put reassure refer remember respond return ring say see send show sit sort
speak spend stay stop support take talk tell treat understand update visit wait walk wash welcome work write
""".split())
STAFF_WORDS = frozenset("""
she he they staff nurse nurses doctor doctors dr gp consultant surgeon receptionist receptionists team crew
paramedic paramedics porter porters driver drivers physio physiotherapist therapist midwife carer carers everyone
everybody someone volunteer volunteers who assistant technician radiographer pharmacist ambulance medic medics
worker workers member members hca sister matron manager clinician clinicians
""".split())
PATIENT_WORDS = frozenset({"i", "we"})
_ADVERBS = frozenset("really always also then just even immediately quickly kindly promptly very so still "
                     "actually soon later all both".split())
_BE = frozenset({"was", "were", "been", "got", "felt"})
_CLAUSE_END = frozenset(".,;:!?()[]\"") | {"but", "because", "as", "which", "when", "while", "although", "though",
                                          "so", "whereas", "who", "whilst", "however", "-"}
_JOINERS = frozenset({"and", "&", "then", "also"})
_FINITE_BE = frozenset({"was", "were", "is", "are"})
_EFFECT = re.compile(
    r"\b(?:made|helped|making|left)\s+(?:me|us|him|her|them|my \w+)\s+(?:to\s+)?feel\s+[^.,;!?]+"
    r"|\bput\s+(?:me|us|him|her|them)\s+at\s+ease\b"
    r"|\b(?:I|we)\s+felt\s+[^.,;!?]+"
    r"|\bmade\s+(?:a|all the)\s+(?:\w+\s+)?difference[^.,;!?]*",
    re.IGNORECASE,
)
_MAX_TOKENS = 14
_KEEP = frozenset({"not", "no", "never", "back", "up", "out", "down", "through", "over", "well", "first"})
_STOP = (frozenset(STOP_WORDS) | {"myself", "mum", "dad", "husband", "wife", "son", "daughter", "mother", "father",
                                  "resident", "patient", "patients"}) - _KEEP


@dataclass(frozen=True, slots=True)
class Behaviour:
    text: str
    normalised: str
    source_id: str = ""
    author: str = ""


@dataclass(frozen=True, slots=True)
class PracticeCard:
    behaviour: str  # the most typical wording in the group
    mot_id: str
    effect: str | None  # what it did for the customer, when someone said so ("made me feel at ease")
    supporting_ids: tuple[str, ...]  # the stories/comments it was found in
    people_count: int  # distinct authors
    spreadable: bool  # people_count >= min_people: worth spreading to the team
    behaviours: tuple[Behaviour, ...] = ()


def extract_behaviours(text: str, *, source_id: str = "", author: str = "",
                       verbs: frozenset[str] = BEHAVIOUR_VERBS, analyzer: Analyzer | None = None) -> list[Behaviour]:
    """Staff behaviours described in `text` (possibly none), in order of appearance."""
    analyzer = analyzer or build_analyzer()
    found: list[Behaviour] = []
    for sentence in _sentences(analyzer.tokens(text or "")):
        for span in _behaviour_spans(sentence, verbs):
            words = sentence[span[0]:span[1]]
            wording = _detokenize(words)
            normalised = normalise(words)
            if normalised and all(b.normalised != normalised for b in found):
                found.append(Behaviour(wording, normalised, source_id, author))
    return found


def normalise(tokens: Sequence[Token]) -> str:
    """Content lemmas: no pronouns, names, determiners or other stop words ("offer wheelchair door")."""
    kept = []
    for i, t in enumerate(tokens):
        if t.is_punct or t.is_space or not any(c.isalnum() for c in t.text):
            continue
        if i > 0 and t.text[:1].isupper() and t.lower != "i":  # a name inside the span
            continue
        if t.lemma in _STOP:
            continue
        kept.append(t.lemma)
    return " ".join(kept)


def effect_of(text: str) -> str | None:
    match = _EFFECT.search(text or "")
    return match.group().strip() if match else None


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


def _is_verb(t: Token, verbs: frozenset[str]) -> bool:
    past = t.lower != t.lemma or t.lower.endswith("ed")
    return t.is_alpha and t.lemma in verbs and past and t.lower not in {"is", "are", "does", "gets"}


def _is_subject(tokens: list[Token], i: int) -> bool:
    t = tokens[i]
    if t.lower in STAFF_WORDS or t.lemma in STAFF_WORDS:
        return True
    return i > 0 and t.is_alpha and t.text[:1].isupper() and t.lower != "i" and len(t.text) > 1  # a name


def _behaviour_spans(tokens: list[Token], verbs: frozenset[str]) -> Iterable[tuple[int, int]]:
    staff_clause = False
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if _is_verb(t, verbs):
            j = i - 1
            while j >= 0 and tokens[j].lower in _ADVERBS | {"n't"} | {"had", "have", "has"}:
                j -= 1
            prev = tokens[j] if j >= 0 else None
            passive = (prev is not None and prev.lower in _BE and j > 0 and tokens[j - 1].lower in PATIENT_WORDS)
            active = prev is not None and _is_subject(tokens, j)
            continued = staff_clause and prev is not None and (prev.lower in _JOINERS or prev.text == ",")
            if active or passive or continued:
                end = _clause_end(tokens, i, verbs)
                staff_clause = active or continued or staff_clause
                after = tokens[end].lower if end < len(tokens) else "."
                # "everyone involved was ...": a participle describing the subject; "how I was treated.": no content
                reduced_relative = end == i + 1 and after in _FINITE_BE
                bare_passive = passive and end == i + 1
                pronoun = prev is not None and prev.lower in {"she", "he", "they"}
                bare_noun_subject = active and end == i + 1 and not pronoun
                if not (reduced_relative or bare_passive or bare_noun_subject):
                    yield i, end
                i = end
                continue
        if t.lower in PATIENT_WORDS or t.text in {".", "!", "?"}:
            staff_clause = False
        i += 1


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
            if _is_verb(nxt, verbs) or nxt.lower in STAFF_WORDS | PATIENT_WORDS | {"was", "were"}:
                break
        end += 1
    while end > start + 1 and tokens[end - 1].lower in _JOINERS:
        end -= 1
    return end


def _detokenize(tokens: Sequence[Token]) -> str:
    out = ""
    for t in tokens:
        if out and not (t.is_punct and t.text not in {"(", "&"}) and not t.text.startswith("'") and t.lower != "n't":
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
            if t.is_alpha and inflected and tokens[j].lower in STAFF_WORDS and t.lemma not in _STOP:
                counts[t.lemma] += 1
    return frozenset(lemma for lemma, n in counts.items() if n >= min_count)


def group_behaviours(behaviours: Sequence[Behaviour], *, threshold: float = 0.75) -> list[list[Behaviour]]:
    """Near-duplicates together: average-linkage clusters with cosine distance below `threshold`."""
    if len(behaviours) < 2:
        return [list(behaviours)] if behaviours else []
    texts = [b.normalised for b in behaviours]
    vectors = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, token_pattern=r"\S+").fit_transform(texts)
    dense = vectors.toarray()
    empty = ~dense.any(axis=1)
    dense[empty] = 1.0  # texts without any feature are only near each other
    labels = AgglomerativeClustering(n_clusters=None, distance_threshold=threshold, metric="cosine",
                                     linkage="average").fit_predict(dense)
    groups: dict[int, list[Behaviour]] = {}
    for label, behaviour in zip(labels, behaviours, strict=True):
        groups.setdefault(int(label), []).append(behaviour)
    return sorted(groups.values(), key=lambda g: (-len(g), g[0].normalised))


def build_practice_cards(items: Iterable[Any], *, min_people: int = 2, threshold: float = 0.75,
                         verbs: frozenset[str] = BEHAVIOUR_VERBS) -> list[PracticeCard]:
    """Cards from praise: items are `(source_id, text, author, mot_id)` tuples, dicts or objects with
    `id`/`source_id`, `text`, `author`, `mot_id`. Most widely supported first."""
    per_mot: dict[str, list[Behaviour]] = {}
    texts: dict[str, str] = {}
    for item in items:
        source_id, text, author, mot_id = _fields(item)
        texts[source_id] = text
        per_mot.setdefault(mot_id, []).extend(
            extract_behaviours(text, source_id=source_id, author=author, verbs=verbs))
    cards = []
    for mot_id, behaviours in per_mot.items():
        for group in group_behaviours(behaviours, threshold=threshold):
            people = {b.author or b.source_id for b in group}
            effects = [e for e in (effect_of(texts.get(b.source_id, "")) for b in group) if e]
            cards.append(PracticeCard(
                behaviour=_typical(group).text, mot_id=mot_id,
                effect=Counter(effects).most_common(1)[0][0] if effects else None,
                supporting_ids=tuple(dict.fromkeys(b.source_id for b in group)),
                people_count=len(people), spreadable=len(people) >= min_people, behaviours=tuple(group),
            ))
    return sorted(cards, key=lambda c: (-c.people_count, -len(c.supporting_ids), c.mot_id, c.behaviour))


def _typical(group: Sequence[Behaviour]) -> Behaviour:
    """The member sharing most words with the others (ties: the shorter wording)."""
    if len(group) < 3:
        return min(group, key=lambda b: (len(b.text), b.text))
    bags = [set(b.normalised.split()) for b in group]
    overlap = [sum(len(a & b) / max(len(a | b), 1) for b in bags) for a in bags]
    best = int(np.argmax([o - 1e-3 * len(b.text) for o, b in zip(overlap, group, strict=True)]))
    return group[best]


def _fields(item: Any) -> tuple[str, str, str, str]:
    if isinstance(item, dict):
        return (str(item.get("source_id", item.get("id", ""))), str(item.get("text", "")),
                str(item.get("author", "")), str(item.get("mot_id", "")))
    if isinstance(item, tuple | list):
        padded = list(item) + ["", "", "", ""]
        return str(padded[0]), str(padded[1]), str(padded[2]), str(padded[3])
    return (str(getattr(item, "source_id", getattr(item, "id", ""))), str(getattr(item, "text", "")),
            str(getattr(item, "author", "")), str(getattr(item, "mot_id", "")))

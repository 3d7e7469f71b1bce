"""Private to bot.nlp.question: the phrase tables built once per cycle (MOT phrases, intent cues, the
speller) and once per list of people; both cached."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from bot.nlp.question_spelling import _Speller, _stem
from bot.nlp.question_vocabulary import (
    _CONCEPTS,
    _CUES,
    _GENERIC,
    _PERIOD_WORDS,
    _STOPWORDS,
    TITLES,
    _phrasings,
    _split,
)



@dataclass(frozen=True, slots=True)
class MotRef:
    """What the parser needs to know about one MOT; pass them in cycle order (re-exported by
    bot.nlp.question, where callers import it)."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()

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


_DETERMINERS = ("the", "my", "our", "your", "their", "his", "her", "a")


def _with_determiners(phrasings: list[list[str]]) -> list[list[str]]:
    """Each phrasing with its determiner said every way: "finding the way back" is also "finding
    their way back", "back to the car" also "back to my car"."""
    out: list[list[str]] = []
    seen: set[tuple[str, ...]] = set()
    for words in phrasings:
        at = [i for i, w in enumerate(words) if w in _DETERMINERS]
        variants = [words]
        if len(words) > 1 and len(at) == 1:
            variants += [words[: at[0]] + [d] + words[at[0] + 1 :] for d in _DETERMINERS]
        for variant in variants:
            if tuple(variant) not in seen:
                seen.add(tuple(variant))
                out.append(variant)
    return out


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
        # a part of a hyphenated name alone is no name: "follow" of "follow-up" ("what the reception team follow")
        parts = {w for compound in re.findall(r"\w+(?:-\w+)+", mot.name) for w in _split(compound)}
        for word in {*name, *_split(mot.id)} - parts:
            if word not in _STOPWORDS and word not in _GENERIC and len(word) > 2:
                add([word], index, 1.0)
        keywords.append(own)

    for spec, targets, *weight in _CONCEPTS:  # a third element: a weight other than 2.0
        groups = [{_stem(w) for w in _split(group)} for group in targets.split(";")]
        hits = [i for i, own in enumerate(keywords) if any(group <= own for group in groups)]
        for words in _with_determiners(_phrasings(spec)):
            vocabulary.update(words)
            for index in hits:
                add(words, index, weight[0] if weight else 2.0)

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
    shared: Mapping[tuple[str, ...], tuple[str, ...]] = field(default_factory=dict)  # "patel" -> two Patels
    titles: Mapping[str, str] = field(default_factory=dict)  # "Dr Sam Patel" -> "doctor" (its title's kind)


@lru_cache(maxsize=16)
def _people(people: tuple[str, ...]) -> _People:
    """Index the team's names by their words, a title in the name left out of the keys ("Dr Sam
    Patel" is found as "sam patel", "sam" or "patel", never as "dr"); a forename or surname two people
    share is kept apart (`shared`), never given to one of them."""
    full: dict[tuple[str, ...], str] = {}
    partial: dict[tuple[str, ...], set[str]] = {}
    titles: dict[str, str] = {}
    for person in people:
        words = tuple(_split(person))
        while len(words) > 1 and words[0] in TITLES:
            titles.setdefault(person, TITLES[words[0]])
            words = words[1:]
        if not words:
            continue
        full.setdefault(words, person)
        if len(words) > 1:
            for word in (words[0], words[-1]):
                partial.setdefault((word,), set()).add(person)
    names = dict(full)
    shared: dict[tuple[str, ...], tuple[str, ...]] = {}
    for key, owners in partial.items():
        if key in names:
            continue
        if len(owners) == 1:
            names[key] = next(iter(owners))
        else:
            shared[key] = tuple(sorted(owners))
    common = _STOPWORDS | frozenset(w for k in _cue_table() for w in k) | frozenset(_PERIOD_WORDS)
    needs_capital = frozenset(" ".join(k) for k in (*names, *shared) if len(k) == 1 and k[0] in common)
    return _People(
        names=names,
        needs_capital=needs_capital,
        words=frozenset(w for k in (*names, *shared) for w in k),
        max_len=max([len(k) for k in names] or [1]),
        shared=shared,
        titles=titles,
    )

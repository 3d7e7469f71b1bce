"""Private to bot.nlp.question: a crude stemmer and the typo corrector, which corrects only towards
words the rules use and never real English words."""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

from bot.nlp.question_vocabulary import _STOPWORDS


# "entries" are records ("feedback entries"), not a way in: kept apart from "entry" (the entrance)
_IRREGULAR_STEMS = {"stories": "story", "storys": "story", "storie": "story", "children": "child", "people": "person",
                    "entries": "entries", "entrys": "entries"}


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


_VOWELS = frozenset("aeiou")


def _vowel_for_vowel(a: str, b: str) -> bool:
    """Same length, one letter differs, both are vowels and one of a pair of vowels ("yeer"/"year"; not "ravi"/"rave",
    "jane"/"june": names)."""
    diff = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
    if len(a) != len(b) or len(diff) != 1:
        return False
    i = diff[0]
    return (a[i] in _VOWELS and b[i] in _VOWELS
            and any(0 <= j < len(a) and a[j] in _VOWELS and b[j] in _VOWELS for j in (i - 1, i + 1)))


def _has_vowel(word: str) -> bool:
    return any(ch in _VOWELS for ch in word)


def _syllables(word: str) -> int:
    """Groups of vowels: a rough count of syllables."""
    return len(re.findall(r"[aeiouy]+", word))


_SOUNDS = tuple((re.compile(p), r) for p, r in (
    (r"[st]i(?=[aeiou])|sh|ch(?=[aeiou])", "S"),  # patient/pashent, reception/recepshun, special/speshal
    (r"igh", "i"), (r"ph", "f"), (r"ck|q|c(?![eiy])", "k"), (r"c", "s"), (r"z", "s"), (r"x", "ks"), (r"wh", "w"),
    (r"(.)\1+", r"\1"),  # doubled letters once
))


def _sound(word: str) -> str:
    """A crude sound key: the spelling of a few sounds made one, doubled letters once, vowels (but the
    first letter) dropped."""
    key = word.lower()
    for pattern, replacement in _SOUNDS:
        key = pattern.sub(replacement, key)
    return key[:1] + "".join(ch for ch in key[1:] if ch not in _VOWELS and ch != "y")


@lru_cache(maxsize=1)
def _lemma_table() -> dict[str, str]:
    """spaCy's English lemma lookup ("annoying" -> "annoy"); empty if not installed."""
    try:
        base = resources.files("spacy_lookups_data") / "data"
        with (base / "en_lemma_lookup.json.gz").open("rb") as raw, gzip.open(raw) as fh:
            return {k.lower(): v.lower() for k, v in json.load(fh).items()}
    except (ModuleNotFoundError, FileNotFoundError, OSError, ValueError):
        return {}


def _common_word(word: str) -> bool:
    """An English word in everyday forms ("springs", "sprig", "summery"), not only a rare entry ("sumer")."""
    table = _lemma_table()
    return word in table or word in _lemma_values()


@lru_cache(maxsize=1)
def _lemma_values() -> frozenset[str]:
    return frozenset(_lemma_table().values())


def _lemma(word: str) -> str:
    """The dictionary form of a word ("irritates" -> "irritate", "happiest" -> "happy"), else the word."""
    return _lemma_table().get(word, word)


# Pronouns, determiners and other closed-class words spaCy's lemma tables leave out ("anything" is no
# misspelt "annoying").
_CLOSED_CLASS = frozenset(
    """anything something everything nothing anyone someone everyone noone anybody somebody everybody nobody
    anywhere somewhere everywhere nowhere whatever whichever whoever whenever wherever however whether
    either neither each every another other others itself themselves ourselves yourself yourselves myself
    himself herself although though unless until whilst while since upon onto towards toward within without
    throughout among amongst against""".split()
)


# Devices and brands a manager names that spaCy's tables lack ("the survey on the iPad" is no "hipaa")
_DEVICE_WORDS = frozenset("ipad ipads iphone iphones android whatsapp wifi qr kiosk kiosks tablet tablets".split())


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
    words.update(_CLOSED_CLASS)
    words.update(_DEVICE_WORDS)
    for group in index.values():
        words.update(group)
    return frozenset(w.lower() for w in words if w.isalpha())


_AFTER_TITLE = re.compile(r"\b(?:dr|mr|mrs|ms|prof|nurse|sister|matron)\.?\s+$")

class _Speller:
    """Corrects a word to a target word one (or, for long words, two) edits away; keeps real words."""

    __slots__ = ("_targets", "_index", "_cache", "_sounds")

    def __init__(self, targets: Iterable[str]) -> None:
        self._targets = frozenset(t for t in targets if t.isascii() and t.isalpha())
        self._index: dict[str, set[str]] = {}
        for word in self._targets:
            if len(word) >= 4:
                for variant in _deletes(word, 2):
                    self._index.setdefault(variant, set()).add(word)
        self._cache: dict[str, str] = {}
        self._sounds: dict[str, set[str]] | None = None  # sound key -> targets, built on first need

    @property
    def targets(self) -> frozenset[str]:
        """Every word the rules use (MOT phrases, cues, period words)."""
        return self._targets

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
        best_distance = allowed
        for candidate in candidates:
            distance = _osa(token, candidate)
            if distance > allowed + 1 or (distance == allowed + 1 and len(token) < 5 and _has_vowel(token)):
                continue  # one edit more only for a longer word or one typed without its vowels ("prkng", "dctr")
            if (len(token) == 4 and distance == 1 and len(candidate) == 4
                    and sorted(candidate) != sorted(token) and not _vowel_for_vowel(token, candidate)):
                continue  # a 4-letter word may lose, gain or swap a letter, or a vowel pair may change ("yeer"), no more
            if distance < best_distance or not best:
                best, best_distance = [candidate], distance
            elif distance == best_distance:
                best.append(candidate)
        if len(best) > 1:
            best = [c for c in best if c[0] == token[0]]
        if len(best) > 1:  # "pakring": parking (two letters swapped) before pairing (one changed)
            best = [c for c in best if sorted(c) == sorted(token)] or best
        if best_distance == allowed + 1 and len(best) == 1 and best[0][0] != token[0]:
            best = []  # the edit past the allowance only with the first letter kept ("ahmed" is no "named")
        if len(best) == 1:
            return best[0]
        return self._sounds_like(token) if not best else token

    def _sounds_like(self, token: str) -> str:
        """The one target spelt as it sounds ("recepshun", "pashent"), when no target is an edit or two away."""
        key = _sound(token)
        if len(token) < 6 or len(key) < 4:
            return token  # too short to tell by sound (and no need to build the table for it)
        if self._sounds is None:
            sounds: dict[str, set[str]] = {}
            for word in self._targets:
                if len(word) >= 5:
                    sounds.setdefault(_sound(word), set()).add(word)
            self._sounds = sounds
        matches = [w for w in self._sounds.get(key, ()) if w[0] == token[0] and _osa(token, w) <= 3
                   and _syllables(w) == _syllables(token)]  # "pashent"/"patient", not "aperol"/"april"
        return matches[0] if len(matches) == 1 else token

    def correct(self, text: str, protected: frozenset[str]) -> tuple[str, int]:
        """`text` with misspelt words put right, and how many were; names are left alone."""
        fixes = 0

        def fix(match: re.Match[str]) -> str:
            nonlocal fixes
            token = match.group(0)
            if token in protected or _AFTER_TITLE.search(text, max(0, match.start() - 9), match.start()):
                return token  # a team member's name, or a surname after "dr"/"mrs": not a typo
            fixed = self.word(token)
            fixes += fixed != token
            return fixed

        return re.sub(r"[^\W\d_]+", fix, text), fixes

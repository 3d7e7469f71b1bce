"""Tokens and lemmas for the trained models: spaCy's blank English tokenizer plus the lookup lemma table.

No pretrained pipeline is needed (none is available offline): `spacy.blank("en")` tokenizes, and the
`lemma_lookup` table from spacy-lookups-data maps lower-cased word forms to lemmas ("nurses" -> "nurse",
"offered" -> "offer", "n't" -> "not"). `features_text` adds negation scope marks for the sentiment
features: words after a negation cue up to the next punctuation get a `NEG_` prefix
("did not listen" -> "do not NEG_listen").

`tone_text` reads the tone of a text with the VADER sentiment lexicon (7,500 English words rated -4..+4
by people, shipped inside the `vaderSentiment` wheel): each rated word becomes P1/P2 (mildly/strongly
positive) or N1/N2, `X`-prefixed inside a negation's scope, and sentence or "but" boundaries become `|`:
"Consultant was dismissive and rude." -> "N2 |", "Not very helpful." -> "XP2 |", "Brilliant paramedics.
Took too long to get here." -> "P2 | |". The sentiment model learns what these sequences mean in the
training data, so words too rare there to have a weight of their own still count.

`negated_praise` is the narrow reading the "store a sentiment only when likely right" check uses: True
when a text's praise is all negated close by ("Not very helpful.", "nobody was helpful", "wasn't very
friendly") and no praise is left standing ("Not helpful, but the nurse was lovely." is False). Close by:
the cue at most four words before, with only linking words between (`_NEGATION_BRIDGE`: be, very, too,
at all…), so "I don't think one call is enough" is not read as negated praise, nor are comparatives
("nothing could be better", "can't improve on it": praise) or a text's first word answering the survey's
question ("Nothing, all good", "Nothing very happy staff"). Only praise: a negated complaint is as often a
suggestion ("Not abandon patients.", "don't keep people waiting") as a compliment.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources

import spacy
from spacy.language import Language

MAX_CHARS = 5_000  # longer texts are cut: a comment is never this long, and tokenizing stays fast
NEGATIONS = frozenset({"not", "no", "never", "nothing", "nobody", "none", "nor", "cannot", "without", "neither"})
_SCOPE_END = frozenset(".,;:!?()[]\"") | {"but", "although", "though", "however"}
_TONE_NEGATIONS = NEGATIONS | {"n't", "hardly", "barely"}
_TONE_BREAKS = frozenset({".", "!", "?", ";", "but", "however", "although", "though"})
_TONE_STRONG = 1.8  # |valence| from here on is P2/N2 ("good" 1.9, "rude" -2.0); below, P1/N1 ("fine" 0.8)
_TONE_WEAKEST = 0.5  # words rated closer to 0 than this are ignored
_SPACE = re.compile(r"\s+")
_NEGATION_CUES = frozenset({"not", "n't", "never", "no", "nobody", "none", "nothing", "hardly", "barely", "cannot",
                            "without", "neither", "nor"})
# Words that may stand between a negation cue and the word it negates: copulas, intensifiers, articles.
_NEGATION_BRIDGE = frozenset({"be", "is", "was", "were", "been", "are", "'s", "very", "too", "so", "that", "at", "all",
                              "really", "particularly", "overly", "remotely", "terribly", "exactly", "even", "much",
                              "the", "a", "an", "any", "one", "one's", "quite", "especially", "feel", "felt", "seem",
                              "seemed", "look", "looked", "entirely", "always", "ever"})
# A text that starts with one of these answers the survey's question ("anything we could improve?");
# what follows is not negated by it ("Nothing very happy staff"), unless it is "no one".
_ANSWERS = frozenset({"no", "nothing", "none", "nope", "nah"})
_NEGATION_REACH = 4  # the cue negates a rated word at most this many words on
# Comparatives and superlatives: negated, they are still praise ("could not be better").
_COMPARATIVES = frozenset({"better", "best", "more", "most", "improve", "improved", "improvement", "improvements",
                           "enough"})


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    lower: str
    lemma: str
    is_alpha: bool
    is_punct: bool
    is_space: bool


class Analyzer:
    """Tokenize and lemmatise; built once per process by `build_analyzer()` (a few ms after the first)."""

    def __init__(self, nlp: Language, lemmas: Mapping[str, str]) -> None:
        self._nlp = nlp
        self._lemmas = lemmas

    def tokens(self, text: str) -> list[Token]:
        return self._to_tokens(self._nlp.make_doc(_clip(text)))

    @property
    def lemma_table(self) -> Mapping[str, str]:
        return self._lemmas

    def lemma(self, word: str) -> str:
        lower = word.lower()
        return str(self._lemmas.get(lower, lower)).lower()

    def lemmas(self, text: str) -> list[str]:
        """Lower-case lemmas of the words and numbers (punctuation and spaces dropped)."""
        return [t.lemma for t in self.tokens(text) if not (t.is_punct or t.is_space)]

    def features_text(self, texts: Iterable[str]) -> Iterator[str]:
        """Space-joined lemmas with negation scope marks and punctuation kept, one string per text."""
        get = self._lemmas.get
        for doc in self._nlp.tokenizer.pipe(_clip(t) for t in texts):  # type: ignore[union-attr]
            yield " ".join(_negation_marked(
                (get(t.lower_, t.lower_).lower(), t.is_punct) for t in doc if not t.is_space))

    def tone_text(self, texts: Iterable[str]) -> Iterator[str]:
        """Per text, the polarity of its lexicon words in order (see the module docstring); "EMPTY" if none."""
        lexicon = tone_lexicon()
        get = self._lemmas.get
        for doc in self._nlp.tokenizer.pipe(_clip(t) for t in texts):  # type: ignore[union-attr]
            seq: list[str] = []
            negated = False
            for t in doc:
                if t.is_space:
                    continue
                lower = t.lower_
                if t.is_punct or lower in _SCOPE_END:
                    if lower in _TONE_BREAKS:
                        seq.append("|")
                    negated = False
                    continue
                lemma = str(get(lower, lower)).lower()
                if lower in _TONE_NEGATIONS or lemma in NEGATIONS:
                    negated = True
                    continue
                valence = lexicon.get(lower, lexicon.get(lemma))
                if valence is not None and abs(valence) >= _TONE_WEAKEST:
                    mark = ("P" if valence > 0 else "N") + ("2" if abs(valence) >= _TONE_STRONG else "1")
                    seq.append("X" + mark if negated else mark)
            yield " ".join(seq) if seq else "EMPTY"

    def negated_praise(self, texts: Iterable[str]) -> Iterator[bool]:
        """Per text, whether all its praise is negated (see the module docstring)."""
        lexicon = tone_lexicon()
        get = self._lemmas.get
        for doc in self._nlp.tokenizer.pipe(_clip(t) for t in texts):  # type: ignore[union-attr]
            negated = praised = False  # praise negated close by / praise standing
            reach = 0  # how many more words a negation cue still reaches (through linking words only)
            words = [t for t in doc if not t.is_space]
            for i, t in enumerate(words):
                lower = t.lower_
                if i == 0 and lower in _ANSWERS and not (len(words) > 1 and words[1].lower_ in ("one", "body")):
                    continue  # "Nothing, all good": the answer to "what could we do better?", not a negation
                if t.is_punct or lower in _SCOPE_END:
                    reach = 0
                    continue
                lemma = str(get(lower, lower)).lower()
                if lower in _NEGATION_CUES or lemma in _NEGATION_CUES:
                    reach = _NEGATION_REACH
                    continue
                if lower in _NEGATION_BRIDGE or lemma in _NEGATION_BRIDGE:
                    reach = max(reach - 1, 0)  # a linking word: the cue reaches past it
                    continue
                valence = lexicon.get(lower, lexicon.get(lemma))
                if valence is not None and valence >= _TONE_WEAKEST:
                    if reach and lower not in _COMPARATIVES and lemma not in _COMPARATIVES:
                        negated = True
                    else:
                        praised = True  # "better", negated or not, is praise here
                reach = 0  # any other word ends the cue's reach
            yield negated and not praised

    def _to_tokens(self, doc: spacy.tokens.Doc) -> list[Token]:
        get = self._lemmas.get
        return [
            Token(t.text, t.lower_, get(t.lower_, t.lower_).lower(), t.is_alpha, t.is_punct, t.is_space)
            for t in doc
        ]


def _clip(text: str) -> str:
    return (text or "")[:MAX_CHARS]


def _negation_marked(lemmas: Iterable[tuple[str, bool]]) -> Iterator[str]:
    """(lemma, is_punct) pairs -> words, `NEG_`-prefixed inside a negation's scope."""
    negated = False
    for lemma, is_punct in lemmas:
        word = _SPACE.sub("_", lemma)
        if is_punct or word in _SCOPE_END:
            negated = False
            yield word
            continue
        yield f"NEG_{word}" if negated else word
        if word in NEGATIONS:
            negated = True


@cache
def tone_lexicon() -> dict[str, float]:
    """VADER's word -> mean valence table, read from the installed `vaderSentiment` package (no download)."""
    text = resources.files("vaderSentiment").joinpath("vader_lexicon.txt").read_text(encoding="utf-8")
    lexicon: dict[str, float] = {}
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) >= 2:
            try:
                lexicon[parts[0].strip().lower()] = float(parts[1])
            except ValueError:
                continue
    return lexicon


@cache
def english_words() -> frozenset[str]:
    """Lower-case English word forms the lemma table knows (its inflected forms and their lemmas, about
    60,000): a word in it is a word, not a typo of another ("phone" is not a misspelt "shone")."""
    table = build_analyzer().lemma_table
    return frozenset(str(w).lower() for pair in table.items() for w in pair if str(w).isalpha())


@cache
def build_analyzer() -> Analyzer:
    """The shared analyzer (cached: loading the lemma table takes ~0.2 s)."""
    nlp = spacy.blank("en")
    lemmatizer = nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    return Analyzer(nlp, lemmatizer.lookups.get_table("lemma_lookup"))  # type: ignore[attr-defined]

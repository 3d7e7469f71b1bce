"""Tokens and lemmas for the trained models: spaCy's blank English tokenizer plus the lookup lemma table.

No pretrained pipeline is needed (none is available offline): `spacy.blank("en")` tokenizes, and the
`lemma_lookup` table from spacy-lookups-data maps lower-cased word forms to lemmas ("nurses" -> "nurse",
"offered" -> "offer", "n't" -> "not"). `features_text` adds negation scope marks for the sentiment
features: words after a negation cue up to the next punctuation get a `NEG_` prefix
("did not listen" -> "do not NEG_listen").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache

import spacy
from spacy.language import Language

MAX_CHARS = 5_000  # longer texts are cut: a comment is never this long, and tokenizing stays fast
NEGATIONS = frozenset({"not", "no", "never", "nothing", "nobody", "none", "nor", "cannot", "without", "neither"})
_SCOPE_END = frozenset(".,;:!?()[]\"") | {"but", "although", "though", "however"}
_SPACE = re.compile(r"\s+")


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
def build_analyzer() -> Analyzer:
    """The shared analyzer (cached: loading the lemma table takes ~0.2 s)."""
    nlp = spacy.blank("en")
    lemmatizer = nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    return Analyzer(nlp, lemmatizer.lookups.get_table("lemma_lookup"))  # type: ignore[attr-defined]

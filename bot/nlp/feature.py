"""Text -> sparse feature matrix: word n-grams over lemmas (negation-marked) + character n-grams.

Words carry the topic ("wait", "parking", "NEG_listen"); character n-grams within word boundaries catch
misspellings, compounds and inflections the lemma table misses ("recieved", "carpark"). Characters
keep their case, and a small block of "shape" n-grams (letters -> a/A, digits -> 9, punctuation and
spacing kept: "EverythIng was Good." -> "AaAa a Aa.") describes how a text is written; writing habits
differ between sources, and the sentiment conventions of the sources differ too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

from bot.nlp.analyzer import MAX_CHARS, Analyzer, build_analyzer
from bot.nlp.tfidf import fast_transform, hstack_csr


@dataclass(frozen=True, slots=True)
class FeatureConfig:
    word_ngrams: tuple[int, int] = (1, 2)
    char_ngrams: tuple[int, int] = (2, 5)
    min_df: int = 2  # lowered to 1 for small training sets (< 200 texts)
    char_case: bool = True
    shape_ngrams: tuple[int, int] = (3, 6)
    shape_weight: float = 0.3  # 0 switches the shape block off

    def as_dict(self) -> dict:
        return asdict(self)


class Featurizer:
    """Fit on training texts, then transform any text (unknown words simply give no features)."""

    def __init__(self, config: FeatureConfig | None = None) -> None:
        self.config = config or FeatureConfig()
        self._word: TfidfVectorizer | None = None
        self._char: TfidfVectorizer | None = None
        self._shape: TfidfVectorizer | None = None

    def fit_transform(self, texts: Sequence[str]) -> sparse.csr_matrix:
        min_df = self.config.min_df if len(texts) >= 200 else 1
        self._word = TfidfVectorizer(
            ngram_range=self.config.word_ngrams, sublinear_tf=True, min_df=min_df, lowercase=False,
            token_pattern=r"\S+", dtype=np.float32,
        )
        self._char = TfidfVectorizer(
            analyzer="char_wb", ngram_range=self.config.char_ngrams, sublinear_tf=True, min_df=min_df,
            lowercase=not self.config.char_case, dtype=np.float32,
        )
        blocks = [self._word.fit_transform(_word_texts(texts)), self._char.fit_transform(_clip(texts))]
        if self.config.shape_weight > 0:
            self._shape = TfidfVectorizer(
                analyzer="char", ngram_range=self.config.shape_ngrams, sublinear_tf=True, min_df=min_df + 1,
                lowercase=False, dtype=np.float32,
            )
            blocks.append(self._shape.fit_transform(_shapes(texts)) * self.config.shape_weight)
        for vectorizer in self._vectorizers():
            vectorizer.stop_words_ = None  # the pruned vocabulary is only needed for debugging: keep files small
        return _join(blocks)

    def transform(self, texts: Sequence[str]) -> sparse.csr_matrix:
        if self._word is None or self._char is None:
            raise RuntimeError("Featurizer.transform before fit_transform")
        blocks = [fast_transform(self._word, _word_texts(texts)), fast_transform(self._char, _clip(texts))]
        weights = [1.0, 1.0]
        if self._shape is not None:
            blocks.append(fast_transform(self._shape, _shapes(texts)))
            weights.append(self.config.shape_weight)
        return hstack_csr(blocks, weights, dtype=np.float32)

    def drop_shape(self) -> None:
        self._shape = None

    @property
    def content_width(self) -> int:
        """Word and character features come first; shape features (if any) are the last columns."""
        return self.n_features - (len(self._shape.vocabulary_) if self._shape is not None else 0)

    def content_nnz(self, X: sparse.csr_matrix) -> np.ndarray:
        """Per row, how many word/character features fired (shape features alone say nothing)."""
        width = self.content_width
        counts = np.concatenate([[0], np.cumsum(X.indices < width)])
        return counts[X.indptr[1:]] - counts[X.indptr[:-1]]

    def _vectorizers(self) -> list[TfidfVectorizer]:
        return [v for v in (self._word, self._char, self._shape) if v is not None]

    @property
    def n_features(self) -> int:
        return sum(len(v.vocabulary_) for v in self._vectorizers())


def _word_texts(texts: Sequence[str], analyzer: Analyzer | None = None) -> list[str]:
    return list((analyzer or build_analyzer()).features_text(texts))


def _clip(texts: Sequence[str]) -> list[str]:
    return [(t or "")[:MAX_CHARS] for t in texts]


_UPPER = re.compile(r"[A-Z]")
_LOWER = re.compile(r"[a-z]+")
_DIGIT = re.compile(r"[0-9]")


def _shapes(texts: Sequence[str]) -> list[str]:
    return [_DIGIT.sub("9", _LOWER.sub("a", _UPPER.sub("A", t))) for t in _clip(texts)]


def _join(blocks: list[sparse.spmatrix]) -> sparse.csr_matrix:
    joined = sparse.hstack(blocks, format="csr", dtype=np.float32)
    joined.sort_indices()
    return joined

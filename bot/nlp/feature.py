"""Text -> sparse feature matrix, in named blocks side by side (each task uses some of them):

- `word`: word n-grams over lemmas (negation-marked): the topic ("wait", "parking", "NEG_listen");
- `char`: character n-grams within word boundaries, cased: misspellings, compounds and inflections the
  lemma table misses ("recieved", "carpark");
- `tone`: n-grams of the text's lexicon polarity sequence (`Analyzer.tone_text`: "Not very helpful." ->
  "XP2 |"): tone and negation for words too rare in the training data to have a weight of their own;
- `embedding`: a 256-d static sentence embedding (`bot.nlp.embedding`, weights from the wordllama
  wheel): related words that never occur in the training data ("dismissive" near "rude");
- `shape`: "shape" n-grams (letters -> a/A, digits -> 9, punctuation and spacing kept: "EverythIng was
  Good." -> "AaAa a Aa."): how a text is written; writing habits differ between sources, and the
  sentiment conventions of the sources differ too;
- `question`: which question the text answers, when it is known (`asked_tokens`: the question itself and
  its kind, "praise" for "What was good?", "improve" for "How could we improve?", "open" for any other):
  "Nothing." answers "What could we do better?" as praise and "What was good?" as a complaint, and a
  survey's own questions differ in how people answer them (issue 13: NHS FFT rows carry the question);
- `asked`: the lemma words prefixed by the question's kind ("improve_nothing"): what a word means as
  the answer to that kind of question. No question, no features in these two blocks.

`word` and `char` are the content: a text none of whose words or characters the model knows abstains.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

from bot.nlp import embedding
from bot.nlp.analyzer import MAX_CHARS, Analyzer, build_analyzer
from bot.nlp.tfidf import fast_transform, hstack_csr

BLOCKS = ("word", "char", "tone", "embedding", "shape", "question", "asked")  # in column order
CONTENT = ("word", "char")


@dataclass(frozen=True, slots=True)
class FeatureConfig:
    word_ngrams: tuple[int, int] = (1, 2)
    char_ngrams: tuple[int, int] = (2, 5)
    min_df: int = 2  # lowered to 1 for small training sets (< 200 texts)
    char_case: bool = True
    shape_ngrams: tuple[int, int] = (3, 6)
    shape_weight: float = 0.3  # 0 switches the shape block off
    tone_ngrams: tuple[int, int] = (1, 3)
    tone_weight: float = 0.5  # 0 switches the tone block off
    # 0 switches the embedding block off (and wordllama is never loaded). 0.6 (was 0.3, with the topics' LinearSVC C
    # 0.1 -> 0.15): v6 topics out of fold 0.4737 -> 0.4859, dev 0.4753 -> 0.4912 (means over fold seeds 0-2)
    embedding_weight: float = 0.6
    question_weight: float = 1.0  # 0 switches the question and asked blocks off
    asked_weight: float = 1.0

    def as_dict(self) -> dict:
        return asdict(self)


class Featurizer:
    """Fit on training texts, then transform any text (unknown words simply give no features)."""

    def __init__(self, config: FeatureConfig | None = None) -> None:
        self.config = config or FeatureConfig()
        self._word: TfidfVectorizer | None = None
        self._char: TfidfVectorizer | None = None
        self._tone: TfidfVectorizer | None = None
        self._embedding = False
        self._shape: TfidfVectorizer | None = None
        self._question: TfidfVectorizer | None = None
        self._asked: TfidfVectorizer | None = None

    def fit_transform(self, texts: Sequence[str], questions: Sequence[str] | None = None) -> sparse.csr_matrix:
        """`questions[i]` is the question texts[i] answers ("" or None when not known)."""
        config = self.config
        min_df = config.min_df if len(texts) >= 200 else 1
        self._word = TfidfVectorizer(
            ngram_range=config.word_ngrams, sublinear_tf=True, min_df=min_df, lowercase=False,
            token_pattern=r"\S+", dtype=np.float32,
        )
        self._char = TfidfVectorizer(
            analyzer="char_wb", ngram_range=config.char_ngrams, sublinear_tf=True, min_df=min_df,
            lowercase=not config.char_case, dtype=np.float32,
        )
        words = _word_texts(texts)
        blocks = [self._word.fit_transform(words), self._char.fit_transform(_clip(texts))]
        if config.tone_weight > 0:
            self._tone = TfidfVectorizer(
                ngram_range=config.tone_ngrams, sublinear_tf=True, min_df=min_df, lowercase=False,
                token_pattern=r"\S+", dtype=np.float32,
            )
            blocks.append(self._tone.fit_transform(_tone_texts(texts)) * config.tone_weight)
        if config.embedding_weight > 0:
            self._embedding = True
            blocks.append(sparse.csr_matrix(embedding.embed(_clip(texts))) * config.embedding_weight)
        if config.shape_weight > 0:
            self._shape = TfidfVectorizer(
                analyzer="char", ngram_range=config.shape_ngrams, sublinear_tf=True, min_df=min_df + 1,
                lowercase=False, dtype=np.float32,
            )
            blocks.append(self._shape.fit_transform(_shapes(texts)) * config.shape_weight)
        asked = _asked(texts, questions)
        if config.question_weight > 0 and any(asked):
            self._question, X = _fit_or_none(_one_hot(min_df), [" ".join(tokens) for tokens in asked])
            blocks += [X * config.question_weight] if X is not None else []
        if config.asked_weight > 0 and any(asked):
            self._asked, X = _fit_or_none(_one_word_tfidf(min_df), _asked_words(words, asked))
            blocks += [X * config.asked_weight] if X is not None else []
        for vectorizer in self._vectorizers():
            vectorizer.stop_words_ = None  # the pruned vocabulary is only needed for debugging: keep files small
            # the saved model byte for byte the same on every run: vocabulary in one order whatever the string
            # hash seed, and no memory address (sklearn caches id(stop_words) to skip a re-check; it re-checks)
            vectorizer.vocabulary_ = dict(sorted(vectorizer.vocabulary_.items()))
            vars(vectorizer).pop("_stop_words_id", None)
        return _join(blocks)

    def transform(self, texts: Sequence[str], questions: Sequence[str | None] | None = None) -> sparse.csr_matrix:
        if self._word is None or self._char is None:
            raise RuntimeError("Featurizer.transform before fit_transform")
        words = _word_texts(texts)
        blocks = [fast_transform(self._word, words), fast_transform(self._char, _clip(texts))]
        weights = [1.0, 1.0]
        if self._tone is not None:
            blocks.append(fast_transform(self._tone, _tone_texts(texts)))
            weights.append(self.config.tone_weight)
        if self._embedding:
            blocks.append(sparse.csr_matrix(embedding.embed(_clip(texts))))
            weights.append(self.config.embedding_weight)
        if self._shape is not None:
            blocks.append(fast_transform(self._shape, _shapes(texts)))
            weights.append(self.config.shape_weight)
        asked = _asked(texts, questions) if self._question is not None or self._asked is not None else []
        if self._question is not None:
            blocks.append(fast_transform(self._question, [" ".join(tokens) for tokens in asked]))
            weights.append(self.config.question_weight)
        if self._asked is not None:
            blocks.append(fast_transform(self._asked, _asked_words(words, asked)))
            weights.append(self.config.asked_weight)
        return hstack_csr(blocks, weights, dtype=np.float32)

    def widths(self) -> dict[str, int]:
        """Columns per block present, in column order."""
        found = {"word": self._word, "char": self._char, "tone": self._tone, "shape": self._shape,
                 "question": self._question, "asked": self._asked}
        out = {}
        for name in BLOCKS:
            if name == "embedding":
                if self._embedding:
                    out[name] = embedding.DIMENSIONS
            elif found[name] is not None:
                out[name] = len(found[name].vocabulary_)  # type: ignore[union-attr]
        return out

    def columns(self, blocks: Sequence[str]) -> np.ndarray:
        """Column indices of the named blocks that are present (absent ones are skipped)."""
        parts, start = [], 0
        for name, width in self.widths().items():
            if name in blocks:
                parts.append(np.arange(start, start + width))
            start += width
        return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)

    def keep_blocks(self, blocks: Sequence[str]) -> np.ndarray:
        """Drop the optional blocks not named (no task uses them: do not compute them); returns the old
        indices of the columns kept, to cut fitted weights down with."""
        kept = self.columns(tuple(blocks) + CONTENT)
        if "tone" not in blocks:
            self._tone = None
        if "embedding" not in blocks:
            self._embedding = False
        if "shape" not in blocks:
            self._shape = None
        if "question" not in blocks:
            self._question = None
        if "asked" not in blocks:
            self._asked = None
        return kept

    def has_block(self, name: str) -> bool:
        return name in self.widths()

    @property
    def content_width(self) -> int:
        """Word and character features come first."""
        widths = self.widths()
        return sum(widths[name] for name in CONTENT)

    def content_nnz(self, X: sparse.csr_matrix) -> np.ndarray:
        """Per row, how many word/character features fired (the other blocks alone say nothing)."""
        width = self.content_width
        counts = np.concatenate([[0], np.cumsum(X.indices < width)])
        return counts[X.indptr[1:]] - counts[X.indptr[:-1]]

    def _vectorizers(self) -> list[TfidfVectorizer]:
        return [v for v in (self._word, self._char, self._tone, self._shape, self._question, self._asked)
                if v is not None]

    @property
    def n_features(self) -> int:
        return sum(self.widths().values())


_IMPROVE = re.compile(r"improv|better|\bworst\b|\bwrong\b|\bchange\b|\bdislike", re.I)
_PRAISE = re.compile(r"\bgood\b|\bbest\b|went well|\bliked\b|did you like\b|\bshining\b|\benjoy|\bpleased\b",
                     re.I)


def asked_kind(question: str | None) -> str | None:
    """The kind of question a text answers: "improve" (how could we improve, what could we do better),
    "praise" (what was good, what did you like), "open" (any other: "Why?", "Anything else?"), None when
    no question is known."""
    if not question or not question.strip():
        return None
    if _IMPROVE.search(question):
        return "improve"
    return "praise" if _PRAISE.search(question) else "open"


def asked_tokens(question: str | None) -> tuple[str, ...]:
    """The question block's tokens: the question itself (lower-cased, spaces joined) and its kind."""
    kind = asked_kind(question)
    if kind is None:
        return ()
    return ("q=" + "_".join(str(question).lower().split())[:200], "kind=" + kind)


def _asked(texts: Sequence[str], questions: Sequence[str | None] | None) -> list[tuple[str, ...]]:
    if questions is None:
        return [()] * len(texts)
    if len(questions) != len(texts):
        raise ValueError(f"{len(questions)} questions for {len(texts)} texts")
    return [asked_tokens(q) for q in questions]


def _asked_words(words: Sequence[str], asked: Sequence[tuple[str, ...]]) -> list[str]:
    """Each lemma word prefixed by the kind of question it answers ("improve_nothing"); "" without one."""
    out = []
    for text, tokens in zip(words, asked, strict=True):
        kind = tokens[-1].removeprefix("kind=") if tokens else ""
        out.append(" ".join(f"{kind}_{word}" for word in text.split()) if kind else "")
    return out


def _fit_or_none(vectorizer: TfidfVectorizer, docs: list[str]
                 ) -> tuple[TfidfVectorizer | None, sparse.csr_matrix | None]:
    """Fit a block on docs; (None, None) when no feature is frequent enough (a few questions only)."""
    try:
        return vectorizer, vectorizer.fit_transform(docs)
    except ValueError:  # "empty vocabulary" / "no terms remain"
        return None, None


def _one_hot(min_df: int) -> TfidfVectorizer:
    return TfidfVectorizer(lowercase=False, token_pattern=r"\S+", min_df=min_df, use_idf=False, norm=None,
                           binary=True, dtype=np.float32)


def _one_word_tfidf(min_df: int) -> TfidfVectorizer:
    return TfidfVectorizer(ngram_range=(1, 1), sublinear_tf=True, min_df=min_df, lowercase=False,
                           token_pattern=r"\S+", dtype=np.float32)


def _word_texts(texts: Sequence[str], analyzer: Analyzer | None = None) -> list[str]:
    return list((analyzer or build_analyzer()).features_text(texts))


def _tone_texts(texts: Sequence[str], analyzer: Analyzer | None = None) -> list[str]:
    return list((analyzer or build_analyzer()).tone_text(texts))


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

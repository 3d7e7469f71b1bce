"""`TfidfVectorizer.transform` for the few texts a chat turn brings, without sklearn's per-call
input checks.

sklearn validates its input on every call (dataframe detection, finiteness, parameter checks): for
one short text that is most of the cost, about 0.5–1 ms per vectorizer, and classifying a story
uses five vectorizers. `fast_transform(vectorizer, texts)` computes the same matrix from the fitted
vectorizer's public parts (`build_analyzer()`, `vocabulary_`, `idf_`, `binary`, `sublinear_tf`,
`norm`, `dtype`); `tests/nlp/test_tfidf.py` holds it equal to `vectorizer.transform` for every
setting the bot uses; `row_of(vectorizer, text)` gives one text's row as (columns, values), for a
linear model's scores without a matrix (the question intent model). `hstack_csr` joins row blocks side by side, cheaper than `scipy.sparse.hstack`
for a handful of rows."""

from __future__ import annotations

import weakref
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer


class _Compiled:
    """What `transform` needs from one fitted vectorizer, looked up once."""

    __slots__ = ("analyze", "binary", "dtype", "idf", "norm", "sublinear", "vocabulary")

    def __init__(self, vectorizer: TfidfVectorizer) -> None:
        self.analyze: Callable[[str], list[str]] = vectorizer.build_analyzer()
        self.vocabulary: dict[str, int] = vectorizer.vocabulary_
        self.binary: bool = vectorizer.binary
        self.sublinear: bool = vectorizer.sublinear_tf
        self.idf: np.ndarray | None = vectorizer.idf_ if vectorizer.use_idf else None
        self.norm: str | None = vectorizer.norm
        self.dtype: Any = vectorizer.dtype


_COMPILED: weakref.WeakKeyDictionary[TfidfVectorizer, _Compiled] = weakref.WeakKeyDictionary()


def _compiled(vectorizer: TfidfVectorizer) -> _Compiled:
    compiled = _COMPILED.get(vectorizer)
    if compiled is None:
        compiled = _COMPILED[vectorizer] = _Compiled(vectorizer)
    return compiled


def fast_transform(vectorizer: TfidfVectorizer, texts: Sequence[str]) -> sparse.csr_matrix:
    """Equal to `vectorizer.transform(texts)` (a fitted TfidfVectorizer), with sorted indices."""
    if vectorizer.norm not in ("l1", "l2", None):
        return vectorizer.transform(texts)
    c = _compiled(vectorizer)
    data, cols, starts = _weighted(c, texts)
    return sparse.csr_matrix((data, cols, starts), shape=(len(texts), len(c.vocabulary)))


def row_of(vectorizer: TfidfVectorizer, text: str) -> tuple[np.ndarray, np.ndarray]:
    """One text's row of `fast_transform` as (sorted columns, values), without building a matrix (a
    linear model's score for one text is then `weights[:, columns] @ values`)."""
    if vectorizer.norm not in ("l1", "l2", None):
        row = vectorizer.transform([text])
        return row.indices, row.data
    data, cols, _ = _weighted(_compiled(vectorizer), [text])
    return cols, data


def _weighted(c: _Compiled, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(data, columns, row starts) of the texts' tf-idf rows, as a csr matrix holds them."""
    vocabulary = c.vocabulary
    indptr, indices, counts = [0], [], []
    for text in texts:
        row: dict[int, int] = {}
        for feature in c.analyze(text):
            j = vocabulary.get(feature)
            if j is not None:
                row[j] = row.get(j, 0) + 1
        for j in sorted(row):
            indices.append(j)
            counts.append(row[j])
        indptr.append(len(indices))
    data = np.asarray(counts, dtype=c.dtype)
    cols = np.asarray(indices, dtype=np.int32)
    if c.binary:
        data.fill(1)
    if c.sublinear:
        np.log(data, out=data)
        data += 1
    if c.idf is not None:
        data *= c.idf[cols]
    starts = np.asarray(indptr, dtype=np.int32)
    if c.norm is not None and data.size:
        lengths = np.diff(starts)
        filled = lengths > 0
        sums = np.add.reduceat(np.abs(data) if c.norm == "l1" else data * data, starts[:-1][filled])
        norms = sums if c.norm == "l1" else np.sqrt(sums)
        norms[norms == 0] = 1  # as sklearn: a row with nothing to scale is left alone
        data /= np.repeat(norms, lengths[filled])
    return data, cols, starts


def hstack_csr(blocks: Sequence[sparse.csr_matrix], weights: Sequence[float] | None = None,
               dtype: Any = None) -> sparse.csr_matrix:
    """Blocks with the same rows side by side (each optionally scaled), like
    `sparse.hstack([w * b for ...], format="csr")`, indices sorted when each block's are."""
    weights = weights or [1.0] * len(blocks)
    n_rows = blocks[0].shape[0]
    offsets = np.cumsum([0] + [b.shape[1] for b in blocks])
    dtype = dtype or np.result_type(*(b.dtype for b in blocks))
    rows = np.concatenate([np.repeat(np.arange(n_rows), np.diff(b.indptr)) for b in blocks])
    order = np.argsort(rows, kind="stable")  # within a row: block after block, so columns stay sorted
    data = np.concatenate([b.data * w for b, w in zip(blocks, weights, strict=True)]).astype(dtype)[order]
    cols = np.concatenate([b.indices + off for b, off in zip(blocks, offsets, strict=False)])[order]
    indptr = np.sum([b.indptr for b in blocks], axis=0)
    return sparse.csr_matrix((data, cols, indptr), shape=(n_rows, offsets[-1]))

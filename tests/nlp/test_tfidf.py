"""`fast_transform` equals `TfidfVectorizer.transform`, and `hstack_csr` equals `scipy.sparse.hstack`,
for every setting the bot uses and odd input (empty, emoji, unseen words, repeats, huge)."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

from bot.nlp.tfidf import fast_transform, hstack_csr, row_of

TRAIN = [
    "The receptionist found me a parking space and walked me to the clinic.",
    "Waited two hours in the waiting room, nobody told us why.",
    "Lovely nurse, very kind, explained the results clearly.",
    "Car park full again. Could not find anywhere to park!",
    "Check-in was quick; the kiosk worked first time.",
    "Doctor listened and did not rush me at all.",
]
ODD = ["", "🙂🙂🙂", "ça va très bien, merci beaucoup", "park park park park", "zzzz qqqq",
       "Parking " * 500, "The nurse. The NURSE! the nurse?", "\n\t  "]


def _lemmas(text: str) -> list[str]:  # a callable analyzer, like the cycle classifier's
    return [w.strip(".,!?;").lower() for w in text.split() if len(w) > 2]


SETTINGS = {
    "words 1-2, float32": dict(ngram_range=(1, 2), sublinear_tf=True, lowercase=False, token_pattern=r"\S+",
                               dtype=np.float32),
    "char_wb 2-5, cased": dict(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, lowercase=False),
    "char 3-6": dict(analyzer="char", ngram_range=(3, 6), sublinear_tf=True, lowercase=False, dtype=np.float32),
    "callable analyzer": dict(analyzer=_lemmas, sublinear_tf=True),
    "plain defaults": {},
    "binary, no idf, l1": dict(binary=True, use_idf=False, norm="l1"),
    "no norm": dict(norm=None, sublinear_tf=True),
    "min_df 2": dict(min_df=2),
}


@pytest.mark.parametrize("options", SETTINGS.values(), ids=SETTINGS.keys())
def test_fast_transform_equals_sklearn(options):  # type: ignore[no-untyped-def]
    vectorizer = TfidfVectorizer(**options).fit(TRAIN)
    texts = TRAIN + ODD
    for batch in (texts, [texts[0]], [""], ODD):
        expected = vectorizer.transform(batch)
        expected.sort_indices()
        got = fast_transform(vectorizer, batch)
        assert got.shape == expected.shape and got.dtype == expected.dtype
        assert np.array_equal(got.indptr, expected.indptr) and np.array_equal(got.indices, expected.indices)
        assert np.allclose(got.data, expected.data, rtol=1e-6, atol=1e-7)


@pytest.mark.parametrize("options", SETTINGS.values(), ids=SETTINGS.keys())
def test_row_of_is_one_texts_row(options):  # type: ignore[no-untyped-def]
    vectorizer = TfidfVectorizer(**options).fit(TRAIN)
    for text in TRAIN + ODD:
        expected = vectorizer.transform([text])
        expected.sort_indices()
        columns, values = row_of(vectorizer, text)
        assert np.array_equal(columns, expected.indices)
        assert np.allclose(values, expected.data, rtol=1e-6, atol=1e-7)


def test_fast_transform_leaves_an_unknown_norm_to_sklearn():  # type: ignore[no-untyped-def]
    vectorizer = TfidfVectorizer().fit(TRAIN)
    vectorizer.norm = "max"  # not a valid option today: whatever sklearn makes of it, so do we
    got, expected = fast_transform(vectorizer, ["nurse kind"]), vectorizer.transform(["nurse kind"])
    assert np.allclose(got.toarray(), expected.toarray())


@pytest.mark.parametrize("rows", [1, 5])
def test_hstack_csr_equals_scipy(rows):  # type: ignore[no-untyped-def]
    texts = (TRAIN + ODD)[:rows] if rows > 1 else ["Waited in the car park"]
    if rows > 1:
        texts[2] = ""  # an empty row in the middle
    words = TfidfVectorizer().fit(TRAIN)
    chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), dtype=np.float32).fit(TRAIN)
    blocks = [fast_transform(words, texts), fast_transform(chars, texts)]
    for weights, dtype in (([0.6, 0.4], None), ([1.0, 0.3], np.float32)):
        expected = sparse.hstack([b * w for b, w in zip(blocks, weights, strict=True)], format="csr", dtype=dtype)
        got = hstack_csr(blocks, weights, dtype=dtype)
        assert got.shape == expected.shape
        if dtype is not None:
            assert got.dtype == dtype
        assert got.has_sorted_indices or got.nnz == 0
        assert np.allclose(got.toarray(), expected.toarray(), rtol=1e-6)

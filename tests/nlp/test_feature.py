"""The feature blocks: tone sequences (lexicon + negation), embeddings from the installed wheel, and the
Featurizer's named column blocks."""

from __future__ import annotations

import numpy as np
import pytest

from bot.nlp import embedding
from bot.nlp.analyzer import build_analyzer, tone_lexicon
from bot.nlp.feature import FeatureConfig, Featurizer


def test_tone_reads_lexicon_words_negation_and_boundaries():
    tone = list(build_analyzer().tone_text([
        "Consultant was dismissive and rude.",
        "Not very helpful.",
        "Brilliant paramedics. Took too long to get here.",
        "Staff were not rude at all but the food was awful",
        "",
        "🙂🙂",
    ]))
    assert tone[0] == "N2 |"  # "rude" is strongly negative
    assert tone[1] == "XP2 |"  # a positive word inside a negation's scope
    assert tone[2] == "P2 | |"
    assert tone[3] == "XN2 | N2"  # "but" ends the negation and marks a boundary
    assert tone[4] == "EMPTY" and tone[5] == "EMPTY"


@pytest.mark.parametrize(("text", "negated"), [
    ("Not very helpful.", True),
    ("Nobody was helpful.", True),
    ("wasn't very friendly", True),
    ("The doctor was not kind and did not listen.", True),
    ("Not a very good experience", True),
    ("No one was helpful at the desk.", True),  # "no one" opening a text is a negation, not an answer
    ("Not helpful, but the nurse was lovely.", False),  # praise left standing
    ("Consultant was dismissive and rude.", False),  # nothing negated
    ("Nothing could be better.", False),  # a negated comparative is praise
    ("Could not have done any better", False),
    ("Nothing, everyone was lovely", False),  # the answer to "what could we improve?"
    ("Nothing very happy staff", False),
    ("I don't think one phone call is good enough", False),  # the cue is too far from "good"
    ("The staff were not rude at all.", False),  # a negated complaint is not negated praise
    ("Very helpful staff.", False),
    ("", False),
    ("🙂🙂", False),
])
def test_negated_praise_reads_negation_close_to_a_positive_word(text: str, negated: bool):
    assert list(build_analyzer().negated_praise([text])) == [negated]


def test_tone_lexicon_ships_with_the_package():
    lexicon = tone_lexicon()
    assert len(lexicon) > 7000 and lexicon["rude"] < 0 < lexicon["helpful"]


def test_embeddings_load_from_the_wheel_without_network():
    # pytest-socket blocks the network here: the weights and tokenizer must come from the installed package
    vectors = embedding.embed(["The nurse was kind", "", "rude and dismissive", "kind nurse"])
    assert vectors.shape == (4, embedding.DIMENSIONS) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors[[0, 2, 3]], axis=1), 1.0, atol=1e-5)
    assert not vectors[1].any()  # nothing to embed
    assert vectors[0] @ vectors[3] > vectors[0] @ vectors[2]


TEXTS = ["The nurse was kind and helpful.", "Waited two hours, nobody told us why.", "Parking was awful!",
         "Lovely staff, not rude at all.", "The doctor did not listen."] * 3


@pytest.mark.parametrize("tone, emb, shape", [(0.5, 0.3, 0.3), (0.0, 0.0, 0.0), (0.5, 0.0, 0.3)])
def test_blocks_line_up_with_columns_and_transform_matches_fit(tone, emb, shape):
    featurizer = Featurizer(FeatureConfig(tone_weight=tone, embedding_weight=emb, shape_weight=shape))
    X = featurizer.fit_transform(TEXTS)
    widths = featurizer.widths()
    assert list(widths)[:2] == ["word", "char"] and X.shape[1] == sum(widths.values()) == featurizer.n_features
    assert ("tone" in widths) == (tone > 0) and ("embedding" in widths) == (emb > 0)
    assert np.allclose(featurizer.transform(TEXTS).toarray(), X.toarray(), atol=1e-5)
    assert len(featurizer.columns(("word", "char"))) == featurizer.content_width
    assert len(featurizer.columns(("word", "char", "tone", "embedding", "shape"))) == X.shape[1]


def test_keep_blocks_drops_the_unused_ones():
    featurizer = Featurizer(FeatureConfig(tone_weight=0.5, embedding_weight=0.3, shape_weight=0.3))
    X = featurizer.fit_transform(TEXTS)
    kept = featurizer.keep_blocks(["tone"])
    assert set(featurizer.widths()) == {"word", "char", "tone"}
    Xk = featurizer.transform(TEXTS)
    assert Xk.shape[1] == len(kept) and np.allclose(Xk.toarray(), X[:, kept].toarray(), atol=1e-5)
    assert (featurizer.content_nnz(Xk) > 0).all()
    [unknown] = featurizer.content_nnz(featurizer.transform(["😀"]))
    assert unknown == 0

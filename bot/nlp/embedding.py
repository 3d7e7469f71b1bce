"""Small static sentence embeddings: WordLlama's 256-d token table (l2_supercat), mean-pooled.

The weights and tokenizer ship inside the `wordllama` wheel (16 MB); nothing is fetched at run time:
`embed` loads them from the installed package with downloads disabled (wordllama itself would look for
the tokenizer in the wrong folder of its package and then try the network, so we point it at the
package). Loaded once per process on first use (about 2 s, ~60 MB); embedding a text takes ~0.1 ms.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from bot.nlp.analyzer import MAX_CHARS

DIMENSIONS = 256


@cache
def _model() -> Any:
    import wordllama

    package = Path(wordllama.__file__).parent
    model = wordllama.WordLlama.load(config="l2_supercat", dim=DIMENSIONS, cache_dir=package, disable_download=True)
    model.tokenizer.no_padding()  # we pool each text's own tokens: no padded batch (tens of MB for long texts)
    return model


def embed(texts: Sequence[str], *, batch: int = 256) -> np.ndarray:
    """(len(texts), 256) float32: the mean of each text's token vectors (what `WordLlama.embed` computes),
    scaled to unit length; zero for a text with no tokens."""
    model = _model()
    table = model.embedding
    out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
    for start in range(0, len(texts), batch):
        chunk = [(t or "")[:MAX_CHARS] for t in texts[start:start + batch]]
        ids = [e.ids for e in model.tokenizer.encode_batch(chunk, add_special_tokens=False)]
        lengths = np.array([len(i) for i in ids])
        filled = np.nonzero(lengths)[0]
        if not len(filled):
            continue
        flat = np.clip(np.concatenate([ids[i] for i in filled]), 0, table.shape[0] - 1)
        starts = np.concatenate([[0], np.cumsum(lengths[filled])[:-1]])
        sums = np.add.reduceat(table[flat], starts, axis=0)
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        out[start + filled] = sums / np.maximum(norms, 1e-12)  # the mean's direction: dividing by length is moot
    return out


def version() -> str:
    from importlib.metadata import version as installed

    return installed("wordllama")

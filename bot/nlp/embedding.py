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
    return wordllama.WordLlama.load(config="l2_supercat", dim=DIMENSIONS, cache_dir=package, disable_download=True)


def embed(texts: Sequence[str]) -> np.ndarray:
    """(len(texts), 256) float32, each row of unit length (zero for a text with no tokens)."""
    out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
    keep = [i for i, t in enumerate(texts) if t and t.strip()]
    if keep:
        vectors = _model().embed([texts[i][:MAX_CHARS] for i in keep])
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        out[keep] = vectors / np.maximum(norms, 1e-12)
    return out


def version() -> str:
    from importlib.metadata import version as installed

    return installed("wordllama")

"""A plain word-overlap score between a text and each MOT of a cycle: lexical evidence, used by
`scripts/build_demo_comments.py` to keep only quotes that really talk about their MOT. The bot itself
suggests MOTs with the trained classifier (`bot.learning`)."""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.cycle import Cycle

_WORD = re.compile(r"[a-z]{3,}")
_STOP = frozenset("the and was were with for that this you your our they them their had has have from".split())


def _words(text: str) -> set[str]:
    return {w.rstrip("s") for w in _WORD.findall(text.lower())} - _STOP


def build_keyword_suggester() -> Callable[[str, Cycle], list[tuple[str, float]]]:
    def suggest(text: str, cycle: Cycle) -> list[tuple[str, float]]:
        said = _words(text)
        if not said:
            return []
        scored = []
        for mot in cycle.mots:
            vocab = _words(" ".join((mot.name, mot.description, *mot.examples, *mot.aliases)))
            overlap = len(said & vocab)
            if overlap:
                scored.append((mot.id, overlap / (len(said) ** 0.5 * len(vocab) ** 0.5)))
        scored.sort(key=lambda pair: -pair[1])
        top = scored[0][1] if scored else 1.0
        return [(mot_id, min(1.0, score / top * 0.6)) for mot_id, score in scored[:4]]

    return suggest

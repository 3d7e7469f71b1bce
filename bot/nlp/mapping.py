"""Topic probabilities (from the NHS topic model) -> Moment of Truth probabilities.

A cycle declares which topic labels belong to each MOT (`topics:` in `data/cycles/*.yaml`), e.g.
`{"find-parking": ["Parking", "Transport to/ from services"], ...}`. A MOT is mentioned if any of its
topics is (noisy-OR): P(mot) = 1 - prod(1 - P(topic)). Topics that belong to no MOT ("Positive
experience & gratitude") are ignored: they say how the visit went, not where.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence


def mot_probabilities(
    topic_probabilities: Mapping[str, float],
    topic_map: Mapping[str, Sequence[str]],
) -> list[tuple[str, float]]:
    """`{topic: p}` and `{mot_id: [topics]}` -> `[(mot_id, p)]`, most likely first (ties in cycle order).

    MOTs without topics are left out; a topic missing from `topic_probabilities` counts as 0.
    """
    scored = []
    for position, (mot_id, topics) in enumerate(topic_map.items()):
        if not topics:
            continue
        absent = 1.0
        for topic in dict.fromkeys(topics):
            p = min(max(float(topic_probabilities.get(topic, 0.0)), 0.0), 1.0)
            absent *= 1.0 - p
        scored.append((position, mot_id, round(1.0 - absent, 4)))
    scored.sort(key=lambda item: (-item[2], item[0]))
    return [(mot_id, p) for _, mot_id, p in scored]


def unmapped_topics(labels: Sequence[str], topic_map: Mapping[str, Sequence[str]]) -> list[str]:
    """Topic labels of a model that no MOT claims (to review a cycle's `topics:` lists)."""
    claimed = {topic for topics in topic_map.values() for topic in topics}
    return [label for label in labels if label not in claimed]

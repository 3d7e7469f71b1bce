"""What the topic/sentiment model says about one text."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple


class Score(NamedTuple):
    """A label and its calibrated probability (a named tuple: cheap to build by the thousand)."""

    label: str
    probability: float


@dataclass(frozen=True, slots=True)
class Prediction:
    """Topics and sentiment of one text.

    - `topics`: topic labels with their calibrated probabilities, most likely first (labels below 0.005
      are left out; the most likely one is always there). For multi-label
      models each probability is on its own ("is this topic present?"); for single-label models they sum to 1.
    - `labels`: the predicted topics (each above its tuned threshold, always at least the most likely one),
      empty when the model abstained.
    - `abstained`: True when the most likely topic is below the model's confidence threshold, or the text
      has nothing the model knows (empty, emoji only, another language): the dialog should ask, not guess.
    - `sentiment`: "positive", "neutral" or "negative" (the most likely), with `sentiment_probability`;
      `sentiments` holds all three, most likely first. `likely_sentiment` is the sentiment only when it is
      likely right (its probability is at least the model's `sentiment_sure_above`, chosen when training
      so that ~90% of such sentiments are right, and the text's negations do not say otherwise),
      otherwise None: store that one.
    - `negated_praise`: the text's praise is all negated ("Not very helpful.", "Nobody was helpful.";
      `bot.nlp.analyzer.Analyzer.negated_praise`): a positive sentiment is then not likely right (the
      model's n-grams may have read "helpful" and missed the "not"), and is not stored.
    """

    topics: tuple[Score, ...]
    labels: tuple[str, ...]
    abstained: bool
    sentiment: str
    sentiment_probability: float
    sentiments: tuple[Score, ...] = ()
    sentiment_sure_above: float = 0.0
    negated_praise: bool = False

    @property
    def likely_sentiment(self) -> str | None:
        """The sentiment when it is likely right, else None ("not sure")."""
        if not self.sentiments or self.sentiment_probability < self.sentiment_sure_above:
            return None
        if self.sentiment == "positive" and self.negated_praise:
            return None  # the text negates the praise the model read
        return self.sentiment

    @property
    def top(self) -> Score | None:
        """The most likely topic, or None when the model is not sure."""
        return None if self.abstained or not self.topics else self.topics[0]

    def probability(self, label: str) -> float:
        return next((s.probability for s in self.topics if s.label == label), 0.0)

    def topic_probabilities(self) -> dict[str, float]:
        return {s.label: s.probability for s in self.topics}

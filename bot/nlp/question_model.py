"""Private to bot.nlp.question: a small intent model for the questions the rules cannot read.

It is trained at first use (cached; under a second: logistic loss by SGD) on paraphrases generated systematically:
templates × synonyms × periods × MOT words × chat shorthand (wk, mth, ppl, rn, oct) × typos, all
seeded, so the same text always gets the same reading. It is only asked when the rules found no
intent at all in an English question with enough words: a confident reading is answered as a weak
one (with "Or:" buttons), anything else becomes "did you mean" with the two or three most likely
readings — never a guess answered confidently. `confident_reading` is that decision. Character n-grams (2–4, within words) carry it over
misspellings the speller leaves alone."""

from __future__ import annotations

import random
from functools import lru_cache
from itertools import product

from bot.nlp.question_vocabulary import (
    CHART,
    COMMENTS,
    COMPARE,
    HELP,
    MOT_DETAIL,
    PEOPLE,
    PRACTICES,
    RATING_COUNT,
    STORIES,
    STORY_COUNT,
    STRONGEST,
    TREND,
    WEAKEST,
)

_SLOTS = {
    "period": ["", "this week", "last week", "this month", "last month", "since monday", "in october", "q3",
               "this wk", "last mth", "lately", "right now", "so far", "all time", "since october"],
    "mot": ["parking", "check in", "the waiting room", "reception", "the doctor", "billing", "vitals", "results",
            "booking", "the exam", "the phones", "signage", "forms"],
    "who": ["patients", "customers", "people", "ppl", "guests", "folks", "visitors"],
    "thing": ["moments", "touchpoints", "steps", "parts of the visit", "stages", "areas", "mots", "things"],
    "bad": ["hate", "dislike", "complain about", "struggle with", "get annoyed by", "get frustrated with",
            "moan about", "are unhappy with", "find painful"],
    "good": ["love", "like", "enjoy", "rave about", "appreciate", "are happy with", "praise"],
    "rating": ["ratings", "responses", "votes", "reviews", "survey answers", "feedback", "scores"],
    "story": ["stories", "anecdotes", "shout outs", "kudos", "examples"],
}

_TEMPLATES: dict[str, list[str]] = {
    WEAKEST: ["which {thing} are weakest {period}", "where are we going wrong {period}",
              "what do {who} {bad} most {period}", "what do {who} {bad} {period}", "our worst {thing} {period}",
              "where do we need to improve {period}", "what is dragging us down {period}",
              "what are the sore spots {period}", "where are we losing {who} {period}",
              "which {thing} get the most irritation {period}"],
    STRONGEST: ["which {thing} are strongest {period}", "what do {who} {good} most {period}",
                "what do {who} {good} {period}", "where are we doing great {period}", "our best {thing} {period}",
                "what are we proud of {period}", "where do we shine {period}", "what is working {period}"],
    MOT_DETAIL: ["how did {mot} do {period}", "how is {mot} going {period}", "numbers for {mot} {period}",
                 "{mot} stats {period}", "give me the figures on {mot} {period}", "how are we doing at {mot}"],
    COMMENTS: ["what are {who} saying about {mot} {period}", "what did {who} write about {mot}",
               "comments on {mot} {period}", "what do {who} think of {mot}", "any quotes about {mot}"],
    PRACTICES: ["how can we improve {mot}", "tips for {mot}", "what works well for {mot} elsewhere",
                "ideas to make {mot} better", "best practice for {mot}"],
    STORIES: ["show me {story} {period}", "any {story} about {mot} {period}", "latest {story} {period}",
              "read me the {story} {period}", "what {story} came in {period}"],
    STORY_COUNT: ["how many {story} {period}", "number of {story} {period}", "count the {story} {period}",
                  "total {story} {period}"],
    RATING_COUNT: ["how many {rating} {period}", "number of {rating} for {mot} {period}",
                   "how many {rating} did we get {period}", "count of {rating} {period}",
                   "total {rating} {period}", "how many {who} rated us {period}", "{rating} received {period}"],
    COMPARE: ["compare {mot} this week with last week", "this month versus last month",
              "how does {mot} compare with last month", "{mot} this week vs last week",
              "is {mot} better than last month"],
    TREND: ["trend for {mot} {period}", "is {mot} getting better {period}", "how has {mot} evolved {period}",
            "week by week {mot}", "show the trend {period}", "is {mot} getting worse over time"],
    PEOPLE: ["who told the most {story} {period}", "who shared the most {story} {period}",
             "which colleague got the most {story} {period}", "leaderboard of storytellers {period}",
             "who gets mentioned most {period}"],
    CHART: ["show me the chart {period}", "draw the cycle {period}", "overview {period}", "big picture {period}",
            "dashboard {period}"],
    HELP: ["what can you do", "help me ask", "what questions can i ask", "how does this work", "instructions"],
}

_SHORTHAND = {"week": "wk", "month": "mth", "people": "ppl", "right now": "rn", "october": "oct", "are": "r",
              "you": "u", "what": "wat", "this": "ths", "please": "pls"}
_PER_TEMPLATE = 40


def _typo(text: str, rng: random.Random) -> str:
    words = text.split()
    long = [i for i, w in enumerate(words) if len(w) > 4]
    if not long:
        return text
    i = rng.choice(long)
    w, k = words[i], rng.randrange(1, len(words[i]) - 1)
    words[i] = rng.choice((w[:k] + w[k + 1:], w[:k] + w[k + 1] + w[k] + w[k + 2:], w[:k] + w[k] + w[k:]))
    return " ".join(words)


def paraphrases(seed: int = 14) -> list[tuple[str, str]]:
    """(text, intent) pairs: every template filled with up to `_PER_TEMPLATE` slot combinations, a
    third with shorthand and a third with one typo."""
    rng = random.Random(seed)
    rows: list[tuple[str, str]] = []
    for intent, templates in _TEMPLATES.items():
        for template in templates:
            names = [n for n in _SLOTS if "{" + n + "}" in template]
            combos = list(product(*(_SLOTS[n] for n in names))) or [()]
            rng.shuffle(combos)
            for combo in combos[:_PER_TEMPLATE]:
                text = " ".join(template.format(**dict(zip(names, combo))).split())
                roll = rng.random()
                if roll < 0.33:
                    for long, short in _SHORTHAND.items():
                        text = f" {text} ".replace(f" {long} ", f" {short} ").strip()
                elif roll < 0.66:
                    text = _typo(text, rng)
                rows.append((text, intent))
    return rows


@lru_cache(maxsize=1)
def _model():  # type: ignore[no-untyped-def]
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import SGDClassifier
    from sklearn.pipeline import make_pipeline

    rows = paraphrases()
    classifier = SGDClassifier(loss="log_loss", alpha=1e-4, max_iter=30, tol=None, random_state=0)
    model = make_pipeline(TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True, min_df=2),
                          classifier)
    model.fit([t for t, _ in rows], [i for _, i in rows])
    words = frozenset(w for t, _ in rows for w in t.split())
    return model, words


def model_readings(text: str, *, min_known: int = 2) -> list[tuple[str, float]]:
    """The model's readings of `text`, most likely first, as (intent, probability); empty when fewer
    than `min_known` of its words are words the paraphrases use (gibberish, one-word small talk)."""
    model, vocabulary = _model()
    if sum(1 for w in text.split() if w in vocabulary) < min_known:
        return []
    probabilities = model.predict_proba([text])[0]
    ranked = sorted(zip(model.classes_, probabilities), key=lambda kv: -kv[1])
    return [(str(intent), float(p)) for intent, p in ranked]


CONFIDENT = 0.7  # a reading at least this likely is answered (as a weak reading, with "Or:" buttons)
OFFERED = 0.1  # readings at least this likely are offered as "did you mean"


def confident_reading(text: str) -> tuple[str | None, tuple[str, ...]]:
    """(intent to answer or None, other readings to offer), best first, at most three in all."""
    readings = model_readings(text)
    if not readings:
        return None, ()
    offered = tuple(i for i, p in readings[:3] if p >= OFFERED)
    if readings[0][1] >= CONFIDENT:
        return readings[0][0], offered[1:]
    return None, offered

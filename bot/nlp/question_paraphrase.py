"""Private to bot.nlp.question_model: managers' questions generated systematically for the intent
model to learn from: templates × synonyms × periods × MOT words × chat shorthand (wk, mth, ppl, rn,
oct) × typos, all seeded, so the same code always gives the same rows. The templates are written by
hand, several ways per intent (a trend as a direction, a change over time, "better or worse than it
was"; practices as what others could copy; a ranking as what needs work or what shines)."""

from __future__ import annotations

import random
from itertools import product

from bot.nlp.question_vocabulary import (
    CHART,
    COMMENTS,
    COMPARE,
    HELP,
    MOT_DETAIL,
    OFF_TOPIC,
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
               "this wk", "last mth", "lately", "right now", "so far", "all time", "since october",
               "over the last 6 weeks", "in the past 90 days", "this quarter", "yesterday"],
    "long": ["since october", "over the last 3 months", "since the summer", "this year", "over q3",
             "since we started", "over the past 8 weeks", "since january", "across the last quarter", ""],
    "mot": ["parking", "check in", "the waiting room", "reception", "the doctor", "billing", "vitals", "results",
            "booking", "the exam", "the phones", "signage", "forms", "the bill", "our welcome at the door"],
    "who": ["patients", "customers", "people", "ppl", "guests", "folks", "visitors", "diners"],
    "thing": ["moments", "touchpoints", "steps", "parts of the visit", "stages", "areas", "mots", "things",
              "parts of the journey", "bits"],
    "bad": ["hate", "dislike", "complain about", "struggle with", "get annoyed by", "get frustrated with",
            "moan about", "are unhappy with", "find painful", "grumble about"],
    "good": ["love", "like", "enjoy", "rave about", "appreciate", "are happy with", "praise", "compliment"],
    "rating": ["ratings", "responses", "votes", "reviews", "survey answers", "feedback", "scores"],
    "story": ["stories", "anecdotes", "shout outs", "kudos", "examples"],
    "better": ["better", "worse", "happier", "more irritated", "less satisfied"],
    "copy": ["copy", "learn from", "borrow", "roll out everywhere", "share with the team", "adopt",
             "teach the new starters", "make standard"],
}

_TEMPLATES: dict[str, list[str]] = {
    WEAKEST: ["which {thing} are weakest {period}", "where are we going wrong {period}",
              "what do {who} {bad} most {period}", "what do {who} {bad} {period}", "our worst {thing} {period}",
              "where do we need to improve {period}", "what is dragging us down {period}",
              "what are the sore spots {period}", "where are we losing {who} {period}",
              "which {thing} get the most irritation {period}", "which {thing} need attention {period}",
              "what needs fixing {period}", "where should we focus our effort {period}",
              "what lets us down {period}", "which {thing} score lowest {period}",
              "our problem areas {period}", "where is the experience poorest {period}",
              "what is hurting our ratings {period}", "which {thing} are least liked {period}",
              "where are {who} least happy {period}", "the {thing} with the fewest happy {who} {period}"],
    STRONGEST: ["which {thing} are strongest {period}", "what do {who} {good} most {period}",
                "what do {who} {good} {period}", "where are we doing great {period}", "our best {thing} {period}",
                "what are we proud of {period}", "where do we shine {period}", "what is working {period}",
                "which {thing} score highest {period}", "where do we excel {period}",
                "which {thing} get the best ratings {period}", "our highlights {period}",
                "what are we nailing {period}", "where are {who} happiest {period}",
                "which {thing} stand out for the right reasons {period}", "what goes best {period}"],
    MOT_DETAIL: ["how did {mot} do {period}", "how is {mot} going {period}", "numbers for {mot} {period}",
                 "{mot} stats {period}", "give me the figures on {mot} {period}", "how are we doing at {mot}",
                 "summary of {mot} {period}", "what is the picture for {mot} {period}",
                 "update on {mot} {period}", "how are {who} finding {mot} {period}",
                 "scores for {mot} {period}", "breakdown of {mot} {period}", "tell me about {mot} {period}"],
    COMMENTS: ["what are {who} saying about {mot} {period}", "what did {who} write about {mot}",
               "comments on {mot} {period}", "what do {who} think of {mot}", "any quotes about {mot}",
               "what feedback did {who} leave on {mot} {period}", "show me what {who} wrote {period}",
               "verbatims for {mot} {period}", "read me some comments about {mot}",
               "in their own words what do {who} say about {mot}"],
    PRACTICES: ["how can we improve {mot}", "tips for {mot}", "what works well for {mot} elsewhere",
                "ideas to make {mot} better", "best practice for {mot}",
                "what could other teams {copy} about {mot}", "what should we {copy} from {period}",
                "what do the best staff do differently at {mot}", "good habits at {mot} we could {copy}",
                "which behaviours should we {copy}", "what are the winning habits for {mot}",
                "lessons from the good {story} {period}", "what can the team {copy} {period}",
                "what makes {mot} work when it goes well", "how do our top people handle {mot}",
                "what should we do more of at {mot}", "examples of great practice at {mot}"],
    STORIES: ["show me {story} {period}", "any {story} about {mot} {period}", "latest {story} {period}",
              "read me the {story} {period}", "what {story} came in {period}", "list the {story} {period}",
              "what has been shared {period}"],
    STORY_COUNT: ["how many {story} {period}", "number of {story} {period}", "count the {story} {period}",
                  "total {story} {period}", "how many {story} were shared {period}"],
    RATING_COUNT: ["how many {rating} {period}", "number of {rating} for {mot} {period}",
                   "how many {rating} did we get {period}", "count of {rating} {period}",
                   "total {rating} {period}", "how many {who} rated us {period}", "{rating} received {period}",
                   "how many {who} answered the survey {period}", "response count {period}"],
    COMPARE: ["compare {mot} this week with last week", "this month versus last month",
              "how does {mot} compare with last month", "{mot} this week vs last week",
              "is {mot} better than last month", "did {mot} do {better} this month than last month",
              "was october {better} than september for {mot}", "this week against last week",
              "did we improve on last month", "{mot} in september or october which was {better}",
              "how does this quarter stack up against the last", "side by side this month and last month",
              "were we {better} last week than the week before"],
    TREND: ["trend for {mot} {long}", "is {mot} getting better {long}", "how has {mot} evolved {long}",
            "week by week {mot}", "show the trend {long}", "is {mot} getting worse over time",
            "which way is {mot} heading", "is {mot} improving or declining", "direction of travel for {mot}",
            "are {who} {better} than they used to be", "is {mot} {better} than it used to be",
            "how has {mot} changed {long}", "has {mot} moved {long}", "month by month how is {mot} doing",
            "is {mot} on the up or going downhill", "are we trending up or down {long}",
            "how are we tracking {long}", "has {mot} been slipping {long}", "progress on {mot} {long}",
            "is there a pattern in {mot} {long}", "plot {mot} over time", "day by day {mot} {long}",
            "how did {rating} develop {long}", "the trajectory of {mot}"],
    PEOPLE: ["who told the most {story} {period}", "who shared the most {story} {period}",
             "which colleague got the most {story} {period}", "leaderboard of storytellers {period}",
             "who gets mentioned most {period}", "which staff are praised most {period}",
             "who has been named in the most {story} {period}"],
    CHART: ["show me the chart {period}", "draw the cycle {period}", "overview {period}", "big picture {period}",
            "dashboard {period}", "how are we doing overall {period}", "all the moments at a glance {period}"],
    HELP: ["what can you do", "help me ask", "what questions can i ask", "how does this work", "instructions",
           "what can i ask you", "how do i use this"],
    OFF_TOPIC: ["book me an appointment {period}", "what is the weather {period}", "order more printer paper",
                "who is the best employee", "tell me a joke", "what time does the pharmacy close",
                "reset my password", "send an email to the team"],
}

_SHORTHAND = {"week": "wk", "month": "mth", "people": "ppl", "right now": "rn", "october": "oct", "are": "r",
              "you": "u", "what": "wat", "this": "ths", "please": "pls"}
_PER_TEMPLATE = 30


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

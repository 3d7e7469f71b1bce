from __future__ import annotations

import functools
from dataclasses import replace
from pathlib import Path

import pytest

from bot.nlp.mot import WEIGHTS, build_cycle_classifier, retrain, to_mot_spec

ROOT = Path(__file__).resolve().parents[2]

MOTS = [
    {"id": "book-table", "name": "Book a table", "description": "Calling or booking online for a table.",
     "examples": ["could not get through to book", "booking online was easy"]},
    ("arrive-greeted", "Arrive and be greeted", "Being welcomed at the door by the host.",
     ["the host greeted us by name", "nobody noticed us at the door"]),
    ("served", "Food is served", "Timing, temperature and quality of the food as it arrives.",
     ["food came out hot and quickly", "my main course was cold"]),
    ("pay-bill", "Pay the bill", "Paying, splitting the bill, the card machine.",
     ["the card machine did not work", "they split the bill for us without fuss"]),
]


def test_zero_shot_from_descriptions():
    classifier = build_cycle_classifier(MOTS)
    soup = classifier.suggest("The soup was cold when it arrived")  # descriptions only: whether it is sure enough
    assert soup.ranked[0][0] == "served" and soup.confidence > 0.8  # to suggest is the calibration's (fitted on the
    # shipped cycles, bench/mot_weights.py)
    assert classifier.suggest("I booked a table online").top == "book-table"
    ranked = classifier.rank("the host greeted us warmly at the door")
    assert ranked[0][0] == "arrive-greeted"
    assert sum(score for _, score in classifier.suggest("anything").ranked) == pytest.approx(1.0, abs=1e-3)


def test_abstains_when_nothing_matches():
    classifier = build_cycle_classifier(MOTS)
    for text in ["", "😀", "zzqx"]:
        suggestion = classifier.suggest(text)
        assert suggestion.abstained and suggestion.top is None
        assert classifier.rank(text) == []


def test_confirmed_examples_teach_new_wording():
    text = "the sommelier poured our wine"
    before = build_cycle_classifier(MOTS).suggest(text)
    examples = [("the sommelier was great", "served"), ("wine was poured generously", "served"),
                ("sommelier recommended a wine", "served")] + [("paid by card", "pay-bill")] * 3 + \
               [("phoned to reserve", "book-table")] * 3
    after = build_cycle_classifier(MOTS, examples).suggest(text)
    assert after.top == "served"
    assert dict(after.ranked)["served"] > dict(before.ranked)["served"]


def test_retrain_accepts_rows_of_any_shape():
    class Row:
        def __init__(self, text, mot_id):
            self.text, self.mot_id = text, mot_id

    rows = [Row("the bill was wrong", "pay-bill"), {"text": "steak was overcooked", "mot_id": "served"},
            ("x", "unknown-mot")]
    classifier = retrain(MOTS, rows)
    assert len(classifier.examples) == 2


def test_mot_specs_from_cycle_objects():
    from bot.cycle import load_cycle

    cycle = load_cycle(ROOT / "data" / "cycles" / "healthcare-visit.yaml")
    spec = to_mot_spec(cycle.mots[1])
    assert spec.id == "find-parking" and spec.examples
    assert _clinic_day_one().suggest("there was nowhere to park the car").top == "find-parking"


def test_topic_model_is_blended_in(v6_model):
    from bot.cycle import load_cycle

    cycle = load_cycle(ROOT / "data" / "cycles" / "healthcare-visit.yaml")
    plain = _clinic_day_one()
    # The shipped weights give the NHS topic model no weight on either kind of text (measured by
    # bench/mot_weights.py on our labelled sets); a kind that does weigh it blends it in.
    weighted = {kind: replace(w, topic=1.5) for kind, w in WEIGHTS.items()}
    blended = build_cycle_classifier(cycle.mots, topic_model=v6_model,
                                     topic_map={m.id: m.topics for m in cycle.mots}, weights=weighted)
    text = "the ambulance took four hours to come"
    assert dict(blended.suggest(text).ranked)["waiting-room"] > dict(plain.suggest(text).ranked)["waiting-room"]


def test_needs_two_mots():
    with pytest.raises(ValueError):
        build_cycle_classifier(MOTS[:1])


def _clinic():
    from bot.cycle import load_cycle

    return load_cycle(ROOT / "data" / "cycles" / "healthcare-visit.yaml")


@functools.cache
def _clinic_day_one():
    """The clinic's day-one classifier, fitted once for this module (a fit is ~2 s of CPU; `suggest`
    leaves the classifier as it was)."""
    return build_cycle_classifier(_clinic().mots)


def test_one_click_does_not_override_the_descriptions():
    """Issue 13: a correction counts in proportion to agreement. One person filing a plain check-in
    story under drive-out does not make the next such story drive-out; people who agree add up."""
    mots = _clinic().mots
    text = "the receptionist checked the patient in at the front desk"
    probe = "the receptionist checked a patient in at the front desk quickly"
    day_one = _clinic_day_one().suggest(probe)
    one = build_cycle_classifier(mots, [(text, "drive-out")]).suggest(probe)
    assert day_one.ranked[0][0] == one.ranked[0][0] == "check-in"
    assert one.top != "drive-out"
    agreeing = [(text, "drive-out"), ("a receptionist checked the patient in at the desk", "drive-out"),
                ("checked the patient in at the front desk, then drove", "drive-out")]
    three = build_cycle_classifier(mots, agreeing).suggest(probe)
    assert dict(three.ranked)["drive-out"] > dict(one.ranked)["drive-out"] > dict(day_one.ranked)["drive-out"]


def test_confidence_decides_abstention():
    classifier = _clinic_day_one()
    for text in ("A lady was upset about the long wait in the waiting room, so I brought her tea.",
                 "It was a good day.", "the doctor"):
        for kind in ("story", "comment"):
            s = classifier.suggest(text, kind=kind)
            assert 0.0 <= s.confidence <= 1.0
            assert s.abstained == (s.confidence < WEIGHTS[kind].sure_at)
    with pytest.raises(ValueError, match="unknown kind"):
        classifier.suggest("the doctor", kind="tweet")


def test_a_card_machine_at_the_desk_is_not_the_parking_barrier():
    """Issue 13: with no word of parking, exits or barriers, a broken card machine in a clinic is the
    checkout desk's, or not sure between the two: never a confident drive-out."""
    classifier = _clinic_day_one()
    for text in ("the card machine is broken", "the card machine is broken again"):
        s = classifier.suggest(text, kind="story")
        assert s.ranked[0][0] == "checkout-pay"
        assert s.top in (None, "checkout-pay")
    barrier = classifier.suggest("the exit barrier would not lift so I let the car out", kind="story")
    assert barrier.top == "drive-out"


def test_walking_a_lost_visitor_in_from_the_car_park_is_asking_the_way():
    """Issue 13: where the walk goes decides, not the words "car park": from the car park to the clinic
    is Ask for directions, back to the car after the visit is Find your way back to the car."""
    classifier = _clinic_day_one()
    arriving = classifier.suggest("A lost man could not find the clinic, so I walked him from the car park to "
                                  "reception.", kind="story")
    assert arriving.top == "ask-directions", arriving
    for text in ("After her appointment I walked Mrs Jones back to her car in the car park.",
                 "After his appointment a lost man could not find his car, so I walked him from reception back "
                 "to the car park."):
        assert classifier.suggest(text, kind="story").top == "back-to-car", text
    for text in ("The barrier at the exit would not lift, so I raised it by hand and let the driver out.",
                 "the barrier at the exit wouldn't lift, so I called security and they opened it for him."):
        assert classifier.suggest(text, kind="story").top == "drive-out", text


def test_the_learned_model_reads_the_embedding():
    """Words no description uses still find their MOT through the sentence embedding
    (`embedding_weight=0` switches it off)."""
    for text, mot in (("our starters arrived lukewarm", "served"), ("we paid with contactless", "pay-bill")):
        plain = dict(build_cycle_classifier(MOTS, embedding_weight=0.0).suggest(text).ranked)
        embedded = dict(build_cycle_classifier(MOTS).suggest(text).ranked)
        assert embedded[mot] > plain[mot]

from __future__ import annotations

from pathlib import Path

import pytest

from bot.nlp.mapping import mot_probabilities, unmapped_topics

ROOT = Path(__file__).resolve().parents[2]


def test_noisy_or_over_a_mots_topics():
    topic_map = {"call-appointment": ["Appointment arrangements", "Contacting services"],
                 "waiting-room": ["Timeliness of care"], "vital-signs": []}
    ranked = mot_probabilities({"Appointment arrangements": 0.5, "Contacting services": 0.5,
                                "Timeliness of care": 0.6, "Positive experience & gratitude": 0.9}, topic_map)
    assert ranked[0] == ("call-appointment", pytest.approx(0.75))
    assert ranked[1] == ("waiting-room", pytest.approx(0.6))
    assert [m for m, _ in ranked] == ["call-appointment", "waiting-room"]  # no topics, no score


def test_works_with_a_prediction(v6_model):
    [p] = v6_model.classify(["Waited hours for the ambulance"])
    ranked = mot_probabilities(p.topic_probabilities(), {"waiting-room": ["Timeliness of care"],
                                                         "find-parking": ["Transport to/ from services"]})
    assert ranked[0][0] == "waiting-room"


def test_healthcare_cycle_maps_v6_topics():
    from bot.cycle import load_cycle

    cycle = load_cycle(ROOT / "data" / "cycles" / "healthcare-visit.yaml")
    topic_map = {m.id: m.topics for m in cycle.mots}
    assert "Timeliness of care" in topic_map["waiting-room"]
    assert "Parking" in topic_map["find-parking"]
    assert "Referals & continuity of care" in topic_map["follow-up"]
    assert "Positive experience & gratitude" in unmapped_topics(["Positive experience & gratitude", "Parking"],
                                                                topic_map)

from pathlib import Path

import pytest

from bot.cycle import CycleError, load_cycle, load_cycles, parse_cycle

ROOT = Path(__file__).resolve().parent.parent


def test_shipped_cycles_load_in_order():
    cycles = load_cycles(ROOT / "data" / "cycles")
    health = cycles["healthcare-visit"]
    assert len(health.mots) == 19
    assert health.mots[0].id == "call-appointment" and health.mots[-1].id == "follow-up"
    assert [m.position for m in health.mots] == list(range(19))
    assert health.mot("check-in").name == "Check in"
    assert "restaurant-visit" in cycles and len(cycles["restaurant-visit"].mots) >= 5


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("id: x\nname: X\nmots: []\n", "field 'mots'"),
        ("id: x\nname: X\nmots:\n  - {id: a, name: A}\n", "field 'mots[0].description'"),
        ("id: x\nname: X\nmots:\n  - {id: Bad Id, name: A, description: d}\n", "field 'mots[0].id'"),
        ("id: x\nname: X\nmots:\n  - {id: a, name: A, description: d}\n  - {id: a, name: B, description: d}\n",
         "duplicate MOT id 'a'"),
        ("id: x\nname: X\nmots:\n  - {id: a, name: A, description: d, colour: red}\n", "field 'mots[0].colour'"),
        ("- just\n- a list\n", "expected a mapping"),
        ("id: x\nname: [unclosed\n", "not valid YAML"),
    ],
)
def test_malformed_cycle_names_file_and_field(text, needle):
    with pytest.raises(CycleError) as err:
        parse_cycle(text, source="cycles/broken.yaml")
    assert str(err.value).startswith("cycles/broken.yaml:")
    assert needle in str(err.value)


def test_missing_file_and_empty_dir(tmp_path):
    with pytest.raises(CycleError, match="cannot read"):
        load_cycle(tmp_path / "nope.yaml")
    with pytest.raises(CycleError, match="no cycle files"):
        load_cycles(tmp_path)


def test_shipped_cycles_learn_from_their_labelled_stories():
    for cycle in load_cycles(ROOT / "data" / "cycles").values():
        told = {mot_id for _, mot_id in cycle.stories}
        assert told == {m.id for m in cycle.mots}  # every moment has stories to learn from
        assert all(text.strip() for text, _ in cycle.stories)


_WITH_STORIES = "id: x\nname: X\nstories: x.stories.jsonl\nmots:\n  - {id: a, name: A, description: d}\n"


def test_a_cycles_stories_file_beside_it(tmp_path):
    (tmp_path / "x.yaml").write_text(_WITH_STORIES)
    (tmp_path / "x.stories.jsonl").write_text('{"text": "walked her to the lift", "mot": "a"}\n\n'
                                              '{"text": " kept him company ", "mot": "a", "kind": "story"}\n')
    assert load_cycle(tmp_path / "x.yaml").stories == (("walked her to the lift", "a"), ("kept him company", "a"))


@pytest.mark.parametrize(
    ("lines", "needle"),
    [
        (None, "field 'stories': cannot read"),
        (b'{"text": "ok", "mot": "a"}\n{"text": "lost", "mot": "b"}\n', "line 2: field 'mot': 'b' is not a MOT"),
        (b"not json\n", "line 1: not JSON"),
        (b'["text", "a"]\n', 'line 1: expected {"text"'),
        (b'{"text": "  ", "mot": "a"}\n', 'line 1: expected {"text"'),
        (b"\xff\xfe", "not UTF-8"),
    ],
)
def test_a_bad_stories_file_is_one_clear_line(tmp_path, lines, needle):
    (tmp_path / "x.yaml").write_text(_WITH_STORIES)
    if lines is not None:
        (tmp_path / "x.stories.jsonl").write_bytes(lines)
    with pytest.raises(CycleError) as err:
        load_cycles(tmp_path)
    assert needle in str(err.value) and "\n" not in str(err.value)


def test_stories_only_beside_a_cycle_file(tmp_path):
    with pytest.raises(CycleError, match="a file name beside the cycle file"):
        parse_cycle(_WITH_STORIES, source="pasted")
    with pytest.raises(CycleError, match="a file name beside the cycle file"):
        parse_cycle(_WITH_STORIES.replace("x.stories", "../x.stories"), source="t", base=tmp_path)


def test_topic_map_collects_topics():
    cycle = parse_cycle(
        "id: x\nname: X\nmots:\n  - {id: a, name: A, description: d, topics: [Parking]}\n"
        "  - {id: b, name: B, description: d, topics: [Parking, Waiting]}\n",
        source="t",
    )
    assert cycle.topic_map() == {"Parking": ("a", "b"), "Waiting": ("b",)}


def test_teams_file_errors_name_file_and_field(tmp_path):
    from bot.team_config import TeamConfigError, load_teams_file

    cycles = load_cycles(ROOT / "data" / "cycles")
    bad = tmp_path / "teams.yaml"
    for text, needle in [
        ("teams:\n  - {id: t, name: T, cycle: nope}\n", "field 'teams.0.cycle': no cycle 'nope'"),
        ("teams:\n  - {id: t, name: T, cycle: healthcare-visit, timezone: Mars/Base}\n", "teams.0.timezone"),
        ("teams:\n  - {id: t, name: T, cycle: healthcare-visit, people: [{id: bob, name: Bob}]}\n",
         "teams.0.people.0.id"),
        ("teams:\n  - {id: t, name: T, cycle: healthcare-visit, people: [{id: 'slack:U1', name: B, role: boss}]}\n",
         "teams.0.people.0.role"),
    ]:
        bad.write_text(text)
        with pytest.raises(TeamConfigError) as err:
            load_teams_file(bad, cycles)
        assert str(bad) in str(err.value) and needle in str(err.value)
    assert len(load_teams_file(ROOT / "data" / "demo" / "teams.yaml", cycles)) == 2

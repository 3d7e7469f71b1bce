"""The bot learns MOTs from confirmed examples: retraining changes suggestions; the CLI reports."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot import store
from bot.app import build_app
from tests.conftest import Chat, add_team, make_settings, reset_schema, run_main

ROOT = Path(__file__).resolve().parent.parent
# Made-up words: on day one nothing in them points to a MOT ("barrier" would: it is drive-out's own word).
TEXTS = [f"the flibbertigibbet gizmo number {i} let me out quickly" for i in range(12)]
STORIES_KEPT = 2  # per MOT in `lean_app`'s cycles


@pytest.fixture
async def lean_app(database_url: str, clock, tmp_path):  # type: ignore[no-untyped-def]
    """The app with the shipped cycles but only two of each MOT's labelled stories: what these tests check (that
    confirmed examples are learned, and how) holds for any cycle, and a clinic fit on all 3,000 stories costs seconds
    each time. The demo and the one-click tests below keep the shipped cycle."""
    cycles = tmp_path / "cycles"
    cycles.mkdir()
    for source in (ROOT / "data" / "cycles").iterdir():
        if source.name.endswith(".stories.jsonl"):
            kept: dict[str, int] = {}
            lines = []
            for line in source.read_text(encoding="utf-8").splitlines():
                mot = json.loads(line)["mot"] if line.strip() else None
                if mot is not None and kept.get(mot, 0) < STORIES_KEPT:
                    kept[mot] = kept.get(mot, 0) + 1
                    lines.append(line)
            (cycles / source.name).write_text("\n".join(lines) + "\n", encoding="utf-8")
        elif source.suffix == ".yaml":
            shutil.copy(source, cycles / source.name)
    application = build_app(make_settings(database_url, STORYBOT_CYCLES_DIR=str(cycles)), clock=clock)
    await reset_schema(application)
    await add_team(application)
    assert 0 < len(application.cycles["healthcare-visit"].stories) <= 19 * STORIES_KEPT
    yield application
    await application.aclose()


async def _add_examples(app, mot_id="drive-out"):
    async with app.sessionmaker() as session, session.begin():
        for text in TEXTS:
            await store.add_training_example(session=session, team_id="riverside", cycle_id="healthcare-visit",
                                             text=text, mot_id=mot_id, origin="story_confirmed")


async def test_confirmed_examples_retrain_the_cycle_classifier(lean_app):
    app = lean_app
    learner = app.services.learner
    cycle = app.cycles["healthcare-visit"]
    probe = "that flibbertigibbet gizmo again"
    before = learner.suggest(probe, cycle)
    assert not before or before[0][0] != "drive-out"
    await _add_examples(app)
    assert await learner.refresh() == {"healthcare-visit": len(TEXTS)}
    after = learner.suggest(probe, cycle)
    assert after and after[0][0] == "drive-out"
    assert await learner.refresh() == {"healthcare-visit": len(TEXTS)}  # unchanged: no rebuild needed


async def test_evaluate_retrain_reports_before_and_after(lean_app):
    app = lean_app
    await _add_examples(app)
    report = await app.services.learner.evaluate_retrain(app.cycles["healthcare-visit"])
    assert report.examples == len(TEXTS) and report.holdout == 2
    assert report.accuracy_after == 1.0 and report.accuracy_before is not None


async def test_story_confirmation_becomes_a_training_example_used_by_the_learner(lean_app):
    app = lean_app
    alice = Chat(app, "alice")
    await alice.say("story")
    await alice.say("A lady in the waiting room was upset about the delay, so I offered her tea.")
    await alice.click("confirm")
    for text in ("nobody", "skip", "yes", "save"):  # the story says what Alice did; then the card
        await alice.say(text)
    assert await app.services.learner.refresh() == {"healthcare-visit": 1}


def test_retrain_cli(tmp_path):
    """The set-up commands and the unknown team in this process (`run_main`); the retrain itself as a process."""
    url = f"sqlite:///{tmp_path}/r.db"
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)}
    in_process = lambda *a: run_main([*a, "--database-url", url], env=env, cwd=tmp_path)  # noqa: E731
    assert in_process("db", "upgrade")[0] == 0
    assert in_process("team", "apply", str(ROOT / "tests" / "fixtures" / "teams.yaml"))[0] == 0
    result = subprocess.run([sys.executable, "-m", "bot", "nlp", "retrain", "--team", "clinic", "--database-url", url],
                            capture_output=True, text=True, cwd=tmp_path, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "retrained on 0 confirmed examples" in result.stdout and "Too few" in result.stdout
    code, _, err = in_process("nlp", "retrain", "--team", "nope")
    assert code == 2 and "No team 'nope'" in err


def test_examples_keep_their_kind():
    from bot.learning import kind_of

    assert kind_of("rating_comment") == "comment"
    assert kind_of("story_confirmed") == kind_of("story_corrected") == "story"


async def test_propose_suggests_one_mot_only_when_sure(app):
    learner, cycle = app.services.learner, app.cycles["healthcare-visit"]
    sure = learner.propose("A lady had been sitting in the waiting room for an hour and was upset about the "
                           "long wait, so I explained the delay and offered her tea.", cycle)
    assert sure.suggested == "waiting-room" and sure.score >= 0.9 and len(sure.choices) == 3
    unsure = learner.propose("It was a good day.", cycle)
    assert unsure.suggested is None and unsure.score is None and len(unsure.choices) == 3


async def test_rated_comments_are_learned_as_comments(lean_app):
    app = lean_app
    async with app.sessionmaker() as session, session.begin():
        await store.add_training_example(session=session, team_id="riverside", cycle_id="healthcare-visit",
                                         text="the flibbertigibbet was lovely", mot_id="drive-out",
                                         origin="rating_comment")
    learner = app.services.learner
    await learner.refresh()
    cycle = app.cycles["healthcare-visit"]
    learned = learner.classifier(cycle).examples  # the cycle's labelled stories, then the confirmed examples
    assert learned[len(cycle.stories):] == (("the flibbertigibbet was lovely", "drive-out", "comment"),)
    assert {kind for _, _, kind in learned[: len(cycle.stories)]} == {"story"}


def _run(tmp_path, *args):
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "bot", *args], capture_output=True, text=True, cwd=tmp_path,
                          env=env, timeout=180)


def _run_in_process(tmp_path, *args):  # type: ignore[no-untyped-def]
    return run_main(args, env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)}, cwd=tmp_path)


def test_evaluate_mots_cli(tmp_path):
    import json

    data = tmp_path / "mots.jsonl"
    rows = [
        {"text": "The barrier at the car park exit would not open, so I lifted it for him.", "cycle": "healthcare-visit",
         "mot": "drive-out", "kind": "story"},
        {"text": "A lady was lost, so I walked her to the clinic.", "cycle": "healthcare-visit", "mot": "ask-directions"},
        {"text": "Waited two hours in the waiting room.", "cycle": "healthcare-visit", "mot": "waiting-room",
         "kind": "comment", "sentiment": "negative"},
        {"text": "Thank you all.", "cycle": "healthcare-visit", "mot": None, "kind": "comment"},
        {"text": "The soup was cold.", "cycle": "restaurant-visit", "mot": "served", "kind": "comment",
         "sentiment": "negative"},
    ]
    data.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    day_one = _run(tmp_path, "nlp", "evaluate-mots", "--data", str(data))
    assert day_one.returncode == 0, day_one.stderr
    [line] = day_one.stdout.strip().splitlines()
    result = json.loads(line)
    assert result["n"] == 4 and set(result) >= {"top1", "top3", "abstain", "precision_when_suggested", "kinds"}
    assert result["kinds"]["story"]["n"] == 2 and result["kinds"]["comment"]["n"] == 2
    assert result["kinds"]["comment"]["none"] == 1 and result["kinds"]["comment"]["none_abstained"] == 1
    assert set(result["kinds"]["comment"]["by_cycle"]) == {"healthcare-visit", "restaurant-visit"}
    # the survey's stored sentiment, for the comments labelled with one
    assert result["sentiment"] == {"n": 2, "stored": 1.0, "precision_when_stored": 1.0}
    assert "sentiment" not in result["kinds"]["story"]
    assert result["confirmed_examples"] == {}

    # The rest in this process (`run_main`): the same `bot.cli.main`, without seconds of imports each.
    url = f"sqlite:///{tmp_path}/e.db"
    assert _run_in_process(tmp_path, "db", "upgrade", "--database-url", url)[0] == 0
    code, out, err = _run_in_process(tmp_path, "nlp", "evaluate-mots", "--data", str(data), "--database-url", url)
    assert code == 0, err
    assert json.loads(out)["confirmed_examples"] == {}

    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "x", "cycle": "healthcare-visit", "mot": "nope"}\n')
    code, _, err = _run_in_process(tmp_path, "nlp", "evaluate-mots", "--data", str(bad))
    assert code == 2 and "bad.jsonl:1: unknown MOT 'nope'" in err
    bad.write_text('{"text": "x", "cycle": "healthcare-visit", "mot": "check-in", "kind": "comment", "sentiment": "meh"}\n')
    code, _, err = _run_in_process(tmp_path, "nlp", "evaluate-mots", "--data", str(bad))
    assert code == 2 and "bad.jsonl:1: sentiment must be one of negative, neutral, positive, not 'meh'" in err


async def test_demo_stories_lost_visitor_and_exit_barrier(app):
    """Issue 13, done when: with the demo's stories learned, a story about walking a lost visitor to
    the clinic is suggested as Ask for directions or Enter the building, one about the exit barrier as
    Drive out of the parking lot."""
    import yaml

    stories = yaml.safe_load((ROOT / "data" / "demo" / "stories.yaml").read_text())
    async with app.sessionmaker() as session, session.begin():
        for item in stories:
            await store.add_training_example(session=session, team_id="riverside", cycle_id="healthcare-visit",
                                             text=item["text"], mot_id=item["mot"], origin="story_confirmed")
    learner, cycle = app.services.learner, app.cycles["healthcare-visit"]
    await learner.refresh()
    lost = learner.propose("A visitor was lost in the corridor, so I walked her all the way to the clinic.", cycle)
    assert (lost.suggested or lost.choices[0]) in {"ask-directions", "enter-building"}
    barrier = learner.propose("The exit barrier would not lift for a patient, so I opened it for her.", cycle)
    assert (barrier.suggested or barrier.choices[0]) == "drive-out"


def test_one_wrong_click_does_not_override_the_cycle():
    """Issue 13: a single story filed under the wrong MOT is one vote against the cycle's own
    descriptions and examples, which it does not outweigh, for the same text or a similar one."""
    from bot.config import DATA_DIR
    from bot.cycle import load_cycles
    from bot.learning import _build, _zero_shot

    cycle = load_cycles(ROOT / "data" / "cycles")["healthcare-visit"]
    wrong = "a confused man couldn't find the clinic so I walked him all the way there"
    similar = "a lost lady couldn't find the clinic so I walked her there"
    day_one = _zero_shot(cycle, str(DATA_DIR / "models" / "nhs-fft-v6"))  # the bot's own, fitted once per machine
    clicked = _build(cycle, [(wrong, "drive-out", "story")], None)
    for text in (wrong, similar):
        assert day_one.suggest(text, k=3, kind="story").ranked[0][0] == "ask-directions"
        after = clicked.suggest(text, k=3, kind="story")
        assert after.ranked[0][0] == "ask-directions" and after.top != "drive-out"


def test_day_one_learns_from_the_cycles_labelled_stories():
    """A cycle file's `stories:` are learned from on day one, as confirmed stories are: words its
    descriptions never use point to the moment the stories were filed under."""
    from dataclasses import replace

    from bot.cycle import load_cycles
    from bot.learning import _build

    cycle = load_cycles(ROOT / "data" / "cycles")["healthcare-visit"]
    probe = "the flibbertigibbet gizmo was playing up again"
    bare = replace(cycle, stories=())
    told = replace(cycle, stories=tuple((text, "drive-out") for text in TEXTS))
    assert _build(bare, (), None).suggest(probe, k=3, kind="story").ranked[0][0] != "drive-out"
    assert _build(told, (), None).suggest(probe, k=3, kind="story").ranked[0][0] == "drive-out"


def test_day_one_classifier_is_fitted_once_per_machine(tmp_path, monkeypatch):
    """`_zero_shot` keeps the fit in the model directory; the next process reads it back, with the
    shared topic model attached, and suggests exactly what a fresh fit suggests. A changed cycle fits anew."""
    import shutil
    from dataclasses import replace

    from bot import learning
    from bot.config import DATA_DIR
    from bot.cycle import load_cycles

    model_dir = tmp_path / "model"
    shutil.copytree(DATA_DIR / "models" / "nhs-fft-v6", model_dir,
                    ignore=shutil.ignore_patterns("*.pkl"))
    cycle = load_cycles(DATA_DIR / "cycles")["healthcare-visit"]
    cycle = replace(cycle, stories=cycle.stories[:40])  # what is kept is beside the point: a cheaper fit
    fits = []
    build = learning._build
    monkeypatch.setattr(learning, "_build", lambda *a: fits.append(a[0].id) or build(*a))
    first = learning._zero_shot.__wrapped__(cycle, str(model_dir))
    [kept] = model_dir.glob("cycle-healthcare-visit-*.pkl")
    again = learning._zero_shot.__wrapped__(cycle, str(model_dir))  # "the next process"
    assert fits == ["healthcare-visit"]
    assert again is not first and again._topic_model is learning._load_topic_model(str(model_dir)) is not None
    texts = ["A lost man could not find the clinic, so I walked him from the car park to reception.",
             "the card machine is broken", "We waited an hour and nobody told us why."]
    assert [s.ranked for s in again.suggest_many(texts)] == [s.ranked for s in first.suggest_many(texts)]

    changed = replace(cycle, description=cycle.description + " Changed.")
    # a changed cycle is fitted anew (which fit comes back is beside the point here: the first's, to save one)
    monkeypatch.setattr(learning, "_build", lambda *a: fits.append(a[0].id) or first)
    learning._zero_shot.__wrapped__(changed, str(model_dir))
    assert fits == ["healthcare-visit"] * 2
    assert not kept.exists() and len(list(model_dir.glob("cycle-healthcare-visit-*.pkl"))) == 1

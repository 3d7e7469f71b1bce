"""The bot learns MOTs from confirmed examples: retraining changes suggestions; the CLI reports."""

import subprocess
import sys
from pathlib import Path

from bot import store

ROOT = Path(__file__).resolve().parent.parent
TEXTS = [f"the flibbertigibbet barrier number {i} let me out quickly" for i in range(12)]


async def _add_examples(app, mot_id="drive-out"):
    async with app.sessionmaker() as session, session.begin():
        for text in TEXTS:
            await store.add_training_example(session=session, team_id="riverside", cycle_id="healthcare-visit",
                                             text=text, mot_id=mot_id, origin="story_confirmed")


async def test_confirmed_examples_retrain_the_cycle_classifier(app):
    learner = app.extras["learner"]
    cycle = app.cycles["healthcare-visit"]
    probe = "that flibbertigibbet barrier again"
    before = learner.suggest(probe, cycle)
    assert not before or before[0][0] != "drive-out"
    await _add_examples(app)
    assert await learner.refresh() == {"healthcare-visit": len(TEXTS)}
    after = learner.suggest(probe, cycle)
    assert after and after[0][0] == "drive-out"
    assert await learner.refresh() == {"healthcare-visit": len(TEXTS)}  # unchanged: no rebuild needed


async def test_evaluate_retrain_reports_before_and_after(app):
    await _add_examples(app)
    report = await app.extras["learner"].evaluate_retrain(app.cycles["healthcare-visit"])
    assert report.examples == len(TEXTS) and report.holdout == 2
    assert report.accuracy_after == 1.0 and report.accuracy_before is not None


async def test_story_confirmation_becomes_a_training_example_used_by_the_learner(app, chat):
    alice = chat("alice")
    await alice.say("story")
    await alice.say("A lady in the waiting room was upset about the delay, so I offered her tea.")
    await alice.click("confirm")
    for text in ("tea", "nobody", "skip", "yes"):
        await alice.say(text)
    assert await app.extras["learner"].refresh() == {"healthcare-visit": 1}


def test_retrain_cli(tmp_path):
    url = f"sqlite:///{tmp_path}/r.db"
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)}
    run = lambda *a: subprocess.run([sys.executable, "-m", "bot", *a, "--database-url", url],  # noqa: E731
                                    capture_output=True, text=True, cwd=tmp_path, env=env, timeout=120)
    assert run("db", "upgrade").returncode == 0
    assert run("team", "apply", str(ROOT / "tests" / "fixtures" / "teams.yaml")).returncode == 0
    result = run("nlp", "retrain", "--team", "clinic")
    assert result.returncode == 0, result.stderr
    assert "retrained on 0 confirmed examples" in result.stdout and "Too few" in result.stdout
    missing = run("nlp", "retrain", "--team", "nope")
    assert missing.returncode == 2 and "No team 'nope'" in missing.stderr

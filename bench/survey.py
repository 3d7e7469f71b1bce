"""Customers answering the survey in words: each typed answer through the real visit survey (the router,
the dialog engine, `read_rating`, the answer-about-another-moment check), measured against what the
customer meant.

bench/data/survey-answers-dev.jsonl: 200 answers to "(k/n) *X* — how was it?" by an author who never saw
the code (its misses were then looked at: a development set); survey-answers-third-author.jsonl: 150 by a
third (measured once when it arrived, 50.0 / 40.0 / 10.0 % right / asked again / wrong, then a development
set); survey-answers-fifth-author.jsonl and survey-answers-sixth-author.jsonl: 150 each by two more
(62.7 / 28.7 / 8.7 and 60.7 / 32.7 / 6.7 % when they arrived, then development sets);
survey-answers-ninth-author.jsonl: 120 stories of 2-4 sentences (54.2 / 21.7 / 24.2 % when it arrived; a
development set: reading any story's last sentence as its verdict was tried on it and dropped, as it turned
more answers wrong than right on the held-out eighth author's stories; only a short, strong closing
verdict — "… Ruined it.", "… Brilliant." — is read, and only when the whole answer is mixed or unclear);
survey-answers-tenth-author.jsonl: 150 more (short answers, stories, emoji, answers about another moment;
56.7 / 26.7 / 16.7 % when it arrived, irritating answers 29.2 % right and 31.2 % wrong, answers about another
moment 10 % right and 43 % wrong; then a development set);
survey-answers-eleventh-author.jsonl: 150 by an outside author (parents and carers answering for someone,
voice dictation without punctuation and with homophones, marks such as "7/10" and "3 stars", comparisons
with a previous visit, a complaint and a compliment about different moments; 70.0 / 15.3 / 14.7 % when it
arrived, answers about another moment 56.0 / 8.0 / 36.0; then a development set);
survey-answers-thirteenth-author.jsonl: 150 by an outside author (formal older patients, rushed parents, sarcasm
("Very relaxing. Not."), answers that are a question or an aside, comparisons with other places, people praised by
name or role, single numbers, emoji or words; 65.3 / 18.7 / 16.0 % when it arrived, skip answers 23.5 % wrong,
answers about another moment 44.0 / 32.0 / 24.0; then a development set);
survey-answers-second-author.jsonl, -fourth-, -seventh-, -eighth- and -twelfth-author.jsonl: 150 each by
five more such authors, untouched (held out: figures only, their wrong answers are never printed; the
seventh and eighth arrived when the reading of told events was done, commit 1e83edb; the twelfth arrived
with the eleventh, at 56.0 / 25.3 / 18.7 %). One JSON object a line: `asked` (the MOT asked), `cycle`, `text`,
`rating` (shining / dull / irritating / skip, or null when the answer gives none) and `about` (the MOT the
answer is really about; 29 rows are about another one). Each answer is sent to a visit of two moments
(the one asked first), then *done* saves what was given, and the stored ratings are judged (`judge`):
right, asked again (no harm: the customer taps a button) or wrong (a rating stored that was not meant),
for all answers, per meant rating and for the answers about another moment; then the wrong ones.

    .venv/bin/python bench/survey.py [--data FILE ...] [--quiet]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
import tempfile
import uuid
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlmodel import select  # noqa: E402

from bot import db, store  # noqa: E402
from bot.app import build_app  # noqa: E402
from bot.config import load_settings  # noqa: E402
from bot.events import ConversationKey, IncomingMessage, Platform  # noqa: E402
from bot.models import MotRating, VisitFeedback  # noqa: E402

RATINGS = ("shining", "dull", "irritating")
# never looked at: figures only
HELD_OUT = ("second-author", "fourth-author", "seventh-author", "eighth-author", "twelfth-author")


async def run(rows: list[dict], workdir: Path) -> list[dict]:
    url = f"sqlite:///{workdir / 'survey.db'}"
    await asyncio.to_thread(db.upgrade, url)
    settings = load_settings(DATABASE_URL=url, STORYBOT_RUN_SCHEDULER=False, STORYBOT_ANON_KEY="bench-survey-key-0123456789",
                             _env_file=None)
    core = build_app(settings)
    await core.services.learner.warm_up()
    cycles = {cid: [m.id for m in c.mots] for cid, c in core.cycles.items()}
    async with core.sessionmaker() as session, session.begin():
        for cycle_id in cycles:
            await store.upsert_team(session=session, team_id=cycle_id, name=cycle_id, cycle_id=cycle_id)
    results = []
    for i, row in enumerate(rows):
        order = cycles[row["cycle"]]
        second = next(m for m in order if m != row["asked"])
        ref = f"b{i}"
        async with core.sessionmaker() as session, session.begin():
            await store.create_visit(session=session, ref=ref, team_id=row["cycle"], mot_ids=[row["asked"], second])
        key = ConversationKey(Platform.CONSOLE, "console", f"guest{i}")

        async def say(text: str, command: str | None = None) -> list[str]:
            out = await core.router.handle(IncomingMessage(key, text=text, command=command, message_id=uuid.uuid4().hex))
            return [m.text for m in out]

        await say(f"visit_{ref}", command="start")
        replies = await say(row["text"])
        await say("done")
        async with core.sessionmaker() as session:
            stored = {r.mot_id: r.rating for r in (await session.exec(
                select(MotRating).join(VisitFeedback, MotRating.feedback_id == VisitFeedback.id)
                .where(VisitFeedback.visit_ref == ref))).all()}
        results.append({**row, "stored": stored, "reply": " | ".join(replies)[:160]})
    await core.aclose()
    return results


def judge(r: dict) -> str:
    """"right": stored as meant (a rating on the moment it is about; nothing for a skip or no rating);
    "asked again": a rating meant, nothing stored (the bot asked again: the customer taps a button);
    "wrong": stored with another rating, on another moment, or for an answer that gave none."""
    gold, about, stored = r["rating"], r["about"], r["stored"]
    if gold in RATINGS:
        if stored.get(about) == gold and len(stored) == 1:
            return "right"
        return "asked again" if not stored else "wrong"
    return "right" if not stored else "wrong"


def main() -> int:
    parser = argparse.ArgumentParser()
    development = ("dev", "third-author", "fifth-author", "sixth-author", "ninth-author", "tenth-author",
                   "eleventh-author", "thirteenth-author")
    parser.add_argument("--data", type=Path, nargs="*", default=[ROOT / "bench" / "data" / f"survey-answers-{name}.jsonl"
                                                                  for name in (*development, *HELD_OUT)])
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args()
    logging.disable(logging.INFO)  # the migrations' lines
    for path in args.data:
        report(path, quiet=args.quiet or any(path.name == f"survey-answers-{h}.jsonl" for h in HELD_OUT))
    return 0


def report(path: Path, *, quiet: bool) -> None:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        results = asyncio.run(run(rows, Path(tmp)))
    tally: dict[str, Counter] = {}
    for r in results:
        verdict = judge(r)
        r["verdict"] = verdict
        for group in ("all", r["rating"] or "null", *(["about another"] if r["about"] != r["asked"] else [])):
            tally.setdefault(group, Counter())[verdict] += 1
    print(f"{path.name}: {len(results)} typed answers (right: stored as meant; asked again: nothing stored, the "
          f"bot asked for a rating again; wrong: stored otherwise)")
    for group in ("all", *RATINGS, "skip", "null", "about another"):
        c = tally.get(group)
        if c:
            n = sum(c.values())
            print(f"  {group:<14} n {n:>3}: right {c['right'] / n:6.1%}  asked again {c['asked again'] / n:6.1%}  "
                  f"wrong {c['wrong'] / n:6.1%}")
    if not quiet:
        print("  wrong:")
        for r in results:
            if r["verdict"] == "wrong":
                print(f"  - {r['text']!r}: meant {r['rating']} about {r['about']} (asked {r['asked']}); stored {r['stored']}")


if __name__ == "__main__":
    raise SystemExit(main())

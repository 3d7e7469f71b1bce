"""Writes the brief an outside question author (a helper session that has never read the parser)
works from: `python devkit/question_author_brief.py <nth> "<persona>" [--out DIR]` writes
DIR/brief_q_<nth>.md (DIR defaults to /work/tools) asking for DIR/authors/questions-<nth>-author.jsonl.

The brief names the product, the team, the clock, the cycles' moments and the labels only: no example
question and nothing of how the parser reads, so the rows are the author's own (issue 14, point 4).
Kept here so every round uses the same words; launch the helper with "Read the file
DIR/brief_q_<nth>.md and do exactly what it says. Do not read anything under /work except DIR."."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CYCLES = ("healthcare-visit", "restaurant-visit")

BRIEF = """\
# Writing managers' questions for a feedback chatbot

You are helping test a chatbot used by service teams (an outpatient clinic and a restaurant). Staff
send it stories of great or poor service; customers rate the "moments of truth" (MOTs) of their visit
as shining, dull or irritating and may leave a comment. Managers then ask the bot questions in plain
words and get numbers, trends, quotes and lists back.

Your job: write **150 questions (or requests) a manager would type** to this bot in Slack or Telegram,
each labelled with what the manager wants. You must NOT look at any code: do not read anything under
/work except /work/tools. Write from your own imagination only.

## Who is writing
PERSONA

Stay in this voice for all 150 rows: its spelling, word choice, grammar, abbreviations and habits.
Vary length (two words to three sentences), tone, typos and word order as a real person would.
Do not reuse one template with words swapped: every row should read as typed on a different day.

## The setting
- It is **Wednesday 25 November 2026, 10:00, London time**.
- The team: Dana (manager), Alice, Sam, Priya, Tom, Maria. Anyone else named is not on the team.
- **110 rows** are asked by the clinic's manager (clinic moments below), **40 rows** by the
  restaurant's manager (restaurant moments).
- The moments of each cycle (id | name | what it covers):

MOTS

## What a manager can ask (the `intent` label), at least 8 rows of each
- `weakest`: which moments do worst (most irritating, least liked, biggest problem), possibly top N.
- `strongest`: which moments do best (most shining, most loved), possibly top N.
- `mot_summary`: how one named moment is doing (its ratings breakdown).
- `compare`: one period against another (this month vs last, Q3 vs Q2, before/after), for one moment
  or for all.
- `trend`: how something moves over several periods (getting better or worse over time, a series).
- `count_ratings`: how many ratings / responses / votes / feedback (optionally of one rating, one
  moment, one period).
- `count_stories`: how many staff stories were told.
- `quotes`: what customers said (comments, quotes, complaints, compliments in their words).
- `people_ranking`: who tells the most stories, who is mentioned or praised most.
- `person_stories`: the stories told by or about one named person.
- `list_stories`: show stories (recent ones, about a moment, with a given rating), no person.
- `practices`: good practices worth spreading, what works, what staff do well that others could copy.
- `offtopic`: anything the bot is not for (booking a patient, weather, rotas, pay, small talk, menus).

## Fields of each row (one JSON object per line)
- `q`: the text exactly as typed.
- `intent`: one of the 13 names above.
- `period`: the window the manager means:
  - `default` when no time is said;
  - `all_time` for ever / since the start / all time;
  - a named period: `today`, `yesterday`, `this_week`, `last_week`, `this_month`, `last_month`,
    `this_quarter`, `last_quarter`, `this_year`, `last_year`;
  - `last_N_unit` for a rolling window, e.g. `last_30_days`, `last_6_weeks`, `last_3_months`;
  - `2026-10` for a calendar month, `2026-Q3` for a quarter, `2026-summer` (Jun-Aug) /
    `2026-autumn` (Sep-Nov) for a season;
  - `since:YYYY-MM-DD` for "since <date>" (e.g. since 1 October → `since:2026-10-01`).
  - For `compare`, give the focal (first-named or more recent) period only.
- `mot`: the moment id from the lists above if one moment is meant, else null.
- `n`: the number asked for ("top 3" → 3), else null.
- `rating`: `shining`, `dull` or `irritating` when the question is about one rating, else null.
- `person`: the name of the person the question is about (as typed), else null.

## Output
Write exactly 150 lines of JSON (no blank lines, no comments) to FILE (create the folder). Check that
every line parses, every intent has at least 8 rows, 110 rows are clinic and 40 restaurant, and every
`mot` is an id from the right list. Then reply with one line: the file path and the row count.
"""


def mots_text() -> str:
    lines: list[str] = []
    for cycle in CYCLES:
        data = yaml.safe_load((ROOT / "data" / "cycles" / f"{cycle}.yaml").read_text(encoding="utf-8"))
        label = "Clinic" if cycle.startswith("health") else "Restaurant"
        lines.append(f"\n### {label} ({len(data['mots'])} moments, in order)")
        for mot in data["mots"]:
            lines.append(f"- {mot['id']} | {mot['name']} | {mot['description']}")
    return "\n".join(lines)


def write(template: str, *, brief: str, target: str, persona: str, out: Path) -> Path:
    """`template` with its PERSONA, MOTS and FILE filled in, written to DIR/`brief`, asking for DIR/authors/`target`."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "authors").mkdir(exist_ok=True)
    text = template.replace("PERSONA", persona).replace("MOTS", mots_text()).replace("FILE", str(out / "authors" / target))
    path = out / brief
    path.write_text(text, encoding="utf-8")
    return path


def write_brief(*, nth: str, persona: str, out: Path) -> Path:
    return write(BRIEF, brief=f"brief_q_{nth}.md", target=f"questions-{nth}-author.jsonl", persona=persona, out=out)


def main(writer: Callable[..., Path] = write_brief, doc: str = __doc__) -> None:
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("nth")
    parser.add_argument("persona")
    parser.add_argument("--out", type=Path, default=Path("/work/tools"))
    args = parser.parse_args()
    print(writer(nth=args.nth, persona=args.persona, out=args.out))


if __name__ == "__main__":
    main()

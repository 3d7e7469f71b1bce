"""Writes the brief an outside story author (a helper session that has never read the classifier) works from:
`python devkit/story_author_brief.py <nth> "<persona>" [--out DIR]` writes DIR/brief_s_<nth>.md asking for
DIR/authors/mot-stories-<nth>-author.jsonl: 200 staff stories (150 clinic, 50 restaurant), each labelled with its
moment, in the persona's voice (issue 13, point 2).

The brief names the product, the moments of the two demo cycles with their descriptions and the labels only: no
example story and nothing of how the classifier reads, so the stories are the author's own. Kept here so every round
uses the same words; launch the helper with "Read the file DIR/brief_s_<nth>.md and do exactly what it says. Do not
read anything under /work except DIR."."""

from __future__ import annotations

from pathlib import Path

from devkit.question_author_brief import main, write

BRIEF = """\
# Writing staff stories for a service-feedback chatbot

You are helping test a chatbot used by service teams (an outpatient clinic and a restaurant). After a
customer interaction worth remembering, a member of staff sends the bot a short message telling what
happened. The bot must work out which "moment of truth" (MOT) of the customer's visit the story is about.

Your job: write **200 such stories** (messages a member of staff would type), each labelled with the
moment it is about. You must NOT look at any code: do not read anything under /work except /work/tools.
Write from your own imagination only.

## Who is writing
PERSONA

Stay in this voice for all 200 stories: its spelling, word choice, grammar, abbreviations and habits.
Different members of staff of the same place write them (receptionists, nurses, porters, waiters, chefs,
managers), so vary the teller, length (one line to five sentences), tone and detail as real people would.
About three in four are stories of good service (what a colleague or the teller did, and the effect on the
customer); the rest report something that went wrong. Name people sometimes (staff or customers). Do not
name the moment the way the list below does: tell what happened in your own words, as staff would (the
objects, places and people involved). Do not reuse one template with words swapped.

## The moments (id | name | what it covers)
- **150 stories** from the clinic, at least 7 for every clinic moment;
- **50 stories** from the restaurant, at least 5 for every restaurant moment.

MOTS

## Fields of each row (one JSON object per line)
- `text`: the message exactly as typed.
- `cycle`: `healthcare-visit` (clinic) or `restaurant-visit` (restaurant).
- `mot`: the id of the one moment the story is mostly about.
- `kind`: always `story`.

## Output
Write exactly 200 lines of JSON (no blank lines, no comments) to FILE (create the folder). Check that every
line parses, 150 rows are clinic and 50 restaurant, every `mot` is an id from its own cycle's list and every
moment has its minimum. Then reply with one line: the file path and the row count.
"""


def write_brief(*, nth: str, persona: str, out: Path) -> Path:
    return write(BRIEF, brief=f"brief_s_{nth}.md", target=f"mot-stories-{nth}-author.jsonl", persona=persona, out=out)


if __name__ == "__main__":
    main(write_brief, __doc__)

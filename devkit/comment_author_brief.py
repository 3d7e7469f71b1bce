"""Writes the brief an outside comment author (a helper session that has never read the classifier) works from:
`python devkit/comment_author_brief.py <nth> "<persona>" [--out DIR]` writes DIR/brief_c_<nth>.md asking for
DIR/authors/mot-comments-<nth>-author.jsonl: 200 customer comments (140 clinic, 60 restaurant), each labelled with
its moment and its sentiment, in the persona's voice (issue 13, points 1 and 3).

The brief names the product, the moments of the two demo cycles with their descriptions and the labels only: no
example comment and nothing of how the classifier reads, so the comments are the author's own. Launch the helper
with "Read the file DIR/brief_c_<nth>.md and do exactly what it says. Do not read anything under /work except
DIR."."""

from __future__ import annotations

from pathlib import Path

from devkit.question_author_brief import main, write

BRIEF = """\
# Writing customer comments for a service-feedback chatbot

You are helping test a chatbot used by service teams (an outpatient clinic and a restaurant). After a
visit, customers answer a short survey in a chat: they rate the moments of their visit and can type a
comment ("Why?", "Anything else you'd like to tell the team?"). The bot must work out which "moment of
truth" (MOT) of the visit a comment is about, and whether it is praise or a complaint.

Your job: write **200 such comments** (what a customer would type), each labelled with the moment it is
about and its sentiment. You must NOT look at any code: do not read anything under /work except
/work/tools. Write from your own imagination only.

## Who is writing
PERSONA

Stay in this voice for all 200 comments: its spelling, word choice, grammar, abbreviations and habits.
Different customers write them, so vary the length (a few words to four sentences), tone and detail as
real people would. Mix praise, complaints and plain remarks roughly as real customers do (about 45 %
positive, 45 % negative, 10 % neutral); some comments are mixed (label them by their overall feeling).
Do not name the moment the way the list below does: say what happened in your own words (the objects,
places and people involved). Do not reuse one template with words swapped.

## The moments (id | name | what it covers)
- **140 comments** about the clinic, at least 6 for every clinic moment;
- **60 comments** about the restaurant, at least 6 for every restaurant moment.

MOTS

## Fields of each row (one JSON object per line)
- `text`: the comment exactly as typed.
- `cycle`: `healthcare-visit` (clinic) or `restaurant-visit` (restaurant).
- `mot`: the id of the one moment the comment is mostly about.
- `kind`: always `comment`.
- `sentiment`: `positive` (praise, thanks, satisfaction), `negative` (complaint, disappointment,
  something that went wrong) or `neutral` (neither: a plain statement, a question, a suggestion with no
  feeling either way).

## Output
Write exactly 200 lines of JSON (no blank lines, no comments) to FILE (create the folder). Check that every
line parses, 140 rows are clinic and 60 restaurant, every `mot` is an id from its own cycle's list, every
moment has its minimum and every `sentiment` is one of the three. Then reply with one line: the file path
and the row count.
"""


def write_brief(*, nth: str, persona: str, out: Path) -> Path:
    return write(BRIEF, brief=f"brief_c_{nth}.md", target=f"mot-comments-{nth}-author.jsonl", persona=persona, out=out)


if __name__ == "__main__":
    main(write_brief, __doc__)

"""The briefs outside authors work from (devkit/question_author_brief.py, devkit/story_author_brief.py,
devkit/comment_author_brief.py): the persona,
every moment of both demo cycles and the file to write, with no placeholder left."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from devkit import comment_author_brief, question_author_brief, story_author_brief

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(("module", "brief", "target"), [
    (question_author_brief, "brief_q_7th.md", "questions-7th-author.jsonl"),
    (story_author_brief, "brief_s_7th.md", "mot-stories-7th-author.jsonl"),
    (comment_author_brief, "brief_c_7th.md", "mot-comments-7th-author.jsonl"),
])
def test_a_brief_names_the_persona_every_moment_and_its_file(module, brief: str, target: str, tmp_path: Path) -> None:
    path = module.write_brief(nth="7th", persona="a night-shift porter who types in lower case", out=tmp_path)
    text = path.read_text(encoding="utf-8")
    assert path == tmp_path / brief and (tmp_path / "authors").is_dir()
    assert "a night-shift porter who types in lower case" in text
    assert str(tmp_path / "authors" / target) in text
    for cycle in ("healthcare-visit", "restaurant-visit"):
        mots = yaml.safe_load((ROOT / "data" / "cycles" / f"{cycle}.yaml").read_text(encoding="utf-8"))["mots"]
        assert all(f"- {m['id']} | {m['name']} |" in text for m in mots)
    assert not any(word in text for word in ("PERSONA", "MOTS", "FILE"))

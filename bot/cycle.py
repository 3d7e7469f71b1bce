"""Cycles of service: a service's ordered Moments of Truth, declared in `data/cycles/*.yaml`.

A cycle file may name a file of labelled staff stories beside it (`stories: clinic.stories.jsonl`, one
`{"text": ..., "mot": ...}` a line): the MOT classifier learns from them from day one, as from stories
staff confirmed (`bot.learning`)."""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from bot.nlp.dataset import load_yaml

_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")


class CycleError(ValueError):
    """A cycle file is missing, unreadable or malformed. The message names the file and the field."""


class _MotModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    name: str = Field(min_length=1, max_length=120)
    description: str = Field(min_length=1, max_length=500)
    examples: list[str] = Field(default_factory=list)
    aliases: list[str] = Field(default_factory=list)
    topics: list[str] = Field(default_factory=list)

    @field_validator("id")
    @classmethod
    def _check_id(cls, value: str) -> str:
        if not _ID.match(value):
            raise ValueError("must be lower-case letters, digits and dashes, e.g. 'check-in'")
        return value


class _CycleModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    name: str = Field(min_length=1)
    description: str = ""
    mots: list[_MotModel] = Field(min_length=1)
    stories: str | None = None  # a JSONL file of labelled staff stories, beside the cycle file

    @field_validator("id")
    @classmethod
    def _check_id(cls, value: str) -> str:
        if not _ID.match(value):
            raise ValueError("must be lower-case letters, digits and dashes")
        return value


@dataclass(frozen=True, slots=True)
class Mot:
    """One Moment of Truth: a contact where the customer forms an impression."""

    id: str
    name: str
    description: str
    examples: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    position: int = 0


@dataclass(frozen=True, slots=True)
class Cycle:
    id: str
    name: str
    description: str
    mots: tuple[Mot, ...]
    stories: tuple[tuple[str, str], ...] = ()  # (text, mot id): labelled staff stories the classifier learns from

    def mot(self, mot_id: str) -> Mot | None:
        return next((m for m in self.mots if m.id == mot_id), None)

    def name_of(self, mot_id: str | None) -> str:
        mot = self.mot(mot_id) if mot_id else None
        return mot.name if mot else (mot_id or "unknown moment")

    def topic_map(self) -> dict[str, tuple[str, ...]]:
        """External topic label -> MOT ids it maps to (from the `topics:` lists)."""
        mapping: dict[str, list[str]] = {}
        for mot in self.mots:
            for topic in mot.topics:
                mapping.setdefault(topic, []).append(mot.id)
        return {topic: tuple(ids) for topic, ids in mapping.items()}


def _field_path(error: dict) -> str:
    parts: list[str] = []
    for loc in error["loc"]:
        if isinstance(loc, int):
            parts[-1:] = [f"{parts[-1]}[{loc}]"] if parts else [f"[{loc}]"]
        else:
            parts.append(str(loc))
    return ".".join(parts) or "(top level)"


def parse_cycle(text: str, *, source: str, base: Path | None = None) -> Cycle:
    """Parse one cycle document; `source` names it in errors, `base` is the folder its `stories:` file is
    in (a document with no folder may not name one). A `Cycle` is immutable, so the same document is
    parsed once per process (every app start and every test's app reads the same files)."""
    return _parse_cycle(text, source, base)


@functools.lru_cache(maxsize=32)
def _parse_cycle(text: str, source: str, base: Path | None = None) -> Cycle:
    try:
        raw = load_yaml(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark is not None else ""
        raise CycleError(f"{source}: not valid YAML: {problem}{where}") from exc
    if not isinstance(raw, dict):
        raise CycleError(f"{source}: expected a mapping with 'id', 'name' and 'mots'")
    try:
        model = _CycleModel.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise CycleError(f"{source}: field '{_field_path(first)}': {str(first['msg']).removeprefix('Value error, ')}") from exc
    seen: set[str] = set()
    for index, mot in enumerate(model.mots):
        if mot.id in seen:
            raise CycleError(f"{source}: field 'mots[{index}].id': duplicate MOT id '{mot.id}'")
        seen.add(mot.id)
    mots = tuple(
        Mot(
            id=m.id,
            name=m.name.strip(),
            description=m.description.strip(),
            examples=tuple(e.strip() for e in m.examples if e.strip()),
            aliases=tuple(a.strip() for a in m.aliases if a.strip()),
            topics=tuple(m.topics),
            position=i,
        )
        for i, m in enumerate(model.mots)
    )
    stories = () if model.stories is None else _load_stories(model.stories, source, base, seen)
    return Cycle(id=model.id, name=model.name, description=model.description.strip(), mots=mots, stories=stories)


def _load_stories(name: str, source: str, base: Path | None, mot_ids: set[str]) -> tuple[tuple[str, str], ...]:
    """The labelled stories of `stories: name`: (text, mot id) per line of the JSONL file beside the cycle."""
    if base is None or Path(name).is_absolute() or ".." in Path(name).parts:
        raise CycleError(f"{source}: field 'stories': a file name beside the cycle file, e.g. 'clinic.stories.jsonl'")
    path = base / name
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise CycleError(f"{source}: field 'stories': cannot read {path}: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise CycleError(f"{source}: field 'stories': {path} is not UTF-8 text") from exc
    stories = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise CycleError(f"{path}: line {number}: not JSON ({exc.msg})") from exc
        text, mot = (row.get("text"), row.get("mot")) if isinstance(row, dict) else (None, None)
        if not isinstance(text, str) or not text.strip():
            raise CycleError(f"{path}: line {number}: expected {{\"text\": \"...\", \"mot\": \"<MOT id>\"}}")
        if mot not in mot_ids:
            raise CycleError(f"{path}: line {number}: field 'mot': '{mot}' is not a MOT of this cycle")
        stories.append((text.strip(), mot))
    return tuple(stories)


def load_cycle(path: Path) -> Cycle:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise CycleError(f"{path}: cannot read: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise CycleError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    return parse_cycle(text, source=str(path), base=path.parent)


def load_cycles(directory: Path) -> dict[str, Cycle]:
    """Every `*.yaml` cycle in `directory`, by id."""
    cycles: dict[str, Cycle] = {}
    for path in sorted(directory.glob("*.yaml")):
        cycle = load_cycle(path)
        if cycle.id in cycles:
            raise CycleError(f"{path}: field 'id': cycle id '{cycle.id}' is already used by another file")
        cycles[cycle.id] = cycle
    if not cycles:
        raise CycleError(f"{directory}: no cycle files (*.yaml) found")
    return cycles


def load_cycles_leniently(directory: Path) -> tuple[dict[str, Cycle], dict[str, str]]:
    """Every good cycle in `directory` by id, and the broken ones: {cycle id: the problem, naming the
    file and the field}. A broken file stops only the teams whose cycle it is (`bot/startup.py`);
    its id is read from the file when the YAML parses, else it is the file's name without `.yaml`.
    Raises `CycleError` when there is no cycle file at all, or none that loads."""
    if not directory.is_dir():
        raise CycleError(f"{directory}: no such directory (STORYBOT_CYCLES_DIR)")
    cycles: dict[str, Cycle] = {}
    broken: dict[str, str] = {}
    for path in sorted(directory.glob("*.yaml")):
        try:
            cycle = load_cycle(path)
            if cycle.id in cycles:
                raise CycleError(f"{path}: field 'id': cycle id '{cycle.id}' is already used by another file")
        except CycleError as exc:
            broken.setdefault(_claimed_id(path), str(exc))
            continue
        cycles[cycle.id] = cycle
    if not cycles and broken:
        raise CycleError(next(iter(broken.values())))
    if not cycles:
        raise CycleError(f"{directory}: no cycle files (*.yaml) found (STORYBOT_CYCLES_DIR)")
    return cycles, broken


def _claimed_id(path: Path) -> str:
    try:
        raw = load_yaml(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return path.stem
    claimed = raw.get("id") if isinstance(raw, dict) else None
    return claimed if isinstance(claimed, str) and claimed else path.stem

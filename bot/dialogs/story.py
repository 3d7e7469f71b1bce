"""story (staff): a great customer moment -> its MOT (suggested, then confirmed) -> what you did ->
who helped -> the effect -> shareable? -> saved, with a thank-you naming the MOT."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable

from bot import store
from bot.dialogs.engine import (
    Act,
    ActResult,
    Ask,
    Choose,
    Confirm,
    DialogContext,
    DialogSpec,
    Reply,
    Slots,
    normalise,
)
from bot.dialogs.service import read_text
from bot.events import Choice
from bot.markup import escape
from bot.models import StoryCreate
from bot.nlp.answer import match_choice, rank_choices, read_yes_no

CONFIRM_ID, OTHER_ID = "confirm", "other"
_NOBODY = {"nobody", "no one", "noone", "none", "just me", "me", "myself", "no", "-", "n/a", "alone", "only me"}


async def _suggest(ctx: DialogContext, slots: Slots) -> ActResult:
    """One MOT to confirm when the learner is right about it at least nine times out of ten at this
    confidence (calibrated, `bot.learning.MotLearner.propose`); otherwise the best three guesses first,
    never an assumed answer."""
    cycle = ctx.cycle
    proposal = await read_text(ctx.services.learner.propose, slots["story"], cycle) if cycle else None
    choices = [m for m in (proposal.choices if proposal else ()) if cycle and cycle.mot(m)]
    if proposal is None or proposal.suggested is None or not (cycle and cycle.mot(proposal.suggested)):
        return ActResult(
            slots={"suggested_mot": None, "suggestion_score": None, "alternatives": choices},
            goto="unsure" if choices else "pick_mot",
        )
    return ActResult(
        slots={
            "suggested_mot": proposal.suggested,
            "suggestion_score": round(float(proposal.score or 0.0), 4),
            "alternatives": choices,
        },
        goto="mot",
    )


def _mot_prompt(ctx: DialogContext, slots: Slots) -> str:
    name = ctx.cycle.name_of(slots["suggested_mot"]) if ctx.cycle else slots["suggested_mot"]
    return f"Thanks! That sounds like the moment *{name}*. Is that right?"


def _mot_choices(ctx: DialogContext, slots: Slots) -> tuple[Choice, ...]:
    cycle = ctx.cycle
    assert cycle is not None
    others = tuple(Choice(m, cycle.name_of(m)) for m in slots.get("alternatives", []))
    return (Choice(CONFIRM_ID, "Yes, that's it"), *others, Choice(OTHER_ID, "Another moment…"))


def _guess_choices(ctx: DialogContext, slots: Slots) -> tuple[Choice, ...]:
    assert ctx.cycle is not None
    guesses = tuple(Choice(m, ctx.cycle.name_of(m)) for m in slots.get("alternatives", []))
    return (*guesses, Choice(OTHER_ID, "Another moment…"))


def _all_mots(ctx: DialogContext, slots: Slots) -> tuple[Choice, ...]:
    assert ctx.cycle is not None
    return tuple(Choice(m.id, m.name) for m in ctx.cycle.mots)


def parse_mot(ctx: DialogContext, slots: Slots, text: str) -> str | None:
    """A MOT named loosely: its number in the full list, id, name, a typo of it, or words of its name,
    aliases and description ("the doctor", "front desk", "paying"); when two fit equally, the first
    (in the cycle's order) with a word of the answer in its name, else None."""
    if ctx.cycle is None:
        return None
    about = {m.id: (*m.aliases, m.description) for m in ctx.cycle.mots}
    mots = _all_mots(ctx, slots)
    found = match_choice(text, mots, about)
    if found is None:  # "parking" names two moments: the first in the cycle that has it in its name
        found = next(iter(rank_choices(text, mots, about, least=2)), None)
    return found


def parse_mot_answer(ctx: DialogContext, slots: Slots, text: str) -> str | None:
    """On "is it X?": a MOT named in the answer picks it ("no, the doctor"); else "yep" confirms the
    suggestion and a plain no ("nope", "not really", "another") means "another moment"."""
    said = normalise(text)
    if said in {"wrong", "wrong one", "not that one", "another", "other", "neither", "none of these", "something else"}:
        return OTHER_ID
    yes_no = read_yes_no(text)
    named = None if said.isdigit() else parse_mot(ctx, slots, text)
    if named is not None and not (yes_no is True and named == slots.get("suggested_mot")):
        return named
    if yes_no is False:
        return OTHER_ID
    if yes_no is True and slots.get("suggested_mot"):
        return CONFIRM_ID
    return named


def mot_steps(*, suggest: Callable[[DialogContext, Slots], Awaitable[ActResult]], then: str,
              unsure: str = "Thanks! I'm not sure which moment of the visit that was. Is it one of these?",
              ) -> tuple[Act | Choose, ...]:
    """Which MOT a told moment is about, for every dialog that asks it (story, problem): `suggest` (an `Act`
    that fills `suggested_mot`/`alternatives` and jumps), then the suggestion to confirm (`mot`), the best
    guesses when not sure (`unsure`) or the full list (`pick_mot`); the dialog goes on at step `then`."""

    def after(ctx: DialogContext, slots: Slots) -> str:
        return "pick_mot" if slots["mot"] == OTHER_ID else then

    return (
        Act("suggest", suggest, exits=("unsure", "pick_mot", "mot")),
        Choose("mot", _mot_prompt, slot="mot", choices=_mot_choices, parse=parse_mot_answer, next=after),
        Choose("unsure", unsure, slot="mot", choices=_guess_choices, parse=parse_mot_answer, next=after),
        Choose("pick_mot", "Which moment of the customer's visit was it? (type the number or the name)", slot="mot",
               choices=_all_mots, parse=parse_mot, next=then),
    )


def chosen_mot(slots: Slots) -> str:
    """The MOT the story counts for: "Yes, that's it" (CONFIRM_ID) stands for the suggested one."""
    return slots["suggested_mot"] if slots["mot"] == CONFIRM_ID else slots["mot"]


def parse_colleagues(text: str) -> list[str]:
    """'Dana and Sam, <@U123>' -> ['Dana', 'Sam', '<@U123>']; 'nobody' -> []."""
    if normalise(text) in _NOBODY:
        return []
    parts = re.split(r",|;|\band\b|&|\n|\+", text)
    return [p.strip(" .") for p in parts if p.strip(" .")][:20]


async def _save(ctx: DialogContext, slots: Slots) -> list[Reply]:
    services, cycle, team = ctx.services, ctx.cycle, ctx.team
    assert cycle is not None and team is not None and ctx.actor.person_id is not None
    mot_id = chosen_mot(slots)
    text = slots["story"]
    redacted = services.redact(text)
    keep_original = bool(team.settings.get("keep_original_text")) and redacted != text
    story = await store.create_story(
        session=services.session,
        data=StoryCreate(
            team_id=team.id,
            author_id=ctx.actor.person_id,
            suggested_mot_id=slots.get("suggested_mot"),
            suggestion_score=slots.get("suggestion_score"),
            mot_id=mot_id,
            text=redacted,
            action=services.redact(slots.get("action", "")),
            effect=services.redact(slots.get("effect", "")),
            colleagues=parse_colleagues(services.redact(slots.get("colleagues", ""))),
            shareable=bool(slots.get("shareable")),
            original_text=text if keep_original else None,
        ),
    )
    origin = "story_confirmed" if mot_id == slots.get("suggested_mot") else "story_corrected"
    await store.add_training_example(
        session=services.session, team_id=team.id, cycle_id=cycle.id, text=redacted, mot_id=mot_id, origin=origin
    )
    share = "I'll share it with the team." if story.shareable else "I'll keep it private (managers only)."
    return [
        Reply(
            f"Thank you, {escape(ctx.actor.display_name)}! 🌟 Your story #{story.id} counts for "
            f"*{escape(cycle.name_of(mot_id))}*. "
            f"{share} Stories like this show the team what great service looks like."
        )
    ]


STORY = DialogSpec(
    name="story",
    title="story",
    commands=("story",),
    phrases=("tell a story", "new story", "share a story", "i have a story", "great moment"),
    menu="Tell a story",
    roles=frozenset({"staff", "manager"}),
    refusal=(
        "Stories are for staff members. If you were a visitor, I'd love your feedback instead: "
        "type *feedback*."
    ),
    help="Tell me about a moment when a customer got great service: what happened, what you did, who helped.",
    cancel_text="Okay, I've dropped that story. Nothing was saved. Type *story* whenever you want to tell one.",
    steps=(
        Ask("story", "Tell me about a great customer moment. What happened?", slot="story"),
        *mot_steps(suggest=_suggest, then="action"),
        Ask("action", "What did you do that made the difference?", slot="action"),
        Ask("colleagues", "Who helped? (names, or *nobody*)", slot="colleagues"),
        Ask("effect", "What difference did it make for the customer?", slot="effect", optional=True),
        Confirm("shareable", "May I share this story with the team, e.g. in the weekly shout-out?", slot="shareable"),
    ),
    on_complete=_save,
)

"""problem (staff, managers): something went wrong -> its MOT (suggested by the same learner as the
story dialog, then confirmed) -> how bad: irritating or dull -> what would fix it (optional) -> share
with managers? -> saved as a `ProblemReport` with status "open", with thanks for flagging it.

A problem is a moment of truth with negative valence: it is kept apart from customers' ratings and
never thanked as a great moment. The MOT steps are the story dialog's own (`bot.dialogs.story`)."""

from __future__ import annotations

import re

from bot import store
from bot.dialogs.engine import (
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
from bot.dialogs.story import _suggest, chosen_mot, mot_steps
from bot.events import Choice
from bot.markup import escape
from bot.models import ProblemReportCreate

SEVERITIES = (Choice("irritating", "Irritating (it annoyed or upset them)"),
              Choice("dull", "Dull (it just wasn't good)"))
_IRRITATING = {"irritating", "irritated", "annoying", "annoyed", "angry", "upset", "awful", "terrible", "bad",
               "very bad", "horrible", "rude", "frustrating", "furious", "serious", "really bad", "😠", "😡", "👎",
               "🤬", "😤"}
_DULL = {"dull", "meh", "boring", "bland", "slow", "mild", "minor", "so-so", "so so", "not great", "not bad",
         "a bit", "average", "mediocre", "😐", "🤷", "😑", "🙄", "😒"}


async def _suggest_mot(ctx: DialogContext, slots: Slots) -> ActResult:
    """The story dialog's suggestion step over what went wrong; only its MOT slots are kept, and the next
    step follows from them (so a change to the story dialog's own steps cannot send this one astray)."""
    result = await _suggest(ctx, {"story": slots["problem"]})
    keep = {k: result.slots.get(k) for k in ("suggested_mot", "suggestion_score")}
    keep["alternatives"] = list(result.slots.get("alternatives") or [])
    goto = "mot" if keep["suggested_mot"] else ("unsure" if keep["alternatives"] else "pick_mot")
    return ActResult(result.replies, keep, goto)


def parse_severity(ctx: DialogContext, slots: Slots, text: str) -> str | None:
    """How bad, in the person's words: "awful", 😠 -> irritating; "meh", 😐 -> dull; else None (asked again)."""
    said = normalise(text)
    if said in _IRRITATING:
        return "irritating"
    if said in _DULL:
        return "dull"
    words = set(re.findall(r"[\w-]+", said)) | {ch for ch in said if not ch.isascii()}
    irritating, dull = bool(words & _IRRITATING), bool(words & _DULL)
    if irritating != dull:
        return "irritating" if irritating else "dull"
    return None


async def _save(ctx: DialogContext, slots: Slots) -> list[Reply]:
    services, cycle, team = ctx.services, ctx.cycle, ctx.team
    assert cycle is not None and team is not None and ctx.actor.person_id is not None
    mot_id = chosen_mot(slots)
    text = services.redact(slots["problem"])
    report = await store.create_problem_report(
        session=services.session,
        data=ProblemReportCreate(
            team_id=team.id,
            cycle_id=cycle.id,
            reporter_id=ctx.actor.person_id,
            suggested_mot_id=slots.get("suggested_mot"),
            mot_id=mot_id,
            severity=slots["severity"],
            text=text,
            fix=services.redact(slots.get("fix", "")),
            shared=bool(slots.get("shared")),
        ),
    )
    # Which MOT a text is about is the same question for a problem as for a story: the learner learns from both.
    origin = "problem_confirmed" if mot_id == slots.get("suggested_mot") else "problem_corrected"
    await store.add_training_example(session=services.session, team_id=team.id, cycle_id=cycle.id, text=text,
                                     mot_id=mot_id, origin=origin)
    shared = ("Your managers will see it, with your name, so they can follow it up." if report.shared else
              "I'll keep your words to myself: it only counts in your managers' numbers, without your name.")
    return [
        Reply(
            f"Thank you for flagging this, {escape(ctx.actor.display_name)}. I've noted problem #{report.id} "
            f"at *{escape(cycle.name_of(mot_id))}* as {report.severity}. {shared} "
            "Knowing where it goes wrong is how the team fixes it."
        )
    ]


PROBLEM = DialogSpec(
    name="problem",
    title="problem report",
    commands=("problem", "report"),
    phrases=("report a problem", "something went wrong", "report problem", "problem report", "flag a problem",
             "i have a problem", "there's a problem", "there is a problem", "i want to report a problem"),
    menu="Report a problem",
    roles=frozenset({"staff", "manager"}),
    refusal=(
        "Problem reports are for staff members. If something went wrong on your visit, I'd like to hear it: "
        "type *feedback*."
    ),
    help="Tell me about a moment that went wrong for a customer (irritating or dull), so the team can fix it.",
    cancel_text="Okay, I've dropped that report. Nothing was saved. Type *problem* whenever you want to flag one.",
    steps=(
        Ask("problem", "What went wrong? Tell me what happened.", slot="problem"),
        *mot_steps(suggest=_suggest_mot, then="severity",
                   unsure="Thanks. I'm not sure which moment of the visit that was. Is it one of these?"),
        Choose("severity", "How bad was it for the customer?", slot="severity", choices=SEVERITIES,
               parse=parse_severity),
        Ask("fix", "What would fix it, or what would you do differently next time? (or *skip*)", slot="fix",
            optional=True),
        Confirm(
            "shared",
            "May I share this with your managers, with your name? If not, it only counts in their numbers.",
            slot="shared",
        ),
    ),
    on_complete=_save,
)

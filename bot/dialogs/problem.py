"""problem (staff, managers): something went wrong -> its MOT (suggested by the same learner as the
story dialog, then confirmed) -> how bad: irritating or dull -> what would fix it (optional) -> share
with managers? -> saved as a `ProblemReport` with status "open", with thanks for flagging it.

A problem is a moment of truth with negative valence: it is kept apart from customers' ratings and
never thanked as a great moment. The MOT steps are the story dialog's own (`bot.dialogs.story`)."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from bot import store
from bot.dialogs.engine import (
    ActResult,
    Ask,
    Choose,
    Command,
    Confirm,
    DialogContext,
    DialogSpec,
    Reply,
    Slots,
    normalise,
)
from bot.dialogs.story import SHARING_WORDS, _suggest, chosen_mot, mot_steps, told, zone_of
from bot.events import Choice
from bot.insight import names_match
from bot.markup import escape
from bot.models import ProblemReport, ProblemReportCreate
from bot.nlp.answer import match_choice
from bot.nlp.period_calendar import local_day_text
from bot.visibility import viewer_of

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


def _is_idea(slots: Slots) -> bool:
    """An idea for the team, told unprompted ("we should put a sign at the barrier"): its words are the fix too."""
    return bool(slots.get("fix")) and slots.get("fix") == slots.get("problem")


def _lead(slots: Slots) -> str:
    if _is_idea(slots):
        return "Thanks for the idea! I'll file it as a problem report, with your idea as what would fix it."
    return "Thanks for flagging it: I'll file it as a problem."


def _severity_prompt(ctx: DialogContext, slots: Slots) -> str:
    if _is_idea(slots):  # nothing went wrong to rate: how it goes for customers now, without the idea
        return "How does that moment go for customers today, without your idea?"
    return "How bad was it for the customer?"


def parse_severity(ctx: DialogContext, slots: Slots, text: str) -> str | None:
    """How bad, in the person's words: "awful", 😠 -> irritating; "meh", 😐 -> dull; else None (asked again)."""
    said = normalise(text)
    if said in _IRRITATING:
        return "irritating"
    if said in _DULL:
        return "dull"
    if re.search(r"\bnot\s+(?:too|that|so|very|really|all\s+that)?\s*(?:bad|awful|terrible|serious)\b", said):
        return "dull"  # "not too bad really": it wasn't good, it didn't upset them
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
    if _is_idea(slots):
        return [Reply(f"Thank you for the idea, {escape(ctx.actor.display_name)}. I've noted it as #{report.id} at "
                      f"*{escape(cycle.name_of(mot_id))}* (today: {report.severity}). {shared} "
                      "Ideas from the people who do the work are how the team gets better.")]
    return [
        Reply(
            f"Thank you for flagging this, {escape(ctx.actor.display_name)}. I've noted problem #{report.id} "
            f"at *{escape(cycle.name_of(mot_id))}* as {report.severity}. {shared} "
            "Knowing where it goes wrong is how the team fixes it."
        )
    ]


# "May I share this with your managers?": the story's words, but "managers only" is a yes here
_SHARING_WORDS = {**{said: share for said, share in SHARING_WORDS.items() if "manager" not in said},
                  **dict.fromkeys(("managers only", "only managers", "just managers", "just the managers"), True)}


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
        Ask("problem", "What went wrong? Tell me what happened.", slot="problem", validate=told),
        *mot_steps(suggest=_suggest_mot, then="severity", lead=_lead),
        Choose("severity", _severity_prompt, slot="severity", choices=SEVERITIES,
               parse=parse_severity),
        Ask("fix", "What would fix it, or what would you do differently next time? (or *skip*)", slot="fix",
            optional=True),
        Confirm(
            "shared",
            "May I share this with your managers, with your name? If not, it only counts in their numbers.",
            slot="shared",
            words=_SHARING_WORDS,
        ),
    ),
    on_complete=_save,
)


# --- reading them back: `problems` ----------------------------------------------------------------

PROBLEMS_WINDOW = timedelta(days=30)
PROBLEMS_SHOWN = 5
PROBLEMS_PHRASES = ("problems", "show problems", "show me the problems", "open problems", "list problems",
                    "problem reports", "reported problems", "recent problems", "my problems", "my reports",
                    "my problem reports", "what problems were reported", "which problems were reported")


_FOR_STAFF = ("Problem reports are for the team's staff. If something went wrong on your visit, I'd like to hear "
              "it: type *feedback*.")


async def handle_problems(ctx: DialogContext, text: str) -> list[Reply]:
    """The problem reports the speaker may read, newest first, from the last 30 days: a manager sees the
    team's reports shared with managers (who reported, how bad, what would fix it) and a count of all
    flagged, shared or not; staff see their own. `problems <moment>` keeps one MOT's."""
    actor, team, cycle = ctx.actor, ctx.team, ctx.cycle
    if actor.role not in ("staff", "manager") or team is None or cycle is None or actor.person_id is None:
        return [Reply(_FOR_STAFF)]
    said = normalise(text)
    for phrase in sorted(PROBLEMS_PHRASES, key=len, reverse=True):
        if said.startswith(phrase):
            said = said[len(phrase):].strip(" :,-")
            break
    said = re.sub(r"^(?:at|for|about|in|with)\s+", "", said)
    mots = tuple(Choice(m.id, m.name) for m in cycle.mots)
    mot_id = match_choice(said, mots, {m.id: m.aliases for m in cycle.mots}) if said else None
    if said and mot_id is None:
        return [Reply(f"I don't know the moment {escape(said)!r}. Try *problems* on its own, or e.g. "
                      f"*problems {escape(cycle.mots[0].name.lower())}*.")]
    start, window = recent_window(ctx)
    return await problem_reports(ctx, start=start, end=None, window=window, mot_id=mot_id)


def recent_window(ctx: DialogContext) -> tuple[datetime, str]:
    """When problems are read with no period named: the last 30 days, and how to say it."""
    start = ctx.now - PROBLEMS_WINDOW
    tz = ctx.team.timezone if ctx.team is not None else "UTC"
    return start, f"in the last 30 days (since {local_day_text(start, zone_of(tz), now=ctx.now)})"


async def problem_reports(ctx: DialogContext, *, start: datetime, end: datetime | None, window: str,
                          mot_id: str | None = None, reporter: str | None = None) -> list[Reply]:
    """The problem reports in [start, end) the speaker may read, newest first (`window` says the period): a
    manager sees the team's reports shared with managers and a count of all flagged, staff their own. With
    `reporter` (a team member's name, as a manager asks "problems reported by Sam"), only theirs."""
    actor, team, cycle = ctx.actor, ctx.team, ctx.cycle
    if actor.role not in ("staff", "manager") or team is None or cycle is None or actor.person_id is None:
        return [Reply(_FOR_STAFF)]
    viewer = viewer_of(actor.person_id, team_id=team.id, role=actor.role)
    session = ctx.services.session
    shown = await store.list_problem_reports(session=session, team_id=team.id, viewer=viewer, start=start, end=end,
                                             mot_id=mot_id)
    if actor.role != "manager":
        shown = [r for r in shown if r.reporter_id == actor.person_id]
    where = f" at *{escape(cycle.name_of(mot_id))}*" if mot_id else ""
    zone = zone_of(team.timezone)
    names = {}
    if actor.role == "manager":
        names = {p.id: p.display_name for p in await store.list_people(session=session, team_id=team.id)}
    theirs = None
    if reporter and actor.role == "manager":
        theirs = [pid for pid, name in names.items() if names_match(reporter, name)]
        shown = [r for r in shown if r.reporter_id in theirs]
    if actor.role == "manager":
        counts = await store.count_problem_reports(session=session, team_id=team.id, start=start, end=end,
                                                   mot_ids=[mot_id] if mot_id else None, reporter_ids=theirs)
        total = sum(counts.values())
        who = f"{escape(reporter)} flagged" if reporter else "Staff flagged"
        head = (f"{who} {_problems(total)}{where} {window}; {len(shown)} shared with managers."
                if total else f"No problems flagged{' by ' + escape(reporter) if reporter else ''}{where} {window}.")
    else:
        head = (f"You flagged {_problems(len(shown))}{where} {window}." if shown else
                f"You haven't flagged any problems{where} {window}. Type *problem* to report one.")
    lines = [head]
    for report in shown[:PROBLEMS_SHOWN]:
        day = local_day_text(report.created_at, zone, now=ctx.now)
        lines.append(_report_line(report, cycle.name_of(report.mot_id), names.get(report.reporter_id), day))
    if len(shown) > PROBLEMS_SHOWN:
        lines.append(f"…and {len(shown) - PROBLEMS_SHOWN} more. Name a moment to see its own: "
                     f"*problems {escape(cycle.name_of(shown[PROBLEMS_SHOWN].mot_id).lower())}*.")
    return [Reply("\n".join(lines))]


def _report_line(report: ProblemReport, mot_name: str, reporter: str | None, day: str) -> str:
    text = report.text if len(report.text) <= 200 else report.text[:199].rstrip() + "…"
    who = f" — {escape(reporter)}" if reporter else ""
    fix = f" Fix: {escape(report.fix if len(report.fix) <= 120 else report.fix[:119] + '…')}" if report.fix else ""
    return (f"• #{report.id} {day}, *{escape(mot_name)}*, {report.severity}{who}: "
            f"“{escape(text)}”{fix}")


def _problems(n: int) -> str:
    return f"{n} problem" + ("" if n == 1 else "s")


PROBLEMS = Command("problems", handle_problems, phrases=PROBLEMS_PHRASES)

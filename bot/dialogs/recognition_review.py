"""recognition_review (managers): approve, edit or skip the weekly shout-out draft, and the privacy
command `PRIVACY` (`/mot privacy`, "don't mention me", "mention me again").

The draft arrives as a DM with buttons `go:recognition_review:<run id>:approve|edit|skip`; a click
starts this dialog with slots["payload"] = "<run id>:<action>". Approve and Skip finish at once;
Edit asks for the text to post instead. Only managers of the run's team may decide, and only once
(the run's status is compare-and-set in `WeeklyService.decide`). `again` is the *Post again* button
of a "may have been posted" report (`bot.weekly.draft.failure_reports`): the run's unsure targets are sent
once more."""

from __future__ import annotations

from bot.dialogs.engine import END, Act, ActResult, Ask, Command, DialogContext, DialogSpec, Reply, Slots, normalise
from bot.weekly.roster import set_mention_privacy

ACTIONS = ("approve", "edit", "skip", "again")  # again: "Post again" on a "may have been posted" report


async def _check(ctx: DialogContext, slots: Slots) -> ActResult:
    run_text, _, action = str(slots.get("payload") or "").partition(":")
    if not run_text.isdigit() or action not in ACTIONS:
        return ActResult(slots={"problem": "That button doesn't look right. Please use the buttons on the draft."},
                         goto=END)
    run, problem = await ctx.services.weekly.review(session=ctx.services.session, run_id=int(run_text),
                                                    person_id=ctx.actor.person_id, action=action)
    if run is None:
        return ActResult(slots={"problem": problem}, goto=END)
    slots_out = {"run_id": int(run_text), "action": action}
    if action != "edit":
        return ActResult(slots=slots_out, goto=END)
    targets = run.content.get("targets", [])
    platform = str(ctx.key.platform) + ":"
    draft = next((t["text"] for t in targets if t["key"].startswith(platform)), targets[0]["text"] if targets else "")
    return ActResult(slots=slots_out | {"draft": draft}, goto="text")


def _edit_prompt(ctx: DialogContext, slots: Slots) -> str:
    return ("Send me the shout-out as you want it posted; I'll post your text exactly as you write it "
            "(*bold* and _italic_ work). Here is the draft to start from:\n\n" + slots.get("draft", "") +
            "\n\nOr type *cancel* to leave the draft waiting.")


async def _decide(ctx: DialogContext, slots: Slots) -> list[Reply]:
    if slots.get("problem"):
        return [Reply(slots["problem"])]
    text = slots.get("text") if slots["action"] == "edit" else None
    reply = await ctx.services.weekly.decide(
        session=ctx.services.session, run_id=slots["run_id"], person_id=ctx.actor.person_id,
        name=ctx.actor.display_name, decision=slots["action"], text=text,
    )
    return [Reply(reply)]


RECOGNITION_REVIEW = DialogSpec(
    name="recognition_review",
    title="shout-out review",
    roles=frozenset({"manager"}),
    refusal="Only the team's managers can approve the weekly shout-out.",
    help="You are reviewing this week's shout-out: send the text to post instead of the draft.",
    cancel_text="Okay, the draft is still waiting: use its buttons when you're ready.",
    steps=(
        Act("check", _check, exits=(END, "text")),
        Ask("text", _edit_prompt, slot="text"),
    ),
    on_complete=_decide,
)


# --- consent: /mot privacy -----------------------------------------------------------------------

OPT_OUT = frozenset({"on", "don't mention me", "dont mention me", "don’t mention me", "do not mention me",
                     "stop mentioning me", "opt out", "no mentions"})
OPT_IN = frozenset({"off", "mention me again", "mention me", "you can mention me", "opt in",
                    "you can mention me again"})
PRIVACY_PHRASES = tuple(sorted((OPT_OUT | OPT_IN) - {"on", "off", "opt out", "opt in"}))


async def handle_privacy(ctx: DialogContext, text: str) -> list[Reply]:
    """Set (or, with no argument, toggle) `mention_opt_out` for the speaker, on every platform
    account of theirs in the team."""
    if ctx.actor.person_id is None or ctx.actor.team_id is None:
        return [Reply("You're anonymous here, so I never name you anywhere. Nothing to change!")]
    said = normalise(text).replace("’", "'").removeprefix("privacy ").strip()
    wanted = True if said in OPT_OUT else False if said in OPT_IN else None
    opt_out = await set_mention_privacy(session=ctx.services.session, person_id=ctx.actor.person_id, opt_out=wanted)
    if opt_out is None:
        return [Reply("Sorry, I couldn't find you in the team list.")]
    if opt_out:
        return [Reply("Done: I won't name you in weekly shout-outs or other team posts. Stories you share can "
                      "still be celebrated, as from “a colleague”. To undo, say *mention me again* "
                      "(or `/mot privacy off`).")]
    return [Reply("Great: I'll mention you by name again when the team celebrates great moments. To stop, say "
                  "*don't mention me* (or `/mot privacy on`).")]


PRIVACY = Command("privacy", handle_privacy, phrases=PRIVACY_PHRASES)

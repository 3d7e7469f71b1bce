"""story (staff): a great customer moment -> its MOT (suggested, then confirmed) -> what you did ->
who helped -> the effect -> shareable? -> a confirmation card -> saved, with a thank-you naming the MOT.

The dialog listens (issue 12, point 5): what the story already says (what the teller did, who helped, the
effect; `bot.nlp.story_parts`) fills those slots and their questions are skipped; a story about a colleague
asks "What did *Sam* do…?". The card at the end shows every line (MOT, what you did, who helped, effect,
shared?) with *Save* and an *Edit* button per line: Edit asks that one question again and comes back to the
card. A Slack form's own Save button is the card's (its `card` slot comes filled)."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from datetime import timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot import store
from bot.dialogs.engine import (
    END,
    Act,
    ActResult,
    Ask,
    Choose,
    Command,
    Confirm,
    DialogContext,
    DialogSpec,
    InvalidInput,
    Reply,
    Slots,
    normalise,
)
from bot.dialogs.service import read_text
from bot.events import Choice
from bot.markup import escape
from bot.models import StoryCreate
from bot.nlp.answer import match_choice, rank_choices, read_yes_no
from bot.nlp.period_calendar import local_day_text
from bot.nlp.story_parts import read_story_parts
from bot.visibility import viewer_of

CONFIRM_ID, OTHER_ID = "confirm", "other"
_SHORT_ANSWER = 4  # words: an answer this short may name a MOT by a word it shares with another
SAVE_ID = "save"
# The questions `listen` may answer from the story, in the order they are asked; then the card.
PARTS = ("action", "colleagues", "effect", "shareable")
EDITS = {"edit_mot": "pick_mot", **{f"edit_{slot}": slot for slot in PARTS}}  # card button -> step it asks again
_SAVE_WORDS = {"save", "save it", "looks good", "look good", "looks right", "looks fine", "all good", "all correct",
               "good", "great", "perfect", "correct", "done", "submit", "send", "send it", "lgtm", "that's all",
               "that is right", "all fine", "fine", "go", "looks great", "nothing to change", "no changes"}
# Words that name a line of the card ("change the moment", "edit who helped", "sharing"), by button.
_LINE_WORDS = {
    "edit_mot": ("moment", "mot", "moment of truth", "which moment", "the moment"),
    "edit_action": ("what i did", "what you did", "what did", "action", "what we did", "what they did", "did"),
    "edit_colleagues": ("who helped", "helped", "colleagues", "colleague", "helpers", "names", "who"),
    "edit_effect": ("effect", "difference", "outcome", "result", "impact"),
    "edit_shareable": ("share", "sharing", "shared", "private", "public"),
}
TOLD_TWICE_WITHIN = timedelta(days=7)  # the same text by the same person within it is one story, saved once
_NOBODY = {"nobody", "no one", "noone", "none", "just me", "me", "myself", "no", "-", "n/a", "alone", "only me", "nope",
           "nah", "no-one", "no body", "noone else", "nobody else", "no one else", "solo"}


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


Lead = str | Callable[[Slots], str]  # how the MOT question opens, maybe from what was told


def _mot_prompt(lead: Lead) -> Callable[[DialogContext, Slots], str]:
    def prompt(ctx: DialogContext, slots: Slots) -> str:
        name = ctx.cycle.name_of(slots["suggested_mot"]) if ctx.cycle else slots["suggested_mot"]
        return f"{_lead(lead, slots)} That sounds like the moment *{name}*. Is that right?"

    return prompt


def _lead(lead: Lead, slots: Slots) -> str:
    return lead if isinstance(lead, str) else lead(slots)


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
    # "parking" names two moments: the first in the cycle that has it in its name. Only for a short answer:
    # in a sentence ("the card reader at the desk keeps freezing") a shared word is no answer.
    if found is None and len(text.split()) <= _SHORT_ANSWER:
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


def mot_steps(*, suggest: Callable[[DialogContext, Slots], Awaitable[ActResult]], then: str, lead: Lead = "Thanks!",
              unsure: str = "I'm not sure which moment of the visit that was. Is it one of these?",
              ) -> tuple[Act | Choose, ...]:
    """Which MOT a told moment is about, for every dialog that asks it (story, problem): `suggest` (an `Act`
    that fills `suggested_mot`/`alternatives` and jumps), then the suggestion to confirm (`mot`), the best
    guesses when not sure (`unsure`) or the full list (`pick_mot`); the dialog goes on at step `then`. `lead`
    opens the first of them ("Thanks!" for a story; a problem says it is filed as one), or says it from the slots."""

    def after(ctx: DialogContext, slots: Slots) -> str:
        return "pick_mot" if slots["mot"] == OTHER_ID else then

    return (
        Act("suggest", suggest, exits=("unsure", "pick_mot", "mot")),
        # loose=False: a moment typed is read among all the cycle's moments ("waiting room" is not the button
        # *Wait for results* because both say "wait"), a number or a button's label still picks that button
        Choose("mot", _mot_prompt(lead), slot="mot", choices=_mot_choices, parse=parse_mot_answer, next=after,
               loose=False),
        Choose("unsure", lambda ctx, slots: f"{_lead(lead, slots)} {unsure}", slot="mot", choices=_guess_choices,
               parse=parse_mot_answer, next=after, loose=False),
        Choose("pick_mot", "Which moment of the customer's visit was it? (type the number or the name)", slot="mot",
               choices=_all_mots, parse=parse_mot, next=then),
    )


async def _listen(ctx: DialogContext, slots: Slots) -> ActResult:
    """What the story already says fills the slots not yet answered; `heard` keeps what was read, so the card
    can say "(from your story)"; `hero` names the colleague a story is about ("" for "they")."""
    if "heard" in slots:  # read once: coming back from an edit or a changed MOT reads nothing again
        return ActResult()
    parts = read_story_parts(slots["story"])
    found: dict[str, str] = {}
    if parts.action:
        found["action"] = parts.action
    if parts.colleagues:
        found["colleagues"] = ", ".join(parts.colleagues)
    if parts.effect:
        found["effect"] = parts.effect
    fresh = {slot: value for slot, value in found.items() if slot not in slots}
    return ActResult(slots={**fresh, "heard": fresh, "hero": parts.hero})


def _ask_next(ctx: DialogContext, slots: Slots) -> str:
    """The first question not answered yet, else the card."""
    return _step_for(next((slot for slot in PARTS if slot not in slots), "card"), slots)


def _step_for(slot: str, slots: Slots) -> str:
    """The step that asks `slot`: what a colleague did is asked by `their_action`."""
    return "their_action" if slot == "action" and slots.get("hero") is not None else slot


def _doer(slots: Slots) -> str:
    """Who the story's action is by: "you", or the colleague it is about ("Sam", "they")."""
    hero = slots.get("hero")
    return "you" if hero is None else (escape(hero) if hero else "they")


def _their_action_prompt(ctx: DialogContext, slots: Slots) -> str:
    return f"What did {_doer(slots)} do that made the difference?"


def _card_prompt(ctx: DialogContext, slots: Slots) -> str:
    """The story's lines to check before saving (person-typed text redacted and escaped)."""
    heard = slots.get("heard") or {}

    def line(slot: str, empty: str) -> str:
        value = str(slots.get(slot) or "").strip()
        shown = ctx.services.redact(value[:300]) + ("…" if len(value) > 300 else "")
        if slot == "colleagues":  # as it will be stored: "Sam and Jo" -> "Sam, Jo"; "nobody" -> nobody
            shown = ", ".join(parse_colleagues(shown))
        if not shown:
            return empty
        return escape(shown) + (" _(from your story)_" if heard.get(slot) == value else "")

    mot = ctx.cycle.name_of(chosen_mot(slots)) if ctx.cycle else chosen_mot(slots)
    shared = "yes, with the team" if slots.get("shareable") else "no, managers only"
    did = "What you did" if slots.get("hero") is None else f"What {_doer(slots)} did"
    return (
        "Here is your story. Does it look right?\n"
        f"• *Moment:* {escape(mot)}\n"
        f"• *{did}:* {line('action', '-')}\n"
        f"• *Who helped:* {line('colleagues', 'nobody')}\n"
        f"• *Effect:* {line('effect', '-')}\n"
        f"• *Shared:* {shared}\n"
        "Tap *Save*, or *Edit* a line to change it."
    )


def _card_choices(ctx: DialogContext, slots: Slots) -> tuple[Choice, ...]:
    did = "what you did" if slots.get("hero") is None else f"what {slots['hero'] or 'they'} did"
    return (Choice(SAVE_ID, "Save"), Choice("edit_mot", "Edit moment"), Choice("edit_action", f"Edit {did}"),
            Choice("edit_colleagues", "Edit who helped"), Choice("edit_effect", "Edit effect"),
            Choice("edit_shareable", "Edit sharing"))


# How people answer "May I share this?" beyond yes and no (the problem report's "share with your managers?" too)
SHARING_WORDS = {
    **dict.fromkeys(("share", "share it", "share it please", "share away", "share with the team", "public",
                     "make it public", "everyone can see it", "happy to share", "happy for it to be shared"), True),
    **dict.fromkeys(("private", "keep it private", "make it private", "private please", "keep it to myself",
                     "just me", "only me", "managers only", "only managers", "just managers", "just the managers",
                     "don't share", "dont share", "do not share", "don't share it", "dont share it",
                     "not for sharing", "confidential", "keep it confidential"), False),
}


def told(text: str) -> str:
    """What happened, in at least a few words: "hmm", "story" or "ok" is asked for again."""
    if len(re.findall(r"[^\W_]+", text)) < 3:
        raise InvalidInput("Tell me a little more, in a sentence or two: what happened, and to whom?")
    return text


def parse_card(ctx: DialogContext, slots: Slots, text: str) -> str | None:
    """A typed answer to the card: "yes", "looks good", "save it" save; "edit who helped", "change the
    moment", "the effect is wrong" edit that line; anything else (or two lines at once) is None: asked again."""
    said = normalise(text)
    if len(said) > 300:
        return None
    if said in _SAVE_WORDS or (read_yes_no(text) is True and not _lines_named(said)):
        return SAVE_ID
    lines = _lines_named(said)
    return lines[0] if len(lines) == 1 else None


def _lines_named(said: str) -> list[str]:
    padded = " " + re.sub(r"[^\w\s]", " ", said) + " "
    return [edit for edit, words in _LINE_WORDS.items() if any(f" {w} " in padded for w in words)]


def _after_card(ctx: DialogContext, slots: Slots) -> str:
    chosen = slots.get("card")
    return END if chosen == SAVE_ID else _step_for(EDITS.get(chosen, "card"), slots)


def chosen_mot(slots: Slots) -> str:
    """The MOT the story counts for: "Yes, that's it" (CONFIRM_ID) stands for the suggested one."""
    return slots["suggested_mot"] if slots["mot"] == CONFIRM_ID else slots["mot"]


# How people answer "Who helped?" around the names: "Maria helped me", "helped by Kwame", "my colleague Jen did",
# "it was Sam and Jo", "thanks to Dr Patel", "nobody helped", "no one, I did it on my own"
_HELPED_LEAD = re.compile(r"^(?:(?:it\s+was|that\s+was|helped\s+by|with\s+(?:the\s+)?help\s+(?:of|from)|thanks\s+to|"
                          r"with|by)\s+)?(?:my\s+|our\s+)?(?:colleagues?\s+|mates?\s+|workmates?\s+)?", re.IGNORECASE)
_HELPED_TAIL = re.compile(r"\s+(?:helped|assisted|pitched\s+in|gave\s+(?:me|us)\s+a\s+hand|did(?:\s+it)?|too|as\s+well|"
                          r"also|mostly|really)(?:\s+(?:me|us|out|a\s+lot|loads|too|as\s+well))*[\s!.]*$", re.IGNORECASE)
_TELLER = frozenset({"me", "i", "myself", "us", "we", "ourselves"})
_NOBODY_SAID = re.compile(r"^(?:no\s*(?:one|body)|nobody|none|no)\b(?:\s+(?:helped|else))?(?:\W+(?:i|just\s+me)\b.*)?[\s!.]*$"
                          r"|^(?:just\s+me|only\s+me|me|myself|i)\b(?:\s+(?:alone|myself|on\s+my\s+own))?[\s!.]*$"
                          r"|^i\s+did\s+it\s+(?:myself|alone|on\s+my\s+own)\b", re.IGNORECASE)


def parse_colleagues(text: str) -> list[str]:
    """'Dana and Sam, <@U123>' -> ['Dana', 'Sam', '<@U123>']; 'Maria helped me' -> ['Maria']; 'nobody' and
    'no one, I did it on my own' -> []."""
    said = normalise(text)
    if said in _NOBODY or _NOBODY_SAID.match(said):
        return []
    parts = re.split(r",|;|\band\b|&|\n|\+", text)
    names = [_HELPED_TAIL.sub("", _HELPED_LEAD.sub("", p.strip(" .!"), count=1)).strip(" .!") or p.strip(" .!")
             for p in parts]
    return [n for n in names if n and n.casefold() not in _TELLER][:20]  # "me and Jo": Jo


# Words that answer another question ("yes" to a yes/no asked before, "save" for the card): not an answer here
_NOT_AN_ANSWER = frozenset({"yes", "y", "yeah", "yep", "yup", "ok", "okay", "sure", "save", "done", "confirm", "correct",
                            "right", "thanks", "thank you"})


def named_colleagues(text: str) -> str:
    """The "Who helped?" answer, when it names someone: "2", "?" or "yes" is not a name (said so, asked again)."""
    names = parse_colleagues(text)
    if names and (normalise(text) in _NOT_AN_ANSWER or not any(ch.isalpha() for part in names for ch in part)):
        raise InvalidInput("Who helped? Type their names (e.g. *Sam, Jo*), or *nobody*.")
    return text


def stated_effect(text: str) -> str:
    """The "What difference did it make?" answer: "yes" or "save" is not an effect (said so, asked again)."""
    if normalise(text) in _NOT_AN_ANSWER:
        raise InvalidInput("What difference did it make for the customer? A few words (e.g. *she calmed down*), "
                           "or *skip*.")
    return text


async def _save(ctx: DialogContext, slots: Slots) -> list[Reply]:
    services, cycle, team = ctx.services, ctx.cycle, ctx.team
    assert cycle is not None and team is not None and ctx.actor.person_id is not None
    mot_id = chosen_mot(slots)
    text = slots["story"]
    redacted = services.redact(text)
    keep_original = bool(team.settings.get("keep_original_text")) and redacted != text
    twice = await store.told_before(session=services.session, team_id=team.id, author_id=ctx.actor.person_id,
                                    text=redacted, since=ctx.now - TOLD_TWICE_WITHIN)
    if twice is not None:  # the same story sent again (pasted twice, or told again not knowing it was saved)
        return [Reply(f"You already told me this story: it is saved as #{twice.id} under "
                      f"*{escape(cycle.name_of(twice.mot_id))}*, so I haven't saved it twice. Thank you, "
                      f"{escape(ctx.actor.display_name)}! 🌟")]
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
        Ask("story", "Tell me about a great customer moment. What happened?", slot="story", validate=told),
        *mot_steps(suggest=_suggest, then="listen"),
        Act("listen", _listen, next=_ask_next),
        Ask("action", "What did you do that made the difference?", slot="action", next=_ask_next),
        Ask("their_action", _their_action_prompt, slot="action", next=_ask_next),  # a story about a colleague
        Ask("colleagues", "Who helped? (names, or *nobody*)", slot="colleagues", validate=named_colleagues,
            next=_ask_next),
        Ask("effect", "What difference did it make for the customer?", slot="effect", optional=True,
            validate=stated_effect, next=_ask_next),
        Confirm("shareable", "May I share this story with the team, e.g. in the weekly shout-out?", slot="shareable",
                next=_ask_next, words=SHARING_WORDS),
        Choose("card", _card_prompt, slot="card", choices=_card_choices, parse=parse_card, next=_after_card,
               loose=False),
    ),
    on_complete=_save,
)


# --- reading one's own back: `my stories` ----------------------------------------------------------

MY_STORIES_SHOWN = 5
MY_STORIES_PHRASES = ("my stories", "my own stories", "show my stories", "list my stories", "show me my stories",
                      "stories i told", "stories i've told", "stories ive told", "my story", "what have i shared",
                      "what stories have i told", "which stories have i told", "my shared stories")


async def handle_my_stories(ctx: DialogContext, text: str) -> list[Reply]:
    """The stories the speaker told, newest first (the last five, with their moment and day), and how many in all."""
    actor, team, cycle = ctx.actor, ctx.team, ctx.cycle
    if actor.role not in ("staff", "manager") or team is None or cycle is None or actor.person_id is None:
        return [Reply("Stories are told by the team's staff. If you'd like to tell us about your visit, type "
                      "*feedback*.")]
    session = ctx.services.session
    viewer = viewer_of(actor.person_id, team_id=team.id, role=actor.role)
    total = await store.count_stories(session=session, team_id=team.id, viewer=viewer, author_id=actor.person_id)
    if not total:
        return [Reply("You haven't told any stories yet. Type *story* (or just tell me what happened) to share one.")]
    shown = await store.list_stories(session=session, team_id=team.id, viewer=viewer, author_id=actor.person_id,
                                     limit=MY_STORIES_SHOWN)
    zone = zone_of(team.timezone)
    lines = [f"You've told {total} {'story' if total == 1 else 'stories'}" + (", the latest first:" if total > 1 else ":")]
    for story in shown:
        said = story.text if len(story.text) <= 160 else story.text[:159].rstrip() + "…"
        shared = "" if story.shareable else " (private)"
        lines.append(f"• {local_day_text(story.created_at, zone, now=ctx.now)}, *{escape(cycle.name_of(story.mot_id))}*"
                     f"{shared}: “{escape(said)}”")
    if total > len(shown):
        lines.append(f"…and {total - len(shown)} more. Thank you for every one of them!")
    return [Reply("\n".join(lines))]


def zone_of(tz: str) -> ZoneInfo:
    """A team's time zone; UTC when its name is not one."""
    try:
        return ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


MY_STORIES = Command("my stories", handle_my_stories, phrases=MY_STORIES_PHRASES)

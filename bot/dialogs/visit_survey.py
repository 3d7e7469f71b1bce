"""visit_survey (customer): `start visit_<ref>` (a deep link) or "give feedback" -> rate each MOT of the visit
shining / irritating / dull (skippable) -> one optional "why" for the best and the worst ->
anything else -> opt-in contact -> thanks. Anonymous: no identity is asked for or stored unless
the customer opts in to be contacted; the conversation's pseudonym (`ctx.pseudonym`) is kept with the
response so that it is one response per visit and conversation.

Finishing honestly (`_intercept`, before any step reads the message): "done"/"that's all"/"finish"/
"nothing else" ends the survey and saves what was given; "cancel" with ratings given asks "Discard your
N ratings?" first (no: carry on where we were); the visit's link opened again mid-survey carries on;
opened again after a saved response, the new answers replace the old ones, or, with the team setting
`single_response_per_visit`, the link is refused politely."""

from __future__ import annotations

import re

from bot import store
from bot.cycle import Cycle
from bot.dialogs.engine import (
    END,
    NO,
    YES,
    Act,
    ActResult,
    Ask,
    Choose,
    Confirm,
    DeepLink,
    DialogContext,
    DialogSpec,
    Each,
    InvalidInput,
    Reply,
    Slots,
    State,
    Transition,
    advance,
    asking_about,
    global_command,
    normalise,
    question,
)
from bot.dialogs.service import read_text
from bot.events import Choice
from bot.markup import escape
from bot.models import RatingCreate
from bot.nlp.answer import match_choice, read_not_done, read_rating, read_yes_no, turned_from
from bot.nlp.answer import normalise as normalise_answer
from bot.nlp.mentions import moments_named
from bot.nlp.question import MotRef
from bot.nlp.redact import redact_names

RATING_CHOICES = (
    Choice("shining", "✨ Shining"),
    Choice("dull", "😐 Dull"),
    Choice("irritating", "😠 Irritating"),
    Choice("skip", "Skip"),
)


ELSEWHERE_AT = 0.9  # the classifier's probability for another moment named, at least (see _about_another)
# Where an answer turns from the moment asked to another ("driving out was no trouble. What I would like to
# mention is ...", "never mind the forms, the doctor was amazing"): the other moment is read after the turn.
_TURN = re.compile(
    r"\b(?:but|though|tho|however|although|except|mind\s+you|what\s+i(?:\s+would|'d)\s+like\s+to\s+(?:mention|say)|"
    r"(?:what\s+)?i\s+(?:\w+\s+)?want(?:ed)?\s+to\s+(?:say|mention|add)(?:\s+is)?(?:\s+that)?|"
    r"please\s+(?:tell|pass)|(?:you|u)\s+should\s+know|the\s+(?:real\s+)?"
    r"(?:issue|problem|thing)\s+(?:was|is)|never\s+mind\s+[^,.;]+[,.;]|not\s+much\s+to\s+say\s+about\s+[^,.;]+[,.;])",
    re.IGNORECASE,
)

# Said anywhere in the survey, these end it and keep what was given.
DONE_WORDS = frozenset({
    "done", "i'm done", "im done", "i am done", "all done", "that's all", "thats all", "that is all", "that's it",
    "thats it", "finish", "finished", "finish survey", "nothing else", "nothing more", "end survey", "stop here",
})
# Answers to "Discard your N ratings?" (asked by `_intercept`, not by a Confirm step, so read here).
# What "Discard your ratings?" takes beyond the usual yes and no (`read_yes_no`): the survey's own words.
_DISCARD_YES = frozenset({"discard", "delete", "cancel", "discard them", "delete them", "throw them away", "1"})
_DISCARD_NO = frozenset({"keep", "keep them", "keep going", "carry on", "continue", "go on", "2"})
CANCELLED = "Okay, stopped. Nothing was recorded. Thanks anyway!"
CANCELLED_KEPT = "Okay, stopped. Your earlier answers for this visit stay as they were. Thanks anyway!"
REPLACING = "You already rated this visit; your new answers replace the old ones."
SINGLE_USE = (
    "You've already rated this visit — thank you! This link takes one response per customer, so your "
    "answers stay as you gave them. To tell the team something else, type *give feedback*."
)


def _ratings(n: int) -> str:
    return f"{n} rating" if n == 1 else f"{n} ratings"


def _said(text: str) -> str:
    return normalise(text.replace("\u2019", "'"))


async def _intercept(
    ctx: DialogContext, state: State, *, text: str, choice_id: str | None, command: str | None
) -> Transition | None:
    """The survey's own words, before the step reads the message: "done" and friends finish and save,
    "cancel" asks before discarding ratings, the visit's link opened again carries on. None: the step reads it."""
    slots = state.slots
    given = len(slots.get("ratings", {}))
    said = _said(text) if choice_id is None else ""
    if slots.get("_discard"):
        back = State(state.dialog, state.step, {k: v for k, v in slots.items() if k != "_discard"})
        answer = choice_id if choice_id in ("yes", "no") else ("yes" if said in _DISCARD_YES else
                                                                 "no" if said in _DISCARD_NO else None)
        if answer is None and said:  # "yes please", "nope", "no, keep them", 👍
            answer = {True: "yes", False: "no"}.get(read_yes_no(said))
        if answer == "yes":
            return Transition((Reply(CANCELLED_KEPT if slots.get("previous") else CANCELLED),), None, ended="cancelled")
        if answer == "no":
            return Transition((Reply("Okay, let's carry on."), question(VISIT_SURVEY, back, ctx)), back)
        if said in DONE_WORDS:
            return await _finish(ctx, back)
        return Transition((Reply(f"Please say *yes* to discard your {_ratings(given)} or *no* to carry on."),
                           Reply(f"Discard your {_ratings(given)}?", (YES, NO))), state)
    if choice_id is None and global_command(text, command) == "cancel":
        if given:
            asking = State(state.dialog, state.step, {**slots, "_discard": True})
            return Transition((Reply(f"Discard your {_ratings(given)}?", (YES, NO)),), asking)
        if slots.get("previous"):
            return Transition((Reply(CANCELLED_KEPT),), None, ended="cancelled")
        return None  # nothing to lose: the engine's cancel
    if choice_id is None and _said(command or text).lstrip("/") in DONE_WORDS:
        return await _finish(ctx, state)
    ref = _link_ref(text, command)
    if ref is not None:
        if ref[:64].strip() == slots.get("asked_ref"):
            note = "You're in the middle of rating this visit — let's carry on where we left off."
        else:
            note = ("You're still rating another visit. Type *done* to save those answers (or *cancel*), "
                    "then open the new link again.")
        return Transition((Reply(note), question(VISIT_SURVEY, state, ctx)), state)
    if state.step == "rate" and choice_id is None and said and _TAKEN_BACK.search(said):
        changed = await _earlier_rating_changed(ctx, state, text)
        if changed is not None:
            return changed
    if state.step in ("best", "worst") and choice_id is None and said:
        changed = await _rating_changed(ctx, state, text)
        if changed is not None:
            return changed
    if state.step == "contact" and choice_id is None and said:
        return await _at_contact(ctx, state, text, said)
    return None


# "sorry, check in was actually great, I mixed them up": an earlier answer taken back
_TAKEN_BACK = re.compile(r"\b(?:actually|sorry|i\s+meant|mixed\s+(?:them|it|those)\s+up|got\s+(?:them|it|those)\s+"
                         r"(?:mixed|wrong|the\s+wrong\s+way)|should\s+(?:have|'ve)\s+said|correction|my\s+mistake|"
                         r"wrong\s+one|oops)\b")


async def _earlier_rating_changed(ctx: DialogContext, state: State, text: str) -> Transition | None:
    """While a moment is rated, an earlier one's rating taken back in words ("sorry, check in was actually great"):
    that one is rated as the words say, with them as its comment, and the moment asked about is asked again. None
    when no other rated moment is named or the words give no new rating for it."""
    asked = asking_about(VISIT_SURVEY, state, ctx)
    rating = read_rating(text)[0]
    if asked is None or rating is None:
        return None
    rerated = _rerated(ctx, state, text, rating, but=asked.id)
    if rerated is None:
        return None
    mot_id, kept = rerated
    note = Reply(f"Okay, I've changed *{escape(_name(ctx, kept.slots, mot_id))}* to {_LABEL[rating]}.")
    return Transition((note, question(VISIT_SURVEY, kept, ctx)), kept)


async def _rating_changed(ctx: DialogContext, state: State, text: str) -> Transition | None:
    """At "which moment was the best?", "actually the waiting room was awful": the moment named is rated as the words
    say (irritating here; shining at "the most irritating?"), the words kept as its comment, and the survey goes on.
    None when no rated moment is named or the words don't rate it the other way."""
    chosen, other = ("shining", "irritating") if state.step == "best" else ("irritating", "shining")
    rerated = _rerated(ctx, state, text, other) if read_rating(text)[0] == other else None
    if rerated is None:
        return None
    mot_id, kept = rerated
    note = Reply(f"Okay, I've changed *{escape(_name(ctx, kept.slots, mot_id))}* to {_LABEL[other]} and kept your words.")
    if _with(kept.slots, chosen):  # still some to choose from: the question again, without the one rerated
        return Transition((note, question(VISIT_SURVEY, kept, ctx)), kept)
    after = await advance(VISIT_SURVEY, kept, ctx, text="skip")
    return Transition((note, *after.replies), after.state, after.ended)


def _rerated(ctx: DialogContext, state: State, text: str, rating: str, *, but: str | None = None
             ) -> tuple[str, State] | None:
    """The rated moment `text` names (other than `but`) rated `rating` instead, `text` kept as its comment: that
    moment and the survey so changed; None when it names none, or one already so rated."""
    slots = state.slots
    rated = tuple(c for c in _visit_mots(ctx, slots) if c.id in slots.get("ratings", {}) and c.id != but)
    mot_id = _named_among(ctx, slots, text, rated)
    if mot_id is None or slots["ratings"].get(mot_id) == rating:
        return None
    kept = State(state.dialog, state.step, {
        **slots, "ratings": {**slots["ratings"], mot_id: rating},
        "rating_comments": {**slots.get("rating_comments", {}), mot_id: text.strip()}})
    return mot_id, kept


_LABEL = {"shining": "✨ Shining", "dull": "😐 Dull", "irritating": "😠 Irritating"}


# "can someone call me", "I'd like to speak to a manager": a yes to "contact you?" (unless said with a "don't")
_WANTS_CONTACT = re.compile(r"\b(?:call|ring|phone|e-?mail|text|contact|message)\s+(?:me|us)\b|"
                            r"\b(?:talk|speak)\s+(?:to|with)\s+(?:someone|somebody|a\s+person|a\s+human|(?:a|the)\s+manager)\b|"
                            r"\bget\s+in\s+touch\b|\bcontact\s+(?:please|pls)\b")
_NOT = re.compile(r"\b(?:don'?t|do\s+not|no|never|not|nobody|no\s+one)\b")


async def _at_contact(ctx: DialogContext, state: State, text: str, said: str) -> Transition | None:
    """At "contact you?": a wish to be contacted in other words is a yes; more to say (a few words that are no yes
    or no) is added to their comment and the question asked again. None: the step reads it."""
    more = _ANSWER_AND_MORE.match(text.strip())
    if more is not None and read_yes_no(more["answer"]) is not None:  # "no thanks. One more thing: parking was …"
        kept = _with_comment(state, more["more"])
        return await advance(VISIT_SURVEY, kept, ctx, text=more["answer"])
    if read_yes_no(said) is not None:
        return None
    if _WANTS_CONTACT.search(said) and not _NOT.search(said):
        return await advance(VISIT_SURVEY, state, ctx, text="yes")
    if _NOTHING_MORE.search(said) and len(said.split()) <= 4:  # "hmm none really": nothing to add, so no contact
        return await advance(VISIT_SURVEY, state, ctx, text="no")
    if len(said.split()) < 3 or global_command(text, None) is not None:
        return None
    kept = _with_comment(state, text)
    return Transition((Reply("Thanks, I've added that to your comment."), question(VISIT_SURVEY, kept, ctx)), kept)


def _with_comment(state: State, text: str) -> State:
    """The survey with `text` added to the customer's own comment."""
    comment = " — ".join(t for t in (state.slots.get("anything_else"), text.strip()) if t)
    return State(state.dialog, state.step, {**state.slots, "anything_else": comment})


# "no thanks. One more thing: parking was impossible": a yes or no, then more to say
_ANSWER_AND_MORE = re.compile(r"^\W*(?P<answer>(?:yes|yeah|yep|sure|ok|okay|no|nope|nah)(?:\s+(?:thanks|thank\s+you|please|"
                              r"ta|thx))?)[\s,.!;:–—-]+(?P<more>\S.{10,})$", re.IGNORECASE | re.DOTALL)
_NOTHING_MORE = re.compile(r"\b(?:none|nothing|nah|nope|no|not\s+really|all\s+good|that'?s\s+all|that'?s\s+it)\b")


def _link_ref(text: str, command: str | None) -> str | None:
    """The visit ref of a visit link opened again (`/start visit_123`, or "start visit_123" typed)."""
    link = text.strip()
    if normalise(command or "").lstrip("/") != "start":
        if not _said(link).startswith("start visit_"):
            return None
        link = link[len("start "):].strip()
    return link[len("visit_"):] if link.lower().startswith("visit_") else None


async def _finish(ctx: DialogContext, state: State) -> Transition:
    """End the survey now and save what was given (the questions not reached stay unanswered)."""
    public = {k: v for k, v in state.slots.items() if not k.startswith("_")}
    replies = await _save(ctx, {**public, "finished_early": True})
    return Transition(tuple(replies), None, ended="completed")


async def _intro(ctx: DialogContext, slots: Slots) -> ActResult:
    services = ctx.services
    ref = (slots.get("visit_ref") or "").strip() or None
    visit = await store.get_visit(session=services.session, ref=ref) if ref else None
    team = ctx.team
    if visit is not None:
        team = await store.get_team(session=services.session, team_id=visit.team_id)
    if team is None:  # no link, or one to no visit we know, and no default team: nowhere to file what is said
        said = ("I don't know the visit *" + escape(ref[:40]) + "*: please check the link on your receipt, or scan the "
                "QR code again." if ref else
                "I can't tell which clinic or restaurant you visited, so I couldn't pass anything on yet. Please open "
                "the link on your receipt (or scan the QR code at the desk): it takes you straight to your visit's "
                "questions, and you can tell me everything there.")
        return ActResult(replies=(Reply(said),), goto=END, slots={"mots": [], "team_id": None})
    cycle = services.cycles.get(team.cycle_id)
    mot_ids = [m.id for m in cycle.mots] if cycle else []
    if visit is not None and visit.mot_ids:
        mot_ids = [m for m in visit.mot_ids if cycle and cycle.mot(m)]
    unknown = ref is not None and visit is None
    lines = []
    previous = None
    if visit is not None and ctx.pseudonym:
        previous = await store.get_feedback_of(session=services.session, visit_ref=visit.ref, responder=ctx.pseudonym)
    if previous is not None and team.settings.get("single_response_per_visit"):
        return ActResult(replies=(Reply(SINGLE_USE),), goto=END, slots={"mots": [], "team_id": None})
    if previous is not None:
        lines.append(REPLACING)
    if unknown:
        lines.append(f"I couldn't find visit *{escape(ref)}*, but you can still tell us how your visit went.")
    lines.append(
        f"Thank you for visiting *{team.name}*! Please rate each moment of your visit: "
        "✨ shining, 😐 dull or 😠 irritating — or *skip* what didn't apply. "
        "Your answers are anonymous. Type *done* to finish early and keep your answers, or *cancel* to stop."
    )
    return ActResult(
        replies=(Reply("\n".join(lines)),),
        slots={"mots": mot_ids, "team_id": team.id, "cycle_id": team.cycle_id, "visit_ref": None if unknown else ref,
               "asked_ref": ref, "previous": previous is not None},
    )


def _visit_mots(ctx: DialogContext, slots: Slots) -> tuple[Choice, ...]:
    team_cycle = _cycle(ctx, slots)
    return tuple(Choice(m, team_cycle.name_of(m)) for m in slots.get("mots", [])) if team_cycle else ()


def _cycle(ctx: DialogContext, slots: Slots) -> Cycle | None:
    return ctx.services.cycles.get(slots.get("cycle_id") or "")


def _rate_prompt(item: Choice, index: int, total: int) -> str:
    return f"({index + 1}/{total}) *{item.label}* — how was it?"


def _with(slots: Slots, rating: str) -> list[str]:
    ratings = slots.get("ratings", {})
    return [m for m in slots.get("mots", []) if ratings.get(m) == rating]


def _the(slots: Slots, which: str) -> str | None:
    """The best (`which="best"`, rated shining) or worst (irritating) moment: the only one so rated,
    else the one chosen in the step of that name."""
    rated = _with(slots, "shining" if which == "best" else "irritating")
    return rated[0] if len(rated) == 1 else slots.get(which)


def _after_rating(ctx: DialogContext, slots: Slots) -> str:
    shining = _with(slots, "shining")
    if len(shining) > 1:
        return "best"
    return "why_best" if shining and shining[0] not in _said_with_rating(slots) else _to_worst(slots)


def _to_worst(slots: Slots) -> str:
    irritating = _with(slots, "irritating")
    if len(irritating) > 1:
        return "worst"
    return "why_worst" if irritating and irritating[0] not in _said_with_rating(slots) else "anything_else"


def _said_with_rating(slots: Slots) -> dict[str, str]:
    """What the customer said with a rating ("the wait was terrible"), by MOT: no need to ask why again."""
    return slots.get("rating_comments", {})


async def _about_another(ctx: DialogContext, slots: Slots, item: Choice, said: str) -> Choice | None:
    """An answer about another moment than the one asked ("the parking was a nightmare" while rating
    *Check in*): the moment the comment classifier reads it as about, when it is sure (its calibrated
    "sure", as for customers' free text) or scores that moment at least `ELSEWHERE_AT`, and the answer
    also names that moment (`bot.nlp.mentions`) and not the one asked. A name alone is not enough ("paid
    on my phone" is not *Call for an appointment*), nor is the classifier alone ("the doctor explained my
    results" stays with *Receive results*): an answer is the asked moment's unless both agree."""
    cycle = _cycle(ctx, slots)
    if cycle is None:
        return None
    refs = tuple(MotRef(m.id, m.name, m.aliases) for m in cycle.mots)
    shrugged = turned_from(normalise_answer(said))
    if shrugged is not None:  # "check in was fine. the parking though ...": the point is after the shrug
        return await _turned_to(ctx, cycle, refs, item, shrugged[0])
    turn = _TURN.search(said)  # "the bill was whatever but the dessert ...": what comes after the turn
    turned = False
    if turn is not None and said[turn.end():].strip():
        after = said[turn.end():]
        named_after = moments_named(after, refs)
        if named_after and item.id not in named_after and _rates_alike(after, said):
            said, turned = after, True
    named = moments_named(said, refs)
    if not named or item.id in named:
        return None
    reading = await read_text(ctx.services.learner.read, said, cycle)
    about = reading.mot_id or next((m for m, p in reading.ranked[:1] if p >= ELSEWHERE_AT), None)
    if about is None and turned:  # the customer turned to a moment they name: the classifier's likeliest of those
        about = next((m for m, _ in reading.ranked if m in named), None)
    if about is None or about == item.id or about not in named:
        return None
    return Choice(about, cycle.name_of(about))


def _rates_alike(part: str, whole: str) -> bool:
    """Whether the part of an answer after its turn gives the rating the whole answer gives: only then is
    the rating the other moment's ("parking was ok but there was no sign for the drop-off", read dull, keeps
    its shrug for the parking: what follows the turn rates nothing)."""
    return read_rating(part)[0] == read_rating(whole)[0]


async def _turned_to(ctx: DialogContext, cycle: Cycle, refs: tuple[MotRef, ...], item: Choice, rest: str
                     ) -> Choice | None:
    """Where an answer that shrugs something off and then makes its point (`turned_from`: its rating is the
    point's) belongs: the other moment the point names (the classifier's likeliest of them), the moment
    asked when the point names only it, or nobody's when it names none: the customer is asked again
    (InvalidInput, as a step's own reading does) rather than the asked moment given a rating meant for
    something unnamed."""
    lead = _TURN.match(rest)  # "what I really want to say is that Dr Patel ...": the point, without its lead
    rest = rest[lead.end():] if lead is not None and rest[lead.end():].strip() else rest
    named = moments_named(rest, refs) or tuple(dict.fromkeys(
        m for sentence in re.split(r"(?<=[.!?])\s+", rest) for m in moments_named(sentence, refs)))
    others = [m for m in named if m != item.id]
    if others:
        reading = await read_text(ctx.services.learner.read, rest, cycle)
        about = reading.mot_id if reading.mot_id in others else next((m for m, _ in reading.ranked if m in others),
                                                                    others[0])
        return Choice(about, cycle.name_of(about))
    if named:
        return None
    raise InvalidInput(f"I'm not sure which moment that was about. And *{item.label}* itself — how was it?")


def _read_answer(text: str) -> tuple[str | None, str | None]:
    """A rating said in words (`read_rating`), or a skip when the answer says the moment did not happen
    to them ("didn't have any tests", "came by taxi")."""
    if read_not_done(text):
        return "skip", None
    return read_rating(text)


def _moment_named(rating: str):  # type: ignore[no-untyped-def]
    """Reads a moment rated `rating` named loosely ("the doctor", "front desk"): its aliases or description."""

    def parse(ctx: DialogContext, slots: Slots, text: str) -> str | None:
        return _named_among(ctx, slots, text, _choices_of(rating)(ctx, slots))

    return parse


def _named_among(ctx: DialogContext, slots: Slots, text: str, choices: tuple[Choice, ...]) -> str | None:
    """Which of `choices` (moments) `text` names, by name, alias or description."""
    cycle = _cycle(ctx, slots)
    about = {m.id: (*m.aliases, m.description) for m in cycle.mots} if cycle else {}
    return match_choice(text, choices, about)


def _choices_of(rating: str):  # type: ignore[no-untyped-def]
    def choices(ctx: DialogContext, slots: Slots) -> tuple[Choice, ...]:
        names = dict((c.id, c.label) for c in _visit_mots(ctx, slots))
        return tuple(Choice(m, names.get(m, m)) for m in _with(slots, rating))

    return choices


def _name(ctx: DialogContext, slots: Slots, mot_id: str) -> str:
    cycle = _cycle(ctx, slots)
    return cycle.name_of(mot_id) if cycle else mot_id


async def _save(ctx: DialogContext, slots: Slots) -> list[Reply]:
    services = ctx.services
    team_id = slots.get("team_id")
    if not team_id:
        return []
    team = await store.get_team(session=services.session, team_id=team_id)
    names = bool(team is not None and team.settings.get("redact_customer_names"))

    def redact(text: str) -> str:  # contact details always; person names too when the team asks
        return redact_names(services.redact(text)) if names else services.redact(text)

    ratings = slots.get("ratings", {})
    comments: dict[str | None, str] = {}
    also: list[str] = []  # a complaint given as why the best shone (or praise as what went wrong): their own comment
    for which, why, against in (("best", "why_best", "irritating"), ("worst", "why_worst", "shining")):
        said = slots.get(why, "")
        if said and read_rating(said)[0] == against:
            also.append(said)
        else:
            comments[_the(slots, which)] = said
    for mot_id, said in _said_with_rating(slots).items():  # a rating given in words keeps its words
        comments[mot_id] = " — ".join(c for c in (said, comments.get(mot_id)) if c)
    rows = [
        RatingCreate(mot_id=mot_id, rating=rating, comment=redact(comments.get(mot_id) or ""))
        for mot_id, rating in ratings.items()
    ]
    free_text = redact(" — ".join(t for t in (*also, slots.get("anything_else", "")) if t))
    if not rows and not free_text and slots.get("previous"):
        return [Reply("No problem — nothing new was given, so your earlier answers stay as they were. Thanks!")]
    if not rows and not free_text:
        return [Reply("No problem — nothing was recorded. Thanks for your time!")]
    contact_id = ctx.key.person_id if slots.get("contact") else None
    cycle = _cycle(ctx, slots)
    reading = await read_text(services.learner.read, free_text, cycle) if free_text and cycle else None
    responder = ctx.pseudonym if slots.get("visit_ref") else None
    said_before: set[tuple[str, str]] = set()  # the replaced response's comments: already learnt from
    if responder is not None and slots.get("previous"):
        old = await store.get_feedback_of(session=services.session, visit_ref=slots["visit_ref"], responder=responder)
        if old is not None and old.id is not None:
            said_before = {(r.mot_id, r.comment) for r in await store.list_ratings(session=services.session,
                                                                                   feedback_id=old.id)}
    await store.create_feedback(
        session=services.session,
        team_id=team_id,
        visit_ref=slots.get("visit_ref"),
        ratings=rows,
        free_text=free_text,
        free_text_mot_id=reading.mot_id if reading else None,
        free_text_sentiment=reading.sentiment if reading else None,
        contact_id=contact_id,
        responder=responder,
    )
    for mot_id, comment in ((r.mot_id, r.comment) for r in rows if r.comment):
        if (mot_id, comment) in said_before:
            continue
        await store.add_training_example(
            session=services.session, team_id=team_id, cycle_id=slots["cycle_id"],
            text=comment, mot_id=mot_id, origin="rating_comment",
        )
    follow = "The team may get in touch with you here." if contact_id else "Your answers are anonymous."
    about = ""
    if reading is not None and reading.mot_id and cycle is not None:
        about = f" I've passed your comment about *{cycle.name_of(reading.mot_id)}* to the team."
    thanks = "Thank you! 🙏 Your feedback helps the team get better at every moment of your visit."
    if slots.get("finished_early"):
        saved = f"I saved your {_ratings(len(rows))}" if rows else "I saved your comment"
        thanks = f"Thanks — {saved}." + (" They replace your earlier answers." if slots.get("previous") else "")
    elif slots.get("previous"):
        thanks += " Your new answers replace the old ones."
    return [Reply(f"{thanks}{about} {follow}")]


VISIT_SURVEY = DialogSpec(
    name="visit_survey",
    title="visit feedback",
    commands=("feedback", "survey"),
    phrases=("give feedback", "rate my visit", "rate visit"),
    deep_links=(DeepLink("visit_", slot="visit_ref"),),
    menu="Give feedback",
    help="Rate each moment of your visit: ✨ shining, 😐 dull or 😠 irritating. You stay anonymous.",
    cancel_text=CANCELLED,
    steps=(
        Act("intro", _intro, exits=(END,)),
        Each("rate", items=_visit_mots, prompt=_rate_prompt, choices=RATING_CHOICES, slot="ratings",
             read=_read_answer, comments="rating_comments", next=_after_rating, elsewhere=_about_another),
        Choose("best", "Which moment was the best?", slot="best", choices=_choices_of("shining"),
               next=lambda ctx, s: "why_best" if s.get("best") else _to_worst(s), parse=_moment_named("shining"),
               optional=True),
        Ask("why_best", lambda ctx, s: f"What made *{_name(ctx, s, _the(s, 'best'))}* shine? (optional)",
            slot="why_best", optional=True, next=lambda ctx, s: _to_worst(s)),
        Choose("worst", "Which moment was the most irritating?", slot="worst", choices=_choices_of("irritating"),
               next=lambda ctx, s: "why_worst" if s.get("worst") else "anything_else",
               parse=_moment_named("irritating"), optional=True),
        Ask("why_worst", lambda ctx, s: f"What went wrong at *{_name(ctx, s, _the(s, 'worst'))}*? (optional)",
            slot="why_worst", optional=True),
        Ask("anything_else", "Anything else you'd like to tell the team? (optional)", slot="anything_else",
            optional=True),
        Confirm("contact", "Would you like the team to contact you about your feedback? "
                "If you say no, you stay anonymous.", slot="contact", skip_means=False),
    ),
    on_complete=_save,
    intercept=_intercept,
)

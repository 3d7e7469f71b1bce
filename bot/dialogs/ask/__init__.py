"""ask (managers only): questions in plain words -> numbers from the database, the window stated,
real quotes behind each claim, buttons to drill in.

"Weakest" is defined honestly: MOTs with at least `min_sample` ratings ranked by the lower bound of
the 95% Wilson interval of their irritating share, with n shown; smaller samples are listed apart.
Buttons carry everything they need ("go:ask:<verb>:<mot>:<first day>:<day after>"), so they work
after the conversation ended and after a restart. See docs/insights.md.

The package: `button.py` (payloads and periods), `answer.py` (one function per intent),
`practice.py` (cards and "Accept as standard"), `wording.py` (icons, arrows, quotes) and this module
(the spec, the intent dispatch and the "did you mean" step). Numbers come from bot/store/stats.py (SQL)
and bot/insight.py (the arithmetic)."""

from __future__ import annotations

import re

from bot import store
from bot.cycle import Cycle
from bot.dialogs.ask.answer import (
    answer_chart,
    answer_comments,
    answer_compare,
    answer_mot,
    answer_ranking,
    answer_stories,
    help_reply,
    min_sample,
    reader,
)
from bot.dialogs.ask.context import completed, follows_up, period_from_state, period_state, remember
from bot.dialogs.ask.button import (
    MAX_CHOICE_ID,
    button,
    buttons,
    period_days,
    period_from_days,
    question_from_payload,
)
from bot.dialogs.ask.practice import accept_practice, answer_practices, card_key
from bot.dialogs.ask.tally import answer_people, answer_problems, answer_rating_count, answer_trend, off_topic_reply
from bot.dialogs.ask.wording import EXAMPLES, ICON, _clip, arrow, help_text
from bot.dialogs.engine import END, Act, ActResult, Ask, Choose, DialogContext, DialogSpec, Reply, Slots
from bot.events import Choice
from bot.markup import escape
from bot.nlp.period import find_periods, named_period
from bot.nlp.question import DEFAULT_PERIODS, MotRef, Question, parse_question

__all__ = [
    "ASK",
    "EXAMPLES",
    "ICON",
    "INTENT_LABELS",
    "MAX_CHOICE_ID",
    "accept_practice",
    "answer",
    "answer_chart",
    "answer_comments",
    "answer_compare",
    "answer_mot",
    "answer_practices",
    "answer_ranking",
    "answer_stories",
    "arrow",
    "button",
    "buttons",
    "card_key",
    "help_reply",
    "help_text",
    "min_sample",
    "mot_refs",
    "parse",
    "period_days",
    "period_from_days",
    "question_from_payload",
]

INTENT_LABELS = {
    "weakest": "Weakest moments", "strongest": "Strongest moments", "mot_detail": "How one moment did",
    "comments": "What people say about a moment", "stories": "Recent stories", "story_count": "How many stories",
    "compare": "This period vs the previous one", "practices": "Best practices",
    "chart": "The cycle-of-service chart", "help": "What I can answer", "rating_count": "How many ratings",
    "trend": "The trend over several weeks", "people": "Who told the most stories",
}


def mot_refs(cycle: Cycle) -> list[MotRef]:
    return [MotRef(m.id, m.name, m.aliases) for m in cycle.mots]


async def answer(ctx: DialogContext, q: Question) -> list[Reply]:
    """One parsed question -> replies."""
    if q.problems:  # "how many problems were reported this month": staff's reports, not stories or ratings
        return await answer_problems(ctx, q)
    if q.intent in ("weakest", "strongest") and q.mot_id and ctx.cycle.mot(q.mot_id) is not None and not q.limit:
        return await answer_mot(ctx, q)  # "what's the worst thing about parking": that moment, its ratings and words
    if q.intent in ("weakest", "strongest"):
        by = "strength" if q.intent == "strongest" else "dullness" if q.rating == "dull" else "weakness"
        return await answer_ranking(ctx, q, by=by)
    if q.intent == "mot_detail" and q.mot_id:
        return await answer_mot(ctx, q)
    if q.intent == "comments":
        return await answer_comments(ctx, q)
    if q.intent == "compare":
        return await answer_compare(ctx, q)
    if q.intent in ("stories", "story_count"):
        return await answer_stories(ctx, q, count_only=q.intent == "story_count")
    if q.intent == "practices":
        return await answer_practices(ctx, q)
    if q.intent == "chart" or (q.intent == "mot_detail" and not q.mot_id):  # "how did we do": the overview
        return await answer_chart(ctx, q)
    if q.intent == "help":
        return [help_reply(ctx)]
    if q.intent == "rating_count":
        return await answer_rating_count(ctx, q)
    if q.intent == "trend":
        return await answer_trend(ctx, q)
    if q.intent == "people":
        return await answer_people(ctx, q, reader(ctx))
    if q.intent == "off_topic":
        return [off_topic_reply(ctx)]
    return [help_reply(ctx, "Sorry, I can't answer that one yet.\n")]


# --- the dialog ---------------------------------------------------------------------------------


def parse(ctx: DialogContext, text: str, people: list[str]) -> Question:
    return parse_question(text, now=ctx.now, tz=ctx.team.timezone, mots=mot_refs(ctx.cycle), people=people)


def _option_label(ctx: DialogContext, intent: str, mot_id: str | None) -> str | None:
    name = ctx.cycle.name_of(mot_id) if mot_id else None
    if intent == "mot_detail":
        return f"Numbers for {name}" if name else None
    if intent == "comments":
        return f"What people say about {name}" if name else "What people are saying"
    if intent == "practices":
        return f"Best practices for {name}" if name else "Best practices"
    return INTENT_LABELS.get(intent)


def _clarify_options(ctx: DialogContext, q: Question) -> list[list[str]]:
    """[choice id "intent|mot", label] for the "did you mean" step, best reading first."""
    options: list[list[str]] = []
    for intent in q.alternative_intents:
        label = _option_label(ctx, intent, q.mot_id)
        if label and intent in INTENT_LABELS:
            options.append([f"{intent}|{q.mot_id or ''}", label])
    if options and q.mot_id:
        first = options[0][0].split("|")[0]
        for other in q.alternative_mots[:2]:
            label = _option_label(ctx, first, other) if ctx.cycle.mot(other) else None
            if label:
                options.append([f"{first}|{other}", label])
    return options[:5]


def _or_buttons(ctx: DialogContext, q: Question) -> tuple[Choice, ...]:
    """Other readings of a question answered on weak evidence, as buttons ("Or: …")."""
    found = []
    for intent in q.alternative_intents[:2]:
        label = _option_label(ctx, intent, q.mot_id)
        if intent == q.intent or any(c.label == f"Or: {label}" for c in found):
            continue  # never offer the reading just answered ("1) Weakest 2) Or: Weakest")
        if label and intent not in ("unknown", "help", "off_topic") and (intent != "mot_detail" or q.mot_id):
            found.append(button(intent, f"Or: {label}", mot=q.mot_id, period=q.period, tz=ctx.team.timezone))
    return buttons(*found)


async def _route(ctx: DialogContext, slots: Slots) -> ActResult:
    """A button payload ("detail:<mot>:<day>:<day>", "accept:…") answers at once; else ask."""
    payload = slots.get("payload")
    if not payload or ctx.team is None or ctx.cycle is None:
        return ActResult()
    if payload.startswith("accept:"):
        return ActResult(replies=tuple(await accept_practice(ctx, payload)), goto=END)
    q = question_from_payload(payload, now=ctx.now, tz=ctx.team.timezone)
    if q is None:
        return ActResult()
    if q.mot_id and ctx.cycle.mot(q.mot_id) is None:
        return ActResult(replies=(Reply("That moment is no longer in your cycle of service."),), goto=END)
    if q.intent == "mot_detail" and not q.mot_id:
        return ActResult()
    replies = await answer(ctx, q)
    await remember(ctx, q)
    return ActResult(replies=tuple(replies), goto=END)


async def _answer(ctx: DialogContext, slots: Slots) -> ActResult:
    if ctx.team is None or ctx.cycle is None:
        return ActResult(replies=(Reply("I don't know which team you manage yet, so I have no numbers."),), goto=END)
    people = [p.display_name for p in await store.list_people(session=ctx.services.session, team_id=ctx.team.id)]
    text = str(slots.get("question") or "")
    other = await _other_team(ctx, text)
    if other is not None:  # "how is riverside doing" asked by the bistro's manager: only their own team's numbers
        return ActResult(replies=(Reply(f"I can only show your own team's numbers ({escape(ctx.team.name)}). "
                                        f"Questions about “{escape(other)}” are for that team's managers."),), goto=END)
    q = parse(ctx, text, people)
    if not slots.get("fresh"):  # "and last week?": the question before, for last week
        q = await completed(ctx, q, text, reparse=lambda words: parse(ctx, words, people))
    elsewhere = _named_elsewhere(ctx, text, q, people)
    if elsewhere is not None and not q.topic:
        return ActResult(replies=(_no_such_moment(ctx, elsewhere),), goto=END)
    if q.intent == "unknown" and not q.problems:
        options = _clarify_options(ctx, q)
        if not options:
            unsure = "I'm not sure what you're asking. Did you mean one of these?\n"
            return ActResult(replies=(help_reply(ctx, unsure),), goto=END)
        named = bool(find_periods(text, now=ctx.now, tz=ctx.team.timezone))
        period = period_state(q.period) if named else None
        return ActResult(slots={"options": options, "period": period, "person": q.person, "on_team": q.on_team,
                                "people": people}, goto="clarify")
    if q.person_options and q.intent in ("stories", "story_count"):
        return ActResult(slots=_person_options(q, people), goto="clarify")
    replies = await answer(ctx, q)
    await remember(ctx, q)
    if elsewhere is not None:  # "what do guests say about the car park barrier": searched as words, and said so
        replies.insert(0, _no_such_moment(ctx, elsewhere, searched=q.topic))
    if q.period_unread and q.intent not in ("off_topic", "help"):  # "31 feb", "the last 9999 days", "next month"
        replies.insert(0, Reply(f"I couldn't read “{escape(q.period_unread)}” as a period up to today, so this is "
                                "for the default period instead."))
    extra = _or_buttons(ctx, q) if q.confidence < 0.7 else ()
    if extra and replies:
        last = replies[-1]
        labels = {c.label.removeprefix("Or: ") for c in last.choices}
        fresh = tuple(c for c in extra if c.label.removeprefix("Or: ") not in labels)
        replies[-1] = Reply(last.text, (*last.choices, *fresh), last.image_path)
    return ActResult(replies=tuple(replies), goto=END)


# Questions about one moment, or answered for the whole cycle only for want of one ("how was parking"); not a
# ranking, count or comparison, whose words may name another cycle's moment as context ("patients who had to leave")
_ABOUT_A_MOMENT = ("mot_detail", "chart", "unknown", "comments", "practices", "trend")


def _named_elsewhere(ctx: DialogContext, text: str, q: Question, people: list[str]) -> str | None:
    """The name of a moment the question names that the team's cycle does not have but another shipped cycle does
    ("how was parking this week" at a restaurant: *Find parking*), or None."""
    if q.mot_id is not None or q.intent not in (*_ABOUT_A_MOMENT, "off_topic") or q.problems:
        return None  # (a restaurant's "and the exam area?" reads as off-topic: no moment of its own is named)
    for cycle in ctx.services.cycles.values():
        if cycle.id == ctx.cycle.id:
            continue
        other = parse_question(text, now=ctx.now, tz=ctx.team.timezone, mots=mot_refs(cycle), people=people)
        if other.mot_id is not None and other.intent in _ABOUT_A_MOMENT:
            return cycle.name_of(other.mot_id)
    return None


# Words of a team's name that say which team it is ("Riverside" of "Riverside Clinic"), not what kind of team
_GENERIC_NAME_WORDS = frozenset("""the and clinic clinics bistro restaurant restaurants team hospital surgery practice
cafe café centre center ward unit health care group kitchen house medical dental branch site""".split())


def _name_words(name: str) -> set[str]:
    return {w for w in re.findall(r"[a-zà-ÿ]+", name.lower()) if len(w) >= 4 and w not in _GENERIC_NAME_WORDS}


async def _other_team(ctx: DialogContext, text: str) -> str | None:
    """The word naming another team in the question ("riverside" asked by the bistro's manager), or None."""
    said = set(re.findall(r"[a-zà-ÿ]+", text.lower()))
    own = _name_words(ctx.team.name) | _name_words(ctx.team.id)
    mots = {w for m in ctx.cycle.mots for w in _name_words(" ".join((m.name, *m.aliases)))}
    for team in await store.list_teams(session=ctx.services.session):
        if team.id != ctx.team.id:
            named = sorted((_name_words(team.name) | _name_words(team.id)) & said - own - mots)
            if named:
                return named[0]
    return None


def _no_such_moment(ctx: DialogContext, name: str, *, searched: str | None = None) -> Reply:
    mots = ctx.cycle.mots
    head = f"Your cycle of service ({escape(ctx.cycle.name)}) has no moment like *{escape(name)}*"
    if searched:
        return Reply(f"{head}, so I searched what people wrote for “{escape(searched)}” instead.")
    return Reply(f"{head}. Its moments: {', '.join(escape(m.name) for m in mots)}.\n"
                 f"Ask e.g. *how was {escape(mots[min(1, len(mots) - 1)].name.lower())} this week?*")


def _person_options(q: Question, people: list[str]) -> Slots:
    """"Dr Patel" that could be Sam Patel or Priya Patel, or a Nurse Sam Patel: which one, or the
    stories whose words name them. Choice ids are "<intent>|<mot>|<n>" (n indexes `person_options`;
    "-" is the words as typed), short enough for any platform."""
    said, candidates = q.person or "", list(q.person_options[:3])
    options = [[f"{q.intent}|{q.mot_id or ''}|{k}", f"Stories about {name}"] for k, name in enumerate(candidates)]
    options.append([f"{q.intent}|{q.mot_id or ''}|-", f"Stories naming “{said}”"])
    if len(candidates) > 1:
        surname = said.split()[-1]
        prompt = (f"Which {escape(said)}? {len(candidates)} people on your team are called {escape(surname)}: "
                  f"{' and '.join(escape(c) for c in candidates)}.")
    else:
        prompt = f"I don't know a {escape(said)} on your team. Did you mean {escape(candidates[0])}?"
    named = q.period_named
    period = period_state(q.period) if named else None
    return {"options": options, "period": period, "person": said, "person_options": candidates,
            "prompt": prompt, "people": people}


def _clarify_prompt(ctx: DialogContext, slots: Slots) -> str:
    if slots.get("prompt"):
        return str(slots["prompt"])
    said = escape(_clip(str(slots.get("question") or ""), 80))
    return f"I'm not sure what you mean by “{said}”. Did you mean…"


def _clarify_choices(ctx: DialogContext, slots: Slots) -> tuple[Choice, ...]:
    return tuple(Choice(i, label) for i, label in slots.get("options", []))


def _clarify_parse(ctx: DialogContext, slots: Slots, text: str) -> str | None:
    """Typed a new, clear question (or a moment: "parking") instead of choosing: answer that one. Typed a period
    alone ("and last week?"): the same question for that period, asked again with it."""
    q = parse(ctx, text, list(slots.get("people", [])))
    if q.intent == "unknown" and not q.mot_id:
        if not (q.period_named and not q.person):
            return None
        slots["period"] = period_state(q.period)
        return "period|"
    slots["question"], slots["fresh"] = text, True  # read as it is, not as a follow-up to the question before
    return "again|"


async def _answer_clarified(ctx: DialogContext, slots: Slots) -> ActResult:
    intent, _, mot_id = str(slots.get("intent", "")).partition("|")
    mot_id, _, pick = mot_id.partition("|")
    if intent == "again":
        return await _answer(ctx, slots)
    if intent == "period":  # the same choice, for the period typed
        label = escape(str((slots.get("period") or ["", "", ""])[2]))
        return ActResult(slots={"prompt": f"For {label}: which one did you mean?"}, goto="clarify")
    tz = ctx.team.timezone
    stored = slots.get("period")
    if stored:
        period = period_from_state(stored, tz=tz)
    else:
        period = named_period(DEFAULT_PERIODS.get(intent, "this_week"), now=ctx.now, tz=tz)
    person, on_team = slots.get("person"), bool(slots.get("on_team", True))
    candidates = list(slots.get("person_options") or [])
    if pick == "-":  # the words as typed: stories whose text names them
        on_team = False
    elif pick.isdigit() and int(pick) < len(candidates):
        person = candidates[int(pick)]
    q = Question(intent=intent, period=period, mot_id=mot_id or None, person=person, on_team=on_team)
    replies = await answer(ctx, q)
    await remember(ctx, q)
    return ActResult(replies=tuple(replies), goto=END)


async def _claims(ctx: DialogContext, text: str) -> bool:
    """An unclear message that follows up on this manager's last question ("Sam?", "show them")."""
    if ctx.team is None or ctx.cycle is None:
        return False
    people = [p.display_name for p in await store.list_people(session=ctx.services.session, team_id=ctx.team.id)]
    return await follows_up(ctx, text, reparse=lambda words: parse(ctx, words, people))


async def _done(ctx: DialogContext, slots: Slots) -> list[Reply]:
    return []


ASK = DialogSpec(
    name="ask",
    title="question",
    commands=("ask", "question", "insights", "stats"),
    menu="Ask a question",
    roles=frozenset({"manager"}),
    refusal=(
        "Sorry, only the team's managers can ask about the numbers. "
        "You can tell a story (*story*) or give feedback (*feedback*)."
    ),
    help=help_text(),
    cancel_text="Okay.",
    steps=(
        Act("route", _route, exits=(END,)),
        Ask("question", "What would you like to know? e.g. *which MOTs are weakest this week?*", slot="question"),
        Act("answer", _answer, exits=(END, "clarify")),
        Choose("clarify", _clarify_prompt, slot="intent", choices=_clarify_choices, parse=_clarify_parse),
        Act("answer_clarified", _answer_clarified, exits=(END, "clarify")),  # "again": _answer
    ),
    on_complete=_done,
    claims=_claims,
)

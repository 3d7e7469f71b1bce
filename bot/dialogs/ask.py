"""ask (managers only): questions in plain words -> numbers from the database, the window stated.

"Weakest" is defined honestly: MOTs with at least MIN_SAMPLE ratings ranked by the lower bound of
the 95% Wilson interval of their irritating share, with n shown; smaller samples are listed apart."""

from __future__ import annotations

from bot import insight, store
from bot.cycle import Cycle
from bot.dialogs.engine import Act, ActResult, Ask, Choose, DialogContext, DialogSpec, Reply, Slots
from bot.events import Choice
from bot.nlp.period import parse_period
from bot.nlp.question import MotRef, Question, parse_question

EXAMPLES = (
    "which MOTs are weakest this week?",
    "strongest moments last month",
    "how was check-in this month?",
    "stories this week",
)
INTENT_LABELS = {
    "weakest": "Weakest moments",
    "strongest": "Strongest moments",
    "mot_detail": "How one moment did",
    "comments": "What people say about a moment",
    "stories": "Recent stories",
    "story_count": "How many stories",
    "compare": "This period vs the previous one",
    "practices": "Best practices",
    "chart": "The cycle-of-service chart",
    "help": "What I can answer",
}


def mot_refs(cycle: Cycle) -> list[MotRef]:
    return [MotRef(m.id, m.name, m.aliases) for m in cycle.mots]


def _pct(x: float) -> str:
    return f"{round(100 * x)}%"


def _mix(stat: insight.MotStat) -> str:
    return f"✨ {_pct(stat.share('shining'))} · 😐 {_pct(stat.share('dull'))} · 😠 {_pct(stat.share('irritating'))}"


def help_text() -> str:
    lines = "\n".join(f"• {e}" for e in EXAMPLES)
    return f"Ask me about your team's moments of truth, for example:\n{lines}"


async def answer_ranking(ctx: DialogContext, q: Question, *, by: str) -> list[Reply]:
    cycle, team = ctx.cycle, ctx.team
    assert cycle is not None and team is not None
    stats = await insight.mot_stats(session=ctx.services.session, team_id=team.id, start=q.period.start, end=q.period.end)
    ranked, too_few = insight.rank(stats, by=by)
    total = sum(s.n for s in stats.values())
    title = "Weakest" if by == "weakness" else "Strongest"
    head = f"*{title} moments — {q.period.label}* ({total} ratings)"
    if not stats:
        return [Reply(f"{head}\nNo customer ratings in this period yet, so I can't rank the moments.")]
    lines = [head]
    rating = "irritating" if by == "weakness" else "shining"
    for i, stat in enumerate(ranked[:5], 1):
        lines.append(f"{i}. *{cycle.name_of(stat.mot_id)}* — {_pct(stat.share(rating))} {rating} (n={stat.n}; {_mix(stat)})")
    if not ranked:
        lines.append(f"No moment has {insight.MIN_SAMPLE} or more ratings yet, too few to rank fairly.")
    if too_few:
        few = ", ".join(f"{cycle.name_of(s.mot_id)} (n={s.n})" for s in too_few[:6])
        lines.append(f"_Too few ratings to judge (< {insight.MIN_SAMPLE}):_ {few}")
    lines.append(f"_Ranked by the 95% lower bound of the {rating} share, so small samples don't top the list._")
    choices = tuple(Choice(f"go:ask:detail:{s.mot_id}", f"More on {cycle.name_of(s.mot_id)}") for s in ranked[:3])
    return [Reply("\n".join(lines), choices)]


async def answer_mot(ctx: DialogContext, q: Question) -> list[Reply]:
    cycle, team = ctx.cycle, ctx.team
    assert cycle is not None and team is not None and q.mot_id is not None
    session = ctx.services.session
    name = cycle.name_of(q.mot_id)
    stats = await insight.mot_stats(session=session, team_id=team.id, start=q.period.start, end=q.period.end,
                                    mot_ids=[q.mot_id])
    stat = stats.get(q.mot_id)
    stories = await insight.story_counts(session=session, team_id=team.id, start=q.period.start, end=q.period.end)
    lines = [f"*{name} — {q.period.label}*"]
    if stat is None:
        lines.append("No customer ratings for this moment in this period.")
    else:
        lines.append(f"{stat.n} ratings: {_mix(stat)}")
        if stat.n < insight.MIN_SAMPLE:
            lines.append(f"_Only {stat.n} ratings: too few to say much._")
    lines.append(f"Staff stories about it: {stories.get(q.mot_id, 0)}")
    quotes = await insight.rating_quotes(session=session, team_id=team.id, mot_id=q.mot_id,
                                         start=q.period.start, end=q.period.end)
    if quotes:
        lines.append("What customers said:")
        lines.extend(f"> {'✨' if r == 'shining' else '😠' if r == 'irritating' else '😐'} “{_clip(c)}”" for r, c in quotes)
    return [Reply("\n".join(lines))]


def _clip(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


async def answer_stories(ctx: DialogContext, q: Question, *, count_only: bool) -> list[Reply]:
    cycle, team = ctx.cycle, ctx.team
    assert cycle is not None and team is not None
    session = ctx.services.session
    author_id = None
    if q.person:
        people = await store.list_people(session=session, team_id=team.id)
        author_id = next((p.id for p in people if p.display_name.lower() == q.person.lower()), None)
    stories = await store.list_stories(session=session, team_id=team.id, start=q.period.start, end=q.period.end,
                                       author_id=author_id)
    if q.person:
        lower = q.person.lower()
        stories = [s for s in stories if s.author_id == author_id or any(lower in c.lower() for c in s.colleagues)]
    who = f" about {q.person}" if q.person else ""
    head = f"*{len(stories)} stories{who} — {q.period.label}*"
    if count_only or not stories:
        return [Reply(head if stories else f"{head}\nNo stories yet. Nudge the team to share one!")]
    people = {p.id: p.display_name for p in await store.list_people(session=session, team_id=team.id)}
    lines = [head]
    for story in stories[:5]:
        lines.append(f"• *{cycle.name_of(story.mot_id)}* — {people.get(story.author_id, 'someone')}: “{_clip(story.text, 160)}”")
    if len(stories) > 5:
        lines.append(f"…and {len(stories) - 5} more.")
    return [Reply("\n".join(lines))]


def parse(ctx: DialogContext, text: str, people: list[str]) -> Question:
    assert ctx.cycle is not None and ctx.team is not None
    return parse_question(text, now=ctx.now, tz=ctx.team.timezone, mots=mot_refs(ctx.cycle), people=people)


async def answer(ctx: DialogContext, q: Question) -> list[Reply]:
    """One parsed question -> replies. Issue-specific intents extend this table."""
    handlers = ctx.services.extras.get("ask_handlers", {})
    if q.intent in handlers:
        return await handlers[q.intent](ctx, q)
    if q.intent == "weakest":
        return await answer_ranking(ctx, q, by="weakness")
    if q.intent == "strongest":
        return await answer_ranking(ctx, q, by="strength")
    if q.intent in ("mot_detail", "comments") and q.mot_id:
        return await answer_mot(ctx, q)
    if q.intent in ("stories", "story_count"):
        return await answer_stories(ctx, q, count_only=q.intent == "story_count")
    if q.intent == "help":
        return [Reply(help_text())]
    return [Reply("Sorry, I can't answer that one yet.\n" + help_text())]


async def _route(ctx: DialogContext, slots: Slots) -> ActResult:
    """A button payload (`detail:<mot>`) or the question text given when the dialog started."""
    payload = slots.get("payload")
    if payload and payload.startswith("detail:") and ctx.team is not None:
        mot_id = payload.removeprefix("detail:")
        period = parse_period("this month", now=ctx.now, tz=ctx.team.timezone)
        assert period is not None
        q = Question(intent="mot_detail", period=period, mot_id=mot_id)
        return ActResult(replies=tuple(await answer(ctx, q)), goto="__end__")
    return ActResult()


async def _answer(ctx: DialogContext, slots: Slots) -> ActResult:
    people = [p.display_name for p in await store.list_people(session=ctx.services.session, team_id=ctx.team.id)]
    q = parse(ctx, slots["question"], people)
    if q.intent == "unknown" or (q.confidence < 0.5 and q.alternatives):
        options = [a for a in q.alternatives if a in INTENT_LABELS][:4] or ["weakest", "strongest", "stories", "help"]
        return ActResult(
            replies=(),
            slots={"alternatives": options, "mot_hint": q.mot_id, "person_hint": q.person},
            goto="clarify",
        )
    return ActResult(replies=tuple(await answer(ctx, q)), goto="__end__")


def _clarify_choices(ctx: DialogContext, slots: Slots) -> tuple[Choice, ...]:
    return tuple(Choice(a, INTENT_LABELS[a]) for a in slots.get("alternatives", []))


async def _answer_clarified(ctx: DialogContext, slots: Slots) -> ActResult:
    base = parse(ctx, slots["question"], [])
    mot_id = slots.get("mot_hint")
    intent = slots["intent"]
    if intent in ("mot_detail", "comments") and not mot_id:
        return ActResult(replies=(Reply("Which moment? For example: *how was check-in this month*"),), goto="__end__")
    q = Question(intent=intent, period=base.period, mot_id=mot_id, person=slots.get("person_hint"))
    return ActResult(replies=tuple(await answer(ctx, q)), goto="__end__")


async def _done(ctx: DialogContext, slots: Slots) -> list[Reply]:
    return []


ASK = DialogSpec(
    name="ask",
    title="question",
    triggers=("ask", "question", "insights", "stats"),
    roles=frozenset({"manager"}),
    refusal=(
        "Sorry, only the team's managers can ask about the numbers. "
        "You can tell a story (*story*) or give feedback (*feedback*)."
    ),
    help=help_text(),
    cancel_text="Okay.",
    steps=(
        Act("route", _route),
        Ask("question", "What would you like to know? e.g. *which MOTs are weakest this week?*", slot="question"),
        Act("answer", _answer),
        Choose("clarify", "I'm not sure what you mean. Did you mean…", slot="intent", choices=_clarify_choices),
        Act("answer_clarified", _answer_clarified),
    ),
    on_complete=_done,
)

"""Best-practice cards in the ask dialog (bot/nlp/practice.py) and "Accept as standard"."""

from __future__ import annotations

import hashlib
from datetime import timedelta
from zoneinfo import ZoneInfo

from bot import insight, store
from bot.dialogs.ask.answer import _people, reader
from bot.dialogs.ask.button import _day, button, buttons, period_days, period_from_days
from bot.dialogs.ask.wording import _clip, _quote
from bot.dialogs.engine import DialogContext, Reply
from bot.events import Choice
from bot.markup import escape
from bot.nlp.period import Period, named_period
from bot.nlp.question import Question


def card_key(card: object) -> str:
    """8 hex digits naming a card's behaviour in its accept button (the standard key can be long)."""
    key = insight.standard_key(getattr(card, "behaviour", ""))
    return hashlib.sha256(key.encode()).hexdigest()[:8]


def _card_effect(card: object, evidence: insight.PracticeEvidence) -> str:
    """What the behaviour did: said by a customer ("made me feel…"), else the teller's effect."""
    said = getattr(card, "effect", None)
    ids = getattr(card, "supporting_ids", ())
    return said or next((evidence.effects[i] for i in ids if i in evidence.effects), "")


def _practices(evidence: insight.PracticeEvidence) -> list:
    """The cards worth showing: an effect the extractor also read as a behaviour ("they made her feel
    reassured") is not a practice."""
    return [c for c in evidence.cards if not (c.effect and c.behaviour.casefold() in c.effect.casefold())]


async def _evidence(ctx: DialogContext, period: Period, mot_id: str | None) -> insight.PracticeEvidence:
    stories, praise = await store.practice_sources(session=ctx.services.session, team_id=ctx.team.id,
                                                   viewer=reader(ctx), start=period.start, end=period.end,
                                                   mot_id=mot_id)
    return await insight.practice_evidence(stories=stories, praise=praise, min_people=2)


async def answer_practices(ctx: DialogContext, q: Question) -> list[Reply]:
    cycle, tz = ctx.cycle, ctx.team.timezone
    period, evidence = q.period, await _evidence(ctx, q.period, q.mot_id)
    first, stop = period_days(period, tz)
    widened = ""
    if not _practices(evidence) and (stop - first).days < 90:  # a quiet month: look further back, say so
        today = ctx.now.astimezone(ZoneInfo(tz)).date()
        stop = min(stop, today + timedelta(days=1))  # never a window ending in the future
        period = period_from_days(stop - timedelta(days=90), stop, now=ctx.now, tz=tz)
        evidence = await _evidence(ctx, period, q.mot_id)
        widened = f"_Nothing concrete in {q.period.label}, so showing the last 90 days._\n"
    about = cycle.name_of(q.mot_id) if q.mot_id else "all moments"
    head = f"{widened}*Best practices for {about} — {period.label}*"
    if not _practices(evidence):
        return [Reply(f"{head}\nI found no concrete behaviours in {insight.plural(evidence.stories, 'story', 'stories')} "
                      f"and {insight.plural(evidence.praise, 'compliment')} yet. Stories that say what someone *did* "
                      "help most.")]
    standards = await store.list_standards(session=ctx.services.session, team_id=ctx.team.id, mot_id=q.mot_id)
    accepted = {(s.mot_id, s.key) for s in standards}
    people = await _people(ctx)
    lines = [head, f"_From {insight.plural(evidence.stories, 'staff story', 'staff stories')} and "
                   f"{insight.plural(evidence.praise, 'customer compliment')}: behaviour → moment → effect._"]
    choices = []
    for i, card in enumerate(_practices(evidence)[: min(q.limit or 5, 5)], 1):  # "top 3 best practices"
        effect = _card_effect(card, evidence)
        lines.append(f"{i}. *{escape(_clip(card.behaviour, 100))}* → {cycle.name_of(card.mot_id)}"
                     + (f" → {escape(_clip(effect, 90))}" if effect else ""))
        who = "1 person does this" if card.people_count == 1 else f"{card.people_count} people do this"
        spread = "✅ worth spreading" if card.spreadable else "only one person so far"
        lines.append(f"    {who} (mentioned {len(card.supporting_ids)}×) · {spread}")
        quoted: set[str] = set()
        for source in card.supporting_ids:
            teller, text = evidence.sources.get(source, ("", ""))
            if text and text not in quoted and len(quoted) < 2:
                quoted.add(text)
                label = "✨ customer" if teller == "customer" else f"📖 {escape(people.get(teller, 'staff'))}"
                lines.append(_quote(ctx, text, f"{label}: "))
        if (card.mot_id, insight.standard_key(card.behaviour)) in accepted:
            lines.append("    📌 already your standard")
        elif len(choices) < 3:
            d1, d2 = period_days(period, tz)
            choices.append(Choice(f"go:ask:accept:{card.mot_id}:{card_key(card)}:{d1:%Y%m%d}:{d2:%Y%m%d}",
                                  f"Accept #{i} as standard"))
    return [Reply("\n".join(lines), buttons(*choices))]


async def accept_practice(ctx: DialogContext, payload: str) -> list[Reply]:
    """"accept:<mot>:<card key>:<day>:<day>": find the card again in the same window and store it."""
    cycle, tz = ctx.cycle, ctx.team.timezone
    _, mot_id, key, *days = (payload.split(":") + ["", "", ""])[:6]
    if not cycle.mot(mot_id):
        return [Reply("That moment is no longer in your cycle of service.")]
    first, stop = _day(days[0]), _day(days[1])
    period = (period_from_days(first, stop, now=ctx.now, tz=tz) if first and stop and first < stop
              else named_period("this_month", now=ctx.now, tz=tz))
    evidence = await _evidence(ctx, period, mot_id)
    card = next((c for c in evidence.cards if card_key(c) == key), None)
    if card is None:
        q = Question(intent="practices", period=period, mot_id=mot_id)
        return [Reply("That practice has changed since (new stories came in). Here are the current ones:"),
                *await answer_practices(ctx, q)]
    story_ids = [int(i[1:]) for i in card.supporting_ids if i.startswith("s") and i[1:].isdigit()]
    row, created = await store.accept_standard(
        session=ctx.services.session, team_id=ctx.team.id, mot_id=mot_id, behaviour=card.behaviour,
        effect=_card_effect(card, evidence), story_ids=story_ids, accepted_by=ctx.actor.person_id or "",
        accepted_at=ctx.now)
    name = cycle.name_of(mot_id)
    follow = buttons(button("detail", f"How {name} is doing", mot=mot_id,
                            period=named_period("this_month", now=ctx.now, tz=tz), tz=tz))
    if not created:
        since = row.accepted_at.astimezone(ZoneInfo(tz))
        return [Reply(f"📌 “{escape(row.behaviour)}” is already the standard for *{name}* "
                      f"(since {since.day} {since:%b %Y}).",
                      follow)]
    weeks = insight.STANDARD_WINDOW.days // 7
    return [Reply(f"📌 Accepted as the standard for *{name}*: “{escape(row.behaviour)}”.\n"
                  f"I'll keep count: ask *how did {name} do* to compare the irritating share in the {weeks} weeks "
                  "before today with the weeks since.", follow)]

"""Anonymity that holds, end to end on both platforms: a customer's platform ids and the personal data
they type appear in no table and no log line (issue: "Keep every promise to the people in the
conversation"). The real web app, fake platforms over HTTP, a migrated SQLite file; every table is dumped."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from sqlalchemy import text as sql
from sqlmodel import SQLModel

from bot import store
from bot.events import Platform
from tests.adapters.conftest import SlackStack
from tests.adapters.test_telegram_stack import fake, make_stack, migrated_db  # noqa: F401 - fixtures
from devkit.fakes.slack_api import click_payload

PII = {
    "phone": "07700 900123",
    "email": "jane.doe@example.com",
    "card": "4111 1111 1111 1111",
    "us_phone": "(555) 123-4567",
}
WHY = f"The receptionist was lovely, call me on {PII['phone']} or write to {PII['email']}"
ELSE = f"I paid with {PII['card']} and nobody gave me a receipt"
ABANDONED = f"Still waiting. My husband's number is {PII['us_phone']}, mine is {PII['phone']}"
HELPER = f"Sam ({PII['phone']})"


async def dump(core: Any) -> str:
    """Every row of every table, as text."""
    lines: list[str] = []
    async with core.engine.connect() as conn:
        for table in SQLModel.metadata.sorted_tables:
            for row in (await conn.execute(sql(f'SELECT * FROM "{table.name}"'))).all():
                lines.append(f"{table.name}: {tuple(row)!r}")
    return "\n".join(lines)


def assert_absent(haystack: str, needles: dict[str, str], where: str) -> None:
    found = {name: value for name, value in needles.items() if value in haystack}
    assert not found, f"{where} holds {found}"


# --- Telegram ---------------------------------------------------------------------------------------


CUSTOMER, QUITTER, STAFF = 8300001, 8300002, 424242


@pytest.fixture
def info_log(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.INFO)
    return caplog


async def test_telegram_customer_ids_and_pii_are_nowhere(make_stack, info_log):  # noqa: F811
    stack = await make_stack()
    assert "Check in" in await stack.say("/start visit_123", CUSTOMER)
    await stack.click("shining", CUSTOMER)
    assert "shine" in await stack.click("irritating", CUSTOMER)
    await stack.say(WHY, CUSTOMER)
    await stack.say("the wait was far too long", CUSTOMER)
    await stack.say(ELSE, CUSTOMER)
    assert "Thank you" in await stack.click("no", CUSTOMER)  # no contact: stays anonymous
    await stack.say("/start visit_123", QUITTER)
    await stack.click("irritating", QUITTER)
    await stack.click("skip", QUITTER)
    await stack.say(ABANDONED, QUITTER)  # the "why" of the worst moment, then they leave
    await stack.say("story", STAFF)
    await stack.say(f"A man collapsed at check-in; his daughter gave me her number {PII['phone']}", STAFF)

    tables, log = await dump(stack.core), info_log.text
    assert "visit_feedback" in tables and "anon:" in tables  # the survey was stored, pseudonymously
    ids = {"customer": str(CUSTOMER), "quitter": str(QUITTER)}
    assert_absent(tables, ids | PII, "the database")
    assert_absent(log, ids | PII, "the log")


async def test_telegram_anon_key_changes_every_pseudonym(make_stack):  # noqa: F811
    """The customer's conversation key and stored message ids are HMACs: without the key they can't be
    recomputed from a guessed Telegram id (a plain or salted hash could be brute-forced)."""
    stack = await make_stack()
    await stack.say("/start visit_123", CUSTOMER)
    router = stack.core.router
    tables = await dump(stack.core)
    from bot.events import ConversationKey
    from bot.pseudonym import Pseudonymiser

    theirs = ConversationKey(Platform.TELEGRAM, str(CUSTOMER), str(CUSTOMER))
    assert "anon:" + router.pseudonym(str(theirs), purpose="conversation") in tables
    guess = Pseudonymiser.from_secret("storybot-local-salt")(str(theirs), purpose="conversation")
    assert guess not in tables


# --- Slack ------------------------------------------------------------------------------------------


async def test_slack_customer_ids_and_pii_are_nowhere(stack: SlackStack, info_log):
    fake, guest = stack.fake, "U0GUEST"
    async with stack.core.sessionmaker() as session, session.begin():
        await store.create_visit(session=session, ref="123", team_id="riverside", mot_ids=["check-in", "waiting-room"])
    await stack.say(guest, "start visit_123")
    first = (await fake.wait_for("chat.postMessage", 2))[-1]
    assert "Check in" in first["text"]
    await stack.sender.interaction(click_payload(guest, first, "shining"))
    question = (await fake.wait_for("chat.postMessage", 3))[-1]
    await stack.sender.interaction(click_payload(guest, question, "irritating"))
    await fake.wait_for("chat.postMessage", 4)
    count = len(fake.posts())
    for answer in (WHY, "too slow", ELSE):
        await stack.say(guest, answer)
        count += 1
        await fake.wait_for("chat.postMessage", count)
    await stack.sender.interaction(click_payload(guest, fake.posts()[-1], "no"))
    await fake.wait_for("chat.postMessage", count + 1)
    await stack.say("U0QUIT", "start visit_123")
    await fake.wait_for("chat.postMessage", count + 3)
    await stack.sender.interaction(click_payload("U0QUIT", fake.posts()[-1], "irritating"))
    await fake.wait_for("chat.postMessage", count + 4)
    await stack.sender.interaction(click_payload("U0QUIT", fake.posts()[-1], "skip"))
    await fake.wait_for("chat.postMessage", count + 5)
    await stack.say("U0QUIT", ABANDONED)  # the "why" of the worst moment, then they leave
    await stack.say("U0ALICE", "story")
    await stack.say("U0ALICE", f"A man collapsed at check-in; his daughter gave me her number {PII['phone']}")
    await stack.idle()

    tables, log = await dump(stack.core), info_log.text
    assert "mot_rating" in tables and "anon:" in tables
    ids = {"guest": "U0GUEST", "guest_dm": "DU0GUEST", "quitter": "U0QUIT", "quitter_dm": "DU0QUIT"}
    assert_absent(tables, ids | PII, "the database")
    assert_absent(log, ids | PII, "the log")

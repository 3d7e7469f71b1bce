"""Slack, full stack: signed HTTP requests into the real web app (uvicorn, ephemeral port, SQLite file
made by the migrations), replies observed at our fake Slack Web API."""

from __future__ import annotations

import asyncio
import json
import logging
import time

from sqlalchemy import func
from sqlmodel import select

from bot.events import Choice, ConversationKey, OutgoingMessage, Platform
from bot.models import ProcessedEvent, Story, Turn
from bot import store
from tests.adapters.conftest import SECRET, SlackStack, start_stack
from tests.conftest import TEAM
from devkit.fakes.slack_api import (
    BOT_USER,
    click_payload,
    command_form,
    envelope,
    mention_event,
    message_event,
)

STORY = ("A patient could not find the clinic, so I walked her from the car park to reception "
         "and showed her the signs for next time.")


async def settle(stack: SlackStack) -> None:
    """Let acked work finish (listeners start right after the ack is sent)."""
    await asyncio.sleep(0.2)
    await stack.idle()


async def count(stack: SlackStack, model) -> int:
    async with stack.core.sessionmaker() as session:
        return int((await session.exec(select(func.count()).select_from(model))).one())


def name(stack: SlackStack, mot_id: str) -> str:
    return stack.core.cycles["healthcare-visit"].name_of(mot_id)


def buttons(post: dict) -> list[str]:
    return [e.get("value") or o["value"] for b in post["blocks"] if b["type"] == "actions"
            for e in b["elements"] for o in (e.get("options") or [{}])]


# --- signatures and payload hygiene ------------------------------------------------------------


async def test_bad_stale_or_missing_signature_is_401_and_does_nothing(stack):
    body = json.dumps(message_event("U0ALICE", "hello"))
    bad = await stack.sender.post(body, headers={"X-Slack-Signature": "v0=" + "0" * 64})
    stale = await stack.sender.post(body, timestamp=int(time.time()) - 6 * 60)
    missing = await stack.sender.post(body, signed=False)
    garbage = await stack.sender.post(body, headers={"X-Slack-Request-Timestamp": "soon"})
    other_secret = await stack.sender.post(body, headers=dict(
        __import__("devkit.fakes.slack_api", fromlist=["sign"]).sign("wrong", body)))
    assert [r.status_code for r in (bad, stale, missing, garbage, other_secret)] == [401] * 5
    await settle(stack)
    assert stack.fake.calls == []
    assert await count(stack, ProcessedEvent) == 0 and await count(stack, Turn) == 0


async def test_url_verification(stack):
    response = await stack.sender.event({"token": "x", "challenge": "c-123", "type": "url_verification"})
    assert response.status_code == 200 and response.json() == {"challenge": "c-123"}


async def test_malformed_oversized_and_unknown_payloads_never_500(stack):
    sender = stack.sender
    assert (await sender.post("{not json")).status_code == 400
    assert (await sender.post("[1, 2]")).status_code == 400
    assert (await sender.post(json.dumps({"type": "event_callback", "event": "x"}))).status_code == 400
    assert (await sender.post(b"\xff\xfe{}")).status_code == 400
    assert (await sender.post("payload=%7Bbroken", content_type="application/x-www-form-urlencoded")).status_code == 400
    huge = json.dumps(message_event("U0ALICE", "x" * (1024 * 1024 + 10)))
    assert (await sender.post(huge)).status_code == 413
    unknown = await sender.event(envelope({"type": "reaction_added", "user": "U0ALICE", "reaction": "tada"}))
    assert unknown.status_code == 200
    odd = await sender.interaction({"type": "message_action", "callback_id": "nope", "user": {"id": "U0ALICE"}})
    assert odd.status_code < 500
    await settle(stack)
    assert [c["method"] for c in stack.fake.calls if c["method"] != "auth.test"] == []
    assert (await stack.sender.client.get(f"{stack.web.url}/healthz")).json()["ok"] is True


# --- dialogs over DMs --------------------------------------------------------------------------


async def test_story_dialog_over_dms_with_buttons_and_updates(stack):
    fake, user = stack.fake, "U0ALICE"
    await stack.say(user, "story")
    assert "What happened" in (await fake.wait_for("chat.postMessage", 1))[0]["text"]
    await stack.say(user, STORY)
    question = (await fake.wait_for("chat.postMessage", 2))[-1]
    assert question["channel"] == "DU0ALICE"
    pick = next(b for b in buttons(question) if b != "other")  # "confirm", or the best guess when unsure
    await stack.sender.interaction(click_payload(user, question, pick))

    [update] = await fake.wait_for("chat.update", 1)
    assert update["ts"] == question["ts"] and update["channel"] == "DU0ALICE"
    assert all(b["type"] != "actions" for b in update["blocks"])
    assert update["blocks"][-1]["elements"][0]["text"].startswith("✓ ")
    assert "Who helped" in (await fake.wait_for("chat.postMessage", 3))[-1]["text"]  # the story says what she did

    await stack.say(user, "Sam")
    effect = (await fake.wait_for("chat.postMessage", 4))[-1]
    assert "skip" in buttons(effect)
    await stack.sender.interaction(click_payload(user, effect, "skip"))
    share = (await fake.wait_for("chat.postMessage", 5))[-1]
    assert buttons(share) == ["yes", "no"]
    await stack.sender.interaction(click_payload(user, share, "yes"))
    card = (await fake.wait_for("chat.postMessage", 6))[-1]
    assert "walked her from the car park to reception" in card["text"] and buttons(card)[:2] == ["save", "edit_mot"]
    await stack.sender.interaction(click_payload(user, card, "save"))
    thanks = (await fake.wait_for("chat.postMessage", 7))[-1]
    assert "Thank you, Alice" in thanks["text"] and "story #1" in thanks["text"]

    # a second click on an answered question: acked, the message re-marked, no new turn
    again = await stack.sender.interaction(click_payload(user, share, "no"))
    assert again.status_code == 200
    await settle(stack)
    assert len(fake.posts()) == 7
    async with stack.core.sessionmaker() as session:
        [story] = (await session.exec(select(Story))).all()
    assert story.author_id == "slack:U0ALICE" and story.colleagues == ["Sam"] and story.shareable is True


async def test_replayed_event_is_processed_once(stack):
    payload = message_event("U0ALICE", "hello", event_id="Ev0REPLAY")
    first = await stack.sender.event(payload)
    retry = await stack.sender.event(payload, headers={"X-Slack-Retry-Num": "1",
                                                       "X-Slack-Retry-Reason": "http_timeout"})
    assert first.status_code == retry.status_code == 200
    await stack.fake.wait_for("chat.postMessage", 2)  # welcome + menu
    await settle(stack)
    assert len(stack.fake.posts()) == 2


async def test_replay_across_two_processes_on_one_database(db_url, slack_api):
    one = await start_stack(db_url, slack_api)
    two = await start_stack(db_url, slack_api, seeded=False)
    try:
        payload = message_event("U0ALICE", "hello", event_id="Ev0TWICE")
        answers = await asyncio.gather(one.sender.event(payload),
                                       two.sender.event(payload, headers={"X-Slack-Retry-Num": "1"}))
        assert [a.status_code for a in answers] == [200, 200]
        await slack_api.wait_for("chat.postMessage", 2)
        await asyncio.gather(settle(one), settle(two))
        assert len(slack_api.posts()) == 2
    finally:
        await one.stop()
        await two.stop()


async def test_own_other_bots_and_edited_messages_are_ignored(stack):
    own = message_event(BOT_USER, "What would you like to do?", bot_id="BBOT")
    other = message_event("U0ALICE", "Deploy done", subtype="bot_message", bot_id="B0OTHER")
    edited = message_event("U0ALICE", "", subtype="message_changed")
    for payload in (own, other, edited):
        assert (await stack.sender.event(payload)).status_code == 200
    await settle(stack)
    assert stack.fake.posts() == []
    assert await count(stack, Turn) == 0


async def test_mention_in_a_channel_is_answered_in_its_thread(stack):
    payload = mention_event("U0ALICE", "hello", channel="C0RIVERSIDE")
    await stack.sender.event(payload)
    [reply] = await stack.fake.wait_for("chat.postMessage", 1)
    assert reply["channel"] == "C0RIVERSIDE" and reply["thread_ts"] == payload["event"]["ts"]
    assert stack.fake.of("chat.postEphemeral") == []


async def test_managers_numbers_asked_in_a_channel_are_shown_to_them_alone(stack):
    """Numbers and customers' quotes never land in a channel: the answer is ephemeral, in the thread."""
    payload = mention_event("U0DANA", "which MOTs are weakest this week?", channel="C0RIVERSIDE")
    await stack.sender.event(payload)
    [reply] = await stack.fake.wait_for("chat.postEphemeral", 1)
    assert reply["channel"] == "C0RIVERSIDE" and reply["user"] == "U0DANA"
    assert reply["thread_ts"] == payload["event"]["ts"] and name(stack, "waiting-room") in reply["text"]
    assert stack.fake.posts() == []


async def test_team_may_allow_answers_in_channels(stack):
    async with stack.core.sessionmaker() as session, session.begin():
        team = await store.get_team(session=session, team_id=TEAM)
        await store.upsert_team(session=session, team_id=TEAM, name=team.name, cycle_id=team.cycle_id,
                                timezone=team.timezone, settings={"answer_in_channels": True})
    payload = mention_event("U0DANA", "which MOTs are weakest this week?", channel="C0RIVERSIDE")
    await stack.sender.event(payload)
    [reply] = await stack.fake.wait_for("chat.postMessage", 1)
    assert reply["channel"] == "C0RIVERSIDE" and reply["thread_ts"] == payload["event"]["ts"]
    assert name(stack, "waiting-room") in reply["text"]


# --- slash command, modal, App Home ------------------------------------------------------------


async def test_slash_command_acks_at_once_and_answers_in_the_dm(stack):
    started = time.perf_counter()
    response = await stack.sender.command(command_form("U0ALICE", "story", channel="C0RIVERSIDE"))
    assert time.perf_counter() - started < 3
    assert response.status_code == 200
    assert response.json() == {"text": "💬 I'll answer you in our direct messages.", "response_type": "ephemeral"}
    [answer] = await stack.fake.wait_for("chat.postMessage", 1)
    assert answer["channel"] == "DU0ALICE" and "What happened" in answer["text"]
    # in the DM itself the ack just says it is on it; `/mot` alone shows the menu
    again = await stack.sender.command(command_form("U0ALICE", "", channel="DU0ALICE"))
    assert again.json()["text"] == "⏳ On it…"
    await stack.fake.wait_for("chat.postMessage", 2)


async def test_slash_command_in_a_dm_this_process_never_opened_says_where_the_answer_goes(stack):
    """A web process only acks (the turn processes open the DMs), so it doesn't know a person's DM with
    the bot: a `/mot` typed in a `D…` channel may be that DM or one with a colleague. The note is true
    either way, and the answer still arrives in the person's DM."""
    stack.adapter._dm.clear()
    response = await stack.sender.command(command_form("U0ALICE", "story", channel="DU0ALICE"))
    assert response.json() == {"text": "⏳ On it… (my answer comes in our direct messages)",
                               "response_type": "ephemeral"}
    [answer] = await stack.fake.wait_for("chat.postMessage", 1)
    assert answer["channel"] == "DU0ALICE" and "What happened" in answer["text"]
    colleague = await stack.sender.command(command_form("U0ALICE", "", channel="D0WITHBOB"))
    assert "direct messages" in colleague.json()["text"]


async def test_slash_command_question_for_a_manager(stack):
    response = await stack.sender.command(command_form("U0DANA", "weakest this week", channel="C0RIVERSIDE"))
    assert response.status_code == 200
    [answer] = await stack.fake.wait_for("chat.postMessage", 1)
    assert answer["channel"] == "DU0DANA"
    assert "Weakest" in answer["text"] and name(stack, "waiting-room") in answer["text"]


async def test_story_form_shortcut_validation_and_submission(stack):
    fake = stack.fake
    shortcut = {"type": "shortcut", "callback_id": "tell_story", "trigger_id": "111.222.abc",
                "user": {"id": "U0ALICE", "username": "alice", "team_id": "T0FAKE"}, "team": {"id": "T0FAKE"}}
    assert (await stack.sender.interaction(shortcut)).status_code == 200
    [opened] = await fake.wait_for("views.open", 1)
    assert opened["trigger_id"] == "111.222.abc" and opened["view"]["callback_id"] == "story_form"
    mots = next(b for b in opened["view"]["blocks"] if b["block_id"] == "mot")["element"]["options"]
    assert "check-in" in [o["value"] for o in mots] and len(mots) == len(stack.core.cycles["healthcare-visit"].mots)

    def submission(story: str, mot: str) -> dict:
        values = {
            "story": {"value": {"type": "plain_text_input", "value": story}},
            "mot": {"value": {"type": "static_select", "selected_option": {"value": mot, "text": {"text": mot}}}},
            "action": {"value": {"type": "plain_text_input", "value": "Walked him to X-ray"}},
            "colleagues": {"users": {"type": "multi_users_select", "selected_users": ["U0SAM"]}},
            "colleagues_text": {"value": {"type": "plain_text_input", "value": "Priya"}},
            "effect": {"value": {"type": "plain_text_input", "value": "He was on time"}},
            "shareable": {"value": {"type": "checkboxes", "selected_options": []}},
        }
        return {"type": "view_submission", "user": {"id": "U0ALICE", "username": "alice"}, "team": {"id": "T0FAKE"},
                "trigger_id": "333.444.def",
                "view": {"id": "V0FORM1", "type": "modal", "callback_id": "story_form", "state": {"values": values},
                         "private_metadata": opened["view"]["private_metadata"]}}

    invalid = await stack.sender.interaction(submission("too short", "not-a-mot"))
    assert invalid.json() == {"response_action": "errors", "errors": {
        "story": "Please tell a little more: a sentence or two about what happened.",
        "mot": "Please pick the moment from the list."}}
    valid = await stack.sender.interaction(submission(STORY, "ask-directions"))
    assert valid.status_code == 200 and valid.content == b""
    [thanks] = await fake.wait_for("chat.postMessage", 1)
    assert thanks["channel"] == "DU0ALICE" and "Thank you, Alice" in thanks["text"]
    async with stack.core.sessionmaker() as session:
        [story] = (await session.exec(select(Story))).all()
    assert (story.mot_id, story.colleagues, story.effect, story.shareable) == (
        "ask-directions", ["<@U0SAM>", "Priya"], "He was on time", False)


async def test_story_form_from_app_home_and_for_strangers(stack):
    def home_click(user: str) -> dict:
        return {"type": "block_actions", "user": {"id": user}, "trigger_id": f"{user}.trigger",
                "container": {"type": "view", "view_id": "VHOME"}, "team": {"id": "T0FAKE"},
                "actions": [{"type": "button", "action_id": "open_story_form", "value": "story",
                             "block_id": "home", "action_ts": "1.2"}]}

    await stack.sender.interaction(home_click("U0SAM"))
    await stack.sender.interaction(home_click("U0STRANGER"))
    opened = await stack.fake.wait_for("views.open", 2)
    by_trigger = {o["trigger_id"]: o["view"] for o in opened}
    form = by_trigger["U0SAM.trigger"]
    assert form["callback_id"] == "story_form"
    assert "slack:U0STRANGER" in json.dumps(by_trigger["U0STRANGER.trigger"])

    # submitted from the Home tab: the thanks arrive in the DM and the Home tab shows the new story
    values = {"story": {"value": {"type": "plain_text_input", "value": STORY}},
              "mot": {"value": {"type": "static_select", "selected_option": {"value": "check-in"}}},
              "action": {"value": {"type": "plain_text_input", "value": "Walked her in"}}}
    submitted = {"type": "view_submission", "user": {"id": "U0SAM"}, "team": {"id": "T0FAKE"},
                 "view": {"id": "V0HOMEFORM", "type": "modal", "callback_id": "story_form", "state": {"values": values},
                          "private_metadata": form["private_metadata"]}}
    assert (await stack.sender.interaction(submitted)).status_code == 200
    [thanks] = await stack.fake.wait_for("chat.postMessage", 1)
    assert thanks["channel"] == "DU0SAM" and "Thank you, Sam" in thanks["text"]
    [home] = await stack.fake.wait_for("views.publish", 1)
    assert home["user_id"] == "U0SAM" and "walked her from the car park" in json.dumps(home["view"])


async def test_app_home_for_manager_and_staff(stack):
    # Sam tells a story naming Alice, so Alice's home shows the thanks
    await stack.say("U0SAM", "story: " + STORY)
    question = (await stack.fake.wait_for("chat.postMessage", 1))[-1]
    for answer in (next(b for b in buttons(question) if b != "other"),):
        await stack.sender.interaction(click_payload("U0SAM", question, answer))
    await stack.fake.wait_for("chat.postMessage", 2)
    await stack.say("U0SAM", "Alice")  # "Who helped?" (the story says what Sam did)
    await settle(stack)
    effect = stack.fake.posts()[-1]
    await stack.sender.interaction(click_payload("U0SAM", effect, "skip"))
    await stack.fake.wait_for("chat.postMessage", 4)
    await stack.sender.interaction(click_payload("U0SAM", stack.fake.posts()[-1], "yes"))
    await stack.fake.wait_for("chat.postMessage", 5)
    await stack.sender.interaction(click_payload("U0SAM", stack.fake.posts()[-1], "save"))  # the card
    await stack.fake.wait_for("chat.postMessage", 6)

    manager = envelope({"type": "app_home_opened", "user": "U0DANA", "channel": "DU0DANA", "tab": "home",
                        "event_ts": "1.1"}, event_id="Ev0HOME1")
    staff = envelope({"type": "app_home_opened", "user": "U0ALICE", "channel": "DU0ALICE", "tab": "home",
                      "event_ts": "1.2"})
    await stack.sender.event(manager)
    await stack.sender.event(manager, headers={"X-Slack-Retry-Num": "1"})
    await stack.sender.event(staff)
    published = await stack.fake.wait_for("views.publish", 2)
    await settle(stack)
    assert len(stack.fake.of("views.publish")) == 2
    views = {p["user_id"]: json.dumps(p["view"]) for p in published}
    assert "Weakest moments" in views["U0DANA"] and name(stack, "waiting-room") in views["U0DANA"]
    assert "Strongest moments" in views["U0DANA"] and name(stack, "check-in") in views["U0DANA"]
    assert "*Sam* thanked you" in views["U0ALICE"] and "Weakest" not in views["U0ALICE"]


# --- sending, errors, rate limits --------------------------------------------------------------


async def test_rate_limited_post_waits_and_retries(stack):
    stack.fake.fail_next("chat.postMessage", status=429, retry_after=0)
    await stack.say("U0ALICE", "hello")
    await stack.fake.wait_for("chat.postMessage", 3, timeout=5)  # one 429 + welcome + menu
    await settle(stack)
    assert len(stack.fake.posts()) == 3


async def test_platform_errors_are_logged_and_the_story_is_kept(stack, caplog):
    caplog.set_level(logging.ERROR, logger="bot.adapters.slack.adapter")
    await stack.say("U0ALICE", "story")
    await stack.fake.wait_for("chat.postMessage", 1)
    stack.fake.fail_next("chat.postMessage", error="channel_not_found")
    await stack.say("U0ALICE", STORY)
    await stack.fake.wait_for("chat.postMessage", 2)
    await settle(stack)
    assert any("chat.postMessage to a direct message failed" in r.getMessage() and "channel_not_found" in r.getMessage()
               for r in caplog.records)
    async with stack.core.sessionmaker() as session:  # the turn was saved although its reply was lost
        turns = (await session.exec(select(Turn).where(Turn.direction == "in"))).all()
    assert STORY in [t.text for t in turns]
    await stack.say("U0ALICE", "cancel")  # and the bot keeps serving
    assert "dropped" in (await stack.fake.wait_for("chat.postMessage", 3))[-1]["text"]


async def test_acks_before_slow_work(stack):
    stack.fake.delays["chat.postMessage"] = 0.6
    started = time.perf_counter()
    response = await stack.say("U0ALICE", "hello")
    assert response.status_code == 200 and time.perf_counter() - started < 0.5
    await stack.fake.wait_for("chat.postMessage", 2, timeout=5)


async def test_proactive_send_to_channel_dm_and_image(stack, tmp_path):
    core = stack.core
    await core.send(OutgoingMessage(ConversationKey(Platform.SLACK, "C0RIVERSIDE", ""), "🌟 Shout-out to *Sam*!"))
    await core.send(OutgoingMessage(ConversationKey(Platform.SLACK, "", "U0SAM"), "A question for you",
                                    (Choice("yes", "Yes"), Choice("no", "No"))))
    chart = tmp_path / "cycle-chart.png"
    chart.write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 2048)
    await core.send(OutgoingMessage(ConversationKey(Platform.SLACK, "C0RIVERSIDE", ""), "This week's chart",
                                    image_path=str(chart)))
    fake = stack.fake
    posts = fake.posts()
    assert [p["channel"] for p in posts] == ["C0RIVERSIDE", "DU0SAM"]
    assert fake.of("conversations.open") == [{"users": "U0SAM"}]
    assert buttons(posts[1]) == ["yes", "no"]
    [url] = fake.of("files.getUploadURLExternal")
    assert url["filename"] == "cycle-chart.png" and int(url["length"]) == chart.stat().st_size
    assert list(fake.uploads.values()) == [chart.read_bytes()]
    [done] = fake.of("files.completeUploadExternal")
    assert done["channel_id"] == "C0RIVERSIDE" and done["initial_comment"] == "This week's chart"

    fake.fail_next("chat.postMessage", error="not_in_channel")
    try:
        await core.send(OutgoingMessage(ConversationKey(Platform.SLACK, "C0OTHER", ""), "hello?"))
    except RuntimeError as exc:
        assert "not_in_channel" in str(exc)
    else:
        raise AssertionError("a failed proactive send must tell its caller")


async def test_requests_are_signed_with_the_shared_secret():
    # the helper the fakes and demos use signs exactly like Slack (v0=HMAC-SHA256 of v0:ts:body)
    import hashlib
    import hmac

    from devkit.fakes.slack_api import sign

    headers = sign(SECRET, "body", timestamp=1700000000)
    digest = hmac.new(SECRET.encode(), b"v0:1700000000:body", hashlib.sha256).hexdigest()
    assert headers == {"X-Slack-Request-Timestamp": "1700000000", "X-Slack-Signature": f"v0={digest}"}


async def test_mangled_real_payloads_never_get_a_5xx(stack):
    """Every recorded payload with each field (and each event field) replaced by a wrong type."""
    from pathlib import Path

    fixtures = Path(__file__).resolve().parent.parent / "fixtures" / "slack"
    statuses: dict[int, list[str]] = {}
    for path in sorted(fixtures.glob("*.json")):
        original = json.loads(path.read_text())
        variants = []
        for key in original:
            for wrong in (None, [], "x", 7):
                variants.append((f"{path.stem}.{key}={wrong!r}", {**original, key: wrong}))
        for key in original.get("event", {}) if isinstance(original.get("event"), dict) else ():
            for wrong in ([], {}, 7):
                variants.append((f"{path.stem}.event.{key}={wrong!r}",
                                 {**original, "event": {**original["event"], key: wrong}}))
        for name, payload in variants:
            if path.stem == "slash_command":
                response = await stack.sender.command({k: str(v) for k, v in payload.items()})
            elif "event" in original or original.get("type") == "url_verification":
                response = await stack.sender.event(payload)
            else:
                response = await stack.sender.interaction(payload)
            statuses.setdefault(response.status_code, []).append(name)
    await settle(stack)
    assert not [s for s in statuses if s >= 500], {s: names[:5] for s, names in statuses.items() if s >= 500}
    assert (await stack.sender.client.get(f"{stack.web.url}/healthz")).status_code == 200


async def test_a_click_delivered_twice_marks_its_question_once(stack):
    """Claim first: the router's database claim decides which delivery is processed, and only that one
    changes the clicked message (two processes would otherwise both call chat.update)."""
    fake, user = stack.fake, "U0ALICE"
    await stack.say(user, "story")
    question = (await fake.wait_for("chat.postMessage", 1))[-1]
    await stack.say(user, "A lady was lost in the car park so I walked her to the clinic entrance myself.")
    question = (await fake.wait_for("chat.postMessage", 2))[-1]
    click = click_payload(user, question, buttons(question)[0])
    await stack.sender.interaction(click)
    await stack.sender.interaction(click)
    await settle(stack)
    assert len(fake.of("chat.update")) == 1 and len(fake.posts()) == 3


async def test_a_trend_question_in_a_dm_comes_with_its_chart_uploaded(db_url, slack_api, tmp_path):
    """Issue 14: the trend's series is a picture too; buttons can't ride on a file, so they come first."""
    stack = await start_stack(db_url, slack_api, STORYBOT_CHART_DIR=str(tmp_path / "charts"))
    try:
        await stack.say("U0DANA", "trend for the waiting room over the last 8 weeks")
        [done] = await stack.fake.wait_for("files.completeUploadExternal", 1, timeout=30)  # matplotlib's first import
        [post] = stack.fake.posts()
        assert post["channel"] == "DU0DANA" and name(stack, "waiting-room") in post["text"]
        assert "weekly" in post["text"] and any(v.startswith("go:ask:compare:") for v in buttons(post))
        [url] = stack.fake.of("files.getUploadURLExternal")
        assert url["filename"].startswith("trend-riverside-") and url["filename"].endswith(".png")
        [picture] = stack.fake.uploads.values()
        assert picture[:8] == b"\x89PNG\r\n\x1a\n" and int(url["length"]) == len(picture)
        assert done["channel_id"] == "DU0DANA"
    finally:
        await stack.stop()

"""The store functions every turn uses (Core statements, built once): same results as the ORM gave,
detached objects, optimistic versions, one statement where one is promised. SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import event

from bot import store
from bot.store import turn
from bot.models import DialogState, Person, Team
from tests.conftest import TEAM


class Statements:
    """Counts the SQL statements sent to the database while active."""

    def __init__(self, app) -> None:  # type: ignore[no-untyped-def]
        self.engine, self.sql = app.engine.sync_engine, []

    def _record(self, conn, cursor, statement, params, context, executemany) -> None:  # type: ignore[no-untyped-def]
        self.sql.append(statement)

    def __enter__(self) -> Statements:
        event.listen(self.engine, "before_cursor_execute", self._record)
        return self

    def __exit__(self, *exc: object) -> None:
        event.remove(self.engine, "before_cursor_execute", self._record)


async def test_person_and_team_in_one_statement(app):  # type: ignore[no-untyped-def]
    async with app.sessionmaker() as session:
        with Statements(app) as seen:
            person, team = await store.get_person_and_team(session=session, person_id="console:dana")
    assert len(seen.sql) == 1
    assert isinstance(person, Person) and isinstance(team, Team)
    assert (person.id, person.display_name, person.role, person.team_id) == ("console:dana", "Dana", "manager", TEAM)
    assert person.mention_opt_out is False and person.created_at.tzinfo is not None
    assert (team.id, team.cycle_id, team.timezone) == (TEAM, "healthcare-visit", "Europe/London")
    assert team.channels == {"slack": "C1", "telegram": "-100"} and team.settings == {}
    assert team.created_at.tzinfo is not None


async def test_person_and_team_unknown_person_and_odd_ids(app):  # type: ignore[no-untyped-def]
    async with app.sessionmaker() as session:
        for person_id in ("slack:U404", "", "console:ali%", "console:alice' OR '1'='1", "🙂" * 50):
            assert await store.get_person_and_team(session=session, person_id=person_id) == (None, None)


async def test_person_and_team_sees_changes_at_once(app):  # type: ignore[no-untyped-def]
    """No cache: a role changed by `storybot team apply` counts on the very next turn."""
    async with app.sessionmaker() as session, session.begin():
        await store.upsert_person(session=session, person_id="console:dana", team_id=TEAM, display_name="Dana",
                                  role="staff")
    async with app.sessionmaker() as session:
        person, _ = await store.get_person_and_team(session=session, person_id="console:dana")
    assert person is not None and person.role == "staff"


async def _state(session, key: str) -> DialogState | None:  # type: ignore[no-untyped-def]
    """The live state as the router reads it at the start of a turn (`open_turn`, staff key)."""
    opened = await turn.open_turn(session=session, event_source="console", event_id=None,
                                  person_id="console:alice", default_team=None, conversation=key,
                                  anonymous_conversation="anon:x")
    assert opened is not None and opened.conversation == key
    return opened.state


async def _save(session, key: str, read: DialogState | None, **state) -> None:  # type: ignore[no-untyped-def]
    await turn.close_turn(session=session, conversation=key, read=read, turns=[], **state)


async def test_dialog_state_round_trip_and_versions(app):  # type: ignore[no-untyped-def]
    key, expires = "console:console:alice", datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
    slots = {"text": "Ünïcode 🙂 and \"quotes\"", "n": 3, "nested": {"list": [1, None]}}
    async with app.sessionmaker() as session, session.begin():
        assert await _state(session, key) is None
        await _save(session, key, None, dialog="story", step="what", slots=slots, expires_at=expires)
    async with app.sessionmaker() as session, session.begin():
        row = await _state(session, key)
        assert isinstance(row, DialogState)
        assert (row.dialog, row.step, row.slots, row.version) == ("story", "what", slots, 1)
        assert row.expires_at == expires and row.updated_at.tzinfo is not None
        await _save(session, key, row, dialog="story", step="who", slots={}, expires_at=expires + timedelta(hours=1))
    async with app.sessionmaker() as session:
        row = await _state(session, key)
    assert row is not None and (row.step, row.slots, row.version) == ("who", {}, 2)
    assert row.expires_at == expires + timedelta(hours=1)


async def test_dialog_state_stale_versions_are_refused(app):  # type: ignore[no-untyped-def]
    key, expires = "console:console:sam", datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
    async with app.sessionmaker() as session, session.begin():
        await _save(session, key, None, dialog="story", step="what", slots={}, expires_at=expires)
    async with app.sessionmaker() as session:
        first = await _state(session, key)
    assert first is not None and first.version == 1
    for read in (
        None,  # someone else started one meanwhile
        first.model_copy(update={"version": 7}),  # advanced elsewhere
    ):
        with pytest.raises(store.StaleStateError):
            async with app.sessionmaker() as session, session.begin():
                await _save(session, key, read, dialog="story", step="x", slots={}, expires_at=expires)
    with pytest.raises(store.StaleStateError):  # the dialog ended, but on a version that is gone
        async with app.sessionmaker() as session, session.begin():
            await _save(session, key, first.model_copy(update={"version": 2}), dialog=None, step=None, slots={},
                        expires_at=expires)
    async with app.sessionmaker() as session, session.begin():
        await _save(session, key, first, dialog=None, step=None, slots={}, expires_at=expires)
        assert await _state(session, key) is None


async def test_claim_event_once_per_source(app):  # type: ignore[no-untyped-def]
    async with app.sessionmaker() as session, session.begin():
        assert await store.claim_event(session=session, source="slack", event_id="Ev1") is True
        assert await store.claim_event(session=session, source="slack", event_id="Ev1") is False
        assert await store.claim_event(session=session, source="telegram", event_id="Ev1") is True
        long_id = "x" * 1000  # stored cut to the column's 255 characters; still claimed once
        assert await store.claim_event(session=session, source="slack", event_id=long_id) is True
        assert await store.claim_event(session=session, source="slack", event_id=long_id) is False


async def test_turn_log_is_one_statement_whatever_the_keys(app):  # type: ignore[no-untyped-def]
    key = "console:console:alice"
    turns = [
        {"direction": "in", "text": "hi", "message_id": "m1"},
        {"direction": "out", "dialog": "story", "step": "what", "text": "What happened?"},
        {"direction": "out", "text": "🙂", "choice_id": "go:story"},
    ]
    expires = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
    async with app.sessionmaker() as session, session.begin():
        with Statements(app) as seen:  # no dialog going on, none started: only the log is written
            await turn.close_turn(session=session, conversation=key, read=None, dialog=None, step=None, slots={},
                                  expires_at=expires, turns=turns)
            await turn.close_turn(session=session, conversation=key, read=None, dialog=None, step=None, slots={},
                                  expires_at=expires, turns=[])
    assert len(seen.sql) == 1
    async with app.sessionmaker() as session:
        logged = await store.list_turns(session=session, conversation=key)
    assert [(t.direction, t.text, t.dialog, t.step, t.choice_id, t.message_id) for t in logged] == [
        ("in", "hi", None, None, None, "m1"),
        ("out", "What happened?", "story", "what", None, None),
        ("out", "🙂", None, None, "go:story", None),
    ]


async def test_a_turns_replies_are_kept_with_its_claim_for_a_replay_only(app):  # type: ignore[no-untyped-def]
    """`close_turn` keeps the replies with the event's claim; a replay of the event gets them back, a
    re-delivery (the platform sending it again after it was finished) forgets them."""
    from bot.events import Choice, ConversationKey, OutgoingMessage, from_record, to_record

    key = ConversationKey.parse("slack:D1:U1")
    replies = [OutgoingMessage(key, "**Thanks!**", (Choice("go:story", "Tell a story"),), thread_id="1.2"),
               OutgoingMessage(key, "only you", private=True, markdown=False)]
    claim = {"event_source": "slack", "person_id": "slack:U1", "default_team": None, "conversation": str(key),
             "anonymous_conversation": "anon:x"}
    expires = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
    async with app.sessionmaker() as session, session.begin():
        assert await turn.open_turn(session=session, event_id="Ev1", **claim) is not None
        await turn.close_turn(session=session, conversation=str(key), read=None, dialog=None, step=None, slots={},
                              expires_at=expires, turns=[], event_source="slack", event_id="Ev1",
                              replies=[to_record(r) for r in replies])
    async with app.sessionmaker() as session, session.begin():
        assert await turn.open_turn(session=session, event_id="Ev1", **claim) is None  # claimed
        kept = await turn.claimed_replies(session=session, event_source="slack", event_id="Ev1", replayed=True)
    assert [from_record(r, replies[0].key) for r in kept] == replies
    assert all("key" not in r for r in kept)  # a customer's platform ids are not kept
    async with app.sessionmaker() as session, session.begin():
        assert await turn.claimed_replies(session=session, event_source="slack", event_id="Ev1", replayed=False) == []
    async with app.sessionmaker() as session, session.begin():
        assert await turn.claimed_replies(session=session, event_source="slack", event_id="Ev1", replayed=True) == []

"""Database tables (SQLModel). Timestamps are stored as UTC and always come back timezone-aware."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import JSON, Column, DateTime, Index, UniqueConstraint
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field, SQLModel

ROLES = ("staff", "manager")
RATINGS = ("shining", "irritating", "dull")


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator):
    """Store naive UTC (SQLite has no time zones), hand back aware UTC datetimes."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _ts(index: bool = False) -> Any:
    return Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False, index=index)


def _json(default: Any) -> Any:
    return Field(default_factory=default, sa_column=Column(JSON, nullable=False))


class Team(SQLModel, table=True):
    id: str = Field(primary_key=True, max_length=64)
    name: str = Field(max_length=200)
    cycle_id: str = Field(max_length=64)
    timezone: str = Field(default="UTC", max_length=64)
    channels: dict[str, str] = _json(dict)
    settings: dict[str, Any] = _json(dict)
    created_at: datetime = _ts()


class Person(SQLModel, table=True):
    """Staff and managers, by platform identity (`slack:U123`). Customers are never stored here."""

    id: str = Field(primary_key=True, max_length=128)
    team_id: str = Field(foreign_key="team.id", index=True, max_length=64)
    display_name: str = Field(max_length=200)
    role: str = Field(default="staff", max_length=16)
    mention_opt_out: bool = Field(default=False)
    created_at: datetime = _ts()


class Visit(SQLModel, table=True):
    """A visit customers can give feedback on (`start visit_<ref>`); `mot_ids` empty = the whole cycle."""

    ref: str = Field(primary_key=True, max_length=64)
    team_id: str = Field(foreign_key="team.id", index=True, max_length=64)
    mot_ids: list[str] = _json(list)
    created_at: datetime = _ts()


class StoryBase(SQLModel):
    team_id: str = Field(foreign_key="team.id", max_length=64)
    author_id: str = Field(max_length=128, index=True)
    suggested_mot_id: str | None = Field(default=None, max_length=64)
    suggestion_score: float | None = None
    mot_id: str = Field(max_length=64)
    text: str
    action: str = ""
    effect: str = ""
    shareable: bool = Field(default=True)


class Story(StoryBase, table=True):
    __table_args__ = (Index("ix_story_team_created", "team_id", "created_at"),)
    id: int | None = Field(default=None, primary_key=True)
    colleagues: list[str] = _json(list)
    original_text: str | None = None
    created_at: datetime = _ts()


class StoryCreate(StoryBase):
    colleagues: list[str] = []
    original_text: str | None = None
    created_at: datetime | None = None


class VisitFeedback(SQLModel, table=True):
    """One customer's answers for one visit. Anonymous: `contact_id` only when they opted in. `responder` is
    the conversation's pseudonym (`anon:` + HMAC, never a platform id): one row per (visit, responder), a
    second response from the same conversation replaces the first (NULLs, e.g. no visit ref, never clash)."""

    __tablename__ = "visit_feedback"
    __table_args__ = (
        Index("ux_visit_feedback_visit_responder", "visit_ref", "responder", unique=True),
        # the latest comments per (moment, sentiment): quoted with the ratings (bot.store.stats.rating_quotes)
        Index("ix_visit_feedback_team_mot_sentiment_created", "team_id", "free_text_mot_id", "free_text_sentiment",
              "created_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(foreign_key="team.id", index=True, max_length=64)
    visit_ref: str | None = Field(default=None, max_length=64)
    free_text: str = ""
    free_text_mot_id: str | None = Field(default=None, max_length=64)
    free_text_sentiment: str | None = Field(default=None, max_length=16)
    contact_opt_in: bool = Field(default=False)
    contact_id: str | None = Field(default=None, max_length=128)
    responder: str | None = Field(default=None, max_length=64)
    created_at: datetime = _ts()


class MotRating(SQLModel, table=True):
    __tablename__ = "mot_rating"
    __table_args__ = (Index("ix_mot_rating_team_created_mot", "team_id", "created_at", "mot_id", "rating"),
                      Index("ix_mot_rating_team_rating_mot_created", "team_id", "rating", "mot_id", "created_at"))
    id: int | None = Field(default=None, primary_key=True)
    feedback_id: int | None = Field(default=None, foreign_key="visit_feedback.id", index=True)
    team_id: str = Field(foreign_key="team.id", max_length=64)
    mot_id: str = Field(max_length=64)
    rating: str = Field(max_length=16)
    comment: str = ""
    created_at: datetime = _ts()


class RatingDay(SQLModel, table=True):
    """Daily roll-up of `mot_rating` per team, local day (in the team's time zone) and MOT: how many
    shining, irritating and dull ratings, and from how many responses. The row with `mot_id` "*"
    holds only `responses` over every MOT (a response rating three MOTs is one customer). Kept in the
    same transaction as the ratings (bot/store/rollup.py), so questions over a year read ~365 rows
    per MOT instead of every rating."""

    __tablename__ = "rating_day"
    team_id: str = Field(primary_key=True, max_length=64)
    day: date = Field(primary_key=True)
    mot_id: str = Field(primary_key=True, max_length=64)
    shining: int = 0
    irritating: int = 0
    dull: int = 0
    responses: int = 0


class RatingCreate(SQLModel):
    mot_id: str
    rating: str
    comment: str = ""


class TrainingExample(SQLModel, table=True):
    """A text whose MOT a person confirmed: what `storybot nlp retrain` learns from."""

    __tablename__ = "training_example"
    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(foreign_key="team.id", index=True, max_length=64)
    cycle_id: str = Field(max_length=64, index=True)
    text: str
    mot_id: str = Field(max_length=64)
    origin: str = Field(max_length=32)
    created_at: datetime = _ts()


class DialogState(SQLModel, table=True):
    """The one live conversation of a key: which dialog, which step (by name), the slots so far."""

    __tablename__ = "dialog_state"
    conversation: str = Field(primary_key=True, max_length=255)
    dialog: str = Field(max_length=64)
    step: str = Field(max_length=64)
    slots: dict[str, Any] = _json(dict)
    version: int = Field(default=1)
    updated_at: datetime = _ts()
    expires_at: datetime = Field(sa_type=UTCDateTime, nullable=False, index=True)


class AskedQuestion(SQLModel, table=True):
    """A manager's last answered question in a conversation (`bot.dialogs.ask.context`), so that a follow-up
    ("and last week?", "what about parking?") is read against it until `expires_at`."""

    __tablename__ = "asked_question"
    conversation: str = Field(primary_key=True, max_length=255)
    question: dict[str, Any] = _json(dict)
    asked_at: datetime = _ts()
    expires_at: datetime = Field(sa_type=UTCDateTime, nullable=False, index=True)


class Turn(SQLModel, table=True):
    """Append-only audit log: every message in and every reply out."""

    __table_args__ = (Index("ix_turn_conversation_created", "conversation", "created_at"),
                      Index("ix_turn_created", "created_at"))  # retention purges by age
    id: int | None = Field(default=None, primary_key=True)
    conversation: str = Field(max_length=255)
    direction: str = Field(max_length=3)
    dialog: str | None = Field(default=None, max_length=64)
    step: str | None = Field(default=None, max_length=64)
    text: str = ""
    choice_id: str | None = Field(default=None, max_length=255)
    message_id: str | None = Field(default=None, max_length=255)
    created_at: datetime = _ts()


class ProcessedEvent(SQLModel, table=True):
    """Platform message/event ids already handled, so a re-delivery is processed once."""

    __tablename__ = "processed_event"
    __table_args__ = (UniqueConstraint("source", "event_id", name="uq_processed_event"),)
    id: int | None = Field(default=None, primary_key=True)
    source: str = Field(max_length=32)
    event_id: str = Field(max_length=255)
    created_at: datetime = _ts(index=True)
    # The turn's replies (`bot.events.to_record`), kept in the router's transaction until the retention
    # purge: a replayed event whose replies never reached the outbox gets them back (bot/turn_source.py).
    replies: list[dict[str, Any]] | None = Field(default=None, sa_column=Column(JSON(none_as_null=True), nullable=True))


class InboxEvent(SQLModel, table=True):
    """An acknowledged platform event waiting to be processed (bot/inbox.py): written before the platform
    gets its 200 (the unique (platform, event_id) is the de-duplication claim while it waits), taken by one
    worker at a time (`lease_until`), oldest first per `conversation`, and deleted once processed (the
    router's `ProcessedEvent` claim stops a later re-delivery). `payload` is the adapter's validated raw
    payload: personal data and platform ids, kept only until the event is processed."""

    __tablename__ = "inbox_event"
    __table_args__ = (
        UniqueConstraint("platform", "event_id", name="uq_inbox_event"),
        Index("ix_inbox_event_conversation", "conversation", "id"),
    )
    id: int | None = Field(default=None, primary_key=True)
    platform: str = Field(max_length=32)
    event_id: str = Field(max_length=255)
    conversation: str = Field(max_length=255)  # events of one conversation are processed in id order
    payload: dict[str, Any] = _json(dict)
    received_at: datetime = _ts()
    attempts: int = Field(default=0)  # times a worker took it (a row that keeps killing workers is given up)
    lease_until: datetime | None = Field(default=None, sa_type=UTCDateTime, nullable=True)  # held until then


class OutboxMessage(SQLModel, table=True):
    """A request to a platform (a reply, one part of it) waiting to be sent (bot/outbox.py): stored by the
    turn that made it, sent oldest first per `conversation`, one at a time, by one worker (`lease_until`),
    and deleted once the platform took it. One that can't be sent now waits (`not_before`: Retry-After or
    a back-off). One whose fate is unknown, rejected, given up or skipped keeps its row as a record
    (`status`, `error`) without its payload or conversation: no text or platform id stays."""

    __tablename__ = "outbox_message"
    __table_args__ = (Index("ix_outbox_message_conversation", "conversation", "id"),)
    id: int | None = Field(default=None, primary_key=True)
    platform: str = Field(max_length=32)
    conversation: str = Field(max_length=255)  # requests of one conversation are sent in id order
    batch: str = Field(default="", max_length=32)  # the turn that made it (a fallback skips the rest of its turn)
    payload: dict[str, Any] = _json(dict)  # the adapter's request, made by `requests()` and sent by its `deliver`
    status: str = Field(default="pending", max_length=16)  # pending | unknown | failed | skipped
    created_at: datetime = _ts()
    not_before: datetime = _ts()  # not sent before then (Retry-After, back-off)
    attempts: int = Field(default=0)
    lease_until: datetime | None = Field(default=None, sa_type=UTCDateTime, nullable=True)  # being sent until then
    error: str = Field(default="", max_length=500)


class Standard(SQLModel, table=True):
    """A best practice a manager accepted as the team's standard for a MOT (monitored before/after)."""

    __table_args__ = (UniqueConstraint("team_id", "mot_id", "key", name="uq_standard"),)
    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(foreign_key="team.id", index=True, max_length=64)
    mot_id: str = Field(max_length=64)
    key: str = Field(max_length=255)
    behaviour: str
    effect: str = ""
    story_ids: list[int] = _json(list)
    accepted_by: str = Field(max_length=128)
    accepted_at: datetime = _ts()


class WeeklyRun(SQLModel, table=True):
    """Exactly-once weekly jobs: a unique (kind, team, ISO week) row is claimed before anything is
    posted, so restarts, catch-ups and two schedulers never post twice."""

    __tablename__ = "weekly_run"
    __table_args__ = (UniqueConstraint("kind", "team_id", "week", name="uq_weekly_run"),)
    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=32)
    team_id: str = Field(foreign_key="team.id", max_length=64)
    week: str = Field(max_length=10)
    status: str = Field(default="claimed", max_length=24)
    attempts: int = Field(default=0)
    content: dict[str, Any] = _json(dict)
    error: str | None = None
    created_at: datetime = _ts()
    updated_at: datetime = _ts()


PROBLEM_SEVERITIES = ("irritating", "dull")


class ProblemReportBase(SQLModel):
    team_id: str = Field(foreign_key="team.id", max_length=64)
    cycle_id: str = Field(max_length=64)
    reporter_id: str = Field(max_length=128, index=True)
    suggested_mot_id: str | None = Field(default=None, max_length=64)
    mot_id: str = Field(max_length=64)
    severity: str = Field(max_length=16)  # PROBLEM_SEVERITIES: a MOT experience with negative valence
    text: str  # redacted like a story's
    fix: str = ""  # what would fix it / what they'd do differently next time ("" when skipped)
    shared: bool = Field(default=False)  # the team's managers may read the text and who reported it


class ProblemReport(ProblemReportBase, table=True):
    """A staff member's report of an irritating or dull moment. `status` starts "open" so a later
    follow-up (a case per problem) can pick the open ones up and close them."""

    __tablename__ = "problem_report"
    __table_args__ = (Index("ix_problem_report_team_created", "team_id", "created_at"),)
    id: int | None = Field(default=None, primary_key=True)
    status: str = Field(default="open", max_length=16)
    created_at: datetime = _ts()


class ProblemReportCreate(ProblemReportBase):
    created_at: datetime | None = None

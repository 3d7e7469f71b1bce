"""Every SQL statement of the bot: short keyword-only functions over the database, one module per
aggregate. Callers own the session and the transaction.

- `conversation`: dialog state, the turn log, de-duplication claims (what every turn does);
- `person`: teams and people;
- `story`: staff stories, read through `visible_to` (bot.visibility as a WHERE clause);
- `feedback`: visits, customers' feedback and ratings;
- `problem`: staff problem reports (irritating or dull moments), read through `problem_visible_to`;
- `stats`: the numbers managers ask for, standards, what practice cards are drawn from;
- `training_example`: confirmed texts the MOT classifier learns from;
- `weekly_run`: the exactly-once rows of the weekly jobs;
- `inbox`: the durable inbox of accepted platform events (bot/inbox.py);
- `outbox`: the durable outbox of requests to the platforms (bot/outbox.py);
- `sql`: prebuilt Core statements shared by the modules above.

The public functions are re-exported here, so `from bot import store; store.get_team(...)` works.
`AsyncSession` is re-exported as the type of the `session` argument, for modules that must not import
sqlmodel themselves."""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.store.conversation import (
    StaleStateError,
    claim_event,
    delete_expired_dialog_states,
    delete_processed_events,
    delete_turns,
    list_turns,
    recall_question,
    remember_question,
)
from bot.store.inbox import (
    InboxRow,
    add_inbox_events,
    count_inbox_events,
    finish_inbox_event,
    release_inbox_events,
    renew_inbox_leases,
    take_inbox_event,
)
from bot.store.outbox import (
    OutboxRow,
    add_outbox_messages,
    count_outbox_messages,
    expire_outbox_leases,
    finish_outbox_message,
    next_outbox_due,
    purge_outbox_records,
    record_outbox_message,
    release_outbox_messages,
    renew_outbox_leases,
    retry_outbox_message,
    skip_outbox_batch,
    take_outbox_message,
)
from bot.store.feedback import (
    count_feedback,
    create_feedback,
    create_visit,
    get_feedback_of,
    get_visit,
    list_ratings,
)
from bot.store.person import (
    get_person,
    get_person_and_team,
    get_team,
    list_people,
    list_teams,
    set_mention_opt_out,
    upsert_person,
    upsert_team,
)
from bot.store.problem import (
    count_problem_reports,
    create_problem_report,
    list_problem_reports,
    problem_visible_to,
)
from bot.store.rollup import rebuild_rollups
from bot.store.stats import (
    accept_standard,
    before_after,
    count_comments,
    count_ratings,
    first_rating_at,
    first_story_at,
    rating_series,
    stories_per_author,
    story_colleagues,
    list_standards,
    mot_stats,
    practice_sources,
    quotes_saying,
    rating_quotes,
    story_counts,
    story_quotes,
)
from bot.store.story import count_stories, create_story, list_stories, told_before, visible_to
from bot.store.training_example import add_training_example, count_training_examples, list_example_texts

__all__ = [
    "AsyncSession",
    "InboxRow",
    "add_inbox_events",
    "count_inbox_events",
    "finish_inbox_event",
    "release_inbox_events",
    "renew_inbox_leases",
    "take_inbox_event",
    "OutboxRow",
    "add_outbox_messages",
    "count_outbox_messages",
    "expire_outbox_leases",
    "finish_outbox_message",
    "next_outbox_due",
    "purge_outbox_records",
    "record_outbox_message",
    "release_outbox_messages",
    "renew_outbox_leases",
    "retry_outbox_message",
    "skip_outbox_batch",
    "take_outbox_message",
    "StaleStateError",
    "accept_standard",
    "add_training_example",
    "before_after",
    "rebuild_rollups",
    "count_comments",
    "count_ratings",
    "first_rating_at",
    "first_story_at",
    "rating_series",
    "stories_per_author",
    "story_colleagues",
    "claim_event",
    "count_feedback",
    "count_problem_reports",
    "count_stories",
    "count_training_examples",
    "create_feedback",
    "create_problem_report",
    "create_story",
    "create_visit",
    "delete_expired_dialog_states",
    "delete_processed_events",
    "delete_turns",
    "get_feedback_of",
    "get_person",
    "get_person_and_team",
    "get_team",
    "get_visit",
    "list_example_texts",
    "list_people",
    "list_problem_reports",
    "list_ratings",
    "list_standards",
    "list_stories",
    "list_teams",
    "list_turns",
    "recall_question",
    "remember_question",
    "mot_stats",
    "practice_sources",
    "problem_visible_to",
    "quotes_saying",
    "rating_quotes",
    "set_mention_opt_out",
    "story_counts",
    "story_quotes",
    "told_before",
    "upsert_person",
    "upsert_team",
    "visible_to",
]

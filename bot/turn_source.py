"""Which inbox event the turn in progress comes from: set by the inbox's lane around the adapter's
`process` (bot/inbox.py), read by the router and the outbox. A leaf, like `bot.delivery`'s `SENDING`.

- The router keeps a turn's replies with its `processed_event` claim, in its transaction. An event
  the router has processed already comes back in two ways: taken again from the inbox after its
  process died (`replayed`: the inbox row was taken before), or delivered again by the platform after
  its row was finished. Only a replay may find its replies not in the outbox yet (the process died
  between the router's commit and the outbox's), so only a replay gets them back, to be stored then.
- The outbox, storing a turn's replies, finishes (deletes) its inbox event in the same transaction:
  once they are stored, the event is never replayed, so they are stored once. Only if the event is
  still this worker's take (`attempts`): a worker whose event was taken again meanwhile (its lease ran
  out while it lived: the database was away, the machine overloaded) stores nothing, and the one that
  took it stores the replies kept with the claim instead."""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(slots=True)
class TurnSource:
    inbox_id: int  # the inbox row (bot.models.InboxEvent.id)
    attempts: int  # how often it has been taken, this time included
    stored: bool = False  # the turn's replies are in the outbox (its inbox event finished with them)

    @property
    def replayed(self) -> bool:
        """Taken before: a process that had it died (or was stopped) before finishing it."""
        return self.attempts > 1


TURN_SOURCE: ContextVar[TurnSource | None] = ContextVar("storybot_turn_source", default=None)


def current_source() -> TurnSource | None:
    return TURN_SOURCE.get()

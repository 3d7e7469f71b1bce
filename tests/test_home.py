"""The home screen's data (bot/home.py): a person's own stories and the colleagues' stories that
thank them, read through bot.visibility with the person as viewer; counts in SQL."""

from __future__ import annotations

from datetime import timedelta

from bot import store
from bot.config import DATA_DIR
from bot.cycle import load_cycles
from bot.app import App
from bot.home import Home, build_home
from bot.models import StoryCreate, utcnow
from tests.conftest import TEAM

CYCLES = load_cycles(DATA_DIR / "cycles")


async def add(app: App, author: str, text: str, *, colleagues: tuple[str, ...] = (), shareable: bool = True,
              ago: int = 0) -> None:
    async with app.sessionmaker() as session, session.begin():
        await store.create_story(session=session, data=StoryCreate(
            team_id=TEAM, author_id=author, mot_id="check-in", text=text, colleagues=list(colleagues),
            shareable=shareable, created_at=utcnow() - timedelta(minutes=ago)))


async def home(app: App, person_id: str, **kwargs: int) -> Home:
    async with app.sessionmaker() as session:
        return await build_home(session=session, person_id=person_id, cycles=CYCLES, **kwargs)


async def test_a_private_story_naming_a_colleague_is_not_on_their_home(app):
    await add(app, "console:alice", "Sam and Dana found a wheelchair; kept private.", colleagues=("Sam", "Dana"),
              shareable=False, ago=2)
    await add(app, "console:alice", "Sam fetched water for a man waiting alone.", colleagues=("Sam",), ago=1)
    await add(app, "console:dana", "Dana's own private note naming Sam.", colleagues=("Sam",), shareable=False)

    sam = await home(app, "console:sam")
    assert [(t.text, t.author_name) for t in sam.thanks] == [("Sam fetched water for a man waiting alone.", "Alice")]
    assert sam.stories == () and sam.story_count == 0

    alice = await home(app, "console:alice")  # the author sees both of hers, private or not
    assert [s.text for s in alice.stories] == ["Sam fetched water for a man waiting alone.",
                                              "Sam and Dana found a wheelchair; kept private."]
    assert alice.story_count == 2 and alice.thanks == ()

    dana = await home(app, "console:dana")  # a manager of the team may see the private one
    assert [t.text for t in dana.thanks] == ["Sam and Dana found a wheelchair; kept private."]
    assert dana.story_count == 1 and [s.text for s in dana.stories] == ["Dana's own private note naming Sam."]


async def test_story_count_is_all_of_them_while_the_list_is_the_latest(app):
    for i in range(7):
        await add(app, "console:alice", f"story {i}", shareable=i % 2 == 0, ago=10 - i)
    await add(app, "console:sam", "not Alice's")
    alice = await home(app, "console:alice", recent=3)
    assert alice.story_count == 7 and [s.text for s in alice.stories] == ["story 6", "story 5", "story 4"]
    assert (await home(app, "console:guest")).story_count == 0

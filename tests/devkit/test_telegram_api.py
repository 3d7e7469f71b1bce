"""The fake Telegram Bot API as the developer tools drive it (`devkit.tg` in another process)."""

import httpx

from devkit.fakes.telegram_api import FakeTelegramAPI, text_update


async def test_updates_pushed_by_another_process_get_fresh_message_ids():
    """`devkit.tg` is a new process per message and builds its update the same way each run: the fake
    numbers each message itself, so a second "yes" is not taken for a re-delivery of the first."""
    api = FakeTelegramAPI()
    await api.start()
    try:
        async with httpx.AsyncClient() as client:
            for _ in range(2):
                sent = await client.post(f"{api.url}/_updates", json=text_update("yes", user_id=42, message_id=100))
                assert sent.status_code == 200
        ids = [message_id for chat, message_id in api.messages if chat == 42]
        assert len(ids) == 2 and len(set(ids)) == 2 and 100 not in ids
    finally:
        await api.stop()

"""Platform edges: the only modules that know Slack, Telegram or the terminal."""

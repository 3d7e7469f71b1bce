"""Development helpers shared by tests/ and bench/ (not part of the shipped `bot` package, and
importing nothing from tests/): `signing` signs requests like Slack, `fuzz` mutates recorded
payloads and checks what the web app makes of them."""

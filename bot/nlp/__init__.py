"""NLP: pure functions over text (no other bot imports)."""

"""NLP: pure functions over text (no other bot imports).

classifier (topic + sentiment model: fit_model, load_model, TopicModel.classify -> prediction.Prediction),
trainer (train from JSONL, train_default_model), metric, mapping (topics -> MOT probabilities),
cycle (zero-shot + learning MOT classifier for any cycle), redact, practice (best practices from praise),
cli (`storybot nlp train|evaluate`), question and period (manager questions), answer (replies to a
bot question: choices, yes/no, ratings), story_parts (what a staff story already says: what the teller did,
who helped, the effect, whether it is about a colleague).
"""
